//! No sentence of the catalog is a near copy of one of Bambu's sentences: a sentence whose
//! words are mostly one Bambu sentence's words in the same order is Bambu's sentence with
//! a few words swapped, dropped or added, even when it shares no run of 8 words (the check
//! of no_copy.rs).
//!
//! The measure: the longest common subsequence (LCS) of the two sentences' words, over the
//! number of words of the catalog's sentence. A catalog sentence of at least [`MIN_WORDS`]
//! words is a near copy when that share is at least [`SHARE`] (three words in four, in
//! Bambu's order), the common words are at least [`THEIR_SHARE`] of Bambu's sentence too (the
//! catalog sentence carries most of that sentence, not one short technical phrase of a long
//! one: "poor contact in the motor connector" is how anyone names that cause), and they hold
//! at least [`MIN_CONTENT`] words that are not [`FUNCTION_WORDS`], so that "the", "a" and
//! "is" alone never make a match.
//!
//! Words are as in no_copy.rs (lower case, a product name such as "AMS-HT" or "AMS 2 Pro" is
//! one word, a placeholder matches any word). Sentences end at `.`, `!` or `?`; the
//! catalog's also at `;` and `:`, so a copied clause is measured on its own. Bambu's side is
//! the English text of every model (`catalog/texts/en.tsv`).
//!
//! Titles: a title of at most [`LABEL_WORDS`] words is a label (the unit, the part and what
//! is wrong), which names the same things in much the order Bambu's sentence does ("AMS A
//! slot 4 is empty" cannot be said much otherwise), and is not held to this measure; the
//! 8-word check still applies to it. A longer title is measured whole, as one sentence.
//!
//! Candidates are found through rare words: if a catalog sentence of n words keeps at least
//! a share s of them in a Bambu sentence, at most n - ceil(s n) of its words are missing
//! there, so the Bambu sentence holds one of any n - ceil(s n) + 1 distinct words of it;
//! the rarest such words give a short exact candidate list.
//!
//! Needs the imported texts; says it skipped without them.

mod common;

use std::collections::HashMap;

use common::{Field, Word, words};

/// The shortest catalog sentence measured.
const MIN_WORDS: usize = 6;
/// The share of the catalog sentence's words, in Bambu's order, that makes a near copy.
const SHARE: f64 = 0.75;
/// The share of Bambu's sentence that the common words must also be.
const THEIR_SHARE: f64 = 0.5;
/// The fewest words other than function words in the common subsequence.
const MIN_CONTENT: usize = 3;
/// The longest title that is a label.
const LABEL_WORDS: usize = 12;

/// Words that carry no content of their own.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "is", "are", "be", "been", "it", "its", "this",
    "that", "for", "with", "by", "as", "from", "not", "may", "can", "has", "have", "was", "were", "if", "then",
    "please", "will", "so", "no", "do", "does",
];

/// A sentence's words and its text.
struct Sentence {
    words: Vec<Word>,
    text: String,
}

/// The sentences of `text`, split after the given marks and a space (or the end).
fn split<'a>(text: &'a str, marks: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        if marks.contains(&c) && chars.get(n + 1).is_none_or(|(_, next)| next.is_whitespace()) {
            out.push(text[start..i + c.len_utf8()].trim());
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// The longest common subsequence of `own` and `theirs`: its length and how many of its
/// words are content words.
fn lcs(own: &[Word], theirs: &[Word]) -> (usize, usize) {
    let (n, m) = (own.len(), theirs.len());
    // (length, content words), maximised by length then content.
    let mut table = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            table[i][j] = if own[i - 1].matches(&theirs[j - 1]) {
                let (len, content) = table[i - 1][j - 1];
                let is_content = !own[i - 1].any && !FUNCTION_WORDS.contains(&own[i - 1].text.as_str());
                (len + 1, content + usize::from(is_content))
            } else {
                table[i - 1][j].max(table[i][j - 1])
            };
        }
    }
    table[n][m]
}

/// Bambu's sentences, indexed by word.
struct Index {
    sentences: Vec<(Sentence, String)>,
    postings: HashMap<u64, Vec<u32>>,
}

impl Index {
    fn new(official: &[(String, String)]) -> Index {
        let mut index = Index { sentences: Vec::new(), postings: HashMap::new() };
        let mut seen = std::collections::HashSet::new();
        for (label, text) in official {
            for s in split(text, &['.', '!', '?']) {
                if !seen.insert(s.to_owned()) {
                    continue;
                }
                let words = words(s, false);
                let id = index.sentences.len() as u32;
                let mut ids: Vec<u64> = words.iter().map(|w| w.id).collect();
                ids.sort_unstable();
                ids.dedup();
                for w in ids {
                    index.postings.entry(w).or_default().push(id);
                }
                index.sentences.push((Sentence { words, text: s.to_owned() }, label.clone()));
            }
        }
        index
    }

