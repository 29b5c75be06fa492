//! The catalog laid out in the byte tables of [`hms_core::layout`]: every text compressed
//! with one dictionary (titles first), fixed records, and perfect-hash indexes solved by `phf_generator` (fixed seed: the same catalog
//! always gives the same bytes).

use std::collections::HashMap;

use std::collections::BTreeMap;

use hms_core::layout::official::{LAST_BIT, LIST_BIT, NO_TEXT, TEXT_BLOCK, UNIFORM_BIT, split_code};
use hms_core::layout::{
    EntryRecord, FactTable, ListRef, MemberSet, NONE, PhfIndex, ProcedureRecord, Row, RowFormat, StrRef, Tables,
    TextTable, TextVariant, WikiRecord, WikiTable,
};

use crate::model::{Catalog, Channel, CodeEntry};
use crate::official::{OfficialFacts, OfficialTexts};

/// A perfect-hash index with its bytes owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedIndex {
    /// The hash key.
    pub key: u64,
    /// Displacement pairs, [`PhfIndex::DISP_SIZE`] bytes each.
    pub disps: Vec<u8>,
    /// Entry index per slot, [`PhfIndex::SLOT_SIZE`] bytes each; empty for a dense index,
    /// whose records sit in slot order.
    pub map: Vec<u8>,
    /// Number of slots.
    pub slots: u32,
}

impl OwnedIndex {
    /// Solves the perfect hash for `keys`, each with the value its slot stores.
    ///
    /// Fails on a repeated key (the generator would search for ever for a seed that tells
    /// two equal keys apart) and on more keys than 16-bit displacements can address.
    pub fn solve(keys: &[(u64, u16)]) -> Result<OwnedIndex, String> {
        let codes: Vec<u64> = keys.iter().map(|&(k, _)| k).collect();
        let (mut index, order) = OwnedIndex::dense(&codes)?;
        index.map = order.iter().flat_map(|&i| keys[i].1.to_le_bytes()).collect();
        Ok(index)
    }

    /// Solves the perfect hash for `keys` with no slot map: returns the index and, per slot,
    /// the position in `keys` of the key that lands there. Records laid out in that order are
    /// found at their slot. Fails as [`solve`](Self::solve) does.
    ///
    /// Distinct keys always solve: the hash is a bijection of the key for every seed, so two
    /// keys never hash alike, and the generator tries seeds until one separates them all.
    pub fn dense(keys: &[u64]) -> Result<(OwnedIndex, Vec<usize>), String> {
        if keys.is_empty() {
            return Ok((OwnedIndex::default(), Vec::new()));
        }
        if keys.len() > u16::MAX as usize {
            return Err(format!("{} keys in one index: displacements are 16-bit, so at most {}", keys.len(), u16::MAX));
        }
        let mut seen = std::collections::HashSet::with_capacity(keys.len());
        if let Some(repeated) = keys.iter().find(|&&k| !seen.insert(k)) {
            return Err(format!("key {repeated:016X} twice in one index: each code may have one entry"));
        }
        let state = phf_generator::generate_hash_with_hash_fn(keys, |&code, &seed| {
            let h = hms_core::layout::hash::code_hash(code, seed);
            // `Hashes` is non_exhaustive: take one and overwrite its public fields.
            let mut hashes = phf_shared::hash(&0u64, &0);
            (hashes.g, hashes.f1, hashes.f2) = (h.g, h.f1, h.f2);
            hashes
        });
        let index = OwnedIndex {
            key: state.key,
            disps: state
                .disps
                .iter()
                // The generator draws d1 and d2 below the slot count, which fits in a u16.
                .flat_map(|&(d1, d2)| (d1 as u16).to_le_bytes().into_iter().chain((d2 as u16).to_le_bytes()))
                .collect(),
            map: Vec::new(),
            slots: state.map.len() as u32,
        };
        Ok((index, state.map))
    }

    /// A view for [`Tables`].
    pub fn view(&self) -> PhfIndex<'_> {
        if self.map.is_empty() {
            PhfIndex::dense(self.key, &self.disps, self.slots)
        } else {
            PhfIndex::new(self.key, &self.disps, &self.map)
        }
    }
}

/// The tables with their bytes owned, ready to emit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedTables {
    /// Procedure names, back to back.
    pub names: String,
    /// Every text's symbols, packed, each text stored once; the entries' titles first.
    pub stream: Vec<u8>,
    /// The dictionary of every text, packed.
    pub pairs: Vec<u8>,
    /// Bytes at the start of [`stream`](Self::stream) that hold every title.
    pub title_stream: usize,
    /// Bytes at the start of [`pairs`](Self::pairs) that the titles use.
    pub title_pairs: usize,
    /// [`EntryRecord`]s in catalog order.
    pub entries: Vec<u8>,
    /// [`ProcedureRecord`]s in catalog order.
    pub procedures: Vec<u8>,
    /// [`StrRef`]s for lists (causes, steps, parts).
    pub lists: Vec<u8>,
    /// Exact `print.hms` codes.
    pub hms_exact: OwnedIndex,
    /// `print.hms` families.
    pub hms_family: OwnedIndex,
    /// Exact `print_error` codes.
    pub print_error_exact: OwnedIndex,
    /// `print_error` families.
    pub print_error_family: OwnedIndex,
    /// The official codes.
    pub facts: OwnedFacts,
    /// Their wiki pages.
    pub wiki: OwnedWiki,
}

