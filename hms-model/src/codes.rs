//! Code entries: each entry's patterns read and checked, its texts and procedures checked
//! against every pattern, and no code claimed twice.

use std::collections::{HashMap, HashSet};

use hms_core::placeholder::{self, Piece, Side};
use serde_yaml::Value;

use crate::diagnostics::Sink;
use crate::model::{Catalog, CodeEntry, EntryPattern, Procedure};
use crate::names::Names;
use crate::pattern::{Fillable, check_family_overlaps, read_pattern};
use crate::schema::{Raw, RawCode};
use crate::spans::Spans;
use hms_core::CodePattern;

/// Longest text the tables can address.
const MAX_TEXT: usize = u16::MAX as usize;

/// The most patterns one entry may list (the tables number them in a byte).
pub const MAX_PATTERNS: usize = u8::MAX as usize;

/// Checks every entry of `raw.codes` and adds the valid ones to `catalog`.
pub fn validate(
    raw: &Raw,
    catalog: &mut Catalog,
    level_ids: &HashSet<u16>,
    by_name: &HashMap<String, usize>,
    sink: &mut Sink,
) {
    let spans = &raw.spans;
    let mut code_variants = Names::new("code variant");
    // Every pattern kept, with its span path, for the overlap check.
    let mut all: Vec<(String, EntryPattern)> = Vec::new();
    let mut seen: HashMap<CodePattern, String> = HashMap::new();
    for (path, c) in &raw.codes {
        let mut patterns = Vec::new();
        for (at, pattern) in read_patterns(path, c, catalog, level_ids, spans, sink) {
            let key = pattern.pattern;
            if let Some(first) = seen.get(&key) {
                let place = sink.place(spans, first, &at);
                sink.error(spans, &at, format!("duplicate code {}: already listed at {place}", pattern.spelled()));
                continue;
            }
            seen.insert(key, at.clone());
            patterns.push((at, pattern));
        }
        if patterns.is_empty() {
            continue;
        }
        if let Some(v) = &c.variant {
            code_variants.claim(v, &format!("{path}.variant"), spans, sink);
        }
        let fills: Vec<(String, Fillable)> =
            patterns.iter().map(|(_, p)| (p.spelled(), Fillable::of(p, catalog))).collect();
        let fills = Fills { fills: &fills, several: patterns.len() > 1 };
        let own = [("title", &c.title), ("meaning", &c.meaning)]
            .into_iter()
            .map(|(f, t)| (format!("{path}.{f}"), t.as_str()));
        let causes = c.causes.iter().enumerate().map(|(i, t)| (format!("{path}.causes.{i}"), t.as_str()));
        let note = c.note.iter().map(|t| (format!("{path}.note"), t.as_str()));
        check_texts(own.chain(causes).chain(note), Some(fills), spans, sink);

        let mut entry = CodeEntry {
            patterns: patterns.iter().map(|(_, p)| p.clone()).collect(),
            variant: c.variant.clone(),
            title: c.title.clone(),
            meaning: c.meaning.clone(),
            causes: c.causes.clone(),
            procedure: None,
            see_also: None,
            note: c.note.clone(),
            alert: crate::check::read_alert(c.alert.as_deref(), &format!("{path}.alert"), spans, sink),
            line: spans.at(&format!("{path}.code")).line,
        };
        entry.procedure = procedure(path, c, fills, catalog, by_name, spans, sink);
        entry.see_also =
            c.see_also.as_ref().and_then(|name| procedure_ref(name, &format!("{path}.see_also"), by_name, spans, sink));
        for (field, index) in [("procedure", entry.procedure), ("see_also", entry.see_also)] {
            let Some(p) = index.map(|i| &catalog.procedures[i]) else { continue };
            if p.name.is_empty() {
                continue;
            }
            for (spelled, fill) in fills.fills {
                if let Some(problem) = procedure_texts(p).find_map(|(_, text)| fill.unfillable(text)) {
                    sink.error(
                        spans,
                        &format!("{path}.{field}"),
                        format!("procedure `{}` {problem}, which code {spelled} cannot fill", p.name),
                    );
                }
            }
        }
        catalog.codes.push(entry);
        all.extend(patterns);
    }
    if all.len() > crate::limits::MAX_CODES {
        let message = format!(
            "{} code patterns in all, more than the {} the tables can hold",
            all.len(),
            crate::limits::MAX_CODES
        );
        sink.error(spans, "codes", message);
        return;
    }
    check_family_overlaps(&all, spans, sink);
}

