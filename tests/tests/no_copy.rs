//! The catalog is written in the project's own words: no text of catalog.yaml may share a run
//! of 8 or more consecutive words with any of Bambu's texts (catalog/texts/<lang>.tsv, every
//! model, every language imported). Bambu's texts are not in the repository; without them
//! the test says it skipped.
//!
//! Words are runs of letters and digits, lower-cased (an apostrophe inside a word is kept);
//! punctuation is ignored. A product name ("AMS-HT", "AMS Lite", "AMS 2 Pro", "H2D Pro", "A1
//! mini": `common::PRODUCT_NAMES`) counts as one word, in both texts. A placeholder such as `{ams}` in a catalog text matches any one
//! word, since it stands for whatever the printer fills in. In Bambu's texts, which the import
//! stores with the same placeholders, a placeholder is a word as written.

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::PathBuf;

mod common;

use common::{Word, texts_dir, words};
use hms_model::Catalog;
use hms_model::official::{parse_texts, spell};

/// The shortest shared run of words that counts as a copy.
const RUN: usize = 8;

/// Which positions of a window hold a placeholder.
fn mask(window: &[Word]) -> u8 {
    window.iter().enumerate().fold(0, |m, (i, w)| if w.any { m | 1 << i } else { m })
}

/// The hash of a window with the `mask`ed positions left out.
fn window_hash(window: &[Word], mask: u8) -> u64 {
    window.iter().enumerate().fold(u64::from(mask), |h, (i, w)| {
        let id = if mask & 1 << i != 0 { 0 } else { w.id };
        (h.rotate_left(17) ^ id).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    })
}

/// The keys are hashes already: the map uses them as they are.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| h.rotate_left(8) ^ u64::from(b));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Every window of RUN words of the official texts, hashed once per placeholder mask that
/// the catalog's windows need (a window with a placeholder at position 3 looks up official
/// windows hashed without their word 3).
struct Index {
    /// Each distinct official text: where it comes from, and its words.
    sources: Vec<(String, Vec<Word>)>,
    windows: HashMap<u64, (u32, u32), BuildHasherDefault<Identity>>,
}

impl Index {
    fn new(official: &[(String, String)], masks: &BTreeSet<u8>) -> Index {
        let mut index = Index { sources: Vec::new(), windows: HashMap::default() };
        let mut seen = std::collections::HashSet::new();
        for (label, text) in official {
            if !seen.insert(text.as_str()) {
                continue;
            }
            let words = words(text, false);
            let source = index.sources.len() as u32;
            for (at, window) in words.windows(RUN).enumerate() {
                for &mask in masks {
                    index.windows.entry(window_hash(window, mask)).or_insert((source, at as u32));
                }
            }
            index.sources.push((label.clone(), words));
        }
        index
    }

    /// The official window that `window` copies: its source and position.
    fn find(&self, window: &[Word]) -> Option<(usize, usize)> {
        let &(source, at) = self.windows.get(&window_hash(window, mask(window)))?;
        let (source, at) = (source as usize, at as usize);
        // A hash may collide: only equal words count.
        let official = &self.sources[source].1[at..at + RUN];
        window.iter().zip(official).all(|(own, theirs)| own.matches(theirs)).then_some((source, at))
    }

    /// Each run of RUN or more words of `text` found in an official text: the words, and
    /// the label of the first official text the run's first window copies.
    fn copies(&self, text: &str) -> Vec<(String, String)> {
        let own = words(text, true);
        let mut found = Vec::new();
        let mut i = 0;
        while i + RUN <= own.len() {
            let Some((source, _)) = self.find(&own[i..i + RUN]) else {
                i += 1;
                continue;
            };
            let mut end = i + RUN;
            while end < own.len() && self.find(&own[end + 1 - RUN..end + 1]).is_some() {
                end += 1;
            }
            let shared: Vec<&str> = own[i..end].iter().map(|w| w.text.as_str()).collect();
            found.push((shared.join(" "), self.sources[source].0.clone()));
            i = end;
        }
        found
    }
}

/// Every text the catalog writes itself, with where it is.
fn own_texts(catalog: &Catalog) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for level in &catalog.levels {
        out.push((format!("level `{}` meaning", level.name), level.meaning.clone()));
    }
    let mut inline_owner = HashMap::new();
    for c in &catalog.codes {
        let at = format!("code {} (line {} of its file)", c.spelled(), c.line);
        out.push((format!("{at} title"), c.title.clone()));
        out.push((format!("{at} meaning"), c.meaning.clone()));
        out.extend(c.causes.iter().enumerate().map(|(i, t)| (format!("{at} cause {}", i + 1), t.clone())));
        out.extend(c.note.iter().map(|t| (format!("{at} note"), t.clone())));
        if let Some(p) = c.procedure {
            inline_owner.entry(p).or_insert(at);
        }
    }
    for (i, p) in catalog.procedures.iter().enumerate() {
        let at = match (p.name.as_str(), inline_owner.get(&i)) {
            ("", Some(code)) => format!("{code} steps"),
            (name, _) => format!("procedure `{name}`"),
        };
        out.push((format!("{at} title"), p.title.clone()));
        out.extend(p.steps.iter().enumerate().map(|(n, t)| (format!("{at} step {}", n + 1), t.clone())));
        out.extend(p.parts.iter().enumerate().map(|(n, t)| (format!("{at} part {}", n + 1), t.clone())));
        out.extend(p.support.iter().map(|t| (format!("{at} support"), t.clone())));
    }
    out
}

