//! The catalog's own tables: entries, their patterns, procedures and their texts.

use std::collections::HashMap;

use hms_core::layout::catalog::OwnedCatalog;
use hms_core::layout::texts::TEXT_BLOCK;
use hms_core::layout::{EntryRecord, GuideRecord, ListRef, NO_TEXT, NONE, ProcedureRecord, SidedPattern, TextId};

use super::Strings;
use crate::model::{Catalog, CodeEntry};

/// Lays out the entries, procedures and texts.
pub(super) fn build(catalog: &Catalog, store: Option<&crate::packing::Store>) -> Result<TableWriter, String> {
    let mut w = TableWriter::default();
    pack_texts(catalog, &mut w, store)?;
    for p in &catalog.procedures {
        let record = ProcedureRecord {
            name: w.plain(&p.name)?,
            title: w.text(&p.title)?,
            steps: w.list(&p.steps)?,
            parts: w.list(&p.parts)?,
            support: w.text(p.support.as_deref().unwrap_or(""))?,
        };
        w.tables.procedures.push(&record);
    }
    let mut patterns = 0usize;
    for c in &catalog.codes {
        if c.patterns.is_empty() {
            return Err("an entry has 0 patterns: each entry has at least one".to_owned());
        }
        let (record, guide) = entry_record(c, &mut w, patterns)?;
        patterns += c.patterns.len();
        w.tables.entries.push(&record);
        w.tables.guides.push(&guide);
    }
    Ok(w)
}

/// Fills in where each entry's patterns are (`rules`: each pattern's rule index, patterns in
/// catalog order) and the sides the catalog gives patterns.
pub(super) fn place_patterns(catalog: &Catalog, rules: &[u16], tables: &mut OwnedCatalog) {
    let written = catalog.codes.iter().flat_map(|c| &c.patterns);
    let mut sides: Vec<SidedPattern> =
        written.zip(rules).filter_map(|(p, &pattern)| Some(SidedPattern { pattern, side: p.side?.to_u8() })).collect();
    sides.sort_by_key(|s| s.pattern);
    tables.patterns = rules.iter().copied().collect();
    tables.sides = sides.into_iter().collect();
}

/// The record of an entry's first pattern, and the record of its guide texts.
fn entry_record(c: &CodeEntry, w: &mut TableWriter, patterns: usize) -> Result<(EntryRecord, GuideRecord), String> {
    let index = |i: Option<usize>| i.map_or(NONE, |i| i as u16);
    let patterns = u16::try_from(patterns)
        .ok()
        .filter(|&n| n < NONE)
        .ok_or_else(|| format!("more than {} code patterns: the tables number them with 16 bits", NONE - 1))?;
    let record = EntryRecord { patterns };
    let guide = GuideRecord {
        meaning: w.text(&c.meaning)?,
        note: w.text(c.note.as_deref().unwrap_or(""))?,
        causes: w.list(&c.causes)?,
        procedure: index(c.procedure),
        see_also: index(c.see_also),
    };
    Ok((record, guide))
}

