//! The files `cargo xtask regenerate --official` writes: `official.tsv` (facts: every code,
//! the models that list it, its wiki pages) and `texts/<lang>.tsv` (Bambu's texts, kept out of
//! the repository). Tab-separated, one record a line, `#` comments.
//!
//! A models field names catalog models by id (`H2D,X1`). A serial prefix no catalog model has
//! (`35F`, a printer newer than catalog.yaml) is an unnamed model: [`parse_facts`] adds it after
//! the catalog's models ([`OfficialFacts::unnamed`]), and [`OfficialFacts::add_unnamed_to`]
//! gives the catalog those models, which the texts are then read against. A prefix that one
//! named model has is that model, so naming the printer in catalog.yaml keeps its data.

mod models;

use hms_core::AnyCode;
pub use hms_core::layout::alerts::UNNAMED_PRINTERS;

use crate::diagnostics::Diagnostic;
use crate::model::{Catalog, Channel, code_of};

/// Every official code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficialFacts {
    /// Codes in file order (sorted by channel, then code).
    pub codes: Vec<OfficialCode>,
    /// Serial prefixes (upper case) the file lists that no catalog model has, in order of
    /// first appearance: model `catalog.models.len() + i` of the model sets.
    pub unnamed: Vec<String>,
}

impl OfficialFacts {
    /// Adds the unnamed models to `catalog` after its own ([`crate::Model::unnamed`]), so that
    /// its models are the ones the facts' model sets count. Call it with the catalog the facts
    /// were read against, before building tables or reading texts.
    pub fn add_unnamed_to(&self, catalog: &mut Catalog) {
        models::add_unnamed(catalog, &self.unnamed);
    }
}

/// One official code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficialCode {
    /// The channel.
    pub channel: Channel,
    /// The code.
    pub key: u64,
    /// Models that list it (bit `i`: catalog model `i`).
    pub models: u32,
    /// Wiki pages: `slug/page` and the models it is for (0: the default page).
    pub wiki: Vec<(String, u32)>,
    /// The buttons offered: the models that offer them and the action ids, in id order; each
    /// model in one item at most.
    pub actions: Vec<(u32, Vec<u8>)>,
    /// The models that list the code with an empty text (show nothing), and
    /// [`UNNAMED_PRINTERS`] when printers without a text of their own show nothing.
    pub silent: u32,
}

impl OfficialCode {
    /// The code.
    pub fn code(&self) -> AnyCode {
        code_of(self.channel, self.key)
    }
}

/// The texts of one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficialTexts {
    /// Per code: its variants, the default (models 0) first.
    pub texts: Vec<OfficialText>,
}

/// One text of a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficialText {
    /// The channel.
    pub channel: Channel,
    /// The code.
    pub key: u64,
    /// The models that show it; 0 for the default text.
    pub models: u32,
    /// The text, placeholders and `{{`/`}}` as in catalog texts; empty when none is shown.
    pub text: String,
    /// The models have no text in this language (written `\-`): neither their own nor the
    /// language's default. A client falls back to the next language; `text` is empty.
    pub absent: bool,
}

impl OfficialText {
    /// The code.
    pub fn code(&self) -> AnyCode {
        code_of(self.channel, self.key)
    }
}

/// How the files name a channel: `hms` or `err`.
pub fn file_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Hms => "hms",
        Channel::PrintError => "err",
    }
}

struct Lines<'a> {
    file: &'a str,
    errors: Vec<Diagnostic>,
    models: models::Resolver<'a>,
}

