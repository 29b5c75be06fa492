//! The catalog's own title and meaning of a code must name what Bambu's texts for that code
//! name: the AMS unit, the slot, the side and the part. For every official code an entry
//! covers, its title and meaning (filled for the code by `lookup`) are compared with Bambu's
//! English text for every model that lists the code:
//!
//! (a) a term every model's text names must be in the own text;
//! (b) a side (left/right) the own text names must be named by at least one model's text;
//! (c) the own text must not name another AMS unit or slot than the code's.
//!
//! Needs the imported texts (`cargo xtask regenerate --official ...`); says it skipped without.

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use hms_catalog::{Lang, OfficialText, lookup};
use hms_model::official::parse_facts;

/// Something a text can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Term {
    Unit(char),
    Slot(u8),
    Side(&'static str),
    Part(&'static str),
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Unit(u) => write!(f, "AMS unit {u}"),
            Term::Slot(s) => write!(f, "slot {s}"),
            Term::Side(s) => write!(f, "the {s} side"),
            Term::Part(p) => write!(f, "the {p}"),
        }
    }
}

/// Parts and the phrases (lower-case words) that name them: the heaters, fans, nozzle and
/// camera kinds a code names, where naming another would send the user to the wrong part.
/// Parts Bambu's texts name only as advice (PTFE tube, toolhead, cutter...) are not held to.
/// The longest phrase wins and its words name nothing else, so "auxiliary part cooling fan"
/// is the auxiliary fan only, and "chamber fan" is not the chamber heater.
const PARTS: &[(&str, &[&str])] = &[
    ("heatbed", &["heatbed", "heat bed", "hotbed", "hot bed", "heated bed"]),
    ("nozzle", &["nozzle"]),
    ("hotend", &["hotend", "hot end"]),
    ("chamber heater", &["chamber heater", "chamber heating"]),
    ("hotend cooling fan", &["hotend fan", "hotend cooling fan", "hot end fan", "hot end cooling fan"]),
    ("part cooling fan", &["part cooling fan", "part fan"]),
    ("auxiliary fan", &["auxiliary fan", "aux fan", "auxiliary part cooling fan", "auxiliary cooling fan"]),
    ("chamber fan", &["chamber fan", "chamber cooling fan"]),
    ("exhaust fan", &["exhaust fan", "chamber exhaust fan"]),
    ("camera", &["camera"]),
    ("lidar", &["lidar"]),
];

/// Words after `left`/`right` that make it a side rather than "filament left in the tube"
/// or "the right plate".
const SIDE_HEADS: &[&str] = &[
    "extruder",
    "nozzle",
    "hotend",
    "hot",
    "side",
    "one",
    "laser",
    "external",
    "toolhead",
    "tool",
    "heater",
    "spool",
    "feeder",
    "aux",
    "auxiliary",
];

/// Whether `word` is `stem`, or its plural.
fn is(word: &str, stem: &str) -> bool {
    word == stem || word.strip_suffix('s') == Some(stem) || word.strip_suffix("es") == Some(stem)
}

/// What `text` names.
fn terms(text: &str) -> BTreeSet<Term> {
    let original: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let lower: Vec<String> = original.iter().map(|w| w.to_lowercase()).collect();
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < lower.len() {
        let w = lower[i].as_str();
        if w == "ams" {
            let j = i + 1 + usize::from(lower.get(i + 1).is_some_and(|n| n == "ht" || n == "lite"));
            // A unit is one capital letter: "the AMS a few times" names none.
            if let Some(&[u]) = original.get(j).map(|o| o.as_bytes())
                && u.is_ascii_uppercase()
            {
                found.insert(Term::Unit(u as char));
            }
        }
        let number = match w.strip_prefix("slot") {
            Some("") => lower.get(i + 1).and_then(|n| n.parse::<u8>().ok()),
            Some(digits) => digits.parse::<u8>().ok(),
            None => None,
        };
        found.extend(number.filter(|n| (1..=9).contains(n)).map(Term::Slot));
        if let Some(side) = ["left", "right"].into_iter().find(|s| w == *s) {
            let next = lower.get(i + 1).map_or("", String::as_str);
            if SIDE_HEADS.iter().any(|h| is(next, h)) {
                found.insert(Term::Side(side));
            } else if matches!(next, "and" | "or") && lower.get(i + 2).is_some_and(|n| n == "left" || n == "right") {
                found.extend([Term::Side("left"), Term::Side("right")]);
            }
        }
        // The X2D's auxiliary extruder is its right one (its other texts say "right (Aux)
        // extruder"), so "auxiliary extruder" names the right side, in either text.
        if matches!(w, "aux" | "auxiliary")
            && lower.get(i + 1).is_some_and(|n| ["extruder", "nozzle", "hotend"].iter().any(|h| is(n, h)))
        {
            found.insert(Term::Side("right"));
        }
        // The longest phrase of any part that starts here.
        let phrase = PARTS
            .iter()
            .flat_map(|(part, phrases)| phrases.iter().map(move |p| (*part, p.split(' ').collect::<Vec<_>>())))
            .filter(|(_, words)| {
                let n = words.len();
                i + n <= lower.len()
                    && words[..n - 1].iter().zip(&lower[i..]).all(|(p, w)| p == w)
                    && is(&lower[i + n - 1], words[n - 1])
            })
            .max_by_key(|(_, words)| words.len());
        match phrase {
            Some((part, words)) => {
                found.insert(Term::Part(part));
                i += words.len();
            }
            None => i += 1,
        }
    }
    found
}