/// Bambu's texts of every language imported, each labelled with its language and code.
fn official_texts(catalog: &Catalog) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    for lang in hms_model::official::LANGS {
        let path = texts_dir().join(format!("{lang}.tsv"));
        let Ok(source) = std::fs::read_to_string(&path) else {
            if lang == "en" {
                return None;
            }
            println!("{lang}: no texts at {}", path.display());
            continue;
        };
        let texts = parse_texts(&source, &path.display().to_string(), catalog).expect("the imported texts read");
        for t in texts.texts {
            let models: Vec<&str> = (0..catalog.models.len())
                .filter(|i| t.models & (1 << i) != 0)
                .map(|i| catalog.models[i].id.as_str())
                .collect();
            let models = if models.is_empty() { "default".to_owned() } else { models.join(",") };
            out.push((format!("{lang} {} ({models})", spell(t.channel, t.key)), t.text));
        }
    }
    Some(out)
}

#[test]
fn catalog_texts_copy_no_run_of_bambus_words() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut catalog = hms_model::load(&root.join("catalog.yaml"), "catalog.yaml").expect("catalog.yaml reads");
    // The texts may name printers official.tsv lists by a serial prefix catalog.yaml lacks.
    if let Ok(facts) = std::fs::read_to_string(root.join("catalog/official.tsv")) {
        hms_model::official::parse_facts(&facts, "official.tsv", &catalog)
            .expect("catalog/official.tsv reads")
            .add_unnamed_to(&mut catalog);
    }
    let Some(official) = official_texts(&catalog) else {
        println!(
            "skipped: Bambu's texts not found in {} (run `cargo xtask regenerate --official ...`)",
            texts_dir().display()
        );
        return;
    };
    let own = own_texts(&catalog);
    let mut masks: BTreeSet<u8> =
        own.iter().flat_map(|(_, t)| words(t, true).windows(RUN).map(mask).collect::<Vec<_>>()).collect();
    masks.insert(0);
    let index = Index::new(&official, &masks);
    println!(
        "{} own texts against {} official texts ({} distinct, {} windows)",
        own.len(),
        official.len(),
        index.sources.len(),
        index.windows.len()
    );
    assert!(own.len() > 100 && index.sources.len() > 1000, "too little read to compare");
    let copies: Vec<String> = own
        .iter()
        .flat_map(|(at, text)| {
            index.copies(text).into_iter().map(move |(shared, source)| format!("{at}: \"{shared}\" is in {source}"))
        })
        .collect();
    common::report("no_copy", &copies);
    assert!(copies.is_empty(), "{} catalog texts copy Bambu's words (listed above)", copies.len());
}

fn index_of(official: &str) -> Index {
    Index::new(&[("en hms 0700010000010001 (default)".to_owned(), official.to_owned())], &(0..=255).collect())
}

const OFFICIAL: &str =
    "The AMS A assist motor has slipped. The extrusion wheel may be worn down, or the filament may be too thin.";

#[test]
fn a_planted_copy_is_caught_whatever_its_case_and_punctuation() {
    let index = index_of(OFFICIAL);
    let copies = index.copies("Check this: THE EXTRUSION WHEEL - may be worn down; or the filament is thin.");
    assert_eq!(
        copies,
        [(
            "the extrusion wheel may be worn down or the filament".to_owned(),
            "en hms 0700010000010001 (default)".to_owned()
        )]
    );
    // A placeholder stands for any word.
    let copies = index.copies("AMS {ams} assist motor has slipped. The extrusion wheel turns.");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(copies[0].0, "ams {ams} assist motor has slipped the extrusion wheel");
}

#[test]
fn seven_shared_words_are_not_a_copy() {
    let index = index_of(OFFICIAL);
    assert_eq!(index.copies("We think the extrusion wheel may be worn down, so replace it."), []);
    assert_eq!(index.copies("Motor has slipped. The extrusion wheel may"), []);
    assert_eq!(
        words("Don't stop 'here' {ams}", true).iter().map(|w| w.text.as_str()).collect::<Vec<_>>(),
        ["don't", "stop", "here", "{ams}"]
    );
}

#[test]
fn a_product_name_is_one_word() {
    let names: Vec<String> = words("The AMS-HT, AMS Lite, AMS 2 Pro, H2D Pro and A1 mini; AMS A.", true)
        .into_iter()
        .map(|w| w.text)
        .collect();
    assert_eq!(names, ["the", "ams ht", "ams lite", "ams 2 pro", "h2d pro", "and", "a1 mini", "ams", "a"]);
    // Eight words as written, seven counted: "AMS Lite" is one word.
    let index = index_of("The AMS Lite A feeder unit has no filament left in it.");
    assert_eq!(index.copies("Here the AMS Lite A feeder unit has no spool."), []);
}
