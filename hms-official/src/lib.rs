//! The import's reader of Bambu Lab's published HMS lists: the slicer's per-model files
//! (`hms_<lang>_<prefix>.json`, `hms_action_<prefix>.json`) and the merged lists
//! (`hms_<lang>.json`, `wiki_links.json`), read, validated and merged per code, AMS family
//! texts turned into templates, and laid out as the facts file (`catalog/official.tsv`) and
//! one texts file per language, all in memory. Malformed input is reported at
//! `file:LINE:COL`; nothing here panics on any input.
//!
//! `cargo xtask regenerate --official` finds the files, writes what this lays out and reports
//! drift; the `official_import` fuzz target calls [`import_bytes`].

pub mod input;
mod json;
mod merge;
mod read;
mod read_merged;
mod report;
mod template;
mod tsv;
pub mod unnamed;

use std::collections::{BTreeMap, BTreeSet};

use hms_core::{Hms, ParseErrorKind, PrintError};
use hms_model::Catalog;

pub use json::fault as json_fault;
pub use merge::Import;
pub use read::ActionCount;
pub use report::{ImportReport, LangCount};

pub use hms_core::{AnyCode, Channel};

/// The facts file, from the project's root.
pub const FACTS: &str = "catalog/official.tsv";
/// The folder of the texts files, from the project's root.
pub const TEXTS: &str = "catalog/texts";

/// The code's bare upper-case digits, as the files write it.
pub fn hex(code: AnyCode) -> String {
    hms_model::official::spell(code.channel(), code.bits())
}

/// Reads an ecode of `channel`, or of the channel its length says when `None`.
pub fn parse_code(text: &str, channel: Option<Channel>) -> Result<AnyCode, String> {
    let hms = || Hms::parse(text).map(AnyCode::Hms);
    let error = || PrintError::parse(text).map(AnyCode::PrintError);
    let result = match channel {
        Some(Channel::Hms) => hms(),
        Some(Channel::PrintError) => error(),
        None => match hms() {
            Err(e) if e.kind() == (ParseErrorKind::WrongLength { found: 8, expected: 16 }) => error(),
            Err(e) => match e.kind() {
                ParseErrorKind::WrongLength { found, .. } => {
                    return Err(format!(
                        "bad ecode `{text}`: found {found} hex digits, expected 16 (HMS) or 8 (print_error)"
                    ));
                }
                _ => Err(e),
            },
            ok => ok,
        },
    };
    result.map_err(|e| format!("bad ecode `{text}`: {e}"))
}

/// Where the run's findings go.
#[derive(Debug, Default)]
pub struct Sink {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub conflicts: Vec<String>,
}

impl Sink {
    /// Moves the findings into `report`.
    pub fn move_into(self, report: &mut ImportReport) {
        report.errors = self.errors;
        report.warnings = self.warnings;
        report.conflicts = self.conflicts;
    }
}

/// Reads one file's contents as the import would read a file called `name` (its kind comes from
/// the name: `hms_en_094.json`, `hms_action_094.json`, `hms_en.json`, `wiki_links.json`), and
/// lays out and reads back the files it would write, all in memory. Nothing is read from or
/// written to disk. Every problem, a name the import does not read included, is in the
/// report's `errors`; the function never fails otherwise.
pub fn import_bytes(catalog: &Catalog, name: &str, bytes: &[u8]) -> ImportReport {
    let mut sink = Sink::default();
    let mut report = ImportReport::default();
    match input::classify(name) {
        Some(Ok(kind)) => {
            let catalog = unnamed::add(catalog, kind.prefix().map(|p| (name, p)), &mut sink);
            let mut import = Import::new(catalog.models.iter().map(|m| m.id.clone()).collect());
            read_bytes(name, &kind, None, bytes.to_vec(), &catalog, &mut import, &mut sink, &mut report);
            outputs(import, &catalog, &mut sink, &mut report);
        }
        Some(Err(e)) => sink.errors.push(format!("{name}: {e}")),
        None => sink.errors.push(format!("{name}: not a file the import reads")),
    }
    sink.move_into(&mut report);
    report
}

