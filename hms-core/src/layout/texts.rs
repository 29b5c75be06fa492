//! The official texts of one language: per official record, the text each model shows,
//! compressed (see [`crate::packed`]).

use super::facts::Found;
use super::record::Records;
#[cfg(feature = "bake")]
use super::record::RecordsBuf;
use crate::packed::PackedText;

/// What a language says about one code for one model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Said<'a> {
    /// This text (a template: it may hold placeholder markers).
    Text(PackedText<'a>),
    /// The code is listed with an empty text: nothing to show.
    Empty,
    /// The language has nothing for the code.
    Nothing,
}

/// [`TextTable::values`] value of a code the language lacks.
pub const NO_TEXT: u16 = u16::MAX;
/// [`TextTable::rows`] bit of a row whose members all have the same value.
pub const UNIFORM_BIT: u16 = 0x8000;
/// [`TextTable::values`] bit of a code with several texts: the rest is the index of the
/// first [`TextVariant`] of its list in [`TextTable::lists`]. Without it, the value is the
/// record's one text, shown on every model.
pub const LIST_BIT: u16 = 0x8000;
/// [`TextVariant::text`] bit of the last variant of a list.
pub const LAST_BIT: u16 = 0x8000;
/// Text index of the empty text.
pub const EMPTY_TEXT: u16 = 0;
/// [`TextVariant::text`] index that says its models have no text in this language (their
/// own text and the language's default are both missing or empty): the next language of the
/// fallback chain answers for them. No real text has this index.
pub const ABSENT_TEXT: u16 = 0x7FFF;
/// Texts per entry of [`TextTable::starts`]: a text's start is its block's plus the lengths
/// of the texts before it in the block.
pub const TEXT_BLOCK: usize = 16;

crate::record! {
    /// One text of a code, and the models that show it: an item of a variant list.
    pub struct TextVariant {
        /// The models that show this text; 0 for the default (most common) text.
        pub models: u32,
        /// The text's index ([`EMPTY_TEXT`] when the models show none, [`ABSENT_TEXT`] when
        /// the language has nothing for them), with [`LAST_BIT`] on the last variant of its list.
        pub text: u16,
    }
}

crate::tables! {
    /// The official texts of one language, parallel to the official records, compressed (see
    /// [`crate::packed`]).
    pub struct TextTable<'a> /
    /// [`TextTable`] with its bytes owned.
    OwnedTextTable {
        /// The language (`en`, `de`, `zh-cn`).
        pub lang: &'a str => alloc::string::String,
        /// Per official row: where its members' values start in [`values`](Self::values), with
        /// [`UNIFORM_BIT`] when one value serves every member.
        pub rows: Records<'a, u16> => RecordsBuf<u16>,
        /// Per code: [`NO_TEXT`], a text index, or [`LIST_BIT`] and a list's first variant.
        pub values: Records<'a, u16> => RecordsBuf<u16>,
        /// Variant lists: runs of [`TextVariant`]s ending at one with [`LAST_BIT`], the default
        /// (models 0) first when there is one.
        pub lists: Records<'a, TextVariant> => RecordsBuf<TextVariant>,
        /// Per block of [`TEXT_BLOCK`] texts, the first symbol of its first text.
        pub starts: Records<'a, u32> => RecordsBuf<u32>,
        /// Per text, its length in symbols: one byte each, or two (little-endian) when `wide`.
        pub lengths: &'a [u8] => alloc::vec::Vec<u8>,
        /// Whether [`lengths`](Self::lengths) takes two bytes per text.
        pub wide: bool => bool,
        /// Every text's symbols, packed.
        pub stream: &'a [u8] => alloc::vec::Vec<u8>,
        /// The dictionary of pairs, packed.
        pub pairs: &'a [u8] => alloc::vec::Vec<u8>,
    }
}

