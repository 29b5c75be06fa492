//! The official texts of one language, parallel to the official records.

use std::collections::HashMap;

use hms_core::layout::texts::{
    ABSENT_TEXT, LAST_BIT, LIST_BIT, NO_TEXT, OwnedTextTable, TEXT_BLOCK, TextVariant, UNIFORM_BIT,
};

use super::{RowLayout, intern};
use crate::model::Channel;
use crate::official::{OfficialFacts, OfficialTexts};

/// Lays out the texts of `lang`, parallel to the records of `facts` as [`build`](super::build)
/// placed them in `layout`, compressed. Texts for codes the facts lack are errors: the two
/// files come from one import.
pub fn build_texts(
    layout: &RowLayout,
    facts: &OfficialFacts,
    texts: &OfficialTexts,
    lang: &str,
) -> Result<OwnedTextTable, String> {
    build_texts_stored(layout, facts, texts, lang, None)
}

/// [`build_texts`], with the texts' packing kept in `store` (as `texts-<lang>`) and reused
/// while they read the same.
pub fn build_texts_stored(
    layout: &RowLayout,
    facts: &OfficialFacts,
    texts: &OfficialTexts,
    lang: &str,
    store: Option<&crate::packing::Store>,
) -> Result<OwnedTextTable, String> {
    let index: HashMap<(Channel, u64), usize> =
        facts.codes.iter().enumerate().map(|(i, c)| ((c.channel, c.key), i)).collect();
    // Per record: (models, text), `None` for models without a text in the language.
    let mut per_record: Vec<Vec<(u32, Option<&str>)>> = vec![Vec::new(); facts.codes.len()];
    for t in &texts.texts {
        let Some(&i) = index.get(&(t.channel, t.key)) else {
            return Err(format!(
                "texts of `{lang}` name code {}, which the official facts lack: import again",
                crate::official::spell(t.channel, t.key)
            ));
        };
        per_record[i].push((t.models, (!t.absent).then_some(t.text.as_str())));
    }
    // Text 0 is the empty text.
    let mut distinct: Vec<&str> = vec![""];
    let mut seen: HashMap<&str, u32> = HashMap::from([("", 0)]);
    let mut seen_list: HashMap<Vec<TextVariant>, u16> = HashMap::new();
    let mut table = OwnedTextTable { lang: lang.to_owned(), ..OwnedTextTable::default() };
    let too_many = |what: &str| format!("`{lang}` has too many {what} for the text table's 15-bit fields");
    let mut values = Vec::with_capacity(layout.order.len());
    for &i in &layout.order {
        let variants = &mut per_record[i];
        // The default text (models 0) leads; the rest keep their order.
        variants.sort_by_key(|&(models, _)| models != 0);
        let mut ids = Vec::with_capacity(variants.len());
        for &(models, text) in variants.iter() {
            let id = match text {
                Some(text) => u16::try_from(intern(&mut seen, &mut distinct, text)).map_err(|_| too_many("texts"))?,
                None => ABSENT_TEXT,
            };
            ids.push(TextVariant { models, text: id });
        }
        let value = match ids.as_slice() {
            [] => NO_TEXT,
            [only] if only.models == 0 => only.text,
            _ => {
                if let Some(last) = ids.last_mut() {
                    last.text |= LAST_BIT;
                }
                let offset = match seen_list.get(&ids) {
                    Some(&o) => o,
                    None => {
                        let o = u16::try_from(table.lists.len()).map_err(|_| too_many("variant lists"))?;
                        ids.iter().for_each(|v| table.lists.push(v));
                        seen_list.insert(ids, o);
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
    for &members in &layout.members {
        let run = &values[next..next + members];
        next += members;
        let uniform = run.iter().all(|&v| v == run[0]);
        // A row without members (a catalog code Bambu does not list) reads nothing.
        let run = if uniform { &run[..run.len().min(1)] } else { run };
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
        table.rows.push(&(start | if uniform { UNIFORM_BIT } else { 0 }));
    }
    table.values = stored.into_iter().collect();
    // Checked once at the end: a record's value is meaningless if either overflowed.
    if table.lists.len() >= LIST_BIT as usize || distinct.len() >= ABSENT_TEXT as usize {
        return Err(too_many("texts or variant lists"));
    }
    let marked = distinct.iter().map(|t| crate::packing::mark(t)).collect::<Result<Vec<_>, _>>()?;
    let name = format!("texts-{lang}");
    // The language names the file: only a plain language tag does.
    let store = store.filter(|_| !lang.is_empty() && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    let merges = [crate::packing::MERGES_PER_PASS; 2];
    let (packed, _) = crate::packing::pack_stored(&[], &marked, merges, store.map(|s| (s, name.as_str())));
    if packed.texts.iter().map(Vec::len).sum::<usize>() >= u32::MAX as usize {
        return Err(format!("`{lang}` texts outgrow the 32-bit symbol offsets"));
    }
    table.wide = packed.texts.iter().any(|t| t.len() > u8::MAX as usize);
    let mut start = 0u32;
    for (i, symbols) in packed.texts.iter().enumerate() {
        if i % TEXT_BLOCK == 0 {
            table.starts.push(&start);
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