/// A [`FactTable`] with its bytes owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedFacts {
    /// `print.hms` rows.
    pub hms: OwnedIndex,
    /// `print_error` rows.
    pub print_error: OwnedIndex,
    /// Field widths of the rows.
    pub format: RowFormat,
    /// Packed rows.
    pub rows: Vec<u8>,
    /// `u64` prefixes.
    pub prefixes: Vec<u8>,
    /// Member sets.
    pub sets: Vec<u8>,
    /// Members.
    pub members: Vec<u8>,
    /// Model sets.
    pub model_sets: Vec<u8>,
    /// Model sets of the members of mixed rows.
    pub member_models: Vec<u8>,
    /// Number of records.
    pub records: u32,
}

impl OwnedFacts {
    /// A view in the form the runtime reads.
    pub fn view(&self) -> FactTable<'_> {
        FactTable {
            hms: self.hms.view(),
            print_error: self.print_error.view(),
            format: self.format,
            rows: &self.rows,
            prefixes: &self.prefixes,
            sets: &self.sets,
            members: &self.members,
            model_sets: &self.model_sets,
            member_models: &self.member_models,
            records: self.records,
        }
    }
}

/// A [`WikiTable`] with its bytes owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedWiki {
    /// Paths.
    pub blob: String,
    /// List index per record.
    pub records: Vec<u8>,
    /// Lists.
    pub lists: Vec<u8>,
    /// Pages.
    pub pages: Vec<u8>,
}

impl OwnedWiki {
    /// A view in the form the runtime reads.
    pub fn view(&self) -> WikiTable<'_> {
        WikiTable { blob: &self.blob, records: &self.records, lists: &self.lists, pages: &self.pages }
    }
}

impl OwnedTables {
    /// A view in the form the runtime reads.
    pub fn view(&self) -> Tables<'_> {
        Tables {
            names: &self.names,
            stream: &self.stream,
            pairs: &self.pairs,
            entries: &self.entries,
            procedures: &self.procedures,
            lists: &self.lists,
            hms_exact: self.hms_exact.view(),
            hms_family: self.hms_family.view(),
            print_error_exact: self.print_error_exact.view(),
            print_error_family: self.print_error_family.view(),
            facts: self.facts.view(),
            wiki: self.wiki.view(),
        }
    }
}

/// Lays `catalog` (and the official facts, if any) out in tables; fails only when they
/// outgrow the layout's fixed-width fields.
pub fn build(catalog: &Catalog, official: Option<&OfficialFacts>) -> Result<OwnedTables, String> {
    if catalog.codes.len() > crate::MAX_CODES || catalog.procedures.len() > crate::MAX_CODES {
        return Err(format!(
            "{} codes and {} procedures: the tables hold at most {} of each",
            catalog.codes.len(),
            catalog.procedures.len(),
            crate::MAX_CODES
        ));
    }
    let mut w = TableWriter::default();
    pack_texts(catalog, &mut w)?;
    for p in &catalog.procedures {
        let record = ProcedureRecord {
            name: w.plain(&p.name)?,
            title: w.text(&p.title)?,
            steps: w.list(&p.steps)?,
            parts: w.list(&p.parts)?,
            support: w.text(p.support.as_deref().unwrap_or(""))?,
        };
        w.tables.procedures.extend(record.encode());
    }
    let mut indexes: HashMap<(Channel, bool), Vec<(u64, u16)>> = HashMap::new();
    let mut variant = 0u16;
    let mut records = 0usize;
    for c in &catalog.codes {
        let count = u8::try_from(c.patterns.len())
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("an entry has {} patterns: from 1 to {} fit", c.patterns.len(), u8::MAX))?;
        let record = entry_record(c, &mut w, c.variant.as_ref().map(|_| variant))?;
        variant += u16::from(c.variant.is_some());
        for (k, p) in c.patterns.iter().enumerate() {
            let index = u16::try_from(records)
                .ok()
                .filter(|&i| i < NONE)
                .ok_or_else(|| format!("more than {} code patterns: the tables number them with 16 bits", NONE - 1))?;
            let record = EntryRecord {
                key: p.key,
                channel: p.channel.layout(),
                varies: p.varies,
                pattern: k as u8,
                patterns: count,
                side: p.side.map_or(0, |s| s.to_u8()),
                ..record
            };
            w.tables.entries.extend(record.encode());
            indexes.entry((p.channel, p.varies != 0)).or_default().push((p.key, index));
            records += 1;
        }
    }
    let mut solve = |channel, family| {
        let keys = indexes.remove(&(channel, family)).unwrap_or_default();
        let what = match (channel, family) {
            (Channel::Hms, false) => "exact print.hms codes",
            (Channel::Hms, true) => "print.hms families",
            (Channel::PrintError, false) => "exact print_error codes",
            (Channel::PrintError, true) => "print_error families",
        };
        OwnedIndex::solve(&keys).map_err(|e| format!("{what}: {e}"))
    };
    w.tables.hms_exact = solve(Channel::Hms, false)?;
    w.tables.hms_family = solve(Channel::Hms, true)?;
    w.tables.print_error_exact = solve(Channel::PrintError, false)?;
    w.tables.print_error_family = solve(Channel::PrintError, true)?;
    if let Some(facts) = official {
        official_tables(facts, &mut w)?;
    }
    Ok(w.tables)
}

/// The official codes grouped in rows (see [`split_code`]), each channel's rows in the slots
/// of its perfect hash, `print.hms` first; records numbered by row and member.
struct OfficialLayout {
    /// Per record, the index of its code in the facts.
    order: Vec<usize>,
    /// Per row in slot order: its key, and its members with their code's index in the facts.
    rows: Vec<(u64, Vec<(u16, usize)>)>,
    hms: OwnedIndex,
    print_error: OwnedIndex,
}