impl<'a> TextTable<'a> {
    /// A table with no texts.
    pub const EMPTY: TextTable<'static> = TextTable {
        lang: "",
        rows: Records::EMPTY,
        values: Records::EMPTY,
        lists: Records::EMPTY,
        starts: Records::EMPTY,
        lengths: &[],
        wide: false,
        stream: &[],
        pairs: &[],
    };

    /// Bytes of every table.
    pub const fn byte_len(&self) -> usize {
        self.rows.bytes().len()
            + self.values.bytes().len()
            + self.lists.bytes().len()
            + self.starts.bytes().len()
            + self.lengths.len()
            + self.stream.len()
            + self.pairs.len()
    }

    /// Text `text`.
    pub fn text(&self, text: u16) -> Said<'a> {
        match text {
            EMPTY_TEXT => return Said::Empty,
            ABSENT_TEXT => return Said::Nothing,
            _ => {}
        }
        match span(self.starts, self.lengths, self.wide, text as usize) {
            Some((start, end)) => Said::Text(PackedText { pairs: self.pairs, stream: self.stream, start, end }),
            None => Said::Nothing,
        }
    }

    /// What the language says about the official code at `found` for the model with bit
    /// `model` (or, without a model or when no text is specific to it, the default text).
    pub fn said(&self, found: &Found, model: Option<u8>) -> Said<'a> {
        let Some(row) = self.rows.get(found.row as usize) else {
            return Said::Nothing;
        };
        let at = (row & !UNIFORM_BIT) as usize + if row & UNIFORM_BIT != 0 { 0 } else { found.position as usize };
        let Some(value) = self.values.get(at) else {
            return Said::Nothing;
        };
        if value == NO_TEXT {
            return Said::Nothing;
        }
        if value & LIST_BIT == 0 {
            return self.text(value);
        }
        let first = (value & !LIST_BIT) as usize;
        let variant = |i: usize| self.lists.get(first + i);
        // A list ends at its last variant (or, if damaged, at the table's end or 64 items).
        let list = (0..64)
            .map_while(|i| variant(i).filter(|_| i == 0 || variant(i - 1).is_some_and(|p| p.text & LAST_BIT == 0)));
        let bit = model.filter(|&m| m < 32).map_or(0, |m| 1u32 << m);
        let chosen = list.clone().find(|v| v.models & bit != 0).or_else(|| variant(0).filter(|v| v.models == 0));
        chosen.map_or(Said::Nothing, |v| self.text(v.text & !LAST_BIT))
    }
}

/// The symbols `start..end` of text `text` in a stream whose texts' places are `starts` (per
/// block of [`TEXT_BLOCK`] texts, the first symbol of its first text) and `lengths` (per
/// text, its length in symbols: one byte, or two little-endian when `wide`); `None` past the
/// tables.
pub fn span(starts: Records<'_, u32>, lengths: &[u8], wide: bool, text: usize) -> Option<(u32, u32)> {
    let length = |text: usize| -> Option<u32> {
        if wide {
            Some(u16::from_le_bytes(lengths.get(text * 2..text * 2 + 2)?.try_into().ok()?) as u32)
        } else {
            lengths.get(text).map(|&l| l as u32)
        }
    };
    let block = text / TEXT_BLOCK;
    let mut start = starts.get(block)?;
    for earlier in block * TEXT_BLOCK..text {
        start = start.checked_add(length(earlier)?)?;
    }
    Some((start, start.checked_add(length(text)?)?))
}

/// What a user of `lang` on `model` is shown for the official code at `found`: the language's
/// text for the model, else English's; [`Said::Empty`] (the code is silent) only when no text
/// was found and English lists the code with an empty text for the model.
///
/// Each table already holds, per model, the model's own text or else the language's default
/// (the import resolves them, an empty text never standing in for a default); without a model,
/// the default.
pub fn text_with_fallback<'a>(
    lang: &TextTable<'a>,
    english: &TextTable<'a>,
    found: &Found,
    model: Option<u8>,
) -> Said<'a> {
    if let Said::Text(t) = lang.said(found, model) {
        return Said::Text(t);
    }
    if core::ptr::eq(lang, english) {
        return lang.said(found, model);
    }
    english.said(found, model)
}

#[cfg(all(test, feature = "bake"))]
mod tests {
    use super::*;
    use crate::layout::record::{decode, encode};

    #[test]
    fn variants_round_trip_through_their_bytes() {
        let v = TextVariant { models: 7, text: 300 };
        assert_eq!(decode::<TextVariant>(&encode(&v)), Some(v));
    }
}
