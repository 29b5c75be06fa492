//! What changed against the files of the previous import: codes per model, and texts per
//! language and model. Both sides are read back with `hms_model::official`, the reader the
//! build uses, so the comparison sees what the runtime would.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use hms_model::Catalog;
use hms_model::official::{OfficialFacts, OfficialTexts, parse_facts, parse_texts};

use hms_official::{AnyCode, hex};

/// The files of one import, read back.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Its models in bit order: the catalog's, then the unnamed ones its facts add, each with
    /// whether it is unnamed.
    models: Vec<(String, bool)>,
    /// Models per code.
    codes: BTreeMap<AnyCode, u32>,
    /// Per language: (code, model or `None` for the default) -> text.
    texts: BTreeMap<String, BTreeMap<(AnyCode, Option<usize>), String>>,
}

impl Snapshot {
    /// Reads `facts` and `texts` (language -> file contents). Problems go to `warnings`, and
    /// that part of the snapshot stays empty.
    pub fn read(
        facts: Option<&str>,
        texts: &BTreeMap<String, String>,
        catalog: &Catalog,
        warnings: &mut Vec<String>,
    ) -> Snapshot {
        let mut snapshot = Snapshot::default();
        let Some(facts) = facts else { return snapshot };
        let facts = match parse_facts(facts, "catalog/official.tsv", catalog) {
            Ok(facts) => facts,
            Err(e) => {
                warnings.push(format!("previous {}; drift not computed", e[0]));
                return snapshot;
            }
        };
        // A previous file may list unnamed models this run's inputs do not have.
        let mut catalog = Cow::Borrowed(catalog);
        if !facts.unnamed.is_empty() {
            facts.add_unnamed_to(catalog.to_mut());
        }
        snapshot.models = catalog.models.iter().map(|m| (m.id.clone(), m.unnamed)).collect();
        snapshot.codes = facts.codes.iter().map(|c| (c.code(), c.models)).collect();
        for (lang, source) in texts {
            match parse_texts(source, &format!("catalog/texts/{lang}.tsv"), &catalog) {
                Ok(parsed) => {
                    snapshot.texts.insert(lang.clone(), expand(&facts, &parsed));
                }
                Err(e) => warnings.push(format!("previous {}; its drift not computed", e[0])),
            }
        }
        snapshot
    }

    /// The languages it has texts for.
    pub fn langs(&self) -> impl Iterator<Item = &String> {
        self.texts.keys()
    }
}

/// Every (code, model) a text stands for: a model line for its models; the default line for
/// `None` and for the code's models that have no line of their own.
fn expand(facts: &OfficialFacts, texts: &OfficialTexts) -> BTreeMap<(AnyCode, Option<usize>), String> {
    let models: BTreeMap<AnyCode, u32> = facts.codes.iter().map(|c| (c.code(), c.models)).collect();
    let mut named: BTreeMap<AnyCode, u32> = BTreeMap::new();
    for t in &texts.texts {
        *named.entry(t.code()).or_default() |= t.models;
    }
    let mut out = BTreeMap::new();
    for t in texts.texts.iter().filter(|t| !t.absent) {
        let k = t.code();
        let mask = if t.models == 0 {
            out.insert((k, None), t.text.clone());
            models.get(&k).copied().unwrap_or(0) & !named.get(&k).copied().unwrap_or(0)
        } else {
            t.models
        };
        for m in (0..32).filter(|m| mask & (1 << m) != 0) {
            out.insert((k, Some(m)), t.text.clone());
        }
    }
    out
}

