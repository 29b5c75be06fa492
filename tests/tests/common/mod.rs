//! What the content checks share: the catalog and its facts, where a text sits in the YAML
//! files (so a violation names `file:line`), every text an owner reads, which codes reach a
//! procedure, and the word tokenizer of the copy checks.
//!
//! Each test file that needs it says `mod common;`; not every file uses every item.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use hms_core::AnyCode;
use hms_core::ModuleFacts;
use hms_core::placeholder::{Fill, Filled, Piece, pieces};
use hms_model::official::{OfficialFacts, parse_facts};
use hms_model::{Catalog, CodeEntry, EntryPattern};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// catalog.yaml and its included files, with the printers official.tsv names by a serial
/// prefix that catalog.yaml lacks.
pub fn load() -> Catalog {
    let mut catalog = hms_model::load(&root().join("catalog.yaml"), "catalog.yaml").expect("catalog.yaml reads");
    if let Ok(facts) = std::fs::read_to_string(root().join("catalog/official.tsv")) {
        parse_facts(&facts, "official.tsv", &catalog).expect("catalog/official.tsv reads").add_unnamed_to(&mut catalog);
    }
    catalog
}

/// The facts of Bambu's lists (codes, models, wiki pages), committed in catalog/official.tsv.
pub fn facts(catalog: &Catalog) -> OfficialFacts {
    let source =
        std::fs::read_to_string(root().join("catalog/official.tsv")).expect("catalog/official.tsv is committed");
    parse_facts(&source, "official.tsv", catalog).expect("catalog/official.tsv reads")
}

// ---------------------------------------------------------------------------------------
// Where things are in the YAML files.

/// The catalog's YAML files, line by line, to point a violation at `file:line`.
pub struct Sources {
    files: Vec<(String, Vec<String>)>,
}

impl Sources {
    pub fn read(catalog: &Catalog) -> Sources {
        let mut files = Vec::new();
        for name in std::iter::once("catalog.yaml".to_owned()).chain(catalog.includes.iter().cloned()) {
            let text = std::fs::read_to_string(root().join(&name)).unwrap_or_default();
            files.push((name, text.lines().map(str::to_owned).collect()));
        }
        Sources { files }
    }

    /// The file and line (0-based) of an entry: the file whose line of its first pattern
    /// spells that pattern.
    pub fn entry_at(&self, entry: &CodeEntry) -> Option<(usize, usize)> {
        let pattern = entry.first();
        let spelled = pattern.spelled().to_lowercase();
        let line = pattern.line.checked_sub(1)?;
        let file = self.files.iter().position(|(_, lines)| {
            lines.get(line).is_some_and(|l| l.to_lowercase().replace('-', "_").contains(&spelled))
        })?;
        Some((file, entry.line.saturating_sub(1)))
    }

    /// The file and line (0-based) of the named procedure `name`.
    pub fn procedure_at(&self, name: &str) -> Option<(usize, usize)> {
        let wanted = format!("- name: {name}");
        self.files.iter().enumerate().find_map(|(f, (_, lines))| {
            lines.iter().position(|l| l.trim() == wanted || l.trim() == format!("{wanted} ")).map(|at| (f, at))
        })
    }

    /// `file:line` of `text`, looked for from `anchor` on (the entry or procedure it belongs
    /// to); the anchor itself when the text cannot be found (a folded or escaped scalar).
    pub fn find(&self, anchor: Option<(usize, usize)>, text: &str) -> String {
        let Some((file, from)) = anchor else { return "catalog".to_owned() };
        let (name, lines) = &self.files[file];
        // The text's start, cut at a word: long enough to be unique after the anchor, short
        // enough to sit on one line of a folded scalar.
        for len in [48, 24, 10] {
            let mut cut = text.len().min(len);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let probe = match text[..cut].rfind(' ') {
                Some(space) if cut < text.len() && space > 4 => &text[..space],
                _ => &text[..cut],
            };
            if probe.trim().is_empty() {
                break;
            }
            if let Some(at) = lines.iter().skip(from).position(|l| l.contains(probe)) {
                return format!("{name}:{}", from + at + 1);
            }
        }
        format!("{name}:{}", from + 1)
    }
}

// ---------------------------------------------------------------------------------------
// The texts an owner reads.

/// Which field a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    LevelMeaning,
    Title,
    Meaning,
    Cause,
    Note,
    ProcedureTitle,
    Step,
    Part,
    Support,
}

/// One text of the catalog, with where it is.
#[derive(Clone, Debug)]
pub struct OwnText {
    /// `file:line` in the YAML.
    pub at: String,
    /// What it is: "code 07xx_2x00_0002_0003 meaning", "procedure `ams-feed-path` step 6".
    pub what: String,
    pub text: String,
    pub field: Field,
    /// The entry (index into `Catalog::codes`) of a title, meaning, cause or note.
    pub entry: Option<usize>,
    /// The procedure (index into `Catalog::procedures`) of a procedure's text.
    pub procedure: Option<usize>,
    /// The step number (from 1) of a step.
    pub step: Option<usize>,
}

