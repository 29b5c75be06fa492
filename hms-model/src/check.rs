//! Validation: raw sections in, a checked [`Catalog`] out, every mistake collected.

use std::collections::{HashMap, HashSet};

use hms_core::layout::{VARIES_SLOT, VARIES_UNIT, family_mask, is_family_member};
use hms_core::placeholder::{self, Piece, Source};
use hms_core::spelling::read_digits;
use hms_core::{Hms, PrintError};

use crate::Diagnostic;
use crate::model::{Catalog, Channel, CodeEntry, Level, Model, Module, Procedure};
use crate::schema::{Raw, RawCode};
use crate::spans::Spans;

/// Longest text the tables can address.
const MAX_TEXT: usize = u16::MAX as usize;

/// Collects diagnostics for a catalog and its included files.
pub struct Sink {
    /// Display names: the catalog first, then its included files in `include` order.
    files: Vec<String>,
    /// Diagnostics with their file's number.
    diagnostics: Vec<(usize, Diagnostic)>,
}

impl Sink {
    pub fn new(file: &str) -> Sink {
        Sink { files: vec![file.to_owned()], diagnostics: Vec::new() }
    }

    /// Adds a file; returns its number.
    pub fn add_file(&mut self, name: String) -> usize {
        self.files.push(name);
        self.files.len() - 1
    }

    /// The display name of file `file`.
    pub fn file_name(&self, file: usize) -> &str {
        self.files.get(file).or(self.files.first()).map_or("", String::as_str)
    }

    pub fn error_at(&mut self, file: usize, line: usize, column: usize, message: impl Into<String>) {
        let name = self.file_name(file).to_owned();
        self.diagnostics.push((file, Diagnostic { file: name, line, column, message: message.into() }));
    }

    pub fn error(&mut self, spans: &Spans, path: &str, message: impl Into<String>) {
        let node = spans.at(path);
        self.error_at(node.file, node.line, node.column, message);
    }

    /// Where `path` is, for a message about another node: `line 12` in the same file as
    /// `from`, `catalog/ams.yaml:12` in another.
    pub fn place(&self, spans: &Spans, path: &str, from: &str) -> String {
        let (node, here) = (spans.at(path), spans.at(from));
        if node.file == here.file {
            format!("line {}", node.line)
        } else {
            format!("{}:{}", self.file_name(node.file), node.line)
        }
    }

    pub fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|(file, d)| (*file, d.line, d.column));
        self.diagnostics.into_iter().map(|(_, d)| d).collect()
    }
}

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
        catalog.modules.push(Module { id, abbr: m.abbr.clone(), name: m.name.clone(), variant, lettered: m.lettered });
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
            && (p.len() != 3 || !p.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            sink.error(
                spans,
                &format!("{path}.prefix"),
                format!("serial prefix `{p}` must be three letters or digits"),
            );
        }
        if catalog.models.len() == 32 {
            sink.error(spans, path, "more than 32 models: a set of models is a 32-bit mask");
            continue;
        }
        let variant = m.variant.clone().unwrap_or_else(|| m.id.clone());
        model_variants.claim(&variant, &format!("{path}.variant"), spans, sink);
        catalog.models.push(Model { id: m.id.clone(), prefix, name: m.name.clone(), variant });
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
        catalog.levels.push(Level { id, variant: l.variant.clone(), name: l.name.clone(), meaning: l.meaning.clone() });
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
        check_texts(texts, None, spans, sink);
    }

    let mut code_variants = Names::new("code variant");
    let mut code_paths = Vec::new();
    let mut seen: HashMap<(Channel, u64, u8), String> = HashMap::new();
    for (path, c) in &raw.codes {
        let Some(mut entry) = read_code(path, c, &catalog, &level_ids, spans, sink) else { continue };
        let at = format!("{path}.code");
        if let Some(first) = seen.get(&(entry.channel, entry.key, entry.varies)) {
            let place = sink.place(spans, first, &at);
            sink.error(spans, &at, format!("duplicate code {}: already listed at {place}", entry.spelled()));
            continue;
        }
        seen.insert((entry.channel, entry.key, entry.varies), at);
        if let Some(v) = &c.variant {
            code_variants.claim(v, &format!("{path}.variant"), spans, sink);
        }
        let fill = Fillable::of(&entry, &catalog);
        let own = [("title", &c.title), ("meaning", &c.meaning)]
            .into_iter()
            .map(|(f, t)| (format!("{path}.{f}"), t.as_str()));
        let causes = c.causes.iter().enumerate().map(|(i, t)| (format!("{path}.causes.{i}"), t.as_str()));
        let note = c.note.iter().map(|t| (format!("{path}.note"), t.as_str()));
        check_texts(own.chain(causes).chain(note), Some(fill), spans, sink);

        entry.procedure = match (&c.procedure, &c.steps) {
            (Some(_), Some(_)) => {
                sink.error(
                    spans,
                    &format!("{path}.steps#key"),
                    "a code takes either `procedure` or inline `steps`, not both",
                );
                None
            }
            (Some(name), None) => procedure_ref(name, &format!("{path}.procedure"), &by_name, spans, sink),
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
                check_texts(texts, Some(fill), spans, sink);
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
        };
        entry.see_also = c
            .see_also
            .as_ref()
            .and_then(|name| procedure_ref(name, &format!("{path}.see_also"), &by_name, spans, sink));
        for (field, index) in [("procedure", entry.procedure), ("see_also", entry.see_also)] {
            let Some(p) = index.map(|i| &catalog.procedures[i]) else { continue };
            if p.name.is_empty() {
                continue;
            }
            for (_, text) in procedure_texts(p) {
                if let Some(problem) = unfillable(text, fill) {
                    sink.error(
                        spans,
                        &format!("{path}.{field}"),
                        format!("procedure `{}` {problem}, which code {} cannot fill", p.name, entry.spelled()),
                    );
                    break;
                }
            }
        }
        catalog.codes.push(entry);
        code_paths.push(path.clone());
    }
    check_family_overlaps(&catalog, &code_paths, spans, sink);
    catalog
}

