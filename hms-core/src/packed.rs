//! Compressed texts: byte-pair encoding with 12-bit symbols, so each text decodes on its own,
//! without allocation, into any [`Sink`].
//!
//! Symbols below 256 are bytes; symbol `256 + i` stands for pair `i` of the dictionary, two
//! symbols that may themselves be pairs. Symbol streams and pairs pack two 12-bit values in
//! three bytes. Placeholders of a template are single marker bytes ([`MARKERS`]): a text
//! decodes into runs of plain text and the markers between them, so it can be filled while it
//! is decoded ([`placeholder`](crate::placeholder) does the filling).
//!
//! **Unstable**: an implementation detail of the `hms` crates, hidden from the documentation;
//! it may change in any release.

use core::fmt;

/// Bits of a symbol.
pub const SYMBOL_BITS: u32 = 12;
/// Number of distinct symbols: 256 bytes and up to 3,840 pairs.
pub const SYMBOLS: usize = 1 << SYMBOL_BITS;
/// The deepest a pair may nest; the decoder's stack holds one more.
pub const MAX_DEPTH: usize = 40;

/// The marker bytes: marker `i` (byte `MARKERS.start + i`) stands for placeholder `i` of
/// [`PLACEHOLDERS`](crate::placeholder::PLACEHOLDERS), one byte for each placeholder.
pub const MARKERS: core::ops::Range<u8> = 1..8;

/// Receives a decoded text in order: runs of plain text, and the markers between them.
pub trait Sink {
    /// Plain text, in whole characters; damaged bytes come as U+FFFD.
    fn text(&mut self, text: &str) -> fmt::Result;
    /// Marker `i`: the byte `MARKERS.start + i`.
    fn marker(&mut self, i: usize) -> fmt::Result;
}

/// Symbol `i` of a packed 12-bit stream.
#[inline]
pub fn symbol(stream: &[u8], i: usize) -> Option<u16> {
    let at = i / 2 * 3;
    let b = stream.get(at..at + 3)?;
    Some(if i & 1 == 0 { b[0] as u16 | (b[1] as u16 & 0xF) << 8 } else { (b[1] >> 4) as u16 | (b[2] as u16) << 4 })
}

/// Packs 12-bit values, two in three bytes.
pub fn pack(values: impl IntoIterator<Item = u16>, out: &mut impl Extend<u8>) {
    let mut pending: Option<u16> = None;
    for v in values {
        match pending.take() {
            None => pending = Some(v & 0xFFF),
            Some(a) => {
                let b = v & 0xFFF;
                out.extend([a as u8, (a >> 8) as u8 | ((b & 0xF) << 4) as u8, (b >> 4) as u8]);
            }
        }
    }
    if let Some(a) = pending {
        out.extend([a as u8, (a >> 8) as u8, 0]);
    }
}

/// One compressed text: symbols `start..end` of a stream, and the dictionary they use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PackedText<'a> {
    /// The dictionary: pair `i` is values `2i` and `2i + 1`, packed.
    pub pairs: &'a [u8],
    /// The symbol stream, packed.
    pub stream: &'a [u8],
    /// First symbol of the text.
    pub start: u32,
    /// One past its last symbol.
    pub end: u32,
}

impl PackedText<'_> {
    /// Calls `out` with every byte of the text in order. Stops early (returns `false`) when
    /// the tables are damaged or `out` returns `false`.
    pub fn for_each_byte(&self, mut out: impl FnMut(u8) -> bool) -> bool {
        let mut stack = [0u16; MAX_DEPTH + 1];
        for i in self.start..self.end {
            let Some(s) = symbol(self.stream, i as usize) else { return false };
            stack[0] = s;
            let mut depth = 1;
            while depth > 0 {
                depth -= 1;
                let s = stack[depth];
                if s < 256 {
                    if !out(s as u8) {
                        return false;
                    }
                    continue;
                }
                let pair = (s - 256) as usize;
                let (Some(left), Some(right)) = (symbol(self.pairs, 2 * pair), symbol(self.pairs, 2 * pair + 1)) else {
                    return false;
                };
                // Right waits below left; a pair deeper than the stack is damage.
                if depth + 2 > stack.len() {
                    return false;
                }
                stack[depth] = right;
                stack[depth + 1] = left;
                depth += 2;
            }
        }
        true
    }

    /// Passes the text to `sink`: the text between markers, and each marker. A text cut short
    /// by damaged tables ends in U+FFFD.
    pub fn decode(&self, sink: &mut impl Sink) -> fmt::Result {
        let mut buf = Utf8Buf { bytes: [0; 64], len: 0 };
        let mut result = Ok(());
        let complete = self.for_each_byte(|b| {
            result = if MARKERS.contains(&b) {
                buf.flush(sink).and_then(|_| sink.marker((b - MARKERS.start) as usize))
            } else {
                buf.push(b, sink)
            };
            result.is_ok()
        });
        result?;
        buf.flush(sink)?;
        if complete { Ok(()) } else { sink.text(REPLACEMENT) }
    }
}