/// How a procedure is named in a report: its name, or the code whose inline steps it is.
pub fn procedure_label(catalog: &Catalog, index: usize) -> String {
    let p = &catalog.procedures[index];
    if !p.name.is_empty() {
        return format!("procedure `{}`", p.name);
    }
    match catalog.codes.iter().find(|c| c.procedure == Some(index)) {
        Some(c) => format!("steps of code {}", c.spelled()),
        None => format!("procedure #{index}"),
    }
}

/// Where a procedure is: its `- name:` line, or its owner entry for inline steps.
pub fn procedure_anchor(catalog: &Catalog, sources: &Sources, index: usize) -> Option<(usize, usize)> {
    let p = &catalog.procedures[index];
    if !p.name.is_empty() {
        return sources.procedure_at(&p.name);
    }
    catalog.codes.iter().find(|c| c.procedure == Some(index)).and_then(|c| sources.entry_at(c))
}

/// Every text an owner reads: level meanings; each entry's title, meaning, causes and note;
/// each procedure's title, steps, parts and support line.
pub fn own_texts(catalog: &Catalog, sources: &Sources) -> Vec<OwnText> {
    let mut out = Vec::new();
    let text = |at: String, what: String, text: &str, field| OwnText {
        at,
        what,
        text: text.to_owned(),
        field,
        entry: None,
        procedure: None,
        step: None,
    };
    for level in &catalog.levels {
        let at = sources.find(Some((0, 0)), &level.meaning);
        out.push(text(at, format!("level `{}` meaning", level.name), &level.meaning, Field::LevelMeaning));
    }
    for (i, c) in catalog.codes.iter().enumerate() {
        let anchor = sources.entry_at(c);
        let who = format!("code {}", c.spelled());
        let mut fields =
            vec![("title".to_owned(), &c.title, Field::Title), ("meaning".to_owned(), &c.meaning, Field::Meaning)];
        fields.extend(c.causes.iter().enumerate().map(|(n, t)| (format!("cause {}", n + 1), t, Field::Cause)));
        fields.extend(c.note.iter().map(|t| ("note".to_owned(), t, Field::Note)));
        for (name, t, field) in fields {
            out.push(OwnText { entry: Some(i), ..text(sources.find(anchor, t), format!("{who} {name}"), t, field) });
        }
    }
    for (i, p) in catalog.procedures.iter().enumerate() {
        let anchor = procedure_anchor(catalog, sources, i);
        let who = procedure_label(catalog, i);
        let mut fields = vec![("title".to_owned(), &p.title, Field::ProcedureTitle, None)];
        fields
            .extend(p.steps.iter().enumerate().map(|(n, t)| (format!("step {}", n + 1), t, Field::Step, Some(n + 1))));
        fields.extend(p.parts.iter().enumerate().map(|(n, t)| (format!("part {}", n + 1), t, Field::Part, None)));
        fields.extend(p.support.iter().map(|t| ("support".to_owned(), t, Field::Support, None)));
        for (name, t, field, step) in fields {
            out.push(OwnText {
                procedure: Some(i),
                step,
                ..text(sources.find(anchor, t), format!("{who} {name}"), t, field)
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Codes, entries and procedures.

/// The entries (indexes into `Catalog::codes`) that reach each procedure, as their
/// procedure or their `see_also`.
pub fn users(catalog: &Catalog) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); catalog.procedures.len()];
    for (i, c) in catalog.codes.iter().enumerate() {
        for p in c.procedure.iter().chain(&c.see_also) {
            if !out[*p].contains(&i) {
                out[*p].push(i);
            }
        }
    }
    out
}

/// The entry that answers `code`: an exact pattern, else a family (written here apart from
/// `hms_core::covering`, which the tables and the lookup follow, so the tests check it).
pub fn entry_of(catalog: &Catalog, code: AnyCode) -> Option<usize> {
    let exact = catalog.codes.iter().position(|c| c.patterns.iter().any(|p| !p.is_family() && p.covers(code)));
    exact.or_else(|| catalog.codes.iter().position(|c| c.patterns.iter().any(|p| p.is_family() && p.covers(code))))
}

/// Every code a pattern covers: the code itself, or each lettered unit (`00`-`19`, `80`-`99`)
/// and each part digit of a family that its module's `parts` give.
pub fn members(pattern: &EntryPattern) -> Vec<AnyCode> {
    let units: Vec<u8> = if pattern.varies_unit() {
        (0..=0xFF).filter(|n| hms_core::unit_letter(*n).is_some()).collect()
    } else {
        vec![pattern.module_number()]
    };
    let digits: Vec<u8> = if pattern.varying_part().is_some() { (0..=0xF).collect() } else { vec![0] };
    let mut out = Vec::new();
    for &unit in &units {
        for &digit in &digits {
            let code = match pattern.key() {
                AnyCode::Hms(h) => AnyCode::Hms(h.with_module_number(unit).with_part(h.part() | digit)),
                AnyCode::PrintError(e) => AnyCode::PrintError(e.with_module_number(unit)),
            };
            if pattern.covers(code) {
                out.push(code);
            }
        }
    }
    out
}

/// The values `code` gives the placeholders of an entry whose pattern `pattern` matched it.
pub fn fill_of(catalog: &Catalog, pattern: &EntryPattern, code: AnyCode) -> Fill {
    let module = catalog.module(code.module_id());
    let abbr = module.filter(|m| m.lettered).map(|m| &*Box::leak(m.abbr.clone().into_boxed_str()));
    let facts = ModuleFacts { abbr, parts: module.and_then(|m| m.parts) };
    Fill::of(code, pattern.varies(), facts, pattern.side)
}

/// `template` filled from `fill`, and what could not be filled: a placeholder without a
/// value, an unknown one or an unbalanced brace (each as written).
pub fn fill(template: &str, fill: Fill) -> (String, Vec<String>) {
    let mut problems = Vec::new();
    for piece in pieces(template) {
        match piece {
            Piece::Placeholder { name, .. } => {
                let mut value = String::new();
                let _ = fill.write_value(name, &mut value);
                if value == "?" {
                    problems.push(format!("{{{name}}}"));
                }
            }
            Piece::Unbalanced { offset } => problems.push(template[offset..offset + 1].to_owned()),
            Piece::Literal(_) => {}
        }
    }
    (Filled::new(template, fill).to_string(), problems)
}

// ---------------------------------------------------------------------------------------
// Words, for the copy checks.

/// Product names that count as one word in the copy checks: a name is one thing, and its
/// parts ("AMS", "Lite", "2", "Pro") would otherwise make a shared run longer than the
/// wording it shares. Each is lower-case words as the tokenizer splits them.
pub const PRODUCT_NAMES: &[&[&str]] = &[
    &["ams", "2", "pro"],
    &["ams", "ht"],
    &["ams", "lite"],
    &["ams", "hub"],
    &["h2d", "pro"],
    &["a1", "mini"],
    &["x1", "carbon"],
    &["bambu", "lab"],
    &["bambu", "studio"],
    &["bambu", "handy"],
    &["micro", "lidar"],
];

/// A word of a text: its lower-case letters and digits (a product name of
/// [`PRODUCT_NAMES`] is one word, its parts joined by a space), or a placeholder (by name)
/// that matches any word. `id` is the word's hash, so windows hash without touching the
/// letters.
#[derive(Clone, Debug)]
pub struct Word {
    pub text: String,
    pub id: u64,
    pub any: bool,
}

impl Word {
    fn new(text: String, any: bool) -> Word {
        let mut h = DefaultHasher::new();
        text.hash(&mut h);
        Word { id: h.finish(), text, any }
    }

    /// Whether the two words are the same, a placeholder matching any word.
    pub fn matches(&self, other: &Word) -> bool {
        self.any || other.any || self.id == other.id && self.text == other.text
    }
}

/// The words of `text`. Words are runs of letters and digits, lower-cased (an apostrophe
/// inside a word is kept); punctuation and hyphens separate words, and the words of a
/// product name are then joined into one. A placeholder (`{name}`) is part of the word it
/// stands in, as the printer fills it (`{slot}'s` is one word, like `1's`); with
/// `placeholders`, a word holding one matches any word.
pub fn words(text: &str, placeholders: bool) -> Vec<Word> {
    let chars: Vec<char> = text.chars().collect();
    let placeholder_at = |i: usize| {
        let name = chars[i + 1..].iter().take_while(|n| n.is_ascii_alphabetic() || **n == '_').count();
        (chars[i] == '{' && name > 0 && chars.get(i + 1 + name) == Some(&'}')).then_some(name + 2)
    };
    let (mut raw, mut current, mut any, mut i) = (Vec::new(), String::new(), false, 0);
    let mut push = |current: &mut String, any: &mut bool| {
        if !current.is_empty() {
            raw.push((std::mem::take(current), *any && placeholders));
        }
        *any = false;
    };
    while i < chars.len() {
        let c = chars[i];
        if let Some(len) = placeholder_at(i) {
            current.extend(&chars[i..i + len]);
            any = true;
            i += len;
            continue;
        }
        let inside = !current.is_empty() && chars.get(i + 1).is_some_and(|&n| n.is_alphanumeric() || n == '{');
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}') && inside {
            current.push('\'');
        } else {
            push(&mut current, &mut any);
        }
        i += 1;
    }
    push(&mut current, &mut any);
    // Join product names, longest first.
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let name = PRODUCT_NAMES
            .iter()
            .filter(|name| {
                i + name.len() <= raw.len() && name.iter().zip(&raw[i..]).all(|(n, (w, any))| !any && w == n)
            })
            .max_by_key(|name| name.len());
        match name {
            Some(name) => {
                out.push(Word::new(name.join(" "), false));
                i += name.len();
            }
            None => {
                let (w, any) = raw[i].clone();
                out.push(Word::new(w, any));
                i += 1;
            }
        }
    }
    out
}