impl<'a> Lines<'a> {
    fn new(file: &'a str, catalog: &'a Catalog, add_unnamed: bool) -> Lines<'a> {
        Lines { file, errors: Vec::new(), models: models::Resolver::new(catalog, add_unnamed) }
    }

    fn error(&mut self, line: usize, column: usize, message: String) {
        self.errors.push(Diagnostic { file: self.file.to_owned(), line, column, message });
    }

    /// Fields of each record line: (line number, fields with their columns).
    fn records(source: &str) -> impl Iterator<Item = (usize, Vec<(usize, &str)>)> {
        source.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()).map(|(i, l)| {
            let mut column = 1;
            let fields = l
                .split('\t')
                .map(|f| {
                    let at = column;
                    column += f.chars().count() + 1;
                    (at, f)
                })
                .collect();
            (i + 1, fields)
        })
    }

    fn code(&mut self, line: usize, channel: (usize, &str), code: (usize, &str)) -> Option<(Channel, u64)> {
        let Some(channel) = Channel::ALL.into_iter().find(|&c| file_name(c) == channel.1) else {
            self.error(line, channel.0, format!("channel `{}` must be `hms` or `err`", channel.1));
            return None;
        };
        let digits = channel.digits();
        match u64::from_str_radix(code.1, 16) {
            Ok(key) if code.1.len() == digits => Some((channel, key)),
            _ => {
                self.error(line, code.0, format!("`{}` is not {digits} hex digits", code.1));
                None
            }
        }
    }

    fn models(&mut self, line: usize, (column, field): (usize, &str)) -> u32 {
        if field == "-" || field == "*" {
            return 0;
        }
        let mut mask = 0u32;
        for id in field.split(',') {
            match self.models.resolve(id) {
                Ok(i) => mask |= 1u32.checked_shl(i as u32).unwrap_or(0),
                Err(message) => self.error(line, column, message),
            }
        }
        mask
    }

    /// `MODEL:id+id;MODEL:id`: per model its action ids; models with the same ids grouped.
    fn actions(&mut self, line: usize, (column, field): (usize, &str)) -> Vec<(u32, Vec<u8>)> {
        let mut offers: Vec<(u32, Vec<u8>)> = Vec::new();
        if field == "-" {
            return offers;
        }
        let mut seen = 0u32;
        for item in field.split(';') {
            let Some((model, ids)) = item.split_once(':') else {
                self.error(line, column, format!("actions `{item}` must be `MODEL:id+id`"));
                continue;
            };
            let mask = self.models(line, (column, model));
            if mask & seen != 0 {
                self.error(line, column, format!("actions name model `{model}` twice"));
                continue;
            }
            seen |= mask;
            let mut list = Vec::new();
            for id in ids.split('+') {
                match id.parse::<u8>() {
                    Ok(id) => list.push(id),
                    Err(_) => self.error(line, column, format!("action id `{id}` must be a number from 0 to 255")),
                }
            }
            list.sort_unstable();
            list.dedup();
            match offers.iter_mut().find(|(_, ids)| *ids == list) {
                Some((models, _)) => *models |= mask,
                None => offers.push((mask, list)),
            }
        }
        offers
    }

    /// `*,MODEL,...`: the models that show nothing, `*` for printers without a text of their own.
    fn silent(&mut self, line: usize, (column, field): (usize, &str)) -> u32 {
        if field == "-" {
            return 0;
        }
        let mut mask = 0;
        for id in field.split(',') {
            if id == "*" {
                mask |= UNNAMED_PRINTERS;
                continue;
            }
            let bit = self.models(line, (column, id));
            if bit & UNNAMED_PRINTERS != 0 {
                self.error(line, column, format!("model `{id}` is past the 31 models a silent set can name"));
                continue;
            }
            mask |= bit;
        }
        mask
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.errors.is_empty() { Ok(value) } else { Err(self.errors) }
    }
}

/// Reads `official.tsv`: `channel code models wiki [actions [silent]]`. Actions are
/// `MODEL:id+id;MODEL:id` (`-`: none); silent lists the models that show nothing for the code,
/// `*` standing for printers without a text of their own (`-`: none).
pub fn parse_facts(source: &str, file: &str, catalog: &Catalog) -> Result<OfficialFacts, Vec<Diagnostic>> {
    let mut lines = Lines::new(file, catalog, true);
    let mut facts = OfficialFacts::default();
    for (line, fields) in Lines::records(source) {
        let [channel, code, models, wiki, ref rest @ ..] = fields[..] else {
            lines.error(line, 1, "expected at least 4 tab-separated fields: channel, code, models, wiki".into());
            continue;
        };
        let Some((channel, key)) = lines.code(line, channel, code) else { continue };
        let models = lines.models(line, models);
        let mut pages = Vec::new();
        if wiki.1 != "-" {
            for page in wiki.1.split(';') {
                match page.split_once(':') {
                    Some((path, for_models)) if path.contains('/') => {
                        pages.push((path.to_owned(), lines.models(line, (wiki.0, for_models))));
                    }
                    _ => lines.error(line, wiki.0, format!("wiki page `{page}` must be `slug/page:models`")),
                }
            }
        }
        let actions = rest.first().map_or_else(Vec::new, |&field| lines.actions(line, field));
        let silent = rest.get(1).map_or(0, |&field| lines.silent(line, field));
        facts.codes.push(OfficialCode { channel, key, models, wiki: pages, actions, silent });
    }
    facts.unnamed = std::mem::take(&mut lines.models.unnamed);
    let mut seen = std::collections::HashSet::new();
    for c in &facts.codes {
        if !seen.insert((c.channel, c.key)) {
            lines.error(1, 1, format!("code {} is listed twice", spell(c.channel, c.key)));
        }
    }
    lines.finish(facts)
}

