//! Validation: raw sections in, a checked [`Catalog`] out, every mistake collected.

use std::collections::{HashMap, HashSet};

use crate::codes::procedure_texts;
use crate::diagnostics::Sink;
use crate::model::{Catalog, Level, Model, Module, Procedure};
use crate::names::Names;
use crate::schema::{Raw, RawModule, RawNumbers, RawParts};
use crate::spans::Spans;
use hms_core::{Alert, PartLayout, PartNumbers};

pub fn validate(raw: Raw, sink: &mut Sink) -> Catalog {
    let spans = &raw.spans;
    let mut catalog = Catalog { includes: raw.includes.clone(), ..Catalog::default() };

    let mut module_variants = Names::new("module variant");
    for (path, m) in &raw.modules {
        let id_text = spans.scalar(&format!("{path}.id")).unwrap_or_default();
        let id = match u8::from_str_radix(id_text.trim(), 16) {
            Ok(id) if id_text.trim().len() == 2 => id,
            _ => {
                sink.error(
                    spans,
                    &format!("{path}.id"),
                    format!("module id `{id_text}` must be two hex digits, like \"07\""),
                );
                continue;
            }
        };
        if catalog.module(id).is_some() {
            sink.error(spans, &format!("{path}.id"), format!("duplicate module id {id:02X}"));
            continue;
        }
        let variant = m.variant.clone().unwrap_or_else(|| camel_case(&m.name));
        module_variants.claim(&variant, &format!("{path}.variant"), spans, sink);
        let parts = m.parts.as_ref().and_then(|p| read_parts(p, &format!("{path}.parts"), spans, sink));
        let unit_words = unit_words(m, path, spans, sink);
        catalog.modules.push(Module {
            id,
            abbr: m.abbr.clone(),
            name: m.name.clone(),
            variant,
            lettered: m.lettered,
            parts,
            unit_words,
        });
    }

    let mut model_variants = Names::new("model variant");
    for (path, m) in &raw.models {
        let prefix = spans.scalar(&format!("{path}.prefix")).map(str::to_owned);
        if !m.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) || m.id.is_empty() {
            sink.error(
                spans,
                &format!("{path}.id"),
                format!("model id `{}` must be upper-case letters and digits", m.id),
            );
            continue;
        }
        if catalog.model_index(&m.id).is_some() {
            sink.error(spans, &format!("{path}.id"), format!("duplicate model `{}`", m.id));
            continue;
        }
        if let Some(p) = &prefix
            && !crate::model::is_serial_prefix(p)
        {
            sink.error(
                spans,
                &format!("{path}.prefix"),
                format!("serial prefix `{p}` must be three letters or digits"),
            );
        }
        if catalog.models.len() == crate::model::MAX_MODELS {
            sink.error(spans, path, "more than 32 models: a set of models is a 32-bit mask");
            continue;
        }
        let variant = m.variant.clone().unwrap_or_else(|| m.id.clone());
        model_variants.claim(&variant, &format!("{path}.variant"), spans, sink);
        catalog.models.push(Model { id: m.id.clone(), prefix, name: m.name.clone(), variant, unnamed: false });
    }

    let mut level_variants = Names::new("level variant");
    let mut level_ids = HashSet::new();
    for (path, l) in &raw.levels {
        let id_text = spans.scalar(&format!("{path}.id")).unwrap_or_default();
        let Ok(id) = id_text.trim().parse::<u16>() else {
            sink.error(spans, &format!("{path}.id"), format!("level id `{id_text}` must be a number from 0 to 65535"));
            continue;
        };
        // A set, not `Catalog::level`: a catalog may list up to 65,536 levels.
        if !level_ids.insert(id) {
            sink.error(spans, &format!("{path}.id"), format!("duplicate level {id}"));
            continue;
        }
        level_variants.claim(&l.variant, &format!("{path}.variant"), spans, sink);
        let alert = read_alert(l.alert.as_deref(), &format!("{path}.alert"), spans, sink).unwrap_or(Alert::Fault);
        catalog.levels.push(Level {
            id,
            variant: l.variant.clone(),
            name: l.name.clone(),
            meaning: l.meaning.clone(),
            alert,
        });
    }

    let mut procedure_paths = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (path, p) in &raw.procedures {
        let valid =
            !p.name.is_empty() && p.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            sink.error(
                spans,
                &format!("{path}.name"),
                format!("procedure name `{}` must be lower-case words joined by `-`", p.name),
            );
        } else if by_name.contains_key(&p.name) {
            sink.error(spans, &format!("{path}.name"), format!("duplicate procedure `{}`", p.name));
            continue;
        }
        if p.steps.is_empty() {
            sink.error(spans, &format!("{path}.steps"), format!("procedure `{}` has no steps", p.name));
        }
        by_name.insert(p.name.clone(), catalog.procedures.len());
        procedure_paths.push(path.clone());
        catalog.procedures.push(Procedure {
            name: p.name.clone(),
            title: p.title.clone(),
            steps: p.steps.clone(),
            parts: p.parts.clone(),
            support: p.support.clone(),
        });
    }
    for (p, path) in catalog.procedures.iter().zip(&procedure_paths) {
        let texts = procedure_texts(p).map(|(field, text)| (format!("{path}.{field}"), text));
        crate::codes::check_texts(texts, None, spans, sink);
    }

    crate::codes::validate(&raw, &mut catalog, &level_ids, &by_name, sink);
    catalog
}