/// Where the imported texts are: `HMS_TEXTS_DIR`, else catalog/texts.
pub fn texts_dir() -> PathBuf {
    match std::env::var_os("HMS_TEXTS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => root().join("catalog/texts"),
    }
}

/// Bambu's texts of the languages asked for, each labelled with its language, code and
/// models; `None` when the English texts are not imported.
pub fn official_texts(catalog: &Catalog, langs: &[&str]) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    for lang in langs {
        let path = texts_dir().join(format!("{lang}.tsv"));
        let Ok(source) = std::fs::read_to_string(&path) else {
            if *lang == "en" {
                return None;
            }
            println!("{lang}: no texts at {}", path.display());
            continue;
        };
        let texts = hms_model::official::parse_texts(&source, &path.display().to_string(), catalog)
            .expect("the imported texts read");
        for t in texts.texts {
            let models: Vec<&str> = (0..catalog.models.len())
                .filter(|i| t.models & (1 << i) != 0)
                .map(|i| catalog.models[i].id.as_str())
                .collect();
            let models = if models.is_empty() { "default".to_owned() } else { models.join(",") };
            out.push((format!("{lang} {} ({models})", hms_model::official::spell(t.channel, t.key)), t.text));
        }
    }
    Some(out)
}

/// Writes every violation to `HMS_VIOLATIONS_DIR/violations-<check>.txt` when that variable
/// is set (a writer's worklist), and prints them.
pub fn report(check: &str, violations: &[String]) {
    for v in violations {
        println!("{v}");
    }
    if let Some(dir) = std::env::var_os("HMS_VIOLATIONS_DIR") {
        let path = PathBuf::from(dir).join(format!("violations-{check}.txt"));
        let mut body = format!("{} violations of the {check} check\n\n", violations.len());
        for v in violations {
            body.push_str(v);
            body.push('\n');
        }
        std::fs::write(&path, body).expect("the violations file is written");
    }
}

