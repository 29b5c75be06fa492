//! The rows: every official code and every catalog pattern under its row key, one perfect
//! hash over them, members as bitmaps, models, and the rules that give codes their entries.

use std::collections::{BTreeMap, HashMap};

use hms_core::layout::facts::{
    MEMBER_NONE, MEMBER_SCAN, Member, MemberSet, ModuleParts, NOT_MEMBER, OwnedFacts, Row, RowFormat, Rule, split_code,
    split_key,
};
use hms_core::layout::wiki::{OwnedWiki, WikiRecord};
use hms_core::layout::{ListRef, NONE};
use hms_core::{CodePattern, covering};

use super::{Strings, intern};
use crate::model::Catalog;
use crate::official::OfficialFacts;

/// Where every row and official record sits, as [`build`](super::build) placed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowLayout {
    /// Per official record, the index of its code in the facts.
    pub order: Vec<usize>,
    /// Per row in slot order, the number of its members (official codes).
    pub members: Vec<usize>,
}

#[derive(Default)]
struct RowBuild<'c> {
    /// `(class, slot, index in the facts)`.
    members: Vec<(u8, u8, usize)>,
    /// `(rank, pattern, selector, pattern, entry)`: ranked by [`CodePattern::rank`].
    rules: Vec<RuleBuild<'c>>,
}

/// A rule as built: `(rank, pattern's position in catalog order, selector, pattern, entry)`.
type RuleBuild<'c> = (u8, u16, u16, &'c CodePattern, u16);