fn official_layout(facts: &OfficialFacts) -> Result<OfficialLayout, String> {
    let mut layout = OfficialLayout {
        order: Vec::new(),
        rows: Vec::new(),
        hms: OwnedIndex::default(),
        print_error: OwnedIndex::default(),
    };
    for channel in [Channel::Hms, Channel::PrintError] {
        let mut rows: BTreeMap<u64, Vec<(u16, usize)>> = BTreeMap::new();
        for (i, c) in facts.codes.iter().enumerate().filter(|(_, c)| c.channel == channel) {
            let (key, member) = split_code(channel.layout(), c.key);
            rows.entry(key).or_default().push((member, i));
        }
        let rows: Vec<(u64, Vec<(u16, usize)>)> = rows
            .into_iter()
            .map(|(key, mut members)| {
                members.sort();
                (key, members)
            })
            .collect();
        let keys: Vec<u64> = rows.iter().map(|(k, _)| *k).collect();
        let (index, slots) =
            OwnedIndex::dense(&keys).map_err(|e| format!("official {} rows: {e}", channel.file_name()))?;
        for slot in slots {
            layout.order.extend(rows[slot].1.iter().map(|&(_, i)| i));
            layout.rows.push(rows[slot].clone());
        }
        match channel {
            Channel::Hms => layout.hms = index,
            Channel::PrintError => layout.print_error = index,
        }
    }
    Ok(layout)
}

/// Index of `value` in `table`, adding it when new.
fn intern<T: Clone + Eq + std::hash::Hash>(seen: &mut HashMap<T, u32>, items: &mut Vec<T>, value: T) -> u32 {
    *seen.entry(value.clone()).or_insert_with(|| {
        items.push(value);
        items.len() as u32 - 1
    })
}

/// `members` (sorted) as a grid of consecutive units by consecutive slots, if they are one.
fn grid(members: &[u16]) -> Option<MemberSet> {
    let (first, last) = (*members.first()?, *members.last()?);
    let (unit, slot) = ((first >> 8) as u8, (first & 0xF) as u8);
    let (units, slots) =
        (((last >> 8) as u8).checked_sub(unit)? as usize + 1, ((last & 0xF) as u8).checked_sub(slot)? as usize + 1);
    let expected =
        (0..units).flat_map(|u| (0..slots).map(move |s| ((unit as usize + u) << 8 | (slot as usize + s)) as u16));
    let is_grid = members.len() == units * slots && units < 256 && expected.eq(members.iter().copied());
    is_grid.then_some(MemberSet::Grid { unit, units: units as u8, slot, slots: slots as u8 })
}

/// Bits needed to hold every value below `count`.
fn bits_for(count: usize) -> u8 {
    (usize::BITS - count.saturating_sub(1).leading_zeros()) as u8
}

fn official_tables(facts: &OfficialFacts, w: &mut TableWriter) -> Result<(), String> {
    if facts.codes.len() >= NONE as usize {
        return Err(format!("{} official codes: the tables hold at most {}", facts.codes.len(), NONE - 1));
    }
    let layout = official_layout(facts)?;
    let (mut prefixes, mut sets, mut model_sets) = (Vec::new(), Vec::new(), Vec::new());
    let (mut seen_prefix, mut seen_set, mut seen_models) = (HashMap::new(), HashMap::new(), HashMap::new());
    let mut member_models: Vec<u16> = Vec::new();
    let mut seen_run: HashMap<Vec<u16>, u32> = HashMap::new();
    let mut rows = Vec::new();
    let mut base = 0u32;
    // Mixed rows point past the model sets: number those after every row is known.
    let mut mixed = Vec::new();
    for (key, members) in &layout.rows {
        let prefix = intern(&mut seen_prefix, &mut prefixes, key >> 16);
        let ids: Vec<u16> = members.iter().map(|&(m, _)| m).collect();
        let set = intern(&mut seen_set, &mut sets, ids);
        let models: Vec<u32> =
            members.iter().map(|&(_, i)| intern(&mut seen_models, &mut model_sets, facts.codes[i].models)).collect();
        let uniform = models.iter().all(|&m| m == models[0]);
        let field = if uniform {
            models[0]
        } else {
            mixed.push(rows.len());
            // Rows with the same mix (say, one unit type on other models) share one run.
            let run: Vec<u16> = models.iter().map(|&m| m as u16).collect();
            *seen_run.entry(run.clone()).or_insert_with(|| {
                let start = member_models.len() as u32;
                member_models.extend(run);
                start
            })
        };
        let catalog = w.tables.view();
        let entries: Vec<Option<u16>> = members
            .iter()
            .map(|&(_, i)| match facts.codes[i].channel {
                Channel::Hms => catalog.find_hms(facts.codes[i].key),
                Channel::PrintError => catalog.find_print_error(facts.codes[i].key as u32),
            })
            .collect();
        let entry = match entries[0] {
            _ if entries.iter().any(|&e| e != entries[0]) => Row::ENTRY_VARIES,
            None => Row::NO_ENTRY,
            Some(e) => e as u32 + Row::ENTRY_BASE,
        };
        rows.push(Row { prefix, low: *key as u16, set, models: field, base, entry });
        base += members.len() as u32;
    }
    for &r in &mixed {
        rows[r].models += model_sets.len() as u32;
    }
    let format = RowFormat {
        prefix: bits_for(prefixes.len()),
        set: bits_for(sets.len()),
        models: bits_for(model_sets.len() + member_models.len()),
        base: bits_for(base as usize),
        entry: bits_for(w.tables.entries.len() / EntryRecord::SIZE + Row::ENTRY_BASE as usize),
    };
    if let Some(row) = rows.iter().find(|r| !format.fits(r)) {
        return Err(format!(
            "official row {row:?} does not fit in {} bytes ({format:?}): too many official codes",
            RowFormat::MAX_ROW
        ));
    }
    let f = &mut w.tables.facts;
    f.format = format;
    f.rows = rows.iter().flat_map(|r| format.encode(r)[..format.row_size()].to_vec()).collect();
    f.prefixes = prefixes.iter().flat_map(|p| p.to_le_bytes()).collect();
    let mut members = Vec::new();
    for set in &sets {
        let encoded = match grid(set) {
            Some(grid) => grid,
            None => {
                let start = u16::try_from(members.len()).map_err(|_| "more than 65535 official members")?;
                members.extend(set.iter().copied());
                MemberSet::List(ListRef { start, len: set.len() as u16 })
            }
        };
        f.sets.extend(encoded.encode());
    }
    u16::try_from(members.len()).map_err(|_| "more than 65535 official members")?;
    f.members = members.iter().flat_map(|m| m.to_le_bytes()).collect();
    f.model_sets = model_sets.iter().flat_map(|m| m.to_le_bytes()).collect();
    f.member_models = if model_sets.len() <= 256 {
        member_models.iter().map(|&m| m as u8).collect()
    } else {
        member_models.iter().flat_map(|m| m.to_le_bytes()).collect()
    };
    f.records = base;
    f.hms = layout.hms.clone();
    f.print_error = layout.print_error.clone();
    // Wiki pages: distinct lists, one list index per record.
    let mut lists: Vec<Vec<(String, u32)>> = vec![Vec::new()];
    let mut seen_list: HashMap<Vec<(String, u32)>, u32> = HashMap::from([(Vec::new(), 0)]);
    let mut paths = TableWriter::default();
    for &i in &layout.order {
        let list = intern(&mut seen_list, &mut lists, facts.codes[i].wiki.clone());
        let list = u16::try_from(list).map_err(|_| "more than 65535 distinct wiki page lists")?;
        w.tables.wiki.records.extend(list.to_le_bytes());
    }
    for list in &lists {
        let start =
            u16::try_from(w.tables.wiki.pages.len() / WikiRecord::SIZE).map_err(|_| "more than 65535 wiki pages")?;
        for (path, models) in list {
            w.tables.wiki.pages.extend(WikiRecord { path: paths.plain(path)?, models: *models }.encode());
        }
        w.tables.wiki.lists.extend(ListRef { start, len: list.len() as u16 }.encode());
    }
    w.tables.wiki.blob = paths.tables.names;
    Ok(())
}