/// The distinct values of an iterator, in order.
pub fn distinct<T: Ord + Clone>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    items.into_iter().collect::<BTreeSet<_>>().into_iter().collect()
}

/// A small word matcher for the checks' phrase lists, so that no regex crate is needed.
///
/// A pattern is words separated by spaces. A word is matched whole and lower-case; `a|b`
/// is either; `word*` is any word starting with `word`; `~` skips up to three words. A
/// text matches when the pattern matches at some position of its words.
pub fn phrase_at(words: &[String], pattern: &str) -> Option<usize> {
    let tokens: Vec<&str> = pattern.split(' ').collect();
    (0..words.len()).find(|&start| matches_from(words, start, &tokens))
}

/// Whether `pattern` matches the words from position `at`.
pub fn matches_at(words: &[String], at: usize, pattern: &str) -> bool {
    let tokens: Vec<&str> = pattern.split(' ').collect();
    matches_from(words, at, &tokens)
}

fn matches_from(words: &[String], at: usize, tokens: &[&str]) -> bool {
    let Some((first, rest)) = tokens.split_first() else { return true };
    if *first == "~" {
        return (0..=3).any(|skip| at + skip <= words.len() && matches_from(words, at + skip, rest));
    }
    let Some(word) = words.get(at) else { return false };
    let ok = first.split('|').any(|alt| match alt.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == alt,
    });
    ok && matches_from(words, at + 1, rest)
}

/// The plain lower-case words of a text (letters, digits, inner apostrophes and hyphens
/// removed: "re-seat" is "reseat"), for the phrase lists.
pub fn plain_words(text: &str) -> Vec<String> {
    let text = text.replace(['\u{2019}'], "'");
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inner = !current.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || c == '°' {
            current.extend(c.to_lowercase());
        } else if (c == '\'' || c == '-') && inner {
            if c == '\'' {
                current.push(c);
            }
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Which of `patterns` a text's words match, by the first position of each match.
pub fn found(words: &[String], patterns: &[&str]) -> Option<usize> {
    patterns.iter().filter_map(|p| phrase_at(words, p)).min()
}