fn read_code(
    path: &str,
    c: &RawCode,
    catalog: &Catalog,
    level_ids: &HashSet<u16>,
    spans: &Spans,
    sink: &mut Sink,
) -> Option<CodeEntry> {
    let at = format!("{path}.code");
    let text = spans.scalar(&at).unwrap_or_default();
    let digits = match read_digits(text, true) {
        Ok(d) => d,
        Err(e) => {
            sink.error(spans, &at, format!("bad code `{text}`: {e}"));
            return None;
        }
    };
    let channel = match digits.count {
        16 => Channel::Hms,
        8 => Channel::PrintError,
        n => {
            sink.error(
                spans,
                &at,
                format!("bad code `{text}`: {n} hex digits, expected 16 (print.hms) or 8 (print_error)"),
            );
            return None;
        }
    };
    let unit = family_mask(channel.layout(), VARIES_UNIT);
    let slot = family_mask(channel.layout(), VARIES_SLOT);
    let mut varies = 0;
    if digits.wildcards & unit == unit {
        varies |= VARIES_UNIT;
    }
    if slot != 0 && digits.wildcards & slot == slot {
        varies |= VARIES_SLOT;
    }
    if digits.wildcards & !family_mask(channel.layout(), varies) != 0 {
        let rule = match channel {
            Channel::Hms => "`xx` for the module number (digits 3-4) and `x` for the slot (digit 6)",
            Channel::PrintError => "`xx` for the module number (digits 3-4)",
        };
        sink.error(spans, &at, format!("bad code `{text}`: wildcards may only stand as {rule}"));
        return None;
    }
    let key = digits.value;
    if varies & VARIES_SLOT != 0 && Hms::from_u64(key).part() & 0xF0 != 0x20 {
        sink.error(spans, &at, format!("bad code `{text}`: a slot wildcard needs a slot part `2x`"));
        return None;
    }
    let entry = CodeEntry {
        channel,
        key,
        varies,
        variant: c.variant.clone(),
        title: c.title.clone(),
        meaning: c.meaning.clone(),
        causes: c.causes.clone(),
        procedure: None,
        see_also: None,
        note: c.note.clone(),
        line: spans.at(&at).line,
    };
    let mut ok = true;
    if catalog.module(entry.module_id()).is_none() {
        sink.error(
            spans,
            &at,
            format!("unknown module {:02X} in code `{text}`: add it to `modules`", entry.module_id()),
        );
        ok = false;
    }
    match (channel, entry.level()) {
        (_, Some(level)) if level_ids.contains(&level) => {}
        (Channel::PrintError, None) => {
            let nibble = PrintError::from_u32(key as u32).level_nibble();
            sink.error(
                spans,
                &at,
                format!("unknown level nibble {nibble:X} in print_error code `{text}`: expected 4, 8 or C"),
            );
            ok = false;
        }
        (_, level) => {
            sink.error(
                spans,
                &at,
                format!("unknown level {} in code `{text}`: add it to `levels`", level.unwrap_or_default()),
            );
            ok = false;
        }
    }
    ok.then_some(entry)
}

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