/// Reads `texts/<lang>.tsv`: `channel code models text`, text escaped with `\\`, `\t`, `\n`, `\r`;
/// a text of just [`ABSENT`] marks models with no text in the language.
/// `catalog` must have the unnamed models of the facts ([`OfficialFacts::add_unnamed_to`]): a
/// serial prefix that names no model of it is an error.
pub fn parse_texts(source: &str, file: &str, catalog: &Catalog) -> Result<OfficialTexts, Vec<Diagnostic>> {
    let mut lines = Lines::new(file, catalog, false);
    let mut texts = OfficialTexts::default();
    for (line, fields) in Lines::records(source) {
        let [channel, code, models, text] = fields[..] else {
            lines.error(line, 1, "expected 4 tab-separated fields: channel, code, models, text".into());
            continue;
        };
        let Some((channel, key)) = lines.code(line, channel, code) else { continue };
        let models = lines.models(line, models);
        let column = text.0;
        if text.1 == ABSENT {
            texts.texts.push(OfficialText { channel, key, models, text: String::new(), absent: true });
            continue;
        }
        let text = match unescape(text.1) {
            Ok(t) => t,
            Err(message) => {
                lines.error(line, text.0, message);
                continue;
            }
        };
        if text.len() > u16::MAX as usize {
            lines.error(line, column, format!("text of {} bytes exceeds {} bytes", text.len(), u16::MAX));
            continue;
        }
        texts.texts.push(OfficialText { channel, key, models, text, absent: false });
    }
    lines.finish(texts)
}

/// A code as the files write it: 16 or 8 upper-case hex digits.
pub fn spell(channel: Channel, key: u64) -> String {
    format!("{key:0digits$X}", digits = channel.digits())
}

/// The languages Bambu Lab publishes its texts in, by the code the import writes
/// (`texts/<code>.tsv`): English first. `hms_catalog::Lang` has one variant for each.
pub const LANGS: [&str; 14] =
    ["en", "de", "es", "fr", "hu", "it", "ja", "ko", "nl", "pl", "pt-br", "ru", "sv", "zh-cn"];

/// The text field of a line whose models have no text in the language.
pub const ABSENT: &str = "\\-";

/// Undoes the escaping of a text field.
pub fn unescape(field: &str) -> Result<String, String> {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            other => return Err(format!("unknown escape `\\{}`", other.map(String::from).unwrap_or_default())),
        }
    }
    Ok(out)
}

/// Escapes a text for a field: the inverse of [`unescape`].
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let source = "schema: 1\nmodules: [{ id: \"07\", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }]\nmodels: [{ id: H2D, prefix: \"094\", name: H2D }, { id: X1, name: X1 }]\nlevels: [{ id: 2, variant: Warning, name: warning, meaning: pauses }]\n";
        crate::parse(source, "catalog.yaml").unwrap()
    }

    #[test]
    fn facts_lines_read_models_and_wiki_pages() {
        let src = "# header\nhms\t0700200000020003\tH2D,X1\tx1/0700_2000_0002_0003:*;h2/0700_2000_0002_0003:H2D\t-\nerr\t0300400C\t-\t-\t-\n";
        let facts = parse_facts(src, "official.tsv", &catalog()).unwrap();
        assert_eq!(facts.codes.len(), 2);
        assert_eq!(facts.codes[0].models, 0b11);
        assert_eq!(
            facts.codes[0].wiki,
            vec![("x1/0700_2000_0002_0003".to_owned(), 0), ("h2/0700_2000_0002_0003".to_owned(), 1)]
        );
        assert_eq!((facts.codes[1].channel, facts.codes[1].key), (Channel::PrintError, 0x0300_400C));
    }

    #[test]
    fn bad_facts_lines_name_line_and_column() {
        let errors = parse_facts("hms\t07002000\tH2D\t-\nhms\t0700200000020003\tP9\t-\n", "official.tsv", &catalog())
            .unwrap_err();
        assert_eq!(errors[0].to_string(), "official.tsv:1:5: `07002000` is not 16 hex digits");
        assert_eq!(errors[1].to_string(), "official.tsv:2:22: unknown model `P9`: add it to `models` in catalog.yaml");
    }

    #[test]
    fn an_absent_text_is_marked_apart_from_an_empty_one() {
        let src = "hms\t0700200000020003\tH2D\t\\-\nhms\t0700200000020003\tX1\t\n";
        let texts = parse_texts(src, "en.tsv", &catalog()).unwrap();
        assert_eq!((texts.texts[0].absent, texts.texts[0].text.as_str()), (true, ""));
        assert_eq!((texts.texts[1].absent, texts.texts[1].text.as_str()), (false, ""));
    }

    #[test]
    fn texts_unescape_and_keep_empty_texts() {
        let src = "hms\t0700200000020003\t*\tAMS {ams}\\tslot\nhms\t0700200000020003\tX1\t\n";
        let texts = parse_texts(src, "en.tsv", &catalog()).unwrap();
        assert_eq!(texts.texts[0].text, "AMS {ams}\tslot");
        assert_eq!((texts.texts[1].models, texts.texts[1].text.as_str()), (0b10, ""));
        assert_eq!(unescape(&escape("a\\b\tc\nd")).unwrap(), "a\\b\tc\nd");
    }
}