/// The texts of one language, with their bytes owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedTextTable {
    /// The language.
    pub lang: String,
    /// Per row, a `u16`.
    pub rows: Vec<u8>,
    /// Per code (or uniform row), a `u16`.
    pub values: Vec<u8>,
    /// Variant lists.
    pub lists: Vec<u8>,
    /// First symbol per block of texts.
    pub starts: Vec<u8>,
    /// Length per text.
    pub lengths: Vec<u8>,
    /// Two bytes per length.
    pub wide: bool,
    /// Symbols.
    pub stream: Vec<u8>,
    /// Pairs.
    pub pairs: Vec<u8>,
}

impl OwnedTextTable {
    /// A view in the form the runtime reads.
    pub fn view(&self) -> TextTable<'_> {
        TextTable {
            lang: &self.lang,
            rows: &self.rows,
            values: &self.values,
            lists: &self.lists,
            starts: &self.starts,
            lengths: &self.lengths,
            wide: self.wide,
            stream: &self.stream,
            pairs: &self.pairs,
        }
    }
}

/// Lays out the texts of `lang`, parallel to the records of `facts`, compressed. Texts for
/// codes the facts lack are errors: the two files come from one import.
pub fn build_texts(facts: &OfficialFacts, texts: &OfficialTexts, lang: &str) -> Result<OwnedTextTable, String> {
    let index: HashMap<(Channel, u64), usize> =
        facts.codes.iter().enumerate().map(|(i, c)| ((c.channel, c.key), i)).collect();
    let mut per_record: Vec<Vec<(u32, &str)>> = vec![Vec::new(); facts.codes.len()];
    for t in &texts.texts {
        let Some(&i) = index.get(&(t.channel, t.key)) else {
            return Err(format!(
                "texts of `{lang}` name code {}, which the official facts lack: import again",
                crate::official::spell(t.channel, t.key)
            ));
        };
        per_record[i].push((t.models, &t.text));
    }
    // Text 0 is the empty text.
    let mut distinct: Vec<&str> = vec![""];
    let mut seen: HashMap<&str, u32> = HashMap::from([("", 0)]);
    let mut seen_list: HashMap<Vec<u8>, u16> = HashMap::new();
    let mut table = OwnedTextTable { lang: lang.to_owned(), ..OwnedTextTable::default() };
    let too_many = |what: &str| format!("`{lang}` has too many {what} for the text table's 15-bit fields");
    let layout = official_layout(facts)?;
    let mut values = Vec::with_capacity(layout.order.len());
    for &i in &layout.order {
        let variants = &mut per_record[i];
        // The default text (models 0) leads; the rest keep their order.
        variants.sort_by_key(|&(models, _)| models != 0);
        let mut ids = Vec::with_capacity(variants.len());
        for &(models, text) in variants.iter() {
            let id = intern(&mut seen, &mut distinct, text);
            ids.push(TextVariant { models, text: u16::try_from(id).map_err(|_| too_many("texts"))? });
        }
        let value = match ids.as_slice() {
            [] => NO_TEXT,
            [only] if only.models == 0 => only.text,
            _ => {
                if let Some(last) = ids.last_mut() {
                    last.text |= LAST_BIT;
                }
                let list: Vec<u8> = ids.iter().flat_map(|v| v.encode()).collect();
                let offset = match seen_list.get(&list) {
                    Some(&o) => o,
                    None => {
                        let o = table.lists.len() / TextVariant::SIZE;
                        let o = u16::try_from(o).map_err(|_| too_many("variant lists"))?;
                        table.lists.extend_from_slice(&list);
                        seen_list.insert(list, o);
                        o
                    }
                };
                LIST_BIT | offset
            }
        };
        values.push(value);
    }
    // Per row: one value when every member shares it (the common case: one template for
    // every unit and slot), else the members' run; equal runs are stored once.
    let mut runs: HashMap<Vec<u16>, u16> = HashMap::new();
    let mut stored: Vec<u16> = Vec::new();
    let mut next = 0;
    for (_, members) in &layout.rows {
        let run = &values[next..next + members.len()];
        next += members.len();
        let uniform = run.iter().all(|&v| v == run[0]);
        let run = if uniform { &run[..1] } else { run };
        let start = match runs.get(run) {
            Some(&start) => start,
            None => {
                let start =
                    u16::try_from(stored.len()).ok().filter(|&s| s < UNIFORM_BIT).ok_or_else(|| too_many("codes"))?;
                stored.extend_from_slice(run);
                runs.insert(run.to_vec(), start);
                start
            }
        };
        table.rows.extend((start | if uniform { UNIFORM_BIT } else { 0 }).to_le_bytes());
    }
    table.values = stored.iter().flat_map(|v| v.to_le_bytes()).collect();
    // Checked once at the end: a record's value is meaningless if either overflowed.
    if table.lists.len() / TextVariant::SIZE >= LIST_BIT as usize || distinct.len() >= LIST_BIT as usize {
        return Err(too_many("texts or variant lists"));
    }
    let marked = distinct.iter().map(|t| crate::packing::mark(t)).collect::<Result<Vec<_>, _>>()?;
    let packed = crate::packing::pack(&marked);
    if packed.texts.iter().map(Vec::len).sum::<usize>() >= u32::MAX as usize {
        return Err(format!("`{lang}` texts outgrow the 32-bit symbol offsets"));
    }
    table.wide = packed.texts.iter().any(|t| t.len() > u8::MAX as usize);
    let mut start = 0u32;
    for (i, symbols) in packed.texts.iter().enumerate() {
        if i % TEXT_BLOCK == 0 {
            table.starts.extend(start.to_le_bytes());
        }
        start += symbols.len() as u32;
        if table.wide {
            let len = u16::try_from(symbols.len()).map_err(|_| format!("a `{lang}` text outgrows 65535 symbols"))?;
            table.lengths.extend(len.to_le_bytes());
        } else {
            table.lengths.push(symbols.len() as u8);
        }
    }
    hms_core::packed::pack(packed.texts.iter().flatten().copied(), &mut table.stream);
    hms_core::packed::pack(packed.pairs.iter().flat_map(|&(a, b)| [a, b]), &mut table.pairs);
    Ok(table)
}