/// Refuses two patterns of a row that give one code two entries: the same exact code twice,
/// or two families with a member in common (the reader refuses both; a catalog built by hand
/// meets this check instead).
fn check_rules(key: u64, rules: &[RuleBuild<'_>]) -> Result<(), String> {
    for (i, a) in rules.iter().enumerate() {
        for b in &rules[i + 1..] {
            let (pa, pb) = (a.3, b.3);
            // An exact code inside a family is no clash: it comes first.
            if pa.is_family() == pb.is_family() && pa.overlaps(pb) {
                return Err(format!(
                    "row {key:016X}: patterns {pa} and {pb} give one code two entries: each code may have one entry"
                ));
            }
        }
    }
    Ok(())
}

/// The class of each unit byte in member sets: units below `0x80` in order, then the left
/// and right extruders `FE` and `FF`, then the rest, so the usual rows (AMS A-H with the
/// extruders, AMS-HT units) span few classes.
fn classes(facts: &OfficialFacts) -> Vec<u8> {
    let mut units: Vec<u8> = facts
        .codes
        .iter()
        .map(|c| split_code(c.channel.layout(), c.key).1)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    units.sort_by_key(|&u| (u >= 0x80, u < 0xFE, u));
    let mut classes = vec![MemberSet::NO_CLASS; 256];
    for (class, &unit) in units.iter().enumerate() {
        classes[unit as usize] = class as u8;
    }
    classes
}

/// The member set of a row's members (its bytes not yet placed) and its bytes: per bit, the
/// rule byte of the member there (`rules[i]` for member `i`), else [`NOT_MEMBER`].
fn member_set(key: u64, members: &[(u8, u8, usize)], rules: &[u8]) -> Result<(MemberSet, Vec<u8>), String> {
    let Some(class) = members.iter().map(|m| m.0).min() else { return Ok((MemberSet::default(), Vec::new())) };
    let first = members.iter().map(|m| m.1).min().unwrap_or(0);
    let count = members.iter().map(|m| m.1).max().unwrap_or(0) - first + 1;
    let classes = members.iter().map(|m| m.0).max().unwrap_or(0) - class + 1;
    let set = MemberSet { class, classes, slots: first | (count - 1) << 4, start: 0 };
    let mut bytes = vec![NOT_MEMBER; set.bits()];
    for (&(c, s, _), &rule) in members.iter().zip(rules) {
        let bit = set.bit(c, s).ok_or_else(|| format!("official row {key:016X}: member {c}/{s} outside its set"))?;
        bytes[bit] = rule;
    }
    Ok((set, bytes))
}

/// The position in `rules` (ranked) of the rule official code `i` takes: the pattern
/// [`covering`] chooses.
fn rule_of(rules: &[RuleBuild<'_>], facts: &OfficialFacts, i: usize) -> Option<usize> {
    let patterns: Vec<CodePattern> = rules.iter().map(|r| *r.3).collect();
    covering(&patterns, facts.codes[i].code())
}

/// The modules with a part layout, as the rules name them (their position); at most 16.
fn module_parts(catalog: &Catalog) -> Result<Vec<ModuleParts>, String> {
    let parts: Vec<ModuleParts> =
        catalog.modules.iter().filter_map(|m| Some(ModuleParts::new(m.id, m.parts?))).collect();
    if parts.len() > usize::from(Rule::SLOT) + 1 {
        return Err(format!("{} modules with `parts`: the tables hold at most {}", parts.len(), Rule::SLOT + 1));
    }
    Ok(parts)
}

/// Lays out the rows of the official codes and the catalog's patterns; returns, besides, each
/// pattern's rule index, patterns in catalog order.
pub(super) fn build(catalog: &Catalog, facts: &OfficialFacts) -> Result<(OwnedFacts, RowLayout, Vec<u16>), String> {
    if facts.codes.len() >= NONE as usize {
        return Err(format!("{} official codes: the tables hold at most {}", facts.codes.len(), NONE - 1));
    }
    let classes = classes(facts);
    let mut rows: BTreeMap<u64, RowBuild> = BTreeMap::new();
    for (i, c) in facts.codes.iter().enumerate() {
        let (key, unit, slot) = split_code(c.channel.layout(), c.key);
        rows.entry(key).or_default().members.push((classes[unit as usize], slot, i));
    }
    let parts = module_parts(catalog)?;
    let patterns = catalog.codes.iter().enumerate().flat_map(|(e, c)| c.patterns.iter().map(move |p| (e, p)));
    let mut count = 0;
    for (position, (entry, written)) in patterns.enumerate() {
        let p = &written.pattern;
        // The caller refuses more entries than 16 bits number.
        let entry = entry as u16;
        let sided = if written.side.is_some() { Rule::SIDED } else { 0 };
        let position = u16::try_from(position)
            .ok()
            .filter(|&n| n < NONE)
            .ok_or_else(|| format!("more than {} code patterns: the tables number them with 16 bits", NONE - 1))?;
        let module = parts.iter().position(|m| m.module == p.key().module_id()).unwrap_or(0) as u8;
        let rule = (p.rank(), position, Rule::selector(p, module, false) | sided, p, entry);
        rows.entry(p.row_key()).or_default().rules.push(rule);
        count += 1;
    }
    let mut pattern_rules = vec![NONE; count];
    let keys: Vec<u64> = rows.keys().copied().collect();
    let (index, slots) = super::solve(&keys).map_err(|e| format!("rows: {e}"))?;
    let mut rows: Vec<(u64, RowBuild)> = rows.into_iter().collect();

    let mut f = OwnedFacts { index, classes, parts: parts.into_iter().collect(), ..OwnedFacts::default() };
    let mut layout = RowLayout::default();
    let (mut prefixes, mut seen_prefix) = (Vec::new(), HashMap::new());
    let (mut member_rules, mut seen_bytes): (Vec<u8>, HashMap<Vec<u8>, u16>) = (Vec::new(), HashMap::new());
    // The empty set is set 0, the set of rows without members.
    let (mut sets, mut seen_sets) = (vec![MemberSet::default()], HashMap::from([(MemberSet::default(), 0)]));
    let (mut model_sets, mut seen_models) = (Vec::new(), HashMap::new());
    let (mut member_models, mut seen_run): (Vec<u16>, HashMap<Vec<u16>, u32>) = (Vec::new(), HashMap::new());
    let mut packed = Vec::with_capacity(rows.len());
    let mut mixed = Vec::new();
    let mut base = 0u32;
    for slot in slots {
        let Some(slot) = slot else {
            // An empty slot: a prefix past the table's end matches no key.
            packed.push(Row { prefix: u32::MAX, base, ..Row::default() });
            layout.members.push(0);
            continue;
        };
        let (key, row) = &mut rows[slot];
        row.members.sort();
        row.rules.sort_by_key(|r| (r.0, r.1));
        check_rules(*key, &row.rules)?;
        let rule_bytes: Vec<u8> = row
            .members
            .iter()
            .map(|&(_, _, i)| match rule_of(&row.rules, facts, i) {
                None => MEMBER_NONE,
                Some(k) if k < MEMBER_SCAN as usize => k as u8,
                Some(_) => MEMBER_SCAN,
            })
            .collect();
        let (set, bytes) = member_set(*key, &row.members, &rule_bytes)?;
        // Equal bytes are stored once, and equal sets once.
        let start = match seen_bytes.get(&bytes) {
            Some(&start) => start,
            None => {
                let start = u16::try_from(member_rules.len()).map_err(|_| "more than 65535 member rule bytes")?;
                member_rules.extend_from_slice(&bytes);
                seen_bytes.insert(bytes, start);
                start
            }
        };
        let set = if set.classes == 0 { 0 } else { intern(&mut seen_sets, &mut sets, MemberSet { start, ..set }) };
        let models: Vec<u32> = row
            .members
            .iter()
            .map(|&(_, _, i)| intern(&mut seen_models, &mut model_sets, facts.codes[i].models))
            .collect();
        let models = match models.first() {
            None => 0,
            Some(&first) if models.iter().all(|&m| m == first) => first,
            Some(_) => {
                mixed.push(packed.len());
                // Rows with the same mix (say, one unit type on other models) share one run.
                let run: Vec<u16> = models.iter().map(|&m| m as u16).collect();
                *seen_run.entry(run.clone()).or_insert_with(|| {
                    let start = member_models.len() as u32;
                    member_models.extend(run);
                    start
                })
            }
        };
        let rules = if row.rules.is_empty() { 0 } else { f.rules.len() as u32 + 1 };
        for (i, &(_, position, selector, _, entry)) in row.rules.iter().enumerate() {
            let last = if i + 1 == row.rules.len() { Rule::LAST } else { 0 };
            // As many rules as patterns, and the patterns are numbered below `NONE`.
            pattern_rules[position as usize] = f.rules.len() as u16;
            f.rules.push(&Rule { entry, selector: selector | last });
        }
        let (prefix, low) = split_key(*key);
        packed.push(Row { prefix: intern(&mut seen_prefix, &mut prefixes, prefix), low, set, models, base, rules });
        layout.order.extend(row.members.iter().map(|m| m.2));
        layout.members.push(row.members.len());
        base += row.members.len() as u32;
    }
    for &r in &mixed {
        packed[r].models += model_sets.len() as u32;
    }
    for row in packed.iter_mut().filter(|r| r.prefix == u32::MAX) {
        row.prefix = prefixes.len() as u32;
    }
    if packed.len() as u64 > u64::from(Member::MAX_ROWS) {
        return Err(format!("{} rows: a table holds at most {}", packed.len(), Member::MAX_ROWS));
    }
    let format = RowFormat::fitting(&packed);
    if format.row_size() > RowFormat::MAX_ROW {
        return Err(format!("rows of {} bytes ({format:?}): at most {}", format.row_size(), RowFormat::MAX_ROW));
    }
    f.format = format;
    for row in &packed {
        let bytes = format.encode(row).ok_or_else(|| format!("row {row:?} does not fit {format:?}"))?;
        f.rows.extend_from_slice(&bytes[..format.row_size()]);
    }
    f.prefixes = prefixes.into_iter().collect();
    f.sets = sets.into_iter().collect();
    f.member_rules = member_rules;
    f.model_sets = model_sets.into_iter().collect();
    f.member_models = if f.model_sets.len() <= 256 {
        member_models.iter().map(|&m| m as u8).collect()
    } else {
        member_models.iter().flat_map(|m| m.to_le_bytes()).collect()
    };
    f.records = base;
    Ok((f, layout, pattern_rules))
}

/// The wiki pages of the official records: distinct lists, one list index per record.
pub(super) fn wiki(facts: &OfficialFacts, layout: &RowLayout) -> Result<OwnedWiki, String> {
    let mut wiki = OwnedWiki::default();
    if layout.order.is_empty() {
        return Ok(wiki);
    }
    let mut lists: Vec<Vec<(String, u32)>> = vec![Vec::new()];
    let mut seen_list: HashMap<Vec<(String, u32)>, u32> = HashMap::from([(Vec::new(), 0)]);
    let mut paths = Strings::default();
    for &i in &layout.order {
        let list = intern(&mut seen_list, &mut lists, facts.codes[i].wiki.clone());
        wiki.records.push(&u16::try_from(list).map_err(|_| "more than 65535 distinct wiki page lists")?);
    }
    for list in &lists {
        let start = u16::try_from(wiki.pages.len()).map_err(|_| "more than 65535 wiki pages")?;
        for (path, models) in list {
            let path = paths.put(&mut wiki.blob, path)?;
            wiki.pages.push(&WikiRecord { path, models: *models });
        }
        wiki.lists.push(&ListRef { start, len: list.len() as u16 });
    }
    Ok(wiki)
}
