//! `cargo xtask regenerate --official PATH...`: imports Bambu Lab's published HMS lists into
//! `catalog/official.tsv` (facts, committed) and `catalog/texts/<lang>.tsv` (texts, ignored).
//!
//! Reads the slicer's per-model files (`hms_<lang>_<prefix>.json`, `hms_action_<prefix>.json`)
//! and the merged lists (`hms_<lang>.json`, `wiki_links.json`), merges them per code, turns
//! AMS family texts into templates, and reports counts, conflicts and drift. Malformed input
//! is reported at `file:LINE:COL`; with any error nothing is written unless `keep_going`.

pub mod download;
mod drift;
mod input;
mod json;
mod merge;
mod read;
mod read_merged;
mod report;
mod template;
mod unnamed;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use hms_core::{Hms, ParseErrorKind, PrintError};
use hms_model::Catalog;

pub use read::ActionCount;
pub use report::{LangCount, OfficialReport};

use crate::{codegen, coverage, docs};

pub use hms_core::{AnyCode, Channel};

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

/// How to run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Write nothing; name each committed file (official.tsv, docs/CODES.md, docs/COVERAGE.md)
    /// that is stale.
    pub check: bool,
    /// Write what imported even when some input was malformed.
    pub keep_going: bool,
}

pub(crate) const FACTS: &str = "catalog/official.tsv";
const TEXTS: &str = "catalog/texts";

/// Imports the files named by `paths` (files or folders) into `root`'s catalog folder, and
/// regenerates docs/CODES.md and docs/COVERAGE.md. `Err` only when the run cannot start or write; input problems
/// are in the report.
pub fn regenerate_official(root: &Path, paths: &[PathBuf], options: Options) -> Result<OfficialReport, String> {
    let catalog = hms_model::load(&root.join("catalog.yaml"), "catalog.yaml")
        .map_err(|diagnostics| diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
    let mut sink = Sink::default();
    let mut report = OfficialReport::default();
    let inputs = input::collect(paths, &mut sink);
    let names: Vec<(String, &str)> = inputs.iter().filter_map(|i| Some((i.name(), i.kind.prefix()?))).collect();
    let catalog = unnamed::add(&catalog, names.iter().map(|(n, p)| (n.as_str(), *p)), &mut sink);
    let catalog = catalog.as_ref();
    let model_ids: Vec<String> = catalog.models.iter().map(|m| m.id.clone()).collect();
    if inputs.is_empty() && sink.errors.is_empty() {
        sink.errors.push(format!("no file to import in {}", display_paths(paths)));
    }
    let mut import = merge::Import::new(model_ids.clone());
    for file in &inputs {
        read_one(file, catalog, &mut import, &mut sink, &mut report);
    }
    let (facts, outputs) = outputs(import, catalog, &mut sink, &mut report);

    let (old_facts, old_texts) = previous(root, &mut sink);
    let old = drift::Snapshot::read(old_facts.as_deref(), &old_texts, catalog, &mut sink.warnings);
    // The self-check has reported any problem of reading the new files back.
    let new = drift::Snapshot::read(Some(&facts), &outputs, catalog, &mut Vec::new());
    let langs: BTreeSet<String> = outputs.keys().cloned().collect();
    report.drift = drift::report(&old, &new, &langs);

    report.files.check = options.check;
    let mut committed = vec![(FACTS.to_owned(), facts.clone()), ("docs/CODES.md".to_owned(), docs::codes_md(catalog))];
    // Coverage counts against the new facts; if they do not read back, the self-check has
    // reported it and the file is left as it is.
    if let Ok(parsed) = hms_model::official::parse_facts(&facts, FACTS, catalog) {
        committed.push((coverage::COVERAGE.to_owned(), coverage::coverage_md(catalog, &parsed)));
    }
    if options.check {
        for (relative, contents) in &committed {
            let stale =
                codegen::ensure_file_contents(&root.join(relative), contents, true).map_err(|e| io(relative, e))?;
            if stale { report.files.stale.push(relative.into()) } else { report.files.fresh.push(relative.into()) }
        }
    } else if sink.errors.is_empty() || options.keep_going {
        // Texts first, the facts file last and always: the build includes it, and its new
        // mtime makes the build pick up changed texts.
        let texts = outputs.iter().map(|(lang, contents)| (format!("{TEXTS}/{lang}.tsv"), contents.clone()));
        for (relative, contents) in texts.chain(committed.iter().skip(1).cloned()) {
            let changed =
                codegen::ensure_file_contents(&root.join(&relative), &contents, false).map_err(|e| io(&relative, e))?;
            if changed { report.files.stale.push(relative.into()) } else { report.files.fresh.push(relative.into()) }
        }
        let changed = old_facts.as_deref() != Some(facts.as_str());
        codegen::write_atomically(&root.join(FACTS), facts.as_bytes()).map_err(|e| io(FACTS, e))?;
        if changed {
            report.files.stale.push(FACTS.into())
        } else {
            report.files.fresh.push(FACTS.into())
        }
        report.written = true;
    }
    report.errors = sink.errors;
    report.warnings = sink.warnings;
    report.conflicts = sink.conflicts;
    Ok(report)
}

/// Reads one file's contents as the import would read a file called `name` (its kind comes from
/// the name: `hms_en_094.json`, `hms_action_094.json`, `hms_en.json`, `wiki_links.json`), and
/// lays out and reads back the files it would write, all in memory. Nothing is read from or
/// written to disk. Every problem, a name the import does not read included, is in the
/// report's `errors`; the function never fails otherwise.
pub fn import_bytes(catalog: &Catalog, name: &str, bytes: &[u8]) -> OfficialReport {
    let mut sink = Sink::default();
    let mut report = OfficialReport::default();
    match input::classify(name) {
        Some(Ok(kind)) => {
            let catalog = unnamed::add(catalog, kind.prefix().map(|p| (name, p)), &mut sink);
            let mut import = merge::Import::new(catalog.models.iter().map(|m| m.id.clone()).collect());
            read_bytes(name, &kind, None, bytes.to_vec(), &catalog, &mut import, &mut sink, &mut report);
            outputs(import, &catalog, &mut sink, &mut report);
        }
        Some(Err(e)) => sink.errors.push(format!("{name}: {e}")),
        None => sink.errors.push(format!("{name}: not a file the import reads")),
    }
    report.errors = sink.errors;
    report.warnings = sink.warnings;
    report.conflicts = sink.conflicts;
    report
}

/// Counts what `import` gathered into `report`, and lays it out as the facts file and one
/// texts file per language; the new files are read back (errors go to `sink`).
fn outputs(
    import: merge::Import,
    catalog: &Catalog,
    sink: &mut Sink,
    report: &mut OfficialReport,
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
        outputs.insert(lang.clone(), write::texts_tsv(lang, &templated, &model_ids));
    }
    let facts = write::facts_tsv(&merged.facts, &model_ids);
    self_check(&facts, &outputs, catalog, sink);
    (facts, outputs)
}