/// The record of an entry's texts; the caller fills in each pattern.
fn entry_record(c: &CodeEntry, w: &mut TableWriter, variant: Option<u16>) -> Result<EntryRecord, String> {
    let index = |i: Option<usize>| i.map_or(NONE, |i| i as u16);
    Ok(EntryRecord {
        key: 0,
        channel: 0,
        varies: 0,
        pattern: 0,
        patterns: 1,
        side: 0,
        title: w.text(&c.title)?,
        meaning: w.text(&c.meaning)?,
        note: w.text(c.note.as_deref().unwrap_or(""))?,
        causes: w.list(&c.causes)?,
        procedure: index(c.procedure),
        see_also: index(c.see_also),
        variant: variant.unwrap_or(NONE),
    })
}

/// Compresses every text of the catalog with one dictionary: the entries' titles first (so a
/// titles-only build keeps a prefix of the stream and of the dictionary), then each
/// procedure's texts, then each entry's meaning, note and causes; each distinct text once.
fn pack_texts(catalog: &Catalog, w: &mut TableWriter) -> Result<(), String> {
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
    let mut distinct: Vec<&str> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut title_texts = 0;
    for (i, &text) in all.iter().enumerate() {
        if !text.is_empty() && seen.insert(text) {
            distinct.push(text);
        }
        if i + 1 == titles {
            title_texts = distinct.len();
        }
    }
    let marked = distinct.iter().map(|t| crate::packing::mark(t)).collect::<Result<Vec<_>, _>>()?;
    // Twice the merges per pass of the official texts: the catalog's texts are larger, and
    // they are packed again on every edit (0.3 s instead of 1 s, for 10% more bytes).
    let packed = crate::packing::pack_with(&marked, 2 * crate::packing::MERGES_PER_PASS);
    let mut start = 0u32;
    let mut title_symbols = 0;
    let mut max_title_pair = None;
    for (i, (text, symbols)) in distinct.iter().zip(&packed.texts).enumerate() {
        let len = u16::try_from(symbols.len()).map_err(|_| {
            format!("a text of {} symbols exceeds the {} a table entry can hold", symbols.len(), u16::MAX)
        })?;
        w.refs.insert((*text).to_owned(), StrRef { offset: start, len });
        start = start.checked_add(len as u32).ok_or("the texts outgrew 2^32 symbols")?;
        if i < title_texts {
            title_symbols = start as usize;
            max_title_pair = symbols.iter().filter_map(|s| s.checked_sub(256)).chain(max_title_pair).max();
        }
    }
    hms_core::packed::pack(packed.texts.iter().flatten().copied(), &mut w.tables.stream);
    hms_core::packed::pack(packed.pairs.iter().flat_map(|&(a, b)| [a, b]), &mut w.tables.pairs);
    // Two symbols in three bytes; a pair's halves are always earlier symbols, so the titles
    // need the dictionary up to the highest pair they name.
    w.tables.title_stream = title_symbols.div_ceil(2) * 3;
    w.tables.title_pairs = max_title_pair.map_or(0, |p| (p as usize + 1) * 3);
    Ok(())
}