    /// The Bambu sentence `own` nearly copies: its index, the share and the LCS length.
    fn near_copy(&self, own: &[Word]) -> Option<(usize, f64)> {
        let n = own.len();
        if n < MIN_WORDS {
            return None;
        }
        let need = (SHARE * n as f64).ceil() as usize;
        let may_miss = n - need;
        // Distinct real words, rarest first.
        let mut distinct: Vec<&Word> = Vec::new();
        for w in own.iter().filter(|w| !w.any) {
            if !distinct.iter().any(|d| d.id == w.id) {
                distinct.push(w);
            }
        }
        let df = |w: &Word| self.postings.get(&w.id).map_or(0, Vec::len);
        distinct.sort_by_key(|w| df(w));
        let mut candidates: Vec<u32> = distinct
            .iter()
            .take(may_miss + 1)
            .flat_map(|w| self.postings.get(&w.id).into_iter().flatten().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, f64)> = None;
        for c in candidates {
            let theirs = &self.sentences[c as usize].0.words;
            let (len, content) = lcs(own, theirs);
            let share = len as f64 / n as f64;
            let theirs_share = len as f64 / theirs.len() as f64;
            if len >= need
                && theirs_share >= THEIR_SHARE
                && content >= MIN_CONTENT
                && best.is_none_or(|(_, b)| share > b)
            {
                best = Some((c as usize, share));
            }
        }
        best
    }
}

#[test]
fn no_sentence_is_mostly_one_of_bambus_in_order() {
    let catalog = common::load();
    let Some(official) = common::official_texts(&catalog, &["en"]) else {
        println!(
            "skipped: Bambu's texts not found in {} (run `cargo xtask regenerate --official ...`)",
            common::texts_dir().display()
        );
        return;
    };
    let sources = common::Sources::read(&catalog);
    let index = Index::new(&official);
    let texts = common::own_texts(&catalog, &sources);
    let mut violations = Vec::new();
    let mut measured = 0;
    let mut seen = std::collections::HashSet::new();
    for t in &texts {
        let title = matches!(t.field, Field::Title | Field::ProcedureTitle);
        if title && words(&t.text, true).len() <= LABEL_WORDS {
            continue;
        }
        let marks: &[char] = if title { &[] } else { &['.', '!', '?', ';', ':'] };
        for s in split(&t.text, marks) {
            let own = words(s, true);
            if own.len() < MIN_WORDS {
                continue;
            }
            measured += 1;
            // A sentence shared by several texts is reported at each place it is written.
            if !seen.insert((t.at.clone(), s.to_owned())) {
                continue;
            }
            if let Some((c, share)) = index.near_copy(&own) {
                let (theirs, label) = &index.sentences[c];
                violations.push(format!(
                    "{}: {}: {:.0}% of its words are, in order, those of Bambu's sentence\n    own:    {s}\n    Bambu:  {} [{label}]",
                    t.at,
                    t.what,
                    share * 100.0,
                    theirs.text
                ));
            }
        }
    }
    println!("{measured} catalog sentences against {} Bambu sentences", index.sentences.len());
    assert!(measured > 1000 && index.sentences.len() > 1000, "too little read to compare");
    common::report("near_copy", &violations);
    assert!(violations.is_empty(), "{} sentences nearly copy Bambu's (listed above)", violations.len());
}

fn index_of(official: &str) -> Index {
    Index::new(&[("en hms 0700010000010001 (default)".to_owned(), official.to_owned())])
}

#[test]
fn a_reworded_sentence_is_a_near_copy() {
    let index = index_of("The AMS has not been calibrated, so the print cannot be started. Please try again.");
    // One word added and one swapped: 10 of 12 words in order.
    let own = words("The AMS has not been calibrated yet, so the print cannot start.", true);
    let (_, share) = index.near_copy(&own).expect("a near copy");
    assert!(share >= SHARE, "{share}");
    // Own words that share only function words and one term are no copy.
    let own = words("Printing is blocked until the AMS calibration has run once.", true);
    assert_eq!(index.near_copy(&own).map(|c| c.0), None);
    // A placeholder stands for any word; a product name is one word.
    let index = index_of("The AMS-HT A slot 1 filament may be tangled or stuck.");
    assert!(index.near_copy(&words("{unit} slot {slot} filament may be tangled.", true)).is_some());
}

#[test]
fn short_sentences_and_function_words_do_not_count() {
    let index = index_of("It is in the box and it is on the shelf of the room near the door.");
    assert!(index.near_copy(&words("It is the one in the box.", true)).is_none());
    // A short phrase of a long sentence is no copy of that sentence.
    let index =
        index_of("The motor has no signal, which may be due to poor contact in the motor connector or a motor fault.");
    assert!(index.near_copy(&words("A poor contact in the motor connector", true)).is_none());
    assert!(index.near_copy(&words("Check the cable.", true)).is_none());
    assert_eq!(split("One two. Three: four; five? Six", &['.', '?']), ["One two.", "Three: four; five?", "Six"]);
}