/// Reads one input file into `import`.
fn read_one(
    file: &input::Input,
    catalog: &Catalog,
    import: &mut merge::Import,
    sink: &mut Sink,
    report: &mut OfficialReport,
) {
    let name = file.name();
    let version = match file.kind {
        input::Kind::Merged { .. } => merged_version(&file.path, sink),
        _ => None,
    };
    match fs::read(&file.path) {
        Ok(bytes) => read_bytes(&name, &file.kind, version, bytes, catalog, import, sink, report),
        Err(e) => sink.errors.push(format!("{name}: cannot read: {e}")),
    }
}

/// The version of the merged lists in `path`'s folder: its `VERSION` file (`YYYYMMDDhhmm`),
/// if there is one; a malformed one is warned about and ignored.
fn merged_version(path: &Path, sink: &mut Sink) -> Option<u64> {
    let file = path.parent()?.join("VERSION");
    let text = fs::read_to_string(&file).ok()?;
    let digits = text.trim();
    match digits.parse::<u64>() {
        Ok(v) if digits.bytes().all(|b| b.is_ascii_digit()) => Some(v),
        _ => {
            sink.warnings.push(format!(
                "{}: `{digits}` is not a version (YYYYMMDDhhmm); the merged lists beside it count as unversioned",
                file.display()
            ));
            None
        }
    }
}

/// Reads the contents of one input file, of `kind`, named `name` in messages, into `import`;
/// `version` is a merged list's (from its folder's `VERSION`).
#[allow(clippy::too_many_arguments)]
fn read_bytes(
    name: &str,
    kind: &input::Kind,
    version: Option<u64>,
    bytes: Vec<u8>,
    catalog: &Catalog,
    import: &mut merge::Import,
    sink: &mut Sink,
    report: &mut OfficialReport,
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

/// The facts and texts files on disk before the run.
fn previous(root: &Path, sink: &mut Sink) -> (Option<String>, BTreeMap<String, String>) {
    let facts = fs::read_to_string(root.join(FACTS)).ok();
    let mut texts = BTreeMap::new();
    if let Ok(entries) = fs::read_dir(root.join(TEXTS)) {
        for path in entries.flatten().map(|e| e.path()) {
            let Some(lang) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".tsv")) else {
                continue;
            };
            match fs::read_to_string(&path) {
                Ok(source) => {
                    texts.insert(lang.to_owned(), source);
                }
                Err(e) => sink.warnings.push(format!("{}: cannot read the previous texts: {e}", path.display())),
            }
        }
    }
    (facts, texts)
}

fn io(relative: &str, e: std::io::Error) -> String {
    format!("{relative}: {e}")
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}