#[derive(Default)]
struct TableWriter {
    tables: OwnedTables,
    /// Each compressed text's place in the stream.
    refs: HashMap<String, StrRef>,
    seen: HashMap<String, StrRef>,
}

impl TableWriter {
    /// A text compressed by [`pack_texts`].
    fn text(&mut self, text: &str) -> Result<StrRef, String> {
        if text.is_empty() {
            return Ok(StrRef::default());
        }
        self.refs.get(text).copied().ok_or_else(|| format!("text {text:?} was not compressed"))
    }

    /// A plain text in the names blob (procedure names, wiki paths), each stored once.
    fn plain(&mut self, text: &str) -> Result<StrRef, String> {
        if text.is_empty() {
            return Ok(StrRef::default());
        }
        if let Some(&s) = self.seen.get(text) {
            return Ok(s);
        }
        let len = u16::try_from(text.len())
            .map_err(|_| format!("a text of {} bytes exceeds the {} a table entry can hold", text.len(), u16::MAX))?;
        let offset = u32::try_from(self.tables.names.len()).map_err(|_| "the names outgrew 4 GiB".to_owned())?;
        self.tables.names.push_str(text);
        let s = StrRef { offset, len };
        self.seen.insert(text.to_owned(), s);
        Ok(s)
    }

