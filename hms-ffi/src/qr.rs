//! The wiki page's QR code for C: `hms_wiki_qr` fills a buffer of the caller's with the
//! code's modules, for a display to draw beside the alert.

use core::ffi::c_int;

use crate::{HMS_ERR_NULL, HMS_ERR_TOO_LONG, guard, hms_entry, read_entry};

/// The largest side `hms_wiki_qr` returns, in modules (a version 7 QR code).
pub const HMS_QR_MAX_SIDE: c_int = 45;
/// `HMS_QR_MAX_SIDE` squared: a buffer of this many bytes holds any code's modules.
pub const HMS_QR_MAX_MODULES: usize = 2025;
/// The buffer is smaller than the QR code's side squared; nothing was written.
pub const HMS_ERR_BUFFER_TOO_SMALL: c_int = -10;
/// The light margin, in modules, to draw around the QR code for a reader to find it.
pub const HMS_QR_QUIET_ZONE: c_int = 4;

/// The QR code of the entry's wiki page (for the entry's model; see `hms_wiki_url`), as the
/// printer shows it beside the alert.
///
/// Writes the modules into `modules`, one byte each, row by row from the top left corner:
/// the module at column `x`, row `y` is `modules[y * side + x]`, 1 dark and 0 light. Returns
/// `side`, the number of modules on a side (21 to `HMS_QR_MAX_SIDE`; every wiki page of
/// Bambu's lists is 37). Draw a light margin of `HMS_QR_QUIET_ZONE` modules around it.
///
/// `modules` may be NULL when `len` is 0: the function then only returns `side`, to size a
/// buffer; a buffer of `HMS_QR_MAX_MODULES` bytes always fits. Errors: `HMS_ERR_NULL` (`entry`
/// NULL, or `modules` NULL with `len` > 0), `HMS_ERR_BAD_ENTRY`, `HMS_ERR_BUFFER_TOO_SMALL`
/// when `len` < `side * side` (nothing written), `HMS_ERR_TOO_LONG` when the URL is too long
/// for a QR code (no page of Bambu's lists is).
///
/// # Safety
/// `entry` is NULL or points to an `hms_entry`; `modules` is NULL or points to `len` writable
/// bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_wiki_qr(entry: *const hms_entry, modules: *mut u8, len: usize) -> c_int {
    guard(|| {
        if modules.is_null() && len > 0 {
            return HMS_ERR_NULL;
        }
        // SAFETY: the caller promises `entry` is NULL or points to an hms_entry.
        let Some(entry) = (unsafe { entry.as_ref() }) else { return HMS_ERR_NULL };
        let (found, model) = match read_entry(entry) {
            Ok((found, model, _)) => (found, model),
            Err(e) => return e,
        };
        let Some(qr) = found.wiki_qr(model) else { return HMS_ERR_TOO_LONG };
        let side = qr.size();
        let Ok(side_int) = c_int::try_from(side) else { return HMS_ERR_TOO_LONG };
        if modules.is_null() {
            return side_int;
        }
        if len < side * side {
            return HMS_ERR_BUFFER_TOO_SMALL;
        }
        // SAFETY: not NULL, and the caller promises `len` writable bytes at `modules`.
        let out = unsafe { core::slice::from_raw_parts_mut(modules, len) };
        for (i, byte) in out.iter_mut().take(side * side).enumerate() {
            *byte = u8::from(qr.get(i % side, i / side));
        }
        side_int
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HMS_ERR_BAD_ENTRY, HMS_OK, hms_parse};

    fn entry(code: &std::ffi::CStr, model: Option<&std::ffi::CStr>) -> hms_entry {
        let mut e = hms_entry::default();
        let model = model.map_or(std::ptr::null(), |m| m.as_ptr());
        // SAFETY: NUL-terminated strings and a valid out pointer.
        assert_eq!(unsafe { hms_parse(code.as_ptr(), model, std::ptr::null(), &mut e) }, HMS_OK);
        e
    }

    fn qr(e: &hms_entry, buf: &mut [u8]) -> c_int {
        // SAFETY: `buf` is writable for its length.
        unsafe { hms_wiki_qr(e, buf.as_mut_ptr(), buf.len()) }
    }

    #[test]
    fn fills_the_modules_of_the_wiki_qr() {
        let e = entry(c"0300_0100_0001_0007", Some(c"H2D"));
        let want = hms_catalog::lookup(hms_catalog::AnyCode::from_bits(hms_catalog::Channel::Hms, e.code).unwrap())
            .wiki_qr(Some(hms_catalog::Model::H2D))
            .unwrap();
        let mut buf = [0xAAu8; HMS_QR_MAX_MODULES + 1];
        let side = qr(&e, &mut buf);
        assert_eq!(usize::try_from(side).unwrap(), want.size());
        let side = want.size();
        for (i, &b) in buf[..side * side].iter().enumerate() {
            assert_eq!(b, u8::from(want.get(i % side, i / side)), "module {i}");
        }
        assert_eq!(buf[side * side], 0xAA, "nothing written past side * side");
    }

    #[test]
    fn measures_refuses_small_buffers_and_null() {
        let e = entry(c"0700_2000_0002_0003", None);
        // SAFETY: NULL with 0 bytes only measures.
        let side = unsafe { hms_wiki_qr(&e, std::ptr::null_mut(), 0) };
        assert_eq!(side, 37);
        let n = usize::try_from(side * side).unwrap();
        let mut small = vec![7u8; n - 1];
        assert_eq!(qr(&e, &mut small), HMS_ERR_BUFFER_TOO_SMALL);
        assert!(small.iter().all(|&b| b == 7), "nothing written");
        assert_eq!(qr(&e, &mut vec![0; n]), side);
        // SAFETY: NULL pointers are refused, not read.
        assert_eq!(unsafe { hms_wiki_qr(std::ptr::null(), [0u8; 4].as_mut_ptr(), 4) }, HMS_ERR_NULL);
        // SAFETY: as above.
        assert_eq!(unsafe { hms_wiki_qr(&e, std::ptr::null_mut(), 4) }, HMS_ERR_NULL);
        let forged = hms_entry { channel: 9, ..e };
        assert_eq!(qr(&forged, &mut vec![0; n]), HMS_ERR_BAD_ENTRY);
    }
}