/// The patterns of an entry's `code`: one code, or a list of them; each bad one a diagnostic.
fn read_patterns(
    path: &str,
    c: &RawCode,
    catalog: &Catalog,
    level_ids: &HashSet<u16>,
    spans: &Spans,
    sink: &mut Sink,
) -> Vec<(String, EntryPattern)> {
    let at = format!("{path}.code");
    let items: Vec<(String, Option<&serde_yaml::Mapping>)> = match &c.code {
        Value::Sequence(items) if items.is_empty() => {
            sink.error(spans, &at, "`code` lists no code: write one code, or a list of codes");
            return Vec::new();
        }
        Value::Sequence(items) if items.len() > MAX_PATTERNS => {
            let message = format!("{} codes in one entry, more than the {MAX_PATTERNS} an entry can hold", items.len());
            sink.error(spans, &at, message);
            return Vec::new();
        }
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("{at}.{i}"), if let Value::Mapping(m) = item { Some(m) } else { None }))
            .collect(),
        Value::String(_) | Value::Number(_) => vec![(at, None)],
        _ => {
            sink.error(spans, &at, "`code` must be a code, like 0700_2000_0002_0003, or a list of codes");
            return Vec::new();
        }
    };
    items
        .into_iter()
        .filter_map(|(at, mapping)| {
            let pattern = match mapping {
                None => read_pattern(&at, catalog, level_ids, spans, sink)?,
                Some(mapping) => sided(&at, mapping, catalog, level_ids, spans, sink)?,
            };
            Some((at, pattern))
        })
        .collect()
}

/// A list item `{ code: 0300_1E00_0001_0001, side: left }`: an exact code and its side.
fn sided(
    at: &str,
    mapping: &serde_yaml::Mapping,
    catalog: &Catalog,
    level_ids: &HashSet<u16>,
    spans: &Spans,
    sink: &mut Sink,
) -> Option<EntryPattern> {
    let mut ok = true;
    for key in mapping.keys() {
        let name = key.as_str().unwrap_or("?");
        if name != "code" && name != "side" {
            sink.error(
                spans,
                &format!("{at}.{name}#key"),
                format!("unknown key `{name}`: a code item takes `code` and `side`"),
            );
            ok = false;
        }
    }
    if !mapping.contains_key("code") {
        sink.error(spans, at, "a code with a side is written `{ code: 0300_1E00_0001_0001, side: left }`");
        return None;
    }
    let mut pattern = read_pattern(&format!("{at}.code"), catalog, level_ids, spans, sink)?;
    let side_at = format!("{at}.side");
    let side = match spans.scalar(&side_at) {
        None if !mapping.contains_key("side") => None,
        Some(name) if Side::from_name(name).is_some() => Side::from_name(name),
        _ => {
            sink.error(spans, &side_at, "`side` must be `left` or `right`");
            return None;
        }
    };
    if let Some(side) = side {
        let implied = Side::of_module_number(pattern.module_number());
        if pattern.is_family() {
            sink.error(
                spans,
                &side_at,
                format!("family {} cannot take a side: only an exact code can", pattern.spelled()),
            );
            ok = false;
        } else if implied.is_some_and(|implied| implied != side) {
            let number = pattern.module_number();
            let message = format!(
                "code {} is on the {} side (module number {number:02X}), not the {}",
                pattern.spelled(),
                implied.map_or("", |s| s.name()),
                side.name()
            );
            sink.error(spans, &side_at, message);
            ok = false;
        }
        pattern.side = Some(side);
    }
    ok.then_some(pattern)
}

