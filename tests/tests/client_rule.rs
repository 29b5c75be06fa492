//! The compiled official texts against the rule Home Assistant-style clients apply to
//! Bambu's merged lists (`ha-bambulab/hms_<lang>.json`), written here again on its own:
//!
//! - a text whose model list names the printer is that printer's own; a text with an empty
//!   list is the default for every other printer; an empty text is no text;
//! - a locale falls back to its base language, then English;
//! - a code is silent when nothing is found and English lists it with an empty text.
//!
//! For every code of the merged lists, every printer they name, a printer the catalog does not
//! know, and several locales, the catalog must answer the same. Runs when the official files
//! and the imported texts are present; otherwise it says it skipped.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use hms_catalog::{AnyCode, Hms, Lang, Model, OfficialText, PrintError, lookup};

/// `{ecode: [(text, models)]}` of one language, both sections.
type Lists = HashMap<String, Vec<(String, Vec<String>)>>;

fn merged_dir() -> Option<PathBuf> {
    hms_tests::official_dir("ha-bambulab/hms_en.json").map(|dir| dir.join("ha-bambulab"))
}

/// The merged lists by the file's language tag (`en`, `pt-br`, `zh-Hans`).
fn read_lists(dir: &std::path::Path) -> BTreeMap<String, Lists> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(tag) = name.strip_prefix("hms_").and_then(|n| n.strip_suffix(".json")) else { continue };
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let mut lists = Lists::new();
        for section in ["device_hms", "device_error"] {
            for (ecode, texts) in json[section].as_object().into_iter().flatten() {
                let texts = texts.as_object().unwrap().iter().map(|(text, models)| {
                    let models = models.as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_owned()).collect();
                    (text.clone(), models)
                });
                lists.insert(ecode.clone(), texts.collect());
            }
        }
        out.insert(tag.to_owned(), lists);
    }
    out
}

/// What the client shows: a text, silence, or nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Answer {
    Text(String),
    Silent,
    Nothing,
}

/// The client rule for one code, printer (`None`: one no list names) and locale chain.
fn client(all: &BTreeMap<String, Lists>, chain: &[&str], ecode: &str, printer: Option<&str>) -> Answer {
    let in_lang = |tag: &str| -> (Option<String>, bool) {
        let Some(texts) = all.get(tag).and_then(|l| l.get(ecode)) else { return (None, false) };
        let own = printer.and_then(|p| texts.iter().find(|(_, models)| models.iter().any(|m| m == p)));
        let default = texts.iter().find(|(_, models)| models.is_empty());
        let listed_empty = own.or(default).is_some_and(|(t, _)| t.is_empty());
        let found = [own, default].into_iter().flatten().map(|(t, _)| t).find(|t| !t.is_empty());
        (found.cloned(), listed_empty)
    };
    for tag in chain {
        if let (Some(text), _) = in_lang(tag) {
            return Answer::Text(text);
        }
    }
    if in_lang("en").1 { Answer::Silent } else { Answer::Nothing }
}

/// The catalog's answer.
fn compiled(code: AnyCode, model: Option<Model>, lang: Lang) -> Answer {
    match lookup(code).official().map(|o| o.text(model, lang)) {
        Some(OfficialText::Text(text)) => Answer::Text(text.to_string()),
        Some(OfficialText::Silent) => Answer::Silent,
        _ => Answer::Nothing,
    }
}

fn code_of(ecode: &str) -> AnyCode {
    match ecode.len() {
        16 => AnyCode::Hms(Hms::parse(ecode).unwrap()),
        _ => AnyCode::PrintError(PrintError::parse(ecode).unwrap()),
    }
}

/// The locales checked, with the chain of merged-list files a client walks for each.
const LOCALES: [(&str, &[&str]); 7] = [
    ("en", &["en"]),
    ("de", &["de", "en"]),
    ("de-CH", &["de", "en"]),
    ("pt-BR", &["pt-br", "en"]),
    ("es", &["es", "en"]),
    ("fr", &["fr", "en"]),
    ("he", &["en"]),
];

#[test]
fn compiled_texts_follow_the_client_rule_on_the_merged_lists() {
    let Some(dir) = merged_dir() else {
        println!("skipped: the merged lists (ha-bambulab/hms_en.json) not found (set HMS_OFFICIAL_DIR)");
        return;
    };
    if LOCALES.iter().any(|(locale, _)| !Lang::negotiate(locale).unwrap().has_texts()) {
        println!("skipped: the official texts are not imported (cargo xtask regenerate --official ...)");
        return;
    }
    let all = read_lists(&dir);
    let named: BTreeSet<&str> = all
        .values()
        .flat_map(|lists| lists.values().flatten().flat_map(|(_, models)| models.iter().map(String::as_str)))
        .collect();
    let codes: BTreeSet<&String> = all.values().flat_map(|lists| lists.keys()).collect();
    let mut printers: Vec<(Option<&str>, Option<Model>)> = named
        .iter()
        .map(|&id| (Some(id), Some(*Model::ALL.iter().find(|m| m.id() == id).expect("a model of the lists"))))
        .collect();
    printers.push((None, None));
    let (mut answers, mut majority) = (0, 0);
    let mut differences: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (locale, chain) in LOCALES {
        let lang = Lang::negotiate(locale).unwrap();
        for ecode in &codes {
            let code = code_of(ecode);
            for &(id, model) in &printers {
                answers += 1;
                let want = client(&all, chain, ecode, id);
                let got = compiled(code, model, lang);
                if want == got {
                    continue;
                }
                // A printer no list names, where the code has no default text: the catalog
                // gives the text most printers show, which the rule allows.
                if id.is_none() && want == Answer::Nothing && matches!(got, Answer::Text(_)) {
                    majority += 1;
                    continue;
                }
                let who = id.unwrap_or("(unknown printer)");
                differences
                    .entry(format!("{locale} {who}"))
                    .or_default()
                    .push(format!("{ecode}: want {want:?}, got {got:?}"));
            }
        }
    }
    println!(
        "{answers} answers over {} codes, {} printers and {} locales; {majority} answers for an unknown \
         printer where no default exists give the text most printers show",
        codes.len(),
        printers.len(),
        LOCALES.len()
    );
    let count: usize = differences.values().map(Vec::len).sum();
    for (who, lines) in &differences {
        println!("{who}: {} differences, first: {}", lines.len(), lines[..lines.len().min(3)].join("; "));
    }
    assert_eq!(count, 0, "{count} answers differ from the client rule");
}

/// The German texts that an empty per-model text used to hide are German.
#[test]
fn an_empty_per_model_text_does_not_hide_the_default() {
    let Some(dir) = merged_dir() else {
        println!("skipped: the merged lists not found (set HMS_OFFICIAL_DIR)");
        return;
    };
    if !Lang::De.has_texts() {
        println!("skipped: the official texts are not imported");
        return;
    }
    let all = read_lists(&dir);
    for ecode in ["0300010000010005", "0701C008"] {
        let want = client(&all, &["de"], ecode, Some("X2D"));
        let Answer::Text(german) = want else { panic!("{ecode}: the merged German list has a text") };
        for model in [None, Some(Model::X2D)] {
            let got = compiled(code_of(ecode), model, Lang::De);
            assert!(matches!(&got, Answer::Text(t) if *t == german || model.is_some()), "{ecode} {model:?}: {got:?}");
            let english = compiled(code_of(ecode), model, Lang::En);
            assert_ne!(got, english, "{ecode} {model:?}: German, not English");
        }
    }
}
