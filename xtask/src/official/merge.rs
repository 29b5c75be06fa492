//! Everything the input files say, gathered per code, and the merge rules that make one
//! answer of it: which models list a code, and which text each model shows per language.

use std::collections::{BTreeMap, BTreeSet};

use super::{AnyCode, Sink, hex};

/// Facts of one code.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Whether a text file (per-model or merged) lists the code; codes only in action or wiki
    /// files are kept but counted apart.
    pub listed: bool,
    /// Models that list it (bit `i`: catalog model `i`).
    pub models: u32,
    /// Wiki pages (`slug/page`) and the models each is for.
    pub wiki: BTreeMap<String, Page>,
    /// Action ids per model (catalog index).
    pub actions: BTreeMap<usize, BTreeSet<u64>>,
}

/// Who a wiki page is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The default page: models without a page of their own.
    pub default: bool,
    /// Models named for it.
    pub models: u32,
}

/// The texts of one code in one language, by where they came from.
#[derive(Clone, Debug, Default)]
struct Texts {
    /// Per-model files: model -> (text, file that gave it).
    exact: BTreeMap<usize, (String, String)>,
    /// The merged shape's texts for the models it names.
    merged: BTreeMap<usize, String>,
    /// The merged shape's default (empty model list) text.
    merged_default: Option<String>,
}

/// One line of a texts file before templating: `models` 0 is the default text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextLine {
    pub key: AnyCode,
    pub models: u32,
    pub text: String,
}

/// What the inputs said, gathered.
#[derive(Debug, Default)]
pub struct Import {
    facts: BTreeMap<AnyCode, Facts>,
    texts: BTreeMap<String, BTreeMap<AnyCode, Texts>>,
    /// Model ids in catalog order, for messages.
    model_ids: Vec<String>,
}

/// The merged result, sorted by channel then code.
#[derive(Debug, Default)]
pub struct Merged {
    pub facts: Vec<(AnyCode, Facts)>,
    /// Per language, its lines in code order, each code's default first.
    pub texts: BTreeMap<String, Vec<TextLine>>,
    /// Per language: codes whose merged-shape default text lost to a different text that
    /// most of the code's models show.
    pub defaults_overridden: BTreeMap<String, usize>,
}

impl Import {
    pub fn new(model_ids: Vec<String>) -> Import {
        Import { model_ids, ..Import::default() }
    }

    fn model(&self, index: usize) -> &str {
        self.model_ids.get(index).map_or("?", String::as_str)
    }

    fn facts(&mut self, key: AnyCode) -> &mut Facts {
        self.facts.entry(key).or_default()
    }

    fn texts(&mut self, lang: &str, key: AnyCode) -> &mut Texts {
        self.texts.entry(lang.to_owned()).or_default().entry(key).or_default()
    }

    /// A per-model file's text. A text another file already gave for the same language,
    /// model and code stays (first wins); a different one is a conflict.
    pub fn per_model_text(
        &mut self,
        sink: &mut Sink,
        file: &str,
        lang: &str,
        model: usize,
        key: AnyCode,
        text: String,
    ) {
        let facts = self.facts(key);
        facts.listed = true;
        facts.models |= 1 << model;
        let model_id = self.model(model).to_owned();
        match self.texts(lang, key).exact.entry(model) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert((text, file.to_owned()));
            }
            std::collections::btree_map::Entry::Occupied(first) if first.get().0 != text => {
                sink.conflicts.push(format!(
                    "{file}: ecode {} for {model_id} ({lang}) already given by {}, text differs; the first is kept",
                    hex(key),
                    first.get().1
                ));
            }
            std::collections::btree_map::Entry::Occupied(_) => {}
        }
    }

    /// A merged file's texts of one code: the default text, and texts for named models.
    pub fn merged_text(
        &mut self,
        sink: &mut Sink,
        file: &str,
        lang: &str,
        key: AnyCode,
        default: Option<String>,
        named: Vec<(usize, String)>,
    ) {
        let facts = self.facts(key);
        facts.listed = true;
        for (model, _) in &named {
            facts.models |= 1 << model;
        }
        let texts = self.texts(lang, key);
        if let Some(default) = default {
            match &texts.merged_default {
                None => texts.merged_default = Some(default),
                Some(first) if *first != default => sink.conflicts.push(format!(
                    "{file}: default text of ecode {} ({lang}) already given by an earlier file, text differs; \
                     the first is kept",
                    hex(key)
                )),
                Some(_) => {}
            }
        }
        for (model, text) in named {
            texts.merged.entry(model).or_insert(text);
        }
    }

    /// Action ids an action file gives a model for a code.
    pub fn actions(&mut self, key: AnyCode, model: usize, ids: impl IntoIterator<Item = u64>) {
        self.facts(key).actions.entry(model).or_default().extend(ids);
    }

    /// A wiki page of a code: for `models`, or the default page when `models` is 0.
    pub fn wiki(&mut self, key: AnyCode, page: String, models: u32) {
        let entry = self.facts(key).wiki.entry(page).or_default();
        if models == 0 {
            entry.default = true;
        }
        entry.models |= models;
    }

    /// Applies the merge rules.
    pub fn finish(self) -> Merged {
        let mut merged = Merged { facts: self.facts.into_iter().collect(), ..Merged::default() };
        for (lang, codes) in self.texts {
            let mut lines = Vec::new();
            let mut overridden = 0;
            for (key, texts) in codes {
                code_lines(key, texts, &mut lines, &mut overridden);
            }
            merged.defaults_overridden.insert(lang.clone(), overridden);
            merged.texts.insert(lang, lines);
        }
        merged
    }
}