/// The entry's procedure: named, or written inline as `steps`.
fn procedure(
    path: &str,
    c: &RawCode,
    fills: Fills<'_>,
    catalog: &mut Catalog,
    by_name: &HashMap<String, usize>,
    spans: &Spans,
    sink: &mut Sink,
) -> Option<usize> {
    match (&c.procedure, &c.steps) {
        (Some(_), Some(_)) => {
            sink.error(
                spans,
                &format!("{path}.steps#key"),
                "a code takes either `procedure` or inline `steps`, not both",
            );
            None
        }
        (Some(name), None) => procedure_ref(name, &format!("{path}.procedure"), by_name, spans, sink),
        (None, Some(steps)) => {
            if steps.is_empty() {
                sink.error(spans, &format!("{path}.steps"), "inline `steps` must list at least one step");
            }
            let inline = Procedure {
                name: String::new(),
                title: c.title.clone(),
                steps: steps.clone(),
                parts: c.parts.clone(),
                support: c.support.clone(),
            };
            let texts = procedure_texts(&inline).map(|(field, text)| (format!("{path}.{field}"), text));
            check_texts(texts, Some(fills), spans, sink);
            catalog.procedures.push(inline);
            Some(catalog.procedures.len() - 1)
        }
        (None, None) => {
            if !c.parts.is_empty() || c.support.is_some() {
                let field = if c.parts.is_empty() { "support" } else { "parts" };
                sink.error(
                    spans,
                    &format!("{path}.{field}#key"),
                    "`parts` and `support` on a code belong with inline `steps`",
                );
            }
            None
        }
    }
}

/// The procedure `name` names, by its index in `by_name`; a diagnostic at `at` when there is none.
fn procedure_ref(
    name: &str,
    at: &str,
    by_name: &HashMap<String, usize>,
    spans: &Spans,
    sink: &mut Sink,
) -> Option<usize> {
    let found = by_name.get(name).copied();
    if found.is_none() {
        sink.error(spans, at, format!("no procedure named `{name}` in `procedures`"));
    }
    found
}

/// The texts of procedure `p`, each with its field (`title`, `steps.2`).
pub fn procedure_texts(p: &Procedure) -> impl Iterator<Item = (String, &str)> {
    let steps = p.steps.iter().enumerate().map(|(i, s)| (format!("steps.{i}"), s.as_str()));
    let parts = p.parts.iter().enumerate().map(|(i, s)| (format!("parts.{i}"), s.as_str()));
    let rest = [("title", Some(&p.title)), ("support", p.support.as_ref())]
        .into_iter()
        .filter_map(|(f, t)| Some((f.to_owned(), t?.as_str())));
    rest.chain(steps).chain(parts)
}

/// What each pattern of one entry can fill.
#[derive(Clone, Copy)]
pub struct Fills<'a> {
    /// Each pattern as written, with what it fills.
    fills: &'a [(String, Fillable)],
    /// Whether the entry has several patterns: then a diagnostic names the one that fails.
    several: bool,
}

/// Checks placeholder syntax and names, and with `fills`, that every pattern can fill them.
pub fn check_texts<'a>(
    texts: impl Iterator<Item = (String, &'a str)>,
    fills: Option<Fills<'_>>,
    spans: &Spans,
    sink: &mut Sink,
) {
    let names = || placeholder::PLACEHOLDERS.iter().map(|p| format!("`{{{}}}`", p.name)).collect::<Vec<_>>().join(", ");
    for (path, text) in texts {
        if text.len() > MAX_TEXT {
            sink.error(
                spans,
                &path,
                format!("text of {} bytes is longer than the {MAX_TEXT} bytes a table entry can hold", text.len()),
            );
        }
        if text.trim().is_empty() && !path.ends_with("note") {
            sink.error(spans, &path, "empty text");
        }
        for piece in placeholder::pieces(text) {
            match piece {
                Piece::Literal(_) => {}
                Piece::Unbalanced { offset } => sink.error(
                    spans,
                    &path,
                    format!("unbalanced brace at byte {offset}: placeholders are written {}", names()),
                ),
                Piece::Placeholder { name, .. } if placeholder::find(name).is_none() => {
                    sink.error(spans, &path, format!("unknown placeholder `{{{name}}}`: expected one of {}", names()))
                }
                Piece::Placeholder { .. } => {}
            }
        }
        for (spelled, fill) in fills.map_or(&[][..], |f| f.fills) {
            if let Some(problem) = fill.unfillable(text) {
                let code =
                    if fills.is_some_and(|f| f.several) { format!("code {spelled}") } else { "this code".into() };
                sink.error(spans, &path, format!("text {problem}, which {code} cannot fill"));
            }
        }
    }
}
