//! `cargo xtask regenerate --official PATH...`: imports Bambu Lab's published HMS lists into
//! `catalog/official.tsv` (facts, committed) and `catalog/texts/<lang>.tsv` (texts, ignored).
//!
//! Finds the slicer's per-model files (`hms_<lang>_<prefix>.json`, `hms_action_<prefix>.json`)
//! and the merged lists (`hms_<lang>.json`, `wiki_links.json`) in the paths given, has
//! hms-official read and merge them, writes the files it lays out, and reports counts,
//! conflicts and drift. Malformed input is reported at `file:LINE:COL`; with any error
//! nothing is written unless `keep_going`.

pub mod download;
mod drift;
mod input;
mod report;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use hms_model::Catalog;
use hms_official::{FACTS, Import, ImportReport, Sink, TEXTS, unnamed};

pub use report::OfficialReport;

use crate::{codegen, coverage, docs};

/// How to run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Write nothing; name each committed file (official.tsv, docs/CODES.md, docs/COVERAGE.md)
    /// that is stale.
    pub check: bool,
    /// Write what imported even when some input was malformed.
    pub keep_going: bool,
}

/// Imports the files named by `paths` (files or folders) into `root`'s catalog folder, and
/// regenerates docs/CODES.md and docs/COVERAGE.md. `Err` only when the run cannot start or write; input problems
/// are in the report.
pub fn regenerate_official(root: &Path, paths: &[PathBuf], options: Options) -> Result<OfficialReport, String> {
    let catalog = hms_model::load(&root.join("catalog.yaml"), "catalog.yaml")
        .map_err(|diagnostics| diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
    let mut sink = Sink::default();
    let mut report = OfficialReport::default();
    let mut counts = ImportReport::default();
    let inputs = input::collect(paths, &mut sink);
    let names: Vec<(String, &str)> = inputs.iter().filter_map(|i| Some((i.name(), i.kind.prefix()?))).collect();
    let catalog = unnamed::add(&catalog, names.iter().map(|(n, p)| (n.as_str(), *p)), &mut sink);
    let catalog = catalog.as_ref();
    let model_ids: Vec<String> = catalog.models.iter().map(|m| m.id.clone()).collect();
    if inputs.is_empty() && sink.errors.is_empty() {
        sink.errors.push(format!("no file to import in {}", display_paths(paths)));
    }
    let mut import = Import::new(model_ids.clone());
    for file in &inputs {
        read_one(file, catalog, &mut import, &mut sink, &mut counts);
    }
    let (facts, outputs) = hms_official::outputs(import, catalog, &mut sink, &mut counts);

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
    sink.move_into(&mut counts);
    report.import = counts;
    Ok(report)
}

/// Reads one input file into `import`.
fn read_one(file: &input::Input, catalog: &Catalog, import: &mut Import, sink: &mut Sink, report: &mut ImportReport) {
    let name = file.name();
    let version = match file.kind {
        hms_official::input::Kind::Merged { .. } => merged_version(&file.path, sink),
        _ => None,
    };
    match fs::read(&file.path) {
        Ok(bytes) => hms_official::read_bytes(&name, &file.kind, version, bytes, catalog, import, sink, report),
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