fn procedure_texts(p: &Procedure) -> impl Iterator<Item = (String, &str)> {
    let steps = p.steps.iter().enumerate().map(|(i, s)| (format!("steps.{i}"), s.as_str()));
    let parts = p.parts.iter().enumerate().map(|(i, s)| (format!("parts.{i}"), s.as_str()));
    let rest = [("title", Some(&p.title)), ("support", p.support.as_ref())]
        .into_iter()
        .filter_map(|(f, t)| Some((f.to_owned(), t?.as_str())));
    rest.chain(steps).chain(parts)
}

/// Which placeholders a code can fill.
#[derive(Clone, Copy)]
struct Fillable {
    unit: bool,
    slot: bool,
    index: bool,
}

impl Fillable {
    fn of(entry: &CodeEntry, catalog: &Catalog) -> Fillable {
        let lettered = catalog.module(entry.module_id()).is_some_and(|m| m.lettered);
        let module_number = match entry.channel {
            Channel::Hms => Hms::from_u64(entry.key).module_number(),
            Channel::PrintError => PrintError::from_u32(entry.key as u32).module_number(),
        };
        let unit = lettered && (entry.varies_unit() || hms_core::unit_letter(module_number).is_some());
        let slot = entry.channel == Channel::Hms && Hms::from_u64(entry.key).slot().is_some();
        Fillable { unit, slot, index: entry.channel == Channel::Hms }
    }
}

/// Checks placeholder syntax and names, and with `fill`, that the code can fill them.
fn check_texts<'a>(
    texts: impl Iterator<Item = (String, &'a str)>,
    fill: Option<Fillable>,
    spans: &Spans,
    sink: &mut Sink,
) {
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
                    format!("unbalanced brace at byte {offset}: placeholders are written `{{ams}}`, `{{slot}}` or `{{index}}`"),
                ),
                Piece::Placeholder { name, .. } if placeholder::find(name).is_none() => sink.error(
                    spans,
                    &path,
                    format!("unknown placeholder `{{{name}}}`: expected `{{ams}}`, `{{slot}}` or `{{index}}`"),
                ),
                Piece::Placeholder { .. } => {}
            }
        }
        if let Some(problem) = fill.and_then(|f| unfillable(text, f)) {
            sink.error(spans, &path, format!("text {problem}, which this code cannot fill"));
        }
    }
}

/// "uses {ams}" when `text` has a placeholder that `fill` lacks.
fn unfillable(text: &str, fill: Fillable) -> Option<String> {
    placeholder::pieces(text).find_map(|piece| match piece {
        Piece::Placeholder { name, .. } => {
            let ok = match placeholder::find(name)?.source {
                Source::Unit => fill.unit,
                Source::Slot => fill.slot,
                Source::Index => fill.index,
            };
            (!ok).then(|| format!("uses `{{{name}}}`"))
        }
        _ => None,
    })
}

/// Two families that share a code would make the answer depend on lookup order.
///
/// Families `a` and `b` can share a code only when their keys agree outside the digits either
/// leaves open. Each family is filed under its key with those digits cleared, once for every
/// `varies` another family may have, so each family finds its candidates by hashing, not by
/// comparing it with every other family; [`share_a_code`] then decides.
fn check_family_overlaps(catalog: &Catalog, paths: &[String], spans: &Spans, sink: &mut Sink) {
    const VARIES: [u8; 3] = [VARIES_UNIT, VARIES_SLOT, VARIES_UNIT | VARIES_SLOT];
    let mut filed: HashMap<(Channel, u8, u8, u64), Vec<usize>> = HashMap::new();
    for (i, a) in catalog.codes.iter().enumerate().filter(|(_, c)| c.varies != 0) {
        let layout = a.channel.layout();
        for b_varies in VARIES {
            let free = family_mask(layout, a.varies) | family_mask(layout, b_varies);
            let Some(earlier) = filed.get(&(a.channel, b_varies, a.varies, a.key & !free)) else { continue };
            for &j in earlier.iter().filter(|&&j| share_a_code(a, &catalog.codes[j])) {
                let at = format!("{}.code", paths[i]);
                let place = sink.place(spans, &format!("{}.code", paths[j]), &at);
                let message = format!(
                    "family {} overlaps family {} ({place}): a code may belong to one family only",
                    a.spelled(),
                    catalog.codes[j].spelled()
                );
                sink.error(spans, &at, message);
            }
        }
        for other in VARIES {
            let free = family_mask(layout, a.varies) | family_mask(layout, other);
            filed.entry((a.channel, a.varies, other, a.key & !free)).or_default().push(i);
        }
    }
}