/// What is wrong with `own` against the official texts of a code whose unit letter and slot
/// are `unit` and `slot`.
fn problems(own: &str, official: &[String], unit: Option<char>, slot: Option<u8>) -> Vec<String> {
    let own = terms(own);
    let theirs: Vec<BTreeSet<Term>> = official.iter().map(|t| terms(t)).collect();
    let mut out = Vec::new();
    let every = theirs.iter().skip(1).fold(theirs.first().cloned().unwrap_or_default(), |all, t| &all & t);
    for term in every.difference(&own) {
        out.push(format!("does not name {term}, which every official text names"));
    }
    let named = |term: &Term| theirs.iter().any(|t| t.contains(term));
    for term in &own {
        let wrong = match *term {
            Term::Side(_) => !named(term),
            Term::Unit(u) => unit.map_or(!named(term), |code| u != code),
            Term::Slot(s) => slot.map_or(!named(term), |code| s != code),
            Term::Part(_) => false,
        };
        if wrong {
            out.push(format!("names {term}, which the code and its official texts do not"));
        }
    }
    out
}

#[test]
fn own_texts_name_what_bambus_texts_name() {
    if !Lang::En.has_texts() {
        println!("skipped: Bambu's English texts are not compiled in (run `cargo xtask regenerate --official ...`)");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let catalog = hms_model::load(&root.join("catalog.yaml"), "catalog.yaml").expect("catalog.yaml reads");
    let facts = std::fs::read_to_string(root.join("catalog/official.tsv")).expect("catalog/official.tsv is committed");
    let facts = parse_facts(&facts, "official.tsv", &catalog).expect("catalog/official.tsv reads");
    let (mut checked, mut violations) = (0, Vec::new());
    for code in &facts.codes {
        let any = code.code();
        let found = lookup(any);
        let (Some(entry), Some(title), Some(meaning), Some(official)) =
            (found.entry(), found.title(), found.meaning(), found.official())
        else {
            continue;
        };
        // Each model's text, models that show the same text together.
        let mut texts: Vec<(String, Vec<&str>)> = Vec::new();
        let models: Vec<_> = official.models().map(Some).collect();
        for model in if models.is_empty() { vec![None] } else { models } {
            let OfficialText::Text(text) = official.text(model, Lang::En) else { continue };
            let (text, id) = (text.to_string(), model.map_or("default", |m| m.id()));
            match texts.iter_mut().find(|(t, _)| *t == text) {
                Some((_, ids)) => ids.push(id),
                None => texts.push((text, vec![id])),
            }
        }
        if texts.is_empty() {
            continue;
        }
        checked += 1;
        let own = format!("{title}. {meaning}");
        let official_texts: Vec<String> = texts.iter().map(|(t, _)| t.clone()).collect();
        for problem in problems(&own, &official_texts, found.unit_letter(), found.slot()) {
            let theirs: Vec<String> =
                texts.iter().map(|(t, ids)| format!("  official ({}): {t}", ids.join(","))).collect();
            violations.push(format!(
                "{any} (entry {}): {problem}\n  own: {own}\n{}",
                entry.pattern(),
                theirs.join("\n")
            ));
        }
    }
    println!("checked {checked} official codes against their entries");
    assert!(checked > 100, "only {checked} codes checked");
    assert!(violations.is_empty(), "{} violations:\n{}", violations.len(), violations.join("\n"));
}

#[test]
fn terms_name_units_slots_sides_and_parts() {
    let t = terms("AMS-HT B slot 3: the left extruder's auxiliary part cooling fan and the Heat Bed. AMS Lite C Slot2");
    let want = [
        Term::Unit('B'),
        Term::Unit('C'),
        Term::Slot(2),
        Term::Slot(3),
        Term::Side("left"),
        Term::Part("heatbed"),
        Term::Part("auxiliary fan"),
    ];
    assert_eq!(t, want.into_iter().collect());
    // A verb, an adjective and an article are not sides or units.
    assert_eq!(terms("Filament left in the hub; pick the right plate. Is the AMS a problem?"), BTreeSet::new());
    assert_eq!(terms("chamber fans"), [Term::Part("chamber fan")].into());
    assert_eq!(terms("the auxiliary extruder's motor"), [Term::Side("right")].into());
    assert_eq!(terms("the auxiliary part cooling fan"), [Term::Part("auxiliary fan")].into());
}

#[test]
fn rules_catch_missing_terms_wrong_units_and_invented_sides() {
    let official =
        ["The left hotend fan of AMS A slot 1 stalled.".to_owned(), "AMS A slot 1: hotend fan stalled.".to_owned()];
    assert_eq!(problems("AMS A slot 1 hotend cooling fan stops", &official, Some('A'), Some(1)), Vec::<String>::new());
    let found = problems("AMS B slot 1 fan stops on the right side", &official, Some('A'), Some(1));
    assert_eq!(
        found,
        [
            "does not name AMS unit A, which every official text names",
            "does not name the hotend cooling fan, which every official text names",
            "names AMS unit B, which the code and its official texts do not",
            "names the right side, which the code and its official texts do not",
        ]
    );
}
