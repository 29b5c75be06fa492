//! Everything the input files say, gathered per code, and the merge rules that make one
//! answer of it: which models list a code, and which text each model shows per language.

use std::collections::{BTreeMap, BTreeSet};

use super::AnyCode;

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
    /// The models shown nothing for the code in English (bit `i`: catalog model `i`), and
    /// `hms_model::official::UNNAMED_PRINTERS` when printers without a text of their own are;
    /// see [`silent`].
    pub silent: u32,
}

/// Who a wiki page is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The default page: models without a page of their own.
    pub default: bool,
    /// Models named for it.
    pub models: u32,
}

/// Where texts come from: one input file of one language.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file, as reports name it.
    pub name: String,
    /// Its version (`YYYYMMDDhhmm`), where it gives one.
    pub version: Option<u64>,
    /// The models it carries: a per-model file its model, a merged list every model it names.
    pub carries: u32,
    /// Its place among the inputs: later files win ties.
    order: usize,
}

impl Source {
    /// How it ranks against other sources of its language: newer first, then later.
    fn rank(&self) -> (bool, u64, usize) {
        (self.version.is_some(), self.version.unwrap_or(0), self.order)
    }
}

/// The texts of one code in one language, by source.
#[derive(Clone, Debug, Default)]
struct Texts {
    /// Per source: the texts it gives models (a per-model file: its model's; a merged list:
    /// the models its lists name).
    own: BTreeMap<usize, BTreeMap<usize, String>>,
    /// Per merged source that lists the code: its default (empty model list) text, if any.
    defaults: BTreeMap<usize, Option<String>>,
}

/// What one model (or, for the default line, a printer the catalog does not know) is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shown {
    Text(String),
    /// Listed with an empty text: nothing to show.
    Empty,
    /// No text in this language: the next language answers.
    Absent,
}

/// One line of a texts file before templating: `models` 0 is the default text; `text` is
/// `None` for models with no text in the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextLine {
    pub key: AnyCode,
    pub models: u32,
    pub text: Option<String>,
}

/// What the inputs said, gathered.
#[derive(Debug, Default)]
pub struct Import {
    facts: BTreeMap<AnyCode, Facts>,
    texts: BTreeMap<String, BTreeMap<AnyCode, Texts>>,
    /// Every text source, by language.
    sources: BTreeMap<String, Vec<Source>>,
    /// Model ids in catalog order.
    model_ids: Vec<String>,
}

/// The merged result, sorted by channel then code.
#[derive(Debug, Default)]
pub struct Merged {
    pub facts: Vec<(AnyCode, Facts)>,
    /// Per language, its lines in code order, each code's default first.
    pub texts: BTreeMap<String, Vec<TextLine>>,
    /// Per language: each model's source (index into [`Import::sources`]'s list), if any.
    pub served: BTreeMap<String, Vec<Option<Source>>>,
}

impl Import {
    pub fn new(model_ids: Vec<String>) -> Import {
        Import { model_ids, ..Import::default() }
    }

    fn facts(&mut self, key: AnyCode) -> &mut Facts {
        self.facts.entry(key).or_default()
    }

    fn texts(&mut self, lang: &str, key: AnyCode) -> &mut Texts {
        self.texts.entry(lang.to_owned()).or_default().entry(key).or_default()
    }

    /// Registers a text source of `lang`; texts are then given with its number.
    pub fn source(&mut self, name: &str, lang: &str, version: Option<u64>, model: Option<usize>) -> usize {
        let order = self.sources.values().map(Vec::len).sum();
        let list = self.sources.entry(lang.to_owned()).or_default();
        list.push(Source { name: name.to_owned(), version, carries: model.map_or(0, |m| 1 << m), order });
        list.len() - 1
    }

