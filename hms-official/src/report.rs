//! What an import read and found, as data.

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

/// What an import read and found: its problems and its counts.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Input problems, `file:LINE:COL: what is wrong`.
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
}