/// Whether two families whose keys agree outside their open digits have a member in common.
/// A family's open unit covers lettered units only and its open slot digit slots 1-4 only, so
/// `07FE_2x00_0002_0001` and `07xx_2x00_0002_0001` share no code, nor do `07xx_2500_0002_0001`
/// and `07xx_2x00_0002_0001`.
fn share_a_code(a: &CodeEntry, b: &CodeEntry) -> bool {
    // The varying bits of each key are zero: a digit open in one family takes the other's
    // value, and one open in both takes 0 (unit A, slot 1), a member of either.
    let code = a.key | b.key;
    let layout = a.channel.layout();
    is_family_member(layout, code, a.varies) && is_family_member(layout, code, b.varies)
}

/// Enum variant names of one enum: valid identifiers, each used once.
struct Names {
    what: &'static str,
    /// Each name with the span path of its first use.
    seen: HashMap<String, String>,
}

impl Names {
    fn new(what: &'static str) -> Names {
        Names { what, seen: HashMap::new() }
    }

    fn claim(&mut self, name: &str, path: &str, spans: &Spans, sink: &mut Sink) {
        if !is_variant_name(name) {
            sink.error(spans, path, format!("{} `{name}` is not a valid Rust enum variant: use CamelCase letters and digits, starting with a capital", self.what));
        } else if let Some(first) = self.seen.get(name) {
            let place = sink.place(spans, first, path);
            sink.error(spans, path, format!("duplicate {} `{name}`: already used at {place}", self.what));
        } else {
            self.seen.insert(name.to_owned(), path.to_owned());
        }
    }
}

fn is_variant_name(name: &str) -> bool {
    const RESERVED: [&str; 2] = ["Self", "ALL"];
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !RESERVED.contains(&name)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_become_variants() {
        assert_eq!(camel_case("Motion Controller"), "MotionController");
        assert_eq!(camel_case("AMS-HT"), "AmsHt");
        assert_eq!(camel_case("APP"), "App");
    }

    #[test]
    fn families_overlap_whatever_digits_each_leaves_open() {
        let catalog = |codes: &[&str]| {
            let mut source = String::from(
                "schema: 1\nmodules: [{ id: \"07\", abbr: AMS, name: AMS, lettered: true }]\n\
                 levels: [{ id: 2, variant: Warning, name: warning, meaning: m }]\ncodes:\n",
            );
            for code in codes {
                source.push_str(&format!("  - {{ code: {code}, title: t, meaning: m }}\n"));
            }
            crate::parse(&source, "catalog.yaml").err().unwrap_or_default()
        };
        // Unit and slot against slot only, unit only against slot only, unit against both.
        for pair in [
            ["07xx_2x00_0002_0001", "0701_2x00_0002_0001"],
            ["07xx_2100_0002_0001", "0701_2x00_0002_0001"],
            ["07xx_2300_0002_0001", "07xx_2x00_0002_0001"],
        ] {
            let errors = catalog(&pair);
            assert_eq!(errors.len(), 1, "{pair:?}: {errors:?}");
            assert!(errors[0].message.contains("overlaps family"), "{pair:?}: {errors:?}");
            assert_eq!(errors[0].line, 6, "{pair:?}: {errors:?}");
        }
        // Different error ids, units or parts, or a unit or part that the open digits do not
        // cover: no overlap.
        let apart = [
            "07xx_2x00_0002_0001",
            "07xx_2x00_0002_0002",
            "0702_2x00_0002_0003",
            "07xx_2500_0002_0001",
            "07FE_2x00_0002_0001",
        ];
        assert_eq!(catalog(&apart), Vec::new());
    }

    #[test]
    fn variant_names_must_be_camel_case_identifiers() {
        assert!(is_variant_name("AmsAssistMotorSpeed"));
        assert!(!is_variant_name("ams_motor"));
        assert!(!is_variant_name("Self"));
        assert!(!is_variant_name("9Lives"));
    }
}
