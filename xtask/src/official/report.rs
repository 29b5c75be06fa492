//! What an `--official` run found and did, as data for tests and as lines for people.

use std::collections::BTreeMap;

use super::merge::Source;
use super::read::ActionCount;

/// Which source served each model, grouped by source in the order of their first model:
/// `X1, A1 from hms_en.json (version 202604290000)`, `X1E: no source`.
pub fn served(served: &[Option<Source>], model_ids: &[String]) -> Vec<String> {
    let mut groups: Vec<(Option<&Source>, Vec<&str>)> = Vec::new();
    for (source, id) in served.iter().zip(model_ids) {
        let source = source.as_ref();
        match groups.iter_mut().find(|(s, _)| s.map(|s| &s.name) == source.map(|s| &s.name)) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((source, vec![id])),
        }
    }
    groups
        .into_iter()
        .map(|(source, ids)| match source {
            Some(s) => {
                let version = s.version.map_or_else(|| "no version".to_owned(), |v| format!("version {v}"));
                format!("{} from {} ({version})", ids.join(", "), s.name)
            }
            None => format!("{}: no source (the language's default text)", ids.join(", ")),
        })
        .collect()
}

/// Texts of one language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LangCount {
    /// Codes with a text.
    pub codes: usize,
    /// Lines written: one per distinct text of a code.
    pub lines: usize,
    /// Lines whose text is empty.
    pub empty: usize,
    /// Lines that mark models with no text in the language (they fall back to English).
    pub absent: usize,
}

/// What an `--official` run found and did.
#[derive(Debug, Default)]
pub struct OfficialReport {
    /// Files written or found stale, and the fresh ones.
    pub files: crate::Report,
    /// Input problems, `file:LINE:COL: what is wrong`. Any of them stops the writing unless
    /// `keep_going`.
    pub errors: Vec<String>,
    /// Things skipped on purpose (an entry with an empty ecode, a wiki path of another shape).
    pub warnings: Vec<String>,
    /// Repeated codes (the first is kept) and disagreeing files.
    pub conflicts: Vec<String>,
    /// Input files read, by kind: per-model texts, actions, merged texts, wiki links.
    pub inputs: [usize; 4],
    /// Distinct HMS codes the text files list.
    pub hms_codes: usize,
    /// Distinct print_error codes the text files list.
    pub print_error_codes: usize,
    /// Codes only action or wiki files name.
    pub other_codes: usize,
    /// Per language.
    pub texts: BTreeMap<String, LangCount>,
    /// Per language, which source served each model: `H2D, H2S from FILE (version V)`.
    pub sources: BTreeMap<String, Vec<String>>,
    /// Distinct strings templating saved, over every language.
    pub templates_saved: usize,
    /// Action entries and ids read.
    pub actions: ActionCount,
    /// Against the files on disk before the run.
    pub drift: Vec<String>,
    /// Whether the outputs were written.
    pub written: bool,
}

impl OfficialReport {
    /// Whether the run should end with a failure status.
    pub fn failed(&self) -> bool {
        !self.errors.is_empty() || (self.files.check && !self.files.stale.is_empty())
    }

    /// The summary, conflicts, warnings, drift and files, one line each (errors apart).
    pub fn lines(&self) -> Vec<String> {
        let [per_model, actions, merged, wiki] = self.inputs;
        let mut lines = vec![
            format!(
                "read {} files: {per_model} per-model text, {actions} action, {merged} merged text, {wiki} wiki links",
                self.inputs.iter().sum::<usize>()
            ),
            format!(
                "codes: hms {}, print_error {} (and {} only in action or wiki files)",
                self.hms_codes, self.print_error_codes, self.other_codes
            ),
        ];
        for (lang, c) in &self.texts {
            lines.push(format!(
                "texts {lang}: {} codes, {} lines, {} empty, {} without a text in {lang}",
                c.codes, c.lines, c.empty, c.absent
            ));
        }
        lines.push(format!("actions: {} entries, {} action ids", self.actions.entries, self.actions.ids));
        lines.push(format!("templates saved {} distinct strings", self.templates_saved));
        lines.push(format!("conflicts: {}", self.conflicts.len()));
        lines.extend(self.conflicts.iter().map(|c| format!("  {c}")));
        lines.push(format!("warnings: {}", self.warnings.len()));
        lines.extend(self.warnings.iter().map(|w| format!("  {w}")));
        lines.push("sources (each model's texts come from the newest file that carries it):".to_owned());
        for (lang, served) in &self.sources {
            lines.extend(served.iter().map(|s| format!("  {lang}: {s}")));
        }
        lines.push("drift:".to_owned());
        lines.extend(self.drift.iter().map(|d| format!("  {d}")));
        if !self.errors.is_empty() {
            lines.push(if self.written {
                format!("{} errors; wrote what imported (--keep-going)", self.errors.len())
            } else {
                format!("{} errors; nothing written", self.errors.len())
            });
        }
        lines.extend(self.files.lines().into_iter().map(|line| {
            if line.starts_with("run `cargo xtask regenerate`") {
                "run `cargo xtask regenerate --official PATH...` and commit catalog/official.tsv and docs/CODES.md"
                    .to_owned()
            } else {
                line
            }
        }));
        lines
    }
}