/// U+FFFD, where bytes are broken or the text is cut short.
const REPLACEMENT: &str = "\u{FFFD}";

/// Bytes on their way to a [`Sink`], passed on whole characters at a time.
struct Utf8Buf {
    bytes: [u8; 64],
    len: usize,
}

impl Utf8Buf {
    fn push(&mut self, b: u8, out: &mut impl Sink) -> fmt::Result {
        if self.len == self.bytes.len() {
            self.drain(out, false)?;
        }
        self.bytes[self.len] = b;
        self.len += 1;
        Ok(())
    }

    fn flush(&mut self, out: &mut impl Sink) -> fmt::Result {
        self.drain(out, true)
    }

    /// Writes the complete characters; keeps a character cut at the end unless `all`, when
    /// broken bytes become U+FFFD.
    fn drain(&mut self, out: &mut impl Sink, all: bool) -> fmt::Result {
        let mut rest = &self.bytes[..self.len];
        loop {
            match core::str::from_utf8(rest) {
                Ok(s) => {
                    out.text(s)?;
                    self.len = 0;
                    return Ok(());
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // `good` is valid UTF-8 by the error's own account.
                    out.text(core::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        Some(n) => {
                            out.text(REPLACEMENT)?;
                            rest = &bad[n..];
                        }
                        None if all => {
                            self.len = 0;
                            return out.text(REPLACEMENT);
                        }
                        None => {
                            // A character cut at the end: keep it for the next bytes.
                            let keep = bad.len();
                            let start = self.len - keep;
                            self.bytes.copy_within(start..self.len, 0);
                            self.len = keep;
                            return Ok(());
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;

    /// The text as decoded, marker `i` written `<i>`.
    #[derive(Default)]
    struct Out(String);

    impl Sink for Out {
        fn text(&mut self, text: &str) -> fmt::Result {
            self.0.push_str(text);
            Ok(())
        }

        fn marker(&mut self, i: usize) -> fmt::Result {
            fmt::Write::write_fmt(&mut self.0, format_args!("<{i}>"))
        }
    }

    fn decoded(t: PackedText<'_>) -> String {
        let mut out = Out::default();
        t.decode(&mut out).unwrap();
        out.0
    }

    fn packed(values: &[u16]) -> std::vec::Vec<u8> {
        let mut out = std::vec::Vec::new();
        pack(values.iter().copied(), &mut out);
        out
    }

    #[test]
    fn twelve_bit_values_pack_and_unpack() {
        let values = [0u16, 0xFFF, 0x123, 0xABC, 7];
        let bytes = packed(&values);
        assert_eq!(bytes.len(), 9);
        for (i, &v) in values.iter().enumerate() {
            assert_eq!(symbol(&bytes, i), Some(v));
        }
        assert_eq!(symbol(&bytes, 6), None);
    }

    #[test]
    fn pairs_expand_and_markers_come_between_runs_of_text() {
        // Pair 256 = "AM", pair 257 = 256 + "S"; text: 257 " " marker 0, marker 6, " é".
        let pairs = packed(&[b'A' as u16, b'M' as u16, 256, b'S' as u16]);
        let text = [257, b' ' as u16, MARKERS.start as u16, MARKERS.end as u16 - 1, b' ' as u16, 0xC3, 0xA9];
        let stream = packed(&text);
        let t = PackedText { pairs: &pairs, stream: &stream, start: 0, end: text.len() as u32 };
        assert_eq!(decoded(t), "AMS <0><6> é");
    }

    #[test]
    fn damage_is_marked_not_a_panic() {
        // A pair that names itself nests without end; a pair past the dictionary is missing.
        let pairs = packed(&[256, 256]);
        for s in [256u16, 300] {
            let stream = packed(&[b'a' as u16, s]);
            assert_eq!(decoded(PackedText { pairs: &pairs, stream: &stream, start: 0, end: 2 }), "a\u{FFFD}");
        }
    }

    #[test]
    fn a_long_text_keeps_characters_whole_across_the_buffer() {
        // 100 two-byte characters: the 64-byte buffer cuts one in half.
        let text: [u16; 200] = core::array::from_fn(|i| if i % 2 == 0 { 0xC3 } else { 0xA9 });
        let stream = packed(&text);
        let s = decoded(PackedText { pairs: &[], stream: &stream, start: 1, end: 200 });
        // Starting on a continuation byte gives one U+FFFD, then 99 whole characters.
        assert!(s.starts_with('\u{FFFD}'));
        assert_eq!(s.chars().filter(|&c| c == 'é').count(), 99);
    }
}
