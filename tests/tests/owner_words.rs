//! Every text an owner reads is in an owner's words (docs/WRITING.md, "Owner words"):
//! titles, meanings, causes, notes, procedure titles, steps, parts, support lines and level
//! meanings. Owners read them in apps, on small displays and by voice, so a text holds:
//!
//! - no backtick and no command of the command-line tool (`hms explain`, `hms decode`,
//!   `hms list`, or `hms` written as a command in lower case);
//! - no brace left once the placeholders are filled, for every code each entry covers (a
//!   placeholder a code cannot fill, or a literal `{{`/`}}`);
//! - no raw code fragment ([`code_fragments`]): `0500_8067`, `0300-400C`, `(0027)`, a family
//!   spelling such as `07xx_2x00`, or a bare group of hex digits that looks like a code
//!   number. A part number, a temperature or a plain quantity is not one. A note may name
//!   another code for the owner's benefit (a guide that files a fault under another code);
//!   its other rules hold;
//! - no remark about the catalog or its sources ([`REMARKS`]);
//! - a pointer to "the Wiki page for this code" only when every official code that shows
//!   the text has a page of its own in catalog/official.tsv (column 4: a page whose last path
//!   component is that code's own number). For other codes the tool can only offer the
//!   Wiki's generic HMS page, so the step must say where the part is.
//!
//! The check reads catalog.yaml, its files and catalog/official.tsv; it needs no imported
//! texts.

mod common;

use std::collections::BTreeSet;

use common::{Field, OwnText, entry_of, fill, fill_of, members, users};
use hms_core::AnyCode;
use hms_model::Catalog;

/// Remarks about the catalog, its sources or the code's structure, lower-case. Each is a
/// phrase an owner has no use for: the text should say what the printer does instead.
const REMARKS: &[&str] = &[
    "no current model",
    "no model lists",
    "lists this code",
    "list this code",
    "bambu gives",
    "bambu publishes",
    "does not publish",
    "publishes no",
    "lists the code",
    "list the code",
    "wiki files",
    "bambu's text",
    "bambu's own text",
    "bambu text",
    "official text",
    "official list",
    "official wording",
    "merged list",
    "the texts name",
    "the text names",
    "the texts say",
    "the lists",
    "as the code names",
    "the code names",
    "the code's number",
    "the code's digits",
    "code structure",
    "part byte",
    "module byte",
    "module number",
    "error id",
    "print_error",
    "print.hms",
    "placeholder",
    "for part ",
    "under part ",
    "of its codes",
    "(part ",
    "this catalog",
    "the catalog",
    "catalog entry",
    "this entry",
    "same text",
    "same wording",
    "these codes share",
    "both codes",
    "all these codes",
];

/// Commands of the command-line tool.
const COMMANDS: &[&str] = &["hms explain", "hms decode", "hms list", "hms --", "hms check"];

/// Phrases that point at the Wiki page of the code itself.
const OWN_WIKI: &[&str] =
    &["this code", "the code", "code's", "this alert", "the alert's", "this error", "this warning", "this message"];

/// Raw code fragments in a text: `0500_8067`, `0300-400C`, `(0027)`, `07xx_2x00`, and bare
/// groups of hex digits that look like code numbers (four or more, with a letter A-F, or a
/// leading zero, or eight or sixteen digits). A decimal number such as 2000 or 1000 alone is
/// a quantity, not a code.
fn code_fragments(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // A token of letters and digits, joined by `_` or `-` into groups.
        if !chars[i].is_ascii_alphanumeric() || i > 0 && chars[i - 1].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut groups = Vec::new();
        loop {
            let g = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            groups.push(chars[g..i].iter().collect::<String>());
            if i + 1 < chars.len() && matches!(chars[i], '_' | '-') && chars[i + 1].is_ascii_alphanumeric() {
                i += 1;
            } else {
                break;
            }
        }
        let token: String = chars[start..i].iter().collect();
        let hexish = |g: &str| g.chars().all(|c| c.is_ascii_hexdigit() || c == 'x' || c == 'X');
        let code_group = |g: &str| g.len() == 4 && hexish(g) && g.chars().any(|c| c.is_ascii_digit());
        let parenthesised = start > 0 && chars[start - 1] == '(' && chars.get(i) == Some(&')');
        let looks_like_code = if groups.len() >= 2 {
            groups.iter().filter(|g| code_group(g)).count() >= 2
        } else {
            let g = &groups[0];
            let digits = g.chars().filter(char::is_ascii_digit).count();
            let letters = g.chars().filter(|c| matches!(c, 'A'..='F')).count();
            let upper_hex = g.chars().all(|c| c.is_ascii_digit() || matches!(c, 'A'..='F'));
            upper_hex
                && digits > 0
                && (g.len() == 8
                    || g.len() == 16
                    || g.len() == 4 && (letters > 0 || g.starts_with('0') || parenthesised))
        };
        if looks_like_code {
            out.push(token);
        }
    }
    out
}