    fn list(&mut self, items: &[String]) -> Result<ListRef, String> {
        let start = self.tables.lists.len() / StrRef::SIZE;
        let too_many = || format!("more than {} list items (causes, steps, parts) in all", u16::MAX);
        let start = u16::try_from(start).map_err(|_| too_many())?;
        let len = u16::try_from(items.len()).map_err(|_| too_many())?;
        u16::try_from(start as usize + items.len()).map_err(|_| too_many())?;
        for item in items {
            let s = self.text(item)?;
            self.tables.lists.extend(s.encode());
        }
        Ok(ListRef { start, len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = r#"
schema: 1
modules:
  - { id: "07", abbr: AMS, name: Automated Material System, lettered: true }
  - { id: "03", abbr: MC, name: Motion Controller }
levels:
  - { id: 1, variant: Error, name: error, meaning: stops }
  - { id: 2, variant: Warning, name: warning, meaning: pauses }
procedures:
  - name: reload
    title: Reload the slot
    steps:
      - Open AMS {ams}
      - Reload slot {slot}
    parts: [Feeder]
codes:
  - code: 07xx_2x00_0002_0001
    variant: RunOut
    title: AMS {ams} slot {slot} ran out
    meaning: empty
    causes: [spool ended, sensor dirty]
    procedure: reload
  - code: 0701_2200_0002_0001
    title: exact B3
    meaning: exact beats family
  - code: 07xx_0100_0001_0004
    title: AMS {ams} motor slow
    meaning: speed
  - code: 0300_400C
    title: stopped
    meaning: print error channel
"#;

    fn tables() -> (Catalog, OwnedTables) {
        let catalog = crate::parse(CATALOG, "catalog.yaml").unwrap();
        let tables = build(&catalog, None).unwrap();
        (catalog, tables)
    }

    fn written(text: hms_core::packed::PackedText<'_>) -> String {
        hms_core::placeholder::Filled::packed(text, Default::default()).as_written().to_string()
    }

    #[test]
    fn every_entry_reads_back_as_written() {
        let (catalog, owned) = tables();
        let t = owned.view();
        assert_eq!(t.entry_count(), catalog.codes.len());
        for (i, c) in catalog.codes.iter().enumerate() {
            let e = t.entry(i as u16).unwrap();
            assert_eq!(
                (e.key, e.varies, e.pattern, e.patterns, written(t.text(e.title)), written(t.text(e.meaning))),
                (c.first().key, c.first().varies, 0, 1, c.title.clone(), c.meaning.clone())
            );
            let causes: Vec<_> = (0..e.causes.len).map(|k| written(t.list_item(e.causes, k).unwrap())).collect();
            assert_eq!(causes, c.causes);
        }
        let p = t.procedure(0).unwrap();
        assert_eq!(
            (t.name(p.name), t.list_item(p.steps, 1).map(written), t.list_item(p.parts, 0).map(written)),
            ("reload", Some("Reload slot {slot}".to_owned()), Some("Feeder".to_owned()))
        );
    }

    #[test]
    fn titles_lead_the_stream_and_need_only_a_prefix_of_the_dictionary() {
        let (catalog, owned) = tables();
        let prefix = OwnedTables {
            stream: owned.stream[..owned.title_stream].to_vec(),
            pairs: owned.pairs[..owned.title_pairs].to_vec(),
            ..owned.clone()
        };
        assert!(owned.title_stream < owned.stream.len());
        let t = prefix.view();
        for (i, c) in catalog.codes.iter().enumerate() {
            assert_eq!(written(t.text(t.entry(i as u16).unwrap().title)), c.title);
        }
    }

    #[test]
    fn every_placeholder_survives_packing() {
        // No one code fills every placeholder, so the texts are packed as `pack_texts` packs
        // them, beside the catalog's, without the catalog's checks.
        use hms_core::packed::PackedText;
        use hms_core::placeholder::{Fill, Filled, PLACEHOLDERS, Side};
        let every: Vec<String> = PLACEHOLDERS.iter().map(|p| format!("{{{}}}", p.name)).collect();
        let template = format!("{} {{{{braces}}}} end", every.join(" / "));
        let (catalog, _) = tables();
        let mut texts: Vec<&str> = catalog.codes.iter().map(|c| c.title.as_str()).collect();
        texts.push(&template);
        let marked: Vec<Vec<u8>> = texts.iter().map(|t| crate::packing::mark(t).unwrap()).collect();
        let packed = crate::packing::pack_with(&marked, 2 * crate::packing::MERGES_PER_PASS);
        let (mut stream, mut pairs) = (Vec::new(), Vec::new());
        hms_core::packed::pack(packed.texts.iter().flatten().copied(), &mut stream);
        hms_core::packed::pack(packed.pairs.iter().flat_map(|&(a, b)| [a, b]), &mut pairs);
        let start: usize = packed.texts[..texts.len() - 1].iter().map(Vec::len).sum();
        let end = start + packed.texts[texts.len() - 1].len();
        let text = PackedText { pairs: &pairs, stream: &stream, start: start as u32, end: end as u32 };
        assert_eq!(Filled::packed(text, Fill::default()).as_written().to_string(), template);
        let fill = Fill {
            unit: Some(1),
            slot: Some(3),
            index: Some(4),
            rack: Some(5),
            side: Some(Side::Left),
            abbr: Some("AMS Lite"),
        };
        assert_eq!(Filled::packed(text, fill).to_string(), "B / 3 / 4 / 5 / left / Left / AMS Lite B {braces} end");
        // The same text unpacked fills the same way, and an empty fill marks each value.
        assert_eq!(Filled::new(&template, fill).to_string(), Filled::packed(text, fill).to_string());
        assert_eq!(Filled::packed(text, Fill::default()).to_string(), "? / ? / ? / ? / ? / ? / ? {braces} end");
    }

    #[test]
    fn lookups_prefer_exact_then_family() {
        let (_, owned) = tables();
        let t = owned.view();
        assert_eq!(t.find_hms(0x0701_2200_0002_0001), Some(1));
        assert_eq!(t.find_hms(0x0703_2300_0002_0001), Some(0));
        assert_eq!(t.find_hms(0x0702_0100_0001_0004), Some(2));
        assert_eq!(t.find_hms(0x0702_0200_0001_0004), None);
        assert_eq!(t.find_print_error(0x0300_400C), Some(3));
        assert_eq!(t.find_print_error(0x0300_400D), None);
    }

    #[test]
    fn indexes_solve_for_awkward_key_sets() {
        let single_bits: Vec<(u64, u16)> = (0..64).map(|b| (1u64 << b, b as u16)).collect();
        let runs: Vec<(u64, u16)> = (0..5000u64).map(|i| (0x0700_0000_0001_0000 + i, i as u16)).collect();
        for keys in [&single_bits[..2], &single_bits[40..42], &single_bits[..], &runs[..], &runs[..3]] {
            let index = OwnedIndex::solve(keys).unwrap();
            for &(key, value) in keys {
                assert_eq!(index.view().candidate(key), Some(value), "{key:#x}");
            }
        }
    }

    #[test]
    fn same_catalog_same_bytes() {
        assert_eq!(tables().1, tables().1);
    }
}

#[cfg(test)]
mod official_tests {
    use hms_core::layout::official::{Said, text_with_fallback};

    use super::*;
    use crate::official::{parse_facts, parse_texts};

    const CATALOG: &str = r#"
schema: 1
modules: [{ id: "07", abbr: AMS, name: AMS, lettered: true }, { id: "03", abbr: MC, name: MC }]
models: [{ id: H2D, prefix: "094", name: H2D }, { id: X1, prefix: "00M", name: X1 }, { id: P2S, name: P2S }]
levels: [{ id: 1, variant: Error, name: error, meaning: stops }, { id: 2, variant: Warning, name: warning, meaning: pauses }]
"#;
    const FACTS: &str = "hms\t0300020000010001\tH2D,X1,P2S\tx1/0300_0200_0001_0001:*;h2/0300_0200_0001_0001:H2D\t-\n\
                         hms\t0700200000020003\tH2D,X1\t-\t-\n\
                         hms\t0500070000020201\tH2D\t-\t-\n\
                         err\t0300400C\tX1\t-\t-\n";
    // Project-written stand-ins for imported texts.
    const EN: &str = "hms\t0300020000010001\t*\tNozzle heater test text.\n\
                      hms\t0300020000010001\tH2D\tRight nozzle heater test text.\n\
                      hms\t0700200000020003\t*\tAMS {ams} slot {slot} test text.\n\
                      hms\t0500070000020201\t*\t\n\
                      err\t0300400C\t*\tPrint error test text.\n";
    const DE: &str = "hms\t0300020000010001\t*\tDüsenheizung Testtext.\n\
                      hms\t0300020000010001\tH2D\t\n\
                      err\t0300400C\t*\t\n";

    /// The text a [`Said`] holds, decoded.
    fn shown(said: Said<'_>) -> Option<String> {
        match said {
            Said::Text(t) => Some(hms_core::placeholder::Filled::packed(t, Default::default()).to_string()),
            _ => None,
        }
    }

    fn build() -> (OwnedTables, OwnedTextTable, OwnedTextTable) {
        let catalog = crate::parse(CATALOG, "catalog.yaml").unwrap();
        let facts = parse_facts(FACTS, "official.tsv", &catalog).unwrap();
        let tables = super::build(&catalog, Some(&facts)).unwrap();
        let en = build_texts(&facts, &parse_texts(EN, "en.tsv", &catalog).unwrap(), "en").unwrap();
        let de = build_texts(&facts, &parse_texts(DE, "de.tsv", &catalog).unwrap(), "de").unwrap();
        (tables, en, de)
    }

    #[test]
    fn a_model_gets_its_own_text_else_the_most_common() {
        let (tables, en, _) = build();
        let record = tables.view().find_official(0, 0x0300_0200_0001_0001).unwrap();
        let en = en.view();
        assert_eq!(
            shown(text_with_fallback(&en, &en, &record, Some(0))),
            Some("Right nozzle heater test text.".to_owned())
        );
        assert_eq!(shown(text_with_fallback(&en, &en, &record, Some(1))), Some("Nozzle heater test text.".to_owned()));
        assert_eq!(shown(text_with_fallback(&en, &en, &record, None)), Some("Nozzle heater test text.".to_owned()));
    }

    #[test]
    fn a_language_falls_back_to_english_where_it_lacks_a_text() {
        let (tables, en, de) = build();
        let t = tables.view();
        let (en, de) = (en.view(), de.view());
        let nozzle = t.find_official(0, 0x0300_0200_0001_0001).unwrap();
        assert_eq!(shown(text_with_fallback(&de, &en, &nozzle, Some(1))), Some("Düsenheizung Testtext.".to_owned()));
        // Empty in German for H2D: English for H2D.
        assert_eq!(
            shown(text_with_fallback(&de, &en, &nozzle, Some(0))),
            Some("Right nozzle heater test text.".to_owned())
        );
        // Missing in German altogether.
        let ams = t.find_official(0, 0x0700_2000_0002_0003).unwrap();
        assert_eq!(shown(text_with_fallback(&de, &en, &ams, None)), Some("AMS ? slot ? test text.".to_owned()));
        let error = t.find_official(1, 0x0300_400C).unwrap();
        assert_eq!(shown(text_with_fallback(&de, &en, &error, None)), Some("Print error test text.".to_owned()));
    }

    #[test]
    fn empty_texts_mark_a_known_code_as_silent() {
        let (tables, en, de) = build();
        let record = tables.view().find_official(0, 0x0500_0700_0002_0201).unwrap();
        assert_eq!(text_with_fallback(&de.view(), &en.view(), &record, None), Said::Empty);
        assert_eq!(tables.view().find_official(0, 0x0500_0700_0002_0202), None);
    }

    #[test]
    fn official_records_keep_models_and_wiki_pages() {
        let (tables, _, _) = build();
        let t = tables.view();
        let found = t.find_official(0, 0x0300_0200_0001_0001).unwrap();
        assert_eq!(t.facts.models(&found), Some(0b111));
        let pages: Vec<_> = t.wiki.pages(found.record).collect();
        assert_eq!(pages, [("x1/0300_0200_0001_0001", 0), ("h2/0300_0200_0001_0001", 1)]);
        assert_eq!(t.wiki.pages(t.find_official(0, 0x0700_2000_0002_0003).unwrap().record).count(), 0);
    }

    #[test]
    fn every_official_code_is_found_and_walked_back() {
        // Rows of many members with mixed models, beside single codes on both channels.
        let mut facts = String::new();
        for unit in 0..8 {
            for slot in 0..4 {
                let models = if unit == 3 && slot == 2 { "X1" } else { "H2D,X1" };
                facts.push_str(&format!("hms\t070{unit}2{slot}0000020003\t{models}\t-\t-\n"));
            }
            facts.push_str(&format!("err\t070{unit}8001\tP2S\t-\t-\n"));
        }
        facts.push_str("hms\t0300020000010001\tH2D\t-\t-\nhms\t07FE200000020003\tH2D\t-\t-\n");
        let catalog = crate::parse(CATALOG, "catalog.yaml").unwrap();
        let facts = parse_facts(&facts, "official.tsv", &catalog).unwrap();
        let tables = super::build(&catalog, Some(&facts)).unwrap();
        let t = tables.view();
        assert_eq!(t.facts.records as usize, facts.codes.len());
        let mut seen = vec![false; facts.codes.len()];
        for c in &facts.codes {
            let found = t.find_official(c.channel.layout(), c.key).unwrap();
            assert_eq!(t.facts.models(&found), Some(c.models), "{:x}", c.key);
            assert_eq!(t.facts.code(found.record), Some((c.channel.layout(), c.key, found)));
            assert!(!std::mem::replace(&mut seen[found.record as usize], true), "two codes on one record");
        }
        // Neighbours of real codes miss: another unit, slot, error id or channel.
        for miss in [0x0708_2000_0002_0003u64, 0x0700_2400_0002_0003, 0x0700_2000_0002_0004, 0x0300_0200_0001_0002] {
            assert_eq!(t.find_official(0, miss), None, "{miss:x}");
        }
        assert_eq!(t.find_official(1, 0x0708_8001), None);
        assert_eq!(t.find_official(1, 0x0700_2000_0002_0003), None);
        assert_eq!(t.facts.code(facts.codes.len() as u16), None);
    }

    #[test]
    fn texts_for_codes_the_facts_lack_are_refused() {
        let catalog = crate::parse(CATALOG, "catalog.yaml").unwrap();
        let facts = parse_facts(FACTS, "official.tsv", &catalog).unwrap();
        let stray = parse_texts("hms\t0300020000019999\t*\tx\n", "en.tsv", &catalog).unwrap();
        assert!(build_texts(&facts, &stray, "en").unwrap_err().contains("0300020000019999"));
    }
}
