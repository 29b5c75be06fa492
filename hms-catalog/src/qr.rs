//! The wiki page as a QR code, as a printer shows it beside an HMS alert (feature `qr`).
//!
//! No allocation: the URL is written into a buffer on the stack and encoded there by
//! `qrcodegen-no-heap`. Byte mode, error correction level M (raised to Q or H when the
//! version has room for it), versions 1 to [`WikiQr::MAX_VERSION`]: every wiki URL of
//! Bambu's lists (82 bytes at most) is a version 5 code, 37 modules a side, and version 7
//! holds URLs of up to 122 bytes.
//!
//! Stack while encoding: two buffers of [`BUFFER_LEN`] (255) bytes, the URL and scratch
//! space, and the matrix, 255 bytes, which [`WikiQr`] keeps.

use core::fmt::{self, Write};

use qrcodegen_no_heap::{QrCode, QrCodeEcc, Version};

use crate::WikiUrl;

/// The largest version the encoder may choose: 45 modules a side, 122 bytes in byte mode at
/// level M.
const MAX_VERSION: u8 = 7;
/// What the encoder needs for each of its two buffers at [`MAX_VERSION`]:
/// `(45 × 45 + 7) / 8 + 1` bytes.
const BUFFER_LEN: usize = Version::new(MAX_VERSION).buffer_len();
/// The versions the encoder chooses from.
const VERSIONS: (Version, Version) = (Version::MIN, Version::new(MAX_VERSION));
/// The modules of the largest matrix, one bit each.
const MATRIX_BYTES: usize = (WikiQr::MAX_SIZE * WikiQr::MAX_SIZE).div_ceil(8);

/// The QR code of a wiki page: a square of dark and light modules, `size()` on a side.
///
/// ```
/// use hms_catalog::{lookup, Hms};
/// let found = lookup(Hms::from_mqtt(0x0700_2000, 0x0002_0003));
/// let qr = found.wiki_qr(None).expect("every wiki URL fits");
/// assert!((21..=45).contains(&qr.size()));
/// // The finder pattern's corner is dark; outside the matrix is the light quiet zone.
/// assert!(qr.get(0, 0));
/// assert!(!qr.get(qr.size(), 0));
/// ```
///
/// `Display` draws it for a terminal, two rows of modules per line with the half blocks
/// `▀`, `▄` and `█`, inside a quiet zone of [`QUIET_ZONE`](Self::QUIET_ZONE) light modules
/// (`size() + 8` columns, `(size() + 9) / 2` lines, each ending in `\n`). Light modules are
/// drawn with the blocks and dark ones are left blank, so the code reads right on a terminal
/// with a dark background (the usual one); `{:#}` draws the dark modules instead, for a light
/// background.
#[derive(Clone, PartialEq, Eq)]
pub struct WikiQr {
    size: u8,
    /// Module `(x, y)` is bit `(y * size + x) % 8` of byte `(y * size + x) / 8`; 1 is dark.
    modules: [u8; MATRIX_BYTES],
}

impl WikiQr {
    /// The largest side the code can have (version 7).
    pub const MAX_SIZE: usize = MAX_VERSION as usize * 4 + 17;
    /// The light margin a reader needs around the code, in modules, as `Display` draws it.
    pub const QUIET_ZONE: usize = 4;

    /// Encodes `text`; `None` when it is longer than version 7 holds at level M.
    pub(crate) fn encode(text: impl fmt::Display) -> Option<WikiQr> {
        let mut data = [0u8; BUFFER_LEN];
        let mut out = [0u8; BUFFER_LEN];
        let mut writer = SliceWriter { buf: &mut data, len: 0 };
        write!(writer, "{text}").ok()?;
        let len = writer.len;
        let (min, max) = VERSIONS;
        let code = QrCode::encode_binary(&mut data, len, &mut out, QrCodeEcc::Medium, min, max, None, true).ok()?;
        let size = u8::try_from(code.size()).ok().filter(|&s| usize::from(s) <= Self::MAX_SIZE)?;
        let mut qr = WikiQr { size, modules: [0; MATRIX_BYTES] };
        for y in 0..size {
            for x in 0..size {
                if code.get_module(i32::from(x), i32::from(y)) {
                    let i = usize::from(y) * usize::from(size) + usize::from(x);
                    if let Some(byte) = qr.modules.get_mut(i / 8) {
                        *byte |= 1 << (i % 8);
                    }
                }
            }
        }
        Some(qr)
    }

    /// The number of modules on a side: 21 to [`MAX_SIZE`](Self::MAX_SIZE) (`4 × version + 17`).
    pub fn size(&self) -> usize {
        usize::from(self.size)
    }

    /// Whether the module at column `x`, row `y` (from the top left corner) is dark; a module
    /// outside the matrix is light, as the quiet zone around it.
    pub fn get(&self, x: usize, y: usize) -> bool {
        let size = self.size();
        if x >= size || y >= size {
            return false;
        }
        let i = y * size + x;
        self.modules.get(i / 8).is_some_and(|byte| byte & (1 << (i % 8)) != 0)
    }