/// What is wrong with one text of `field`, apart from placeholders and wiki pages.
fn word_problems(text: &str, field: Field) -> Vec<String> {
    let mut out = Vec::new();
    let lower = text.to_lowercase();
    if text.contains('`') {
        out.push("a backtick".to_owned());
    }
    for c in COMMANDS {
        if lower.contains(c) {
            out.push(format!("the command \"{c}\""));
        }
    }
    // `hms` in lower case is the command; "HMS" is the printer's name for its alerts.
    let commands = text.split(|c: char| !c.is_alphanumeric()).filter(|w| *w == "hms").count();
    if commands > 0 && !COMMANDS.iter().any(|c| lower.contains(c)) {
        out.push("the command name \"hms\"".to_owned());
    }
    if field != Field::Note {
        for f in code_fragments(text) {
            out.push(format!("the code fragment \"{f}\""));
        }
    }
    for r in REMARKS {
        if lower.contains(r) {
            out.push(format!("the catalog remark \"{}\"", r.trim()));
        }
    }
    out
}

/// Whether a text points at the Wiki page of the code itself.
fn points_at_own_wiki(text: &str) -> bool {
    let lower = text.to_lowercase();
    // Sentence by sentence: "the Wiki page ... for this code".
    lower.split(['.', ';', '!', '?']).any(|s| s.contains("wiki") && OWN_WIKI.iter().any(|p| s.contains(p)))
}

/// Whether an official code has a wiki page of its own: a page named by its own number.
fn has_own_page(code: AnyCode, wiki: &[(String, u32)]) -> bool {
    let own = code.to_string().to_uppercase();
    wiki.iter()
        .any(|(page, _)| page.rsplit('/').next().is_some_and(|last| last.to_uppercase().replace('-', "_") == own))
}

/// The official codes (or, where none is official, the codes of the patterns) that show an
/// entry's texts.
fn entry_codes(catalog: &Catalog, official: &[(AnyCode, bool)], entry: usize) -> Vec<(AnyCode, bool)> {
    let e = &catalog.codes[entry];
    let found: Vec<(AnyCode, bool)> = official
        .iter()
        .filter(|(code, _)| e.patterns.iter().any(|p| p.covers(*code)) && entry_of(catalog, *code) == Some(entry))
        .copied()
        .collect();
    if found.is_empty() { e.patterns.iter().map(|p| (p.code(), false)).collect() } else { found }
}

