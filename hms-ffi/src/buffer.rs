//! Writing a text into a caller's buffer, snprintf style: as much as fits on a UTF-8
//! boundary, always NUL-terminated, and the length the whole text needs.

use core::fmt::{self, Display, Write};

/// A `fmt::Write` into a byte buffer that keeps one byte for the NUL and stops at the first
/// piece that does not fit, so the result is always a prefix of the text.
pub struct Truncating<'a> {
    buf: &'a mut [u8],
    written: usize,
    needed: usize,
    full: bool,
}

impl<'a> Truncating<'a> {
    pub fn new(buf: &'a mut [u8]) -> Self {
        Truncating { buf, written: 0, needed: 0, full: false }
    }

    /// Writes `text` and its NUL; returns the bytes the whole text needs (NUL not counted).
    pub fn write_text(mut self, text: impl Display) -> usize {
        // Our writer never fails; a Display impl that fails leaves what it wrote.
        let _ = write!(self, "{text}");
        self.terminate();
        self.needed
    }

    /// Writes the empty text (used before an error is returned).
    pub fn terminate(&mut self) {
        if let Some(end) = self.buf.get_mut(self.written) {
            *end = 0;
        }
    }
}

impl Write for Truncating<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.needed = self.needed.saturating_add(s.len());
        if self.full {
            return Ok(());
        }
        let room = self.buf.len().saturating_sub(1).saturating_sub(self.written);
        let take = if s.len() <= room {
            s.len()
        } else {
            self.full = true;
            (0..=room).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
        };
        if let Some(dest) = self.buf.get_mut(self.written..self.written + take) {
            dest.copy_from_slice(&s.as_bytes()[..take]);
            self.written += take;
        }
        Ok(())
    }
}

/// The caller's text buffer: `buf` of `len` bytes, emptied (a NUL first) at once so that an
/// error leaves an empty string where there is room; `Err(HMS_ERR_NULL)` for NULL with a length.
///
/// # Safety
/// `buf` is NULL or points to `len` writable bytes that outlive the returned writer.
pub unsafe fn c_buffer<'a>(buf: *mut core::ffi::c_char, len: usize) -> Result<Truncating<'a>, core::ffi::c_int> {
    if buf.is_null() && len > 0 {
        return Err(crate::HMS_ERR_NULL);
    }
    let mut out = if buf.is_null() {
        Truncating::new(&mut [])
    } else {
        // SAFETY: not NULL, and the caller promises `len` writable bytes at `buf`.
        Truncating::new(unsafe { core::slice::from_raw_parts_mut(buf.cast::<u8>(), len) })
    };
    out.terminate();
    Ok(out)
}

/// Writes `text` into `out` and returns its whole length as snprintf does.
pub fn finish(out: Truncating<'_>, text: impl Display) -> core::ffi::c_int {
    core::ffi::c_int::try_from(out.write_text(text)).unwrap_or(crate::HMS_ERR_TOO_LONG)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(buf: &[u8]) -> &str {
        let end = buf.iter().position(|&b| b == 0).unwrap();
        core::str::from_utf8(&buf[..end]).unwrap()
    }

    #[test]
    fn a_text_that_fits_is_copied_whole() {
        let mut buf = [0xAA; 16];
        assert_eq!(Truncating::new(&mut buf).write_text("AMS B"), 5);
        assert_eq!(written(&buf), "AMS B");
    }

    #[test]
    fn a_long_text_is_cut_and_terminated() {
        let mut buf = [0xAA; 4];
        assert_eq!(Truncating::new(&mut buf).write_text("AMS B slot 3"), 12);
        assert_eq!(written(&buf), "AMS");
    }

    #[test]
    fn truncation_never_splits_a_character() {
        // "Düse" is D, two bytes for ü, s, e: a 3-byte buffer keeps "D" and its NUL.
        let mut buf = [0xAA; 3];
        assert_eq!(Truncating::new(&mut buf).write_text("Düse"), 5);
        assert_eq!(written(&buf), "D");
        let mut buf = [0xAA; 4];
        Truncating::new(&mut buf).write_text("Düse");
        assert_eq!(written(&buf), "Dü");
    }

    #[test]
    fn pieces_after_the_cut_are_counted_but_not_written() {
        let mut buf = [0xAA; 6];
        let needed = Truncating::new(&mut buf).write_text(format_args!("{}{}{}", "abcd", "efgh", "i"));
        assert_eq!(needed, 9);
        assert_eq!(written(&buf), "abcde");
    }

    #[test]
    fn an_empty_buffer_only_measures() {
        assert_eq!(Truncating::new(&mut []).write_text("title"), 5);
    }
}
