//! What an `--official` run found and did, as data for tests and as lines for people.

use hms_official::ImportReport;

/// What an `--official` run found and did.
#[derive(Debug, Default)]
pub struct OfficialReport {
    /// Files written or found stale, and the fresh ones.
    pub files: crate::Report,
    /// What the import read and found. Its errors stop the writing unless `keep_going`.
    pub import: ImportReport,
    /// Against the files on disk before the run.
    pub drift: Vec<String>,
    /// Whether the outputs were written.
    pub written: bool,
}

impl OfficialReport {
    /// Whether the run should end with a failure status.
    pub fn failed(&self) -> bool {
        !self.import.errors.is_empty() || (self.files.check && !self.files.stale.is_empty())
    }

    /// The summary, conflicts, warnings, drift and files, one line each (errors apart).
    pub fn lines(&self) -> Vec<String> {
        let import = &self.import;
        let [per_model, actions, merged, wiki] = import.inputs;
        let mut lines = vec![
            format!(
                "read {} files: {per_model} per-model text, {actions} action, {merged} merged text, {wiki} wiki links",
                import.inputs.iter().sum::<usize>()
            ),
            format!(
                "codes: hms {}, print_error {} (and {} only in action or wiki files)",
                import.hms_codes, import.print_error_codes, import.other_codes
            ),
        ];
        for (lang, c) in &import.texts {
            lines.push(format!(
                "texts {lang}: {} codes, {} lines, {} empty, {} without a text in {lang}",
                c.codes, c.lines, c.empty, c.absent
            ));
        }
        lines.push(format!("actions: {} entries, {} action ids", import.actions.entries, import.actions.ids));
        lines.push(format!("templates saved {} distinct strings", import.templates_saved));
        lines.push(format!("conflicts: {}", import.conflicts.len()));
        lines.extend(import.conflicts.iter().map(|c| format!("  {c}")));
        lines.push(format!("warnings: {}", import.warnings.len()));
        lines.extend(import.warnings.iter().map(|w| format!("  {w}")));
        lines.push("sources (each model's texts come from the newest file that carries it):".to_owned());
        for (lang, served) in &import.sources {
            lines.extend(served.iter().map(|s| format!("  {lang}: {s}")));
        }
        lines.push("drift:".to_owned());
        lines.extend(self.drift.iter().map(|d| format!("  {d}")));
        if !import.errors.is_empty() {
            lines.push(if self.written {
                format!("{} errors; wrote what imported (--keep-going)", import.errors.len())
            } else {
                format!("{} errors; nothing written", import.errors.len())
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