#[test]
fn owner_texts_hold_no_commands_code_fragments_or_catalog_remarks() {
    let catalog = common::load();
    let sources = common::Sources::read(&catalog);
    let facts = common::facts(&catalog);
    let official: Vec<(AnyCode, bool)> =
        facts.codes.iter().map(|c| (c.code(), has_own_page(c.code(), &c.wiki))).collect();
    let users = users(&catalog);
    let texts = common::own_texts(&catalog, &sources);
    let mut violations = Vec::new();
    let mut say = |t: &OwnText, problem: String| {
        violations.push(format!("{}: {} has {problem}\n    text: {}", t.at, t.what, t.text));
    };
    for t in &texts {
        for problem in word_problems(&t.text, t.field) {
            say(t, problem);
        }
    }
    // Braces left after filling, for every code each entry covers.
    for t in &texts {
        let entries: Vec<usize> = match (t.entry, t.procedure) {
            (Some(e), _) => vec![e],
            (None, Some(p)) => users[p].clone(),
            _ => Vec::new(),
        };
        let mut left = BTreeSet::new();
        for e in entries {
            for pattern in &catalog.codes[e].patterns {
                for code in members(pattern) {
                    let (filled, problems) = fill(&t.text, fill_of(&catalog, pattern, code));
                    if !problems.is_empty() || filled.contains(['{', '}']) {
                        left.insert(format!("{} ({})", problems.join(" "), pattern.spelled()));
                    }
                }
            }
        }
        for l in left {
            say(t, format!("a brace or placeholder left unfilled: {l}"));
        }
    }
    // "The Wiki page for this code" only where every code showing the text has one.
    for t in &texts {
        if !points_at_own_wiki(&t.text) || t.field == Field::LevelMeaning {
            continue;
        }
        let entries: Vec<usize> = match (t.entry, t.procedure) {
            (Some(e), _) => vec![e],
            (None, Some(p)) => users[p].clone(),
            _ => Vec::new(),
        };
        let lacking: Vec<String> = common::distinct(
            entries
                .iter()
                .flat_map(|&e| entry_codes(&catalog, &official, e))
                .filter(|(_, own)| !own)
                .map(|(c, _)| c.to_string()),
        );
        if !lacking.is_empty() {
            let shown: Vec<&str> = lacking.iter().take(12).map(String::as_str).collect();
            let more = if lacking.len() > 12 { format!(" and {} more", lacking.len() - 12) } else { String::new() };
            say(
                t,
                format!(
                    "a pointer to the code's own Wiki page, which {} codes showing it lack: {}{more}",
                    lacking.len(),
                    shown.join(", ")
                ),
            );
        }
    }
    common::report("owner_words", &violations);
    assert!(violations.is_empty(), "{} texts are not in an owner's words (listed above)", violations.len());
}

#[test]
fn code_fragments_are_found_and_quantities_are_not() {
    let found = |t: &str| code_fragments(t);
    assert_eq!(found("LightGrip (0500_8067) or StrongGrip (0500_807E)"), ["0500_8067", "0500_807E"]);
    assert_eq!(found("returning (0027) or fetching (0036)"), ["0027", "0036"]);
    assert_eq!(found("see 0300-400C and 07xx_2x00_0002_0003"), ["0300-400C", "07xx_2x00_0002_0003"]);
    assert_eq!(found("code C059 and 0700200000020003"), ["C059", "0700200000020003"]);
    assert_eq!(
        found("Heat to 250 °C for 2000 hours; a 0.4 mm nozzle, 1000 mm/s, an A1 mini, H2D, P1S."),
        Vec::<String>::new()
    );
    assert_eq!(found("A PA6-CF part, a face, the BEEF, an X1E and a 10 W laser"), Vec::<String>::new());
}

#[test]
fn commands_remarks_and_wiki_pointers_are_found() {
    assert_eq!(
        word_problems("Run `hms explain` for the address.", Field::Step),
        ["a backtick", "the command \"hms explain\""]
    );
    assert_eq!(word_problems("Use hms to read it.", Field::Step), ["the command name \"hms\""]);
    assert_eq!(word_problems("The printer shows an HMS alert.", Field::Step), Vec::<String>::new());
    assert_eq!(
        word_problems("No current model lists this code.", Field::Step),
        ["the catalog remark \"no current model\"", "the catalog remark \"lists this code\""]
    );
    assert_eq!(
        word_problems("Exhaust valve 1 (valve 1 for part 90).", Field::Step),
        ["the catalog remark \"for part\""]
    );
    assert!(points_at_own_wiki("Open it as the Bambu Lab Wiki page for this code shows."));
    assert!(!points_at_own_wiki("The Bambu Lab Wiki has a guide to replacing the hotend."));
    let code = AnyCode::parse("0700_2000_0002_0003").unwrap();
    assert!(has_own_page(code, &[("x1/0700_2000_0002_0003".to_owned(), 1)]));
    assert!(!has_own_page(code, &[("x1/0700_2000_0002_0002".to_owned(), 1)]));
    // A note may name another code; a step may not.
    assert_eq!(word_problems("Some guides file this under 0700-2000-0002-0003.", Field::Note), Vec::<String>::new());
    assert_eq!(
        word_problems("Some guides file this under 0700-2000-0002-0003.", Field::Step),
        ["the code fragment \"0700-2000-0002-0003\""]
    );
}