/// The lines of one code: per model, the per-model file's text, else the merged file's; the
/// default is the text most models show (ties: the one of the first model in catalog order),
/// or the merged file's default when no model has a text of its own.
fn code_lines(key: AnyCode, texts: Texts, lines: &mut Vec<TextLine>, overridden: &mut usize) {
    let Texts { exact, mut merged, merged_default } = texts;
    for (model, (text, _)) in exact {
        merged.insert(model, text);
    }
    // Distinct texts in the order of their first model, with their models.
    let mut variants: Vec<(String, u32, usize)> = Vec::new();
    for (model, text) in merged {
        match variants.iter_mut().find(|(t, _, _)| *t == text) {
            Some((_, mask, count)) => {
                *mask |= 1 << model;
                *count += 1;
            }
            None => variants.push((text, 1 << model, 1)),
        }
    }
    let mut best = None::<usize>;
    for (i, (_, _, count)) in variants.iter().enumerate() {
        if best.is_none_or(|b| *count > variants[b].2) {
            best = Some(i);
        }
    }
    let default = match best {
        Some(i) => {
            let (text, _, _) = variants.remove(i);
            if merged_default.as_ref().is_some_and(|d| *d != text) {
                *overridden += 1;
            }
            text
        }
        None => match merged_default {
            Some(text) => text,
            None => return,
        },
    };
    lines.push(TextLine { key, models: 0, text: default });
    lines.extend(variants.into_iter().map(|(text, models, _)| TextLine { key, models, text }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use hms_core::Hms;

    const KEY: AnyCode = AnyCode::Hms(Hms::from_u64(0x0300_0100_0001_0001));

    fn texts(lines: &[(usize, &str)]) -> Texts {
        let exact = lines.iter().map(|&(m, t)| (m, (t.to_owned(), "f".to_owned()))).collect();
        Texts { exact, ..Texts::default() }
    }

    fn lines_of(texts: Texts) -> Vec<(u32, String)> {
        let mut lines = Vec::new();
        code_lines(KEY, texts, &mut lines, &mut 0);
        lines.into_iter().map(|l| (l.models, l.text)).collect()
    }

    #[test]
    fn default_is_the_most_common_text() {
        let got = lines_of(texts(&[(0, "one"), (1, "two"), (2, "two")]));
        assert_eq!(got, [(0, "two".to_owned()), (0b1, "one".to_owned())]);
    }

    #[test]
    fn ties_go_to_the_first_model_in_catalog_order() {
        let got = lines_of(texts(&[(3, "late"), (1, "early")]));
        assert_eq!(got, [(0, "early".to_owned()), (0b1000, "late".to_owned())]);
    }

    #[test]
    fn per_model_texts_beat_merged_ones_and_merged_default_fills_in() {
        let mut t = texts(&[(1, "exact")]);
        t.merged.insert(1, "merged".into());
        t.merged.insert(2, "merged".into());
        t.merged_default = Some("fallback".into());
        assert_eq!(lines_of(t), [(0, "exact".to_owned()), (0b100, "merged".to_owned())]);
        let only_default = Texts { merged_default: Some("fallback".into()), ..Texts::default() };
        assert_eq!(lines_of(only_default), [(0, "fallback".to_owned())]);
    }
}