/// Counts what `import` gathered into `report`, and lays it out as the facts file and one
/// texts file per language; the new files are read back (errors go to `sink`).
pub fn outputs(
    import: Import,
    catalog: &Catalog,
    sink: &mut Sink,
    report: &mut ImportReport,
) -> (String, BTreeMap<String, String>) {
    let model_ids: Vec<String> = catalog.models.iter().map(|m| m.id.clone()).collect();
    let mut merged = import.finish();
    if let Some(english) = merged.texts.get("en") {
        let silent = merge::silent(english, model_ids.len());
        for (key, facts) in &mut merged.facts {
            facts.silent = silent.get(key).copied().unwrap_or(0);
        }
    }
    for (key, facts) in &merged.facts {
        match (facts.listed, key.channel()) {
            (false, _) => report.other_codes += 1,
            (true, Channel::Hms) => report.hms_codes += 1,
            (true, Channel::PrintError) => report.print_error_codes += 1,
        }
    }
    let templater = template::Templater::new(catalog);
    let mut outputs: BTreeMap<String, String> = BTreeMap::new();
    for (lang, lines) in &merged.texts {
        let originals: BTreeSet<&str> = lines.iter().filter_map(|l| l.text.as_deref()).collect();
        let templated: Vec<merge::TextLine> = lines
            .iter()
            .map(|l| merge::TextLine { text: l.text.as_ref().map(|t| templater.apply(l.key, t)), ..l.clone() })
            .collect();
        let distinct: BTreeSet<&str> = templated.iter().filter_map(|l| l.text.as_deref()).collect();
        // One original may stay as is for one code and become a template for another.
        report.templates_saved += originals.len().saturating_sub(distinct.len());
        let codes: BTreeSet<AnyCode> = lines.iter().filter(|l| l.text.is_some()).map(|l| l.key).collect();
        report.texts.insert(
            lang.clone(),
            LangCount {
                codes: codes.len(),
                lines: lines.len(),
                empty: lines.iter().filter(|l| l.text.as_deref() == Some("")).count(),
                absent: lines.iter().filter(|l| l.text.is_none()).count(),
            },
        );
        if let Some(served) = merged.served.get(lang) {
            report.sources.insert(lang.clone(), report::served(served, &model_ids));
        }
        outputs.insert(lang.clone(), tsv::texts_tsv(lang, &templated, &model_ids));
    }
    let facts = tsv::facts_tsv(&merged.facts, &model_ids);
    self_check(&facts, &outputs, catalog, sink);
    (facts, outputs)
}

/// Reads the contents of one input file, of `kind`, named `name` in messages, into `import`;
/// `version` is a merged list's (from its folder's `VERSION`).
#[allow(clippy::too_many_arguments)]
pub fn read_bytes(
    name: &str,
    kind: &input::Kind,
    version: Option<u64>,
    bytes: Vec<u8>,
    catalog: &Catalog,
    import: &mut Import,
    sink: &mut Sink,
    report: &mut ImportReport,
) {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let source = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, column) = json::Source::new(name, &source).line_col(valid);
            return sink.errors.push(format!("{name}:{line}:{column}: not UTF-8 text"));
        }
    };
    let src = json::Source::new(name, text.strip_prefix('\u{FEFF}').unwrap_or(&text));
    let model = |prefix: &str, sink: &mut Sink| {
        let found = catalog.model_by_prefix(prefix);
        if found.is_none() {
            sink.errors.push(format!(
                "{name}: unknown serial prefix `{prefix}`: no model in catalog.yaml has it, and a serial prefix is \
                 three letters or digits"
            ));
        }
        found
    };
    let by_id = |id: &str| catalog.model_index(id);
    match kind {
        input::Kind::PerModel { lang, prefix } => {
            report.inputs[0] += 1;
            if let Some(model) = model(prefix, sink) {
                read::per_model(&src, sink, import, lang, model);
            }
        }
        input::Kind::Actions { prefix } => {
            report.inputs[1] += 1;
            if let Some(model) = model(prefix, sink) {
                let count = read::actions(&src, sink, import, model, &|p| catalog.model_by_prefix(p));
                report.actions.entries += count.entries;
                report.actions.ids += count.ids;
            }
        }
        input::Kind::Merged { lang } => {
            report.inputs[2] += 1;
            read_merged::merged(&src, sink, import, lang, version, &by_id);
        }
        input::Kind::Wiki => {
            report.inputs[3] += 1;
            read_merged::wiki(&src, sink, import, &by_id);
        }
    }
}

/// The new files must read back, and fit the tables the build lays out of them.
fn self_check(facts: &str, texts: &BTreeMap<String, String>, catalog: &Catalog, sink: &mut Sink) {
    let facts = match hms_model::official::parse_facts(facts, FACTS, catalog) {
        Ok(facts) => facts,
        Err(e) => return sink.errors.extend(e.iter().map(|d| format!("generated {d}"))),
    };
    let layout = match hms_model::tables::build(catalog, Some(&facts)) {
        Ok(built) => built.layout,
        Err(e) => return sink.errors.push(format!("generated {FACTS}: {e}")),
    };
    for (lang, source) in texts {
        let file = format!("{TEXTS}/{lang}.tsv");
        match hms_model::official::parse_texts(source, &file, catalog) {
            Ok(parsed) => {
                if let Err(e) = hms_model::tables::build_texts(&layout, &facts, &parsed, lang) {
                    sink.errors.push(format!("generated {file}: {e}"));
                }
            }
            Err(e) => sink.errors.extend(e.iter().map(|d| format!("generated {d}"))),
        }
    }
}