/// `Motion Controller` -> `MotionController`, `AMS-HT` -> `AmsHt`.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        out.insert(0, 'M');
    }
    out
}

/// A module's `parts: { numbers: slots, digits: 0-3 }`; `None`, with a diagnostic, when bad.
fn read_parts(raw: &RawParts, at: &str, spans: &Spans, sink: &mut Sink) -> Option<PartLayout> {
    let numbers = match raw.numbers {
        RawNumbers::Slots => PartNumbers::Slots,
        RawNumbers::Rack => PartNumbers::Rack,
    };
    let digit = |d: &str| u8::from_str_radix(d.trim(), 16).ok().filter(|_| d.trim().len() == 1);
    let digits = raw.digits.split_once('-').and_then(|(a, b)| Some((digit(a)?, digit(b)?)));
    let layout = match digits {
        Some((first, last)) => PartLayout::new(numbers, first, last),
        None => None,
    };
    if digits.is_none_or(|(first, last)| first > last) {
        let message = format!(
            "`parts.digits` is `{}`: write the first and last hex digit of the part's low digit, like `0-3`",
            raw.digits
        );
        sink.error(spans, &format!("{at}.digits"), message);
    }
    layout
}

/// A module's `unit_words` (the words a unit letter follows in Bambu's texts): its
/// abbreviation when not written; only a lettered module has them.
fn unit_words(m: &RawModule, path: &str, spans: &Spans, sink: &mut Sink) -> Vec<String> {
    let at = format!("{path}.unit_words");
    if !m.lettered {
        if !m.unit_words.is_empty() {
            sink.error(spans, &at, "`unit_words` are for a module whose units are lettered: add `lettered: true`");
        }
        return Vec::new();
    }
    if m.unit_words.is_empty() {
        return vec![m.abbr.clone()];
    }
    for (i, word) in m.unit_words.iter().enumerate() {
        if word.trim().is_empty() || word.trim() != word {
            sink.error(
                spans,
                &format!("{at}[{i}]"),
                format!("unit word `{word}` must be words without spaces around them"),
            );
        }
    }
    m.unit_words.clone()
}

/// An `alert:` value (`status`); a name of no class, or `silent`, is an error naming the classes.
pub(crate) fn read_alert(value: Option<&str>, at: &str, spans: &Spans, sink: &mut Sink) -> Option<Alert> {
    let value = value?;
    let alert = Alert::from_name(value).filter(|a| a.is_shown());
    if alert.is_none() {
        let names: Vec<&str> = Alert::ALL.iter().filter(|a| a.is_shown()).map(|a| a.name()).collect();
        let silent = if value == Alert::Silent.name() {
            " (a code is silent only where Bambu's lists give it an empty text)"
        } else {
            ""
        };
        sink.error(spans, at, format!("alert `{value}` must be one of: {}{silent}", names.join(", ")));
    }
    alert
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_become_variants() {
        assert_eq!(camel_case("Motion Controller"), "MotionController");
        assert_eq!(camel_case("AMS-HT"), "AmsHt");
        assert_eq!(camel_case("APP"), "App");
    }
}
