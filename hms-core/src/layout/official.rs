//! Tables of the facts and texts imported from Bambu's published HMS lists: which codes
//! exist, on which printer models, their wiki pages, and per language the text each model
//! shows. Read by `hms-catalog`, written by `hms-model`.

use super::{ListRef, Reader, StrRef, Writer};

/// One official code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OfficialRecord {
    /// The code.
    pub key: u64,
    /// [`CHANNEL_HMS`](super::CHANNEL_HMS) or [`CHANNEL_PRINT_ERROR`](super::CHANNEL_PRINT_ERROR).
    pub channel: u8,
    /// The models that list it: bit `i` is model `i` of the catalog.
    pub models: u32,
    /// Its wiki pages, [`WikiRecord`]s.
    pub wiki: ListRef,
    /// The catalog entry that covers the code (exact or family), or [`NONE`](super::NONE):
    /// found at build time, so a lookup of an official code takes one probe.
    pub entry: u16,
}

impl OfficialRecord {
    /// Bytes of one encoded record.
    pub const SIZE: usize = 8 + 1 + 4 + 4 + 2;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.put(&self.key.to_le_bytes());
        w.put(&[self.channel]);
        w.put(&self.models.to_le_bytes());
        w.list_ref(self.wiki);
        w.put(&self.entry.to_le_bytes());
        w.finish()
    }

    /// Reads a record from the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes, 0);
        Some(OfficialRecord { key: r.u64()?, channel: r.u8()?, models: r.u32()?, wiki: r.list_ref()?, entry: r.u16()? })
    }
}

/// One wiki page of a code: `slug/page` of `/en/<slug>/troubleshooting/hmscode/<page>`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WikiRecord {
    /// `slug/page` in the blob.
    pub path: StrRef,
    /// The models it is for; 0 for the default page.
    pub models: u32,
}

impl WikiRecord {
    /// Bytes of one encoded record.
    pub const SIZE: usize = StrRef::SIZE + 4;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.str_ref(self.path);
        w.put(&self.models.to_le_bytes());
        w.finish()
    }

    /// Reads a record from the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes, 0);
        Some(WikiRecord { path: r.str_ref()?, models: r.u32()? })
    }
}

/// One text of a code in one language, and the models that show it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextVariant {
    /// The models that show this text; 0 for the default (most common) text.
    pub models: u32,
    /// The text (may hold `{ams}`/`{slot}`); empty when the models show none.
    pub text: StrRef,
}

impl TextVariant {
    /// Bytes of one encoded variant.
    pub const SIZE: usize = 4 + StrRef::SIZE;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.put(&self.models.to_le_bytes());
        w.str_ref(self.text);
        w.finish()
    }

    /// Reads a variant from the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes, 0);
        Some(TextVariant { models: r.u32()?, text: r.str_ref()? })
    }
}

/// What a language says about one code for one model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Said<'a> {
    /// This text.
    Text(&'a str),
    /// The code is listed with an empty text: nothing to show.
    Empty,
    /// The language has nothing for the code.
    Nothing,
}

/// The official texts of one language, parallel to the official records.
#[derive(Clone, Copy, Debug)]
pub struct TextTable<'a> {
    /// The language (`en`, `de`, `zh-cn`).
    pub lang: &'a str,
    /// Every text of the language, back to back.
    pub blob: &'a str,
    /// One [`ListRef`] of [`TextVariant`]s per official record.
    pub records: &'a [u8],
    /// [`TextVariant`]s; each record's default variant first.
    pub variants: &'a [u8],
}

impl<'a> TextTable<'a> {
    /// A table with no texts.
    pub const EMPTY: TextTable<'static> = TextTable { lang: "", blob: "", records: &[], variants: &[] };

    /// What the language says about official record `record` for the model with bit
    /// `model` (or, without a model or when no text is specific to it, the default text).
    pub fn said(&self, record: u16, model: Option<u8>) -> Said<'a> {
        let Some(list) = Reader::new(self.records, record as usize * ListRef::SIZE).list_ref() else {
            return Said::Nothing;
        };
        let variant = |i: u16| {
            // Only the record's own variants: an empty list must not read its neighbour's.
            (i < list.len).then_some(())?;
            TextVariant::decode(self.variants.get((list.start as usize + i as usize) * TextVariant::SIZE..)?)
        };
        let bit = model.filter(|&m| m < 32).map_or(0, |m| 1u32 << m);
        let chosen = (0..list.len)
            .filter_map(variant)
            .find(|v| v.models & bit != 0)
            .or_else(|| variant(0).filter(|v| v.models == 0));
        match chosen {
            None => Said::Nothing,
            Some(v) if v.text.len == 0 => Said::Empty,
            Some(v) => {
                let start = v.text.offset as usize;
                self.blob.get(start..start + v.text.len as usize).map_or(Said::Nothing, Said::Text)
            }
        }
    }
}

/// What a user of `lang` on `model` is shown for official record `record`: the language's
/// text for the model (else its most common text), else English's; [`Said::Empty`] when the
/// lists carry the code with an empty text and no text was found.
pub fn text_with_fallback<'a>(
    lang: &TextTable<'a>,
    english: &TextTable<'a>,
    record: u16,
    model: Option<u8>,
) -> Said<'a> {
    let first = lang.said(record, model);
    let second = if core::ptr::eq(lang, english) { first } else { english.said(record, model) };
    match (first, second) {
        (Said::Text(t), _) | (_, Said::Text(t)) => Said::Text(t),
        (Said::Empty, _) | (_, Said::Empty) => Said::Empty,
        _ => Said::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_through_their_bytes() {
        let r = OfficialRecord {
            key: 0x0700_2000_0002_0003,
            channel: 0,
            models: 0b1010,
            wiki: ListRef { start: 3, len: 2 },
            entry: 7,
        };
        assert_eq!(OfficialRecord::decode(&r.encode()), Some(r));
        let w = WikiRecord { path: StrRef { offset: 9, len: 30 }, models: 1 << 31 };
        assert_eq!(WikiRecord::decode(&w.encode()), Some(w));
        let v = TextVariant { models: 7, text: StrRef { offset: 100, len: 0 } };
        assert_eq!(TextVariant::decode(&v.encode()), Some(v));
    }

    #[test]
    fn a_model_gets_its_own_text_else_the_default() {
        let blob = "defaultH2D";
        let mut variants = [0u8; 3 * TextVariant::SIZE];
        let texts = [(0, 0, 7), (1 << 2, 7, 3), (1 << 5, 0, 0)];
        for (i, (models, offset, len)) in texts.into_iter().enumerate() {
            let v = TextVariant { models, text: StrRef { offset, len } };
            variants[i * TextVariant::SIZE..][..TextVariant::SIZE].copy_from_slice(&v.encode());
        }
        let records = [0, 0, 3, 0];
        let t = TextTable { lang: "en", blob, records: &records, variants: &variants };
        assert_eq!(t.said(0, None), Said::Text("default"));
        assert_eq!(t.said(0, Some(2)), Said::Text("H2D"));
        assert_eq!(t.said(0, Some(5)), Said::Empty);
        assert_eq!(t.said(0, Some(9)), Said::Text("default"));
        assert_eq!(t.said(1, None), Said::Nothing);
        // Record 1 has no variants: it must not borrow record 0's default.
        let records = [0, 0, 3, 0, 3, 0, 0, 0];
        let t = TextTable { lang: "en", blob, records: &records, variants: &variants };
        assert_eq!(t.said(1, None), Said::Nothing);
    }
}