    /// Reads a drawing (the lines `Display` writes) back: `(x, y, drawn)` for the two modules
    /// of each character, quiet zone included, `drawn` where the half block covers the module;
    /// line `n` holds rows `2n` and `2n + 1` (the last line's second row is past the picture
    /// when its side is odd). Panics on a character `Display` does not draw. For the tests,
    /// which compare drawings with the matrix: this crate's and the decoder's (tests/qr/).
    #[doc(hidden)]
    pub fn read_drawing<'a>(lines: impl IntoIterator<Item = &'a str>) -> impl Iterator<Item = (usize, usize, bool)> {
        lines.into_iter().enumerate().flat_map(|(n, line)| {
            line.chars().enumerate().flat_map(move |(x, c)| {
                let (top, bottom) = match c {
                    '█' => (true, true),
                    '▀' => (true, false),
                    '▄' => (false, true),
                    ' ' => (false, false),
                    other => panic!("{other:?} in a drawing"),
                };
                [(x, 2 * n, top), (x, 2 * n + 1, bottom)]
            })
        })
    }
}

impl fmt::Debug for WikiQr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WikiQr").field("size", &self.size).finish_non_exhaustive()
    }
}

impl fmt::Display for WikiQr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dark_drawn = f.alternate();
        let zone = Self::QUIET_ZONE;
        let side = self.size() + 2 * zone;
        // Module (x, y) of the picture, quiet zone included: drawn with a block or blank.
        let drawn = |x: usize, y: usize| {
            let dark = x >= zone && y >= zone && self.get(x - zone, y - zone);
            dark == dark_drawn && y < side
        };
        for top in (0..side).step_by(2) {
            for x in 0..side {
                f.write_char(match (drawn(x, top), drawn(x, top + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })?;
            }
            f.write_char('\n')?;
        }
        Ok(())
    }
}

impl WikiUrl {
    /// The page's URL as a QR code; `None` only for a URL longer than a version 7 code holds
    /// (122 bytes), which no page of Bambu's lists has (a test checks every one).
    pub fn qr(&self) -> Option<WikiQr> {
        WikiQr::encode(self)
    }
}

/// Writes into a byte slice; fails when the text does not fit.
struct SliceWriter<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl Write for SliceWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        self.buf.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::string::{String, ToString};

    use super::*;
    use crate::generated::TABLES;

    /// Every page of the wiki table, once each, as URLs.
    fn every_page() -> impl Iterator<Item = WikiUrl> {
        let wiki = TABLES.wiki;
        let paths: BTreeSet<&str> =
            (0..wiki.records.len()).flat_map(|r| wiki.pages(u16::try_from(r).unwrap())).map(|(path, _)| path).collect();
        paths.into_iter().map(|path| WikiUrl { path: Some(path) })
    }

    #[test]
    fn the_longest_wiki_url_fits_and_every_page_encodes() {
        let longest = every_page().map(|url| url.to_string()).max_by_key(String::len).unwrap_or_default();
        std::println!("longest wiki URL: {longest} ({} bytes)", longest.len());
        if cfg!(feature = "wiki") {
            // 82 bytes when this was written: a version 5 code at level M, with room to 122.
            assert!(longest.len() >= 75, "{longest}");
        }
        assert!(longest.len() <= 122, "{longest} outgrows a version 7 code at level M");
        for url in every_page().chain([WikiUrl::HOME]) {
            let qr = url.qr().unwrap_or_else(|| panic!("{url} does not encode"));
            assert!((21..=WikiQr::MAX_SIZE).contains(&qr.size()), "{url}: {}", qr.size());
            assert_eq!((qr.size() - 17) % 4, 0);
        }
    }

    #[test]
    fn a_text_too_long_for_version_7_gives_none() {
        assert!(WikiQr::encode("x".repeat(122)).is_some());
        assert!(WikiQr::encode("x".repeat(123)).is_none());
        // Longer than the buffer the text is written into.
        assert!(WikiQr::encode("x".repeat(BUFFER_LEN + 1)).is_none());
    }

    #[test]
    fn modules_are_the_encoders_and_light_outside() {
        let url = WikiUrl::HOME.to_string();
        let qr = WikiQr::encode(&url).unwrap();
        let (mut data, mut out) = ([0u8; BUFFER_LEN], [0u8; BUFFER_LEN]);
        data[..url.len()].copy_from_slice(url.as_bytes());
        let (min, max) = VERSIONS;
        let code =
            QrCode::encode_binary(&mut data, url.len(), &mut out, QrCodeEcc::Medium, min, max, None, true).unwrap();
        assert_eq!(qr.size(), code.size() as usize);
        for y in 0..qr.size() {
            for x in 0..qr.size() {
                assert_eq!(qr.get(x, y), code.get_module(x as i32, y as i32), "({x}, {y})");
            }
        }
        assert!(!qr.get(qr.size(), 0) && !qr.get(0, qr.size()) && !qr.get(usize::MAX, usize::MAX));
    }

    #[test]
    fn display_draws_two_rows_a_line_inside_the_quiet_zone() {
        let qr = WikiUrl::HOME.qr().unwrap();
        let side = qr.size() + 2 * WikiQr::QUIET_ZONE;
        for (text, dark_drawn) in [(qr.to_string(), false), (std::format!("{qr:#}"), true)] {
            let lines: std::vec::Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), side.div_ceil(2));
            assert!(lines.iter().all(|l| l.chars().count() == side));
            // Read the picture back from the half blocks.
            for (x, y, drawn) in WikiQr::read_drawing(text.lines()) {
                let dark = x.checked_sub(4).zip(y.checked_sub(4)).is_some_and(|(x, y)| qr.get(x, y));
                let want = y < side && dark == dark_drawn;
                assert_eq!(drawn, want, "line {}, column {x}", y / 2);
            }
        }
        // The first line is all quiet zone: light, so drawn by default and blank with `#`.
        assert!(qr.to_string().lines().next().unwrap().chars().all(|c| c == '█'));
        assert!(std::format!("{qr:#}").lines().next().unwrap().chars().all(|c| c == ' '));
    }
}