/// Drift lines, or `no drift`. `langs` are the languages this run wrote. Models are matched
/// by id, so a model the previous files had unnamed and catalog.yaml now names is the same.
pub fn report(old: &Snapshot, new: &Snapshot, langs: &BTreeSet<String>) -> Vec<String> {
    let mut lines = Vec::new();
    // Every model of either side, the new side's first; each side's bits in that order.
    let mut ids: Vec<&(String, bool)> = new.models.iter().collect();
    ids.extend(old.models.iter().filter(|m| !new.models.iter().any(|n| n.0 == m.0)));
    let to_unified = |s: &Snapshot| -> Vec<usize> {
        s.models.iter().map(|m| ids.iter().position(|i| i.0 == m.0).unwrap_or(usize::MAX)).collect()
    };
    let (old_bits, new_bits) = (to_unified(old), to_unified(new));
    let name = |m: Option<usize>| m.map_or("(default)", |m| ids.get(m).map_or("?", |i| i.0.as_str()));
    for (m, (id, unnamed)) in ids.iter().map(|i| (i.0.as_str(), i.1)).enumerate() {
        let with = |s: &Snapshot, bits: &[usize]| -> BTreeSet<AnyCode> {
            let Some(bit) = bits.iter().position(|&u| u == m) else { return BTreeSet::new() };
            s.codes.iter().filter(|(_, mask)| *mask & (1 << bit) != 0).map(|(k, _)| *k).collect()
        };
        let (before, after) = (with(old, &old_bits), with(new, &new_bits));
        // A model new to files that had codes (not the first import).
        if before.is_empty() && !after.is_empty() && !old.codes.is_empty() {
            let what = if unnamed {
                format!(
                    "unnamed, serial prefix {id}: add to catalog.yaml models: {}",
                    hms_official::unnamed::catalog_line(id)
                )
            } else {
                "no codes before".to_owned()
            };
            lines.push(format!("new model {id} ({what}): {} codes", after.len()));
        }
        let added: Vec<AnyCode> = after.difference(&before).copied().collect();
        let removed: Vec<AnyCode> = before.difference(&after).copied().collect();
        if !added.is_empty() || !removed.is_empty() {
            lines.push(format!(
                "{}: codes {}, {}",
                name(Some(m)),
                counted(&added, "added"),
                counted(&removed, "removed")
            ));
        }
    }
    let unlisted =
        |s: &Snapshot| -> BTreeSet<AnyCode> { s.codes.iter().filter(|(_, m)| **m == 0).map(|(k, _)| *k).collect() };
    let (before, after) = (unlisted(old), unlisted(new));
    let added: Vec<AnyCode> = after.difference(&before).copied().collect();
    let removed: Vec<AnyCode> = before.difference(&after).copied().collect();
    if !added.is_empty() || !removed.is_empty() {
        lines.push(format!("codes no model lists: {}, {}", counted(&added, "added"), counted(&removed, "removed")));
    }
    let empty = BTreeMap::new();
    for lang in langs {
        let before = unify(old.texts.get(lang).unwrap_or(&empty), &old_bits);
        let after = unify(new.texts.get(lang).unwrap_or(&empty), &new_bits);
        let (before, after) = (&before, &after);
        let mut per_model: BTreeMap<Option<usize>, [Vec<AnyCode>; 3]> = BTreeMap::new();
        for (k, text) in after {
            match before.get(k) {
                None => per_model.entry(k.1).or_default()[0].push(k.0),
                Some(old) if old != text => per_model.entry(k.1).or_default()[2].push(k.0),
                Some(_) => {}
            }
        }
        for k in before.keys().filter(|k| !after.contains_key(k)) {
            per_model.entry(k.1).or_default()[1].push(k.0);
        }
        for (model, [added, removed, changed]) in per_model {
            lines.push(format!(
                "{lang} {}: texts {}, {}, {}",
                name(model),
                counted(&added, "added"),
                counted(&removed, "removed"),
                counted(&changed, "changed")
            ));
        }
    }
    for lang in old.langs().filter(|l| !langs.contains(*l)) {
        lines.push(format!("{lang}: no texts in this run's inputs; catalog/texts/{lang}.tsv is left as it was"));
    }
    if lines.is_empty() {
        lines.push("no drift".to_owned());
    }
    lines
}

/// `texts` with each model bit replaced by its position in the report's models (`bits`).
fn unify<'a>(
    texts: &'a BTreeMap<(AnyCode, Option<usize>), String>,
    bits: &[usize],
) -> BTreeMap<(AnyCode, Option<usize>), &'a String> {
    let model = |m: Option<usize>| m.map(|b| bits.get(b).copied().unwrap_or(usize::MAX));
    texts.iter().map(|(&(k, m), t)| ((k, model(m)), t)).collect()
}

/// `3 added (0300..., 0500..., ...)`.
fn counted(keys: &[AnyCode], what: &str) -> String {
    let shown: Vec<String> = keys.iter().take(3).map(|&k| hex(k)).collect();
    match keys.len() {
        0 => format!("0 {what}"),
        n if n <= 3 => format!("{n} {what} ({})", shown.join(", ")),
        n => format!("{n} {what} ({}, ...)", shown.join(", ")),
    }
}
