//! The C interface as clients call it: locales negotiated, unknown models taken as none,
//! codes with a reserved byte found as BambuStudio finds them. tests/c/checks.c checks the same
//! from C.

use std::ffi::{CStr, CString, c_char};

use hms_catalog::Hms;
use hms_ffi::{
    HMS_ERR_UNKNOWN_LANG, HMS_ERR_UNKNOWN_MODEL, HMS_NO_MODEL, HMS_OK, hms_code_string, hms_entry, hms_lookup,
    hms_title,
};

/// `hms_lookup` of `{attr, code}` with the model and language given as Rust strings (`None`
/// for NULL): its return value and the entry it filled.
fn lookup(attr: u32, code: u32, model: Option<&[u8]>, lang: Option<&[u8]>) -> (i32, hms_entry) {
    let model = model.map(|m| CString::new(m).unwrap());
    let lang = lang.map(|l| CString::new(l).unwrap());
    let ptr = |s: &Option<CString>| s.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
    let mut entry = hms_entry::default();
    // SAFETY: the strings are NUL-terminated and live for the call; `entry` is writable.
    let rc = unsafe { hms_lookup(attr, code, ptr(&model), ptr(&lang), &mut entry) };
    (rc, entry)
}

/// A text function's output for `entry`.
fn text_of(f: unsafe extern "C" fn(*const hms_entry, *mut c_char, usize) -> i32, entry: &hms_entry) -> String {
    let mut buf = [0 as c_char; 256];
    // SAFETY: `entry` is a filled entry and `buf` has `buf.len()` writable bytes.
    let n = unsafe { f(entry, buf.as_mut_ptr(), buf.len()) };
    assert!(n >= 0, "{n}");
    // SAFETY: the function wrote a NUL-terminated string into `buf`.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_owned()
}

#[test]
fn the_language_is_negotiated_from_the_locale() {
    let cases: [(&[u8], u8); 14] = [
        (b"en", 0),
        (b"de", 1),
        (b"de-CH", 1),
        (b"de_DE.UTF-8", 1),
        (b"DE_at@euro", 1),
        (b"zh", 13),
        (b"zh_CN", 13),
        (b"zh-Hans", 13),
        (b"zh-Hant-TW", 13),
        (b"pt-BR", 10),
        (b"pt_PT", 10),
        (b"fr-CA", 3),
        (b"he", 0),
        (b"C", 0),
    ];
    for (locale, lang) in cases {
        let (rc, entry) = lookup(0x0701_0100, 0x0001_0004, None, Some(locale));
        assert_eq!((rc, entry.lang), (HMS_OK, lang), "{}", String::from_utf8_lossy(locale));
    }
    assert_eq!(lookup(0x0701_0100, 0x0001_0004, None, None).1.lang, 0);
    for bad in [&b""[..], b"de CH", b"d", b"de--CH", b"de-abcdefghi", b"\xC3\xA9", b"\xFF"] {
        let (rc, _) = lookup(0x0701_0100, 0x0001_0004, None, Some(bad));
        assert_eq!(rc, HMS_ERR_UNKNOWN_LANG, "{}", String::from_utf8_lossy(bad));
    }
}

#[test]
fn an_unknown_model_is_no_model_and_a_malformed_one_an_error() {
    let (rc, known) = lookup(0x0701_0100, 0x0001_0004, Some(b"H2D"), None);
    assert_eq!(rc, HMS_OK);
    assert_ne!(known.model, HMS_NO_MODEL);
    let (_, none) = lookup(0x0701_0100, 0x0001_0004, None, None);
    for unknown in [&b"Z9"[..], b"Z9 Ultra", b"ZZZ00A000000001"] {
        let (rc, entry) = lookup(0x0701_0100, 0x0001_0004, Some(unknown), None);
        assert_eq!(rc, HMS_OK, "{}", String::from_utf8_lossy(unknown));
        assert_eq!(entry, none, "an unknown model fills the entry as NULL does");
        assert_eq!(entry.model, HMS_NO_MODEL);
    }
    let long = vec![b'X'; 65];
    for bad in [&b""[..], b"H2D\x01", b"H2D Pr\xC3\xB3", b"\xFF", &long] {
        let (rc, _) = lookup(0x0701_0100, 0x0001_0004, Some(bad), None);
        assert_eq!(rc, HMS_ERR_UNKNOWN_MODEL, "{}", String::from_utf8_lossy(bad));
    }
}

#[test]
fn a_reserved_byte_is_cleared_for_the_lookup_and_kept_in_the_code() {
    let (rc, clean) = lookup(0x0700_2000, 0x0002_0003, None, None);
    assert_eq!(rc, HMS_OK);
    for attr in [0x0700_2001, 0x0700_20FF] {
        let (rc, entry) = lookup(attr, 0x0002_0003, None, None);
        assert_eq!(rc, HMS_OK, "{attr:08X}");
        let reported = Hms::from_mqtt(attr, 0x0002_0003);
        assert_eq!(entry.code, reported.to_u64());
        assert!(entry.known && entry.has_entry);
        assert_eq!((entry.slot, entry.step_count), (clean.slot, clean.step_count));
        assert_eq!(text_of(hms_title, &entry), text_of(hms_title, &clean));
        assert_eq!(text_of(hms_code_string, &entry), format!("0700_20{:02X}_0002_0003", reported.reserved()));
    }
}