    /// A per-model file's text for its model. Repeats within the file are dealt with by its
    /// reader.
    pub fn per_model_text(&mut self, lang: &str, source: usize, model: usize, key: AnyCode, text: String) {
        let facts = self.facts(key);
        facts.listed = true;
        facts.models |= 1 << model;
        self.texts(lang, key).own.entry(source).or_default().insert(model, text);
    }

    /// A merged file's texts of one code: the default text, and texts for named models.
    pub fn merged_text(
        &mut self,
        lang: &str,
        source: usize,
        key: AnyCode,
        default: Option<String>,
        named: Vec<(usize, String)>,
    ) {
        let facts = self.facts(key);
        facts.listed = true;
        let mut carries = 0;
        for (model, _) in &named {
            facts.models |= 1 << model;
            carries |= 1 << model;
        }
        if let Some(s) = self.sources.get_mut(lang).and_then(|l| l.get_mut(source)) {
            s.carries |= carries;
        }
        let texts = self.texts(lang, key);
        texts.defaults.insert(source, default);
        let own = texts.own.entry(source).or_default();
        for (model, text) in named {
            own.entry(model).or_insert(text);
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

    /// Applies the merge rule: per language, each model's texts come from the newest source
    /// that carries it; a model without a text of its own there (or with an empty one) gets
    /// the language's default (the newest merged list's); see `code_lines`.
    pub fn finish(self) -> Merged {
        let models = self.model_ids.len();
        let mut merged = Merged { facts: self.facts.into_iter().collect(), ..Merged::default() };
        for (lang, codes) in self.texts {
            let sources = self.sources.get(&lang).map_or(&[][..], Vec::as_slice);
            let newest = |among: &mut dyn Iterator<Item = usize>| among.max_by_key(|&s| sources[s].rank());
            let carrier: Vec<Option<usize>> = (0..models)
                .map(|m| newest(&mut (0..sources.len()).filter(|&s| sources[s].carries & (1 << m) != 0)))
                .collect();
            let mut lines = Vec::new();
            for (key, texts) in codes {
                let own = |m: usize| carrier[m].and_then(|s| texts.own.get(&s)?.get(&m));
                let own: Vec<Option<&String>> = (0..models).map(own).collect();
                let default = newest(&mut texts.defaults.keys().copied()).and_then(|s| texts.defaults[&s].as_ref());
                code_lines(key, &own, default, &mut lines);
            }
            merged.served.insert(lang.clone(), carrier.iter().map(|s| s.map(|s| sources[s].clone())).collect());
            merged.texts.insert(lang, lines);
        }
        merged
    }
}

/// Per code, the models that one language's `lines` (the lines [`Import::finish`] makes) show
/// nothing: a model whose line is empty, or that has no line and the default line is empty;
/// and `UNNAMED_PRINTERS` where the default line is empty. Only models below 31 are counted
/// (the bit above them stands for printers without a model).
pub fn silent(lines: &[TextLine], models: usize) -> BTreeMap<AnyCode, u32> {
    let mut by_code: BTreeMap<AnyCode, Vec<&TextLine>> = BTreeMap::new();
    for line in lines {
        by_code.entry(line.key).or_default().push(line);
    }
    let empty = |line: Option<&&TextLine>| line.is_some_and(|l| l.text.as_deref() == Some(""));
    let mut out = BTreeMap::new();
    for (key, lines) in by_code {
        let default = lines.iter().find(|l| l.models == 0);
        let mut mask = if empty(default) { hms_model::official::UNNAMED_PRINTERS } else { 0 };
        for m in 0..models.min(31) {
            let own = lines.iter().find(|l| l.models & (1 << m) != 0);
            if empty(own.or(default)) {
                mask |= 1 << m;
            }
        }
        if mask != 0 {
            out.insert(key, mask);
        }
    }
    out
}

/// The lines of one code in one language, from each model's own text (from its source) and
/// the language's default. A model is shown its own text, else the default; an empty text is
/// no text, so an empty own text gives way to the default, and a model is silent (`Empty`)
/// only when neither has a text but one is listed empty. The default line serves printers the
/// catalog does not know: the default, or where none is given, the text most models show
/// (ties: the first model in catalog order). Models shown what the default line shows need no
/// line of their own.
fn code_lines(key: AnyCode, own: &[Option<&String>], default: Option<&String>, lines: &mut Vec<TextLine>) {
    let shown = |text: Option<&String>| match text {
        Some(t) if !t.is_empty() => Shown::Text(t.clone()),
        Some(_) => Shown::Empty,
        None => Shown::Absent,
    };
    let for_model: Vec<Shown> = own
        .iter()
        .map(|&text| match (shown(text), shown(default)) {
            (Shown::Text(t), _) | (_, Shown::Text(t)) => Shown::Text(t),
            (Shown::Empty, _) | (_, Shown::Empty) => Shown::Empty,
            _ => Shown::Absent,
        })
        .collect();
    let unknown = match shown(default) {
        Shown::Absent => {
            // Distinct own texts in the order of their first model, with how many show each.
            let mut counts: Vec<(&String, usize)> = Vec::new();
            for text in own.iter().flatten().filter(|t| !t.is_empty()) {
                match counts.iter_mut().find(|(t, _)| t == text) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((text, 1)),
                }
            }
            let most = counts.iter().rev().max_by_key(|(_, n)| *n).map(|(t, _)| (*t).clone());
            match most {
                Some(text) => Shown::Text(text),
                None if own.iter().flatten().next().is_some() => Shown::Empty,
                None => Shown::Absent,
            }
        }
        known => known,
    };
    let line = |models: u32, shown: &Shown| TextLine {
        key,
        models,
        text: match shown {
            Shown::Text(t) => Some(t.clone()),
            Shown::Empty => Some(String::new()),
            Shown::Absent => None,
        },
    };
    if unknown != Shown::Absent {
        lines.push(line(0, &unknown));
    }
    // The other values, in the order of their first model.
    let mut groups: Vec<(&Shown, u32)> = Vec::new();
    for (m, value) in for_model.iter().enumerate().filter(|(_, v)| **v != unknown) {
        match groups.iter_mut().find(|(v, _)| *v == value) {
            Some((_, mask)) => *mask |= 1 << m,
            None => groups.push((value, 1 << m)),
        }
    }
    lines.extend(groups.into_iter().map(|(value, models)| line(models, value)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use hms_core::Hms;

    const KEY: AnyCode = AnyCode::Hms(Hms::from_u64(0x0300_0100_0001_0001));

    #[test]
    fn silent_models_are_those_shown_an_empty_text() {
        let unnamed = hms_model::official::UNNAMED_PRINTERS;
        let silent_of = |own: [Option<&str>; 4], default: Option<&str>| {
            let own: Vec<Option<String>> = own.iter().map(|t| t.map(str::to_owned)).collect();
            let own: Vec<Option<&String>> = own.iter().map(Option::as_ref).collect();
            let default = default.map(str::to_owned);
            let mut lines = Vec::new();
            code_lines(KEY, &own, default.as_ref(), &mut lines);
            silent(&lines, 4).get(&KEY).copied().unwrap_or(0)
        };
        // Empty default: every model without its own text is silent, and unnamed printers.
        assert_eq!(silent_of([None, Some("a"), Some(""), None], Some("")), 0b1101 | unnamed);
        // A default text: only nothing is silent (an empty own text gives way to it).
        assert_eq!(silent_of([Some(""), None, None, None], Some("d")), 0);
        // No default, the listed model's text empty: it is silent, and so are the printers
        // the majority rule answers for (no model has a text).
        assert_eq!(silent_of([Some(""), None, None, None], None), 0b0001 | unnamed);
        // No default, one model has a text: unnamed printers are shown it.
        assert_eq!(silent_of([Some(""), Some("b"), None, None], None), 0b0001);
        assert_eq!(silent_of([Some("a"), Some("b"), None, None], None), 0);
    }

    /// The lines for models 0-3 with these own texts and default.
    fn lines_of(own: [Option<&str>; 4], default: Option<&str>) -> Vec<(u32, Option<String>)> {
        let own: Vec<Option<String>> = own.iter().map(|t| t.map(str::to_owned)).collect();
        let own: Vec<Option<&String>> = own.iter().map(Option::as_ref).collect();
        let default = default.map(str::to_owned);
        let mut lines = Vec::new();
        code_lines(KEY, &own, default.as_ref(), &mut lines);
        lines.into_iter().map(|l| (l.models, l.text)).collect()
    }

    fn text(t: &str) -> Option<String> {
        Some(t.to_owned())
    }

    #[test]
    fn own_texts_win_and_the_default_serves_the_rest() {
        let got = lines_of([Some("own"), None, Some("other"), None], Some("default"));
        assert_eq!(got, [(0, text("default")), (0b1, text("own")), (0b100, text("other"))]);
    }

    #[test]
    fn an_empty_own_text_gives_way_to_the_default() {
        let got = lines_of([Some(""), None, None, None], Some("default"));
        assert_eq!(got, [(0, text("default"))]);
        // Without a default it is silent, and the others have nothing in this language.
        let got = lines_of([Some(""), None, Some("own"), None], None);
        assert_eq!(got, [(0, text("own")), (0b1, text("")), (0b1010, None)]);
    }

    #[test]
    fn an_empty_default_leaves_models_without_a_text_silent() {
        let got = lines_of([Some("own"), None, None, None], Some(""));
        assert_eq!(got, [(0, text("")), (0b1, text("own"))]);
    }

    #[test]
    fn without_a_default_unknown_printers_get_the_most_common_text() {
        let got = lines_of([Some("one"), Some("two"), Some("two"), None], None);
        assert_eq!(got, [(0, text("two")), (0b1, text("one")), (0b1000, None)]);
        // Ties: the first model in catalog order.
        let got = lines_of([None, Some("late"), None, Some("early")], None);
        assert_eq!(got, [(0, text("late")), (0b101, None), (0b1000, text("early"))]);
    }

    #[test]
    fn a_code_no_source_gives_a_text_has_no_lines() {
        assert_eq!(lines_of([None; 4], None), []);
    }

    #[test]
    fn each_model_reads_its_newest_source() {
        let mut import = Import::new(vec!["A".into(), "B".into()]);
        let old = import.source("old.json", "en", Some(202501010000), Some(0));
        let merged = import.source("merged.json", "en", Some(202604290000), None);
        let unversioned = import.source("b.json", "en", None, Some(1));
        import.per_model_text("en", old, 0, KEY, "old text for A".into());
        import.per_model_text("en", unversioned, 1, KEY, "text for B".into());
        import.merged_text("en", merged, KEY, Some("default".into()), vec![(0, "merged text for A".into())]);
        let merged = import.finish();
        let lines: Vec<(u32, Option<String>)> = merged.texts["en"].iter().map(|l| (l.models, l.text.clone())).collect();
        assert_eq!(lines, [(0, text("default")), (0b1, text("merged text for A")), (0b10, text("text for B"))]);
        let served: Vec<Option<&str>> =
            merged.served["en"].iter().map(|s| s.as_ref().map(|s| s.name.as_str())).collect();
        assert_eq!(served, [Some("merged.json"), Some("b.json")]);
    }

    #[test]
    fn sources_without_a_version_rank_by_their_order() {
        let mut import = Import::new(vec!["A".into()]);
        let first = import.source("first.json", "en", None, Some(0));
        let second = import.source("second.json", "en", None, Some(0));
        import.per_model_text("en", first, 0, KEY, "first".into());
        import.per_model_text("en", second, 0, KEY, "second".into());
        let merged = import.finish();
        assert_eq!(merged.texts["en"][0].text.as_deref(), Some("second"));
    }
}