/// Compresses every text of the catalog with one dictionary: the entries' titles first (so a
/// titles-only build keeps a prefix of the stream and of the dictionary), then each
/// procedure's texts, then each entry's meaning, note and causes; each distinct text once.
fn pack_texts(catalog: &Catalog, w: &mut TableWriter, store: Option<&crate::packing::Store>) -> Result<(), String> {
    let mut all: Vec<&str> = catalog.codes.iter().map(|c| c.title.as_str()).collect();
    let titles = all.len();
    for p in &catalog.procedures {
        all.push(&p.title);
        all.extend(p.steps.iter().map(String::as_str));
        all.extend(p.parts.iter().map(String::as_str));
        all.extend(p.support.as_deref());
    }
    for c in &catalog.codes {
        all.push(&c.meaning);
        all.extend(c.note.as_deref());
        all.extend(c.causes.iter().map(String::as_str));
    }
    // Every entry's title, entry by entry (so an entry's title is its index plus 1, and
    // entries need no title field: that costs less than the repeated titles), then every
    // other text once.
    let mut distinct: Vec<&str> = all[..titles].to_vec();
    let mut seen: std::collections::HashSet<&str> = distinct.iter().copied().collect();
    for &text in &all[titles..] {
        if !text.is_empty() && seen.insert(text) {
            distinct.push(text);
        }
    }
    let title_texts = titles;
    let marked = distinct.iter().map(|t| crate::packing::mark(t)).collect::<Result<Vec<_>, _>>()?;
    // The titles with a dictionary of their own, the start of the one dictionary: a
    // titles-only build keeps that much of it, not the pairs the other texts want. The other
    // texts, learned after them with twice the merges per pass of the official texts: they
    // are larger, and they are packed again on every edit (0.3 s instead of 1 s, for 10% more
    // bytes).
    let (titles, rest) = marked.split_at(title_texts);
    let merges = [crate::packing::MERGES_PER_PASS, 2 * crate::packing::MERGES_PER_PASS];
    let (packed, _) = crate::packing::pack_stored(titles, rest, merges, store.map(|s| (s, "catalog")));
    // Text ids run from 1 (0 is no text).
    if distinct.len() > TextId::MAX as usize {
        return Err(format!("{} distinct texts: the tables number them with 16 bits", distinct.len()));
    }
    let mut start = 0u32;
    let mut title_symbols = 0;
    let mut max_title_pair = None;
    // Text 0 is no text: the ids of the texts are 1 and up.
    let mut lengths = vec![0u16];
    w.tables.starts.push(&0);
    for (i, (text, symbols)) in distinct.iter().zip(&packed.texts).enumerate() {
        let len = u16::try_from(symbols.len()).map_err(|_| {
            format!("a text of {} symbols exceeds the {} a table entry can hold", symbols.len(), u16::MAX)
        })?;
        // A text written twice (a title) is referred to by its first id.
        w.refs.entry((*text).to_owned()).or_insert(lengths.len() as TextId);
        if lengths.len() % TEXT_BLOCK == 0 {
            w.tables.starts.push(&start);
        }
        lengths.push(len);
        start = start.checked_add(len as u32).ok_or("the texts outgrew 2^32 symbols")?;
        if i < title_texts {
            title_symbols = start as usize;
            max_title_pair = symbols.iter().filter_map(|s| s.checked_sub(256)).chain(max_title_pair).max();
        }
    }
    w.tables.wide = lengths.iter().any(|&l| l > u8::MAX as u16);
    w.tables.lengths = if w.tables.wide {
        lengths.iter().flat_map(|l| l.to_le_bytes()).collect()
    } else {
        lengths.iter().map(|&l| l as u8).collect()
    };
    w.title_texts = title_texts + 1;
    hms_core::packed::pack(packed.texts.iter().flatten().copied(), &mut w.tables.stream);
    hms_core::packed::pack(packed.pairs.iter().flat_map(|&(a, b)| [a, b]), &mut w.tables.pairs);
    // Two symbols in three bytes; a pair's halves are always earlier symbols, so the titles
    // need the dictionary up to the highest pair they name.
    w.title_stream = title_symbols.div_ceil(2) * 3;
    w.title_pairs = max_title_pair.map_or(0, |p| (p as usize + 1) * 3);
    Ok(())
}

#[derive(Default)]
pub(super) struct TableWriter {
    pub(super) tables: OwnedCatalog,
    pub(super) title_stream: usize,
    pub(super) title_pairs: usize,
    /// Texts a titles-only build keeps the places of: [`NO_TEXT`] and the titles.
    pub(super) title_texts: usize,
    /// Each compressed text's id.
    refs: HashMap<String, TextId>,
    names: Strings,
}

impl TableWriter {
    /// A text compressed by [`pack_texts`].
    fn text(&mut self, text: &str) -> Result<TextId, String> {
        if text.is_empty() {
            return Ok(NO_TEXT);
        }
        self.refs.get(text).copied().ok_or_else(|| format!("text {text:?} was not compressed"))
    }

    /// A plain text in the names blob (procedure names), each stored once.
    pub(super) fn plain(&mut self, text: &str) -> Result<hms_core::layout::StrRef, String> {
        self.names.put(&mut self.tables.names, text)
    }

    fn list(&mut self, items: &[String]) -> Result<ListRef, String> {
        let start = self.tables.lists.len();
        let too_many = || format!("more than {} list items (causes, steps, parts) in all", u16::MAX);
        let start = u16::try_from(start).map_err(|_| too_many())?;
        let len = u16::try_from(items.len()).map_err(|_| too_many())?;
        u16::try_from(start as usize + items.len()).map_err(|_| too_many())?;
        for item in items {
            let s = self.text(item)?;
            self.tables.lists.push(&s);
        }
        Ok(ListRef { start, len })
    }
}
