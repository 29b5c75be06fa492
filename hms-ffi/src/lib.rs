//! The HMS catalog for C: look a code up into a plain struct, then copy its texts into
//! buffers of your own, snprintf style. The header is `include/hms_catalog.h`, generated
//! from this file by `cargo xtask regenerate`.
//!
//! Every function returns an `int`: `HMS_OK` (0) or a non-negative length on success, a
//! negative `HMS_ERR_*` code otherwise. No function panics across the boundary: with std (the
//! default `std` feature) a panic (there is none known) is caught and returned as
//! `HMS_ERR_INTERNAL`; without it (bare metal, `--no-default-features`) the targets do not
//! unwind, and the library's panic handler traps (see `boundary`).
//!
//! ```c
//! hms_entry e;
//! char title[128];
//! if (hms_lookup(0x07010100, 0x00010004, NULL, "en", &e) == HMS_OK) {
//!     hms_title(&e, title, sizeof title);   /* "AMS B assist motor ..." */
//! }
//! ```
#![cfg_attr(not(feature = "std"), no_std)]
#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs)]

use core::ffi::{CStr, c_char, c_int};
use core::fmt::Display;

use hms_catalog::{AnyCode, Channel, Hms, Lang, Lookup, Model, OfficialText, PrintError, Text, lookup};

mod alerts;
mod boundary;
mod buffer;
mod qr;
mod tracker;

use boundary::guard;
pub use qr::*;
pub use tracker::*;

/// Success.
pub const HMS_OK: c_int = 0;
/// A pointer the function needs is NULL (or `buf` is NULL with `len` > 0).
pub const HMS_ERR_NULL: c_int = -1;
/// The text is not a code: not 16 (HMS) or 8 (print_error) hex digits, or not UTF-8.
pub const HMS_ERR_PARSE: c_int = -2;
/// The model string is malformed: empty, longer than 64 bytes, or with a control character or
/// a character that is not ASCII. A well-formed model the catalog does not know is taken as
/// no model (`HMS_NO_MODEL`), not refused.
pub const HMS_ERR_UNKNOWN_MODEL: c_int = -3;
/// The language string is not a well-formed locale (see `hms_lookup`); any well-formed one is
/// taken, a language the catalog lacks as English.
pub const HMS_ERR_UNKNOWN_LANG: c_int = -4;
/// The code is valid but neither the catalog nor Bambu's lists know it; `out` is filled.
pub const HMS_ERR_UNKNOWN_CODE: c_int = -5;
/// The entry has no such text: no catalog entry, no such step, or no official text compiled in.
pub const HMS_ERR_NO_TEXT: c_int = -6;
/// The `hms_entry` was not filled by a lookup function (its channel, model or language is out of range).
pub const HMS_ERR_BAD_ENTRY: c_int = -7;
/// The text is longer than `INT_MAX` bytes (no catalog text is).
pub const HMS_ERR_TOO_LONG: c_int = -8;
/// A bug in the library was caught at the boundary. Only a library built with std catches one;
/// without std (bare metal) a panic traps instead.
pub const HMS_ERR_INTERNAL: c_int = -9;

/// `hms_entry.channel` of a `print.hms` code.
pub const HMS_CHANNEL_HMS: u8 = 0;
/// `hms_entry.channel` of a `print.print_error` code.
pub const HMS_CHANNEL_PRINT_ERROR: u8 = 1;
/// `hms_entry.model` when no model was given, or one the catalog does not know: texts are the
/// ones most models share.
pub const HMS_NO_MODEL: u8 = 0xFF;
/// `hms_entry.level` of a print_error whose level nibble has no known meaning.
pub const HMS_LEVEL_UNKNOWN: u16 = 0xFFFF;

pub use alerts::{HMS_ALERT_ADVISORY, HMS_ALERT_FAULT, HMS_ALERT_SILENT, HMS_ALERT_STATUS};

/// A looked-up code: plain data, safe to copy and keep. The text functions read it, so
/// fill it with `hms_lookup`, `hms_lookup_print_error` or `hms_parse`, and do not edit it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct hms_entry {
    /// The code as reported: `attr << 32 | code` for `print.hms`, the 32-bit value for
    /// `print_error`. The lookup clears its reserved byte (bits 39-32), as BambuStudio does.
    pub code: u64,
    /// `HMS_CHANNEL_HMS` or `HMS_CHANNEL_PRINT_ERROR`.
    pub channel: u8,
    /// Whether the catalog or Bambu's lists know the code.
    pub known: bool,
    /// Whether the catalog has an entry for it: title, meaning and procedure steps.
    pub has_entry: bool,
    /// Module id, the first byte of the code (`0x07` AMS).
    pub module_id: u8,
    /// Module number: which unit of the module (AMS unit 0 is A).
    pub module_number: u8,
    /// The unit letter (`'A'`...) of a lettered module such as the AMS, else 0.
    pub unit_letter: c_char,
    /// The AMS slot 1-4 the code names, else 0.
    pub slot: u8,
    /// The model the official text is chosen for (an index), or `HMS_NO_MODEL` when none was
    /// given or the catalog does not know it.
    pub model: u8,
    /// The level: 1 error, 2 warning, 3 info, 4 notice (as reported), or `HMS_LEVEL_UNKNOWN`.
    pub level: u16,
    /// How many procedure steps `hms_step` can copy.
    pub step_count: u16,
    /// The language of the official text, negotiated from the locale given (an index into
    /// hms-catalog's `Lang::ALL`: 0 en, 1 de, 2 es, 3 fr, 4 hu, 5 it, 6 ja, 7 ko, 8 nl, 9 pl,
    /// 10 pt-br, 11 ru, 12 sv, 13 zh-cn).
    pub lang: u8,
    /// The class of the alert on the model: `HMS_ALERT_SILENT` (the printer shows nothing),
    /// `HMS_ALERT_STATUS`, `HMS_ALERT_ADVISORY` or `HMS_ALERT_FAULT`.
    pub alert: u8,
}

/// The string at `ptr`, or `None` for NULL; `Err(())` when it is not UTF-8.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that lives for the call.
unsafe fn c_str<'a>(ptr: *const c_char) -> Option<Result<&'a str, ()>> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: not NULL, and the caller promises a NUL-terminated string valid for the call.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    Some(bytes.to_str().map_err(|_| ()))
}

/// The model and language named by C strings: NULL model, or one the catalog does not know,
/// is none; NULL language is English, any other locale is negotiated.
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
unsafe fn choices(model: *const c_char, lang: *const c_char) -> Result<(Option<Model>, Lang), c_int> {
    // SAFETY: forwarded from the caller's promise.
    let model = match unsafe { c_str(model) } {
        None => None,
        Some(s) => s.ok().and_then(|s| Model::resolve(s).ok()).ok_or(HMS_ERR_UNKNOWN_MODEL)?,
    };
    // SAFETY: as above.
    let lang = match unsafe { c_str(lang) } {
        None => Lang::En,
        Some(s) => s.ok().and_then(|s| Lang::negotiate(s).ok()).ok_or(HMS_ERR_UNKNOWN_LANG)?,
    };
    Ok((model, lang))
}

fn index_of<T: PartialEq>(all: &[T], item: &T) -> u8 {
    all.iter().position(|x| x == item).and_then(|i| u8::try_from(i).ok()).unwrap_or(u8::MAX)
}

/// Fills `out` for `code`; `HMS_ERR_UNKNOWN_CODE` when neither the catalog nor the lists know it.
fn fill(code: AnyCode, model: Option<Model>, lang: Lang, out: &mut hms_entry) -> c_int {
    let found = lookup(code);
    // The header's numbers, kept apart from the tables' layout numbers, which may change.
    let channel = match code.channel() {
        Channel::Hms => HMS_CHANNEL_HMS,
        Channel::PrintError => HMS_CHANNEL_PRINT_ERROR,
    };
    *out = hms_entry {
        code: code.bits(),
        channel,
        known: found.is_known(),
        has_entry: found.entry().is_some(),
        module_id: code.module_id(),
        module_number: code.module_number(),
        unit_letter: found.unit_letter().map_or(0, |c| c as c_char),
        slot: found.slot().unwrap_or(0),
        model: model.map_or(HMS_NO_MODEL, |m| index_of(Model::ALL, &m)),
        level: code.level_raw().unwrap_or(HMS_LEVEL_UNKNOWN),
        step_count: found.procedure().map_or(0, |p| p.steps().len().try_into().unwrap_or(u16::MAX)),
        lang: index_of(Lang::ALL, &lang),
        alert: alerts::alert_number(found.alert(model)),
    };
    if found.is_known() { HMS_OK } else { HMS_ERR_UNKNOWN_CODE }
}

/// Looks up `code` with the model and language strings, filling `*out`.
///
/// # Safety
/// `out` is NULL or writable; `model` and `lang` are NULL or NUL-terminated strings.
unsafe fn lookup_into(
    code: impl FnOnce() -> Result<AnyCode, c_int>,
    model: *const c_char,
    lang: *const c_char,
    out: *mut hms_entry,
) -> c_int {
    guard(|| {
        // SAFETY: the caller promises `out` is NULL or valid for writes of one hms_entry.
        let Some(out) = (unsafe { out.as_mut() }) else { return HMS_ERR_NULL };
        // SAFETY: forwarded from the caller's promise.
        let (model, lang) = match unsafe { choices(model, lang) } {
            Ok(choices) => choices,
            Err(e) => return e,
        };
        match code() {
            Ok(code) => fill(code, model, lang, out),
            Err(e) => e,
        }
    })
}

/// Looks up one `print.hms` entry `{attr, code}` of a printer's MQTT report.
///
/// `model` (an id `"H2D"`, name `"H2D Pro"`, serial prefix or serial number) chooses the
/// model's own official text; NULL, or a model the catalog does not know, takes the default
/// text (`out->model` is then `HMS_NO_MODEL`). `lang` is a locale, negotiated by its
/// language: `"de"`, `"de-CH"`, `"de_DE.UTF-8"` are German, `"pt-BR"`, `"pt"` Brazilian
/// Portuguese, `"zh"`, `"zh_CN"`, `"zh-Hans"` and also `"zh-TW"`, `"zh-Hant"` Simplified
/// Chinese (the only Portuguese and Chinese the catalog has), any other well-formed locale of
/// a language without texts (`"he"`, `"C"`) English; NULL is English.
///
/// The lookup clears the reserved byte, the low byte of `attr`, as BambuStudio keys the codes
/// a printer reports: `attr` `0x07002001` finds `0700_2000_0002_0003`. `out->code` and
/// `hms_code_string` keep the code as reported.
///
/// Returns `HMS_OK`, `HMS_ERR_UNKNOWN_CODE` (with `*out` still filled: module, unit, slot and
/// level come from the code itself), `HMS_ERR_NULL` when `out` is NULL,
/// `HMS_ERR_UNKNOWN_MODEL` for a malformed model or `HMS_ERR_UNKNOWN_LANG` for a malformed
/// locale.
///
/// # Safety
/// `out` is NULL or points to a writable `hms_entry`; `model` and `lang` are NULL or
/// NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_lookup(
    attr: u32,
    code: u32,
    model: *const c_char,
    lang: *const c_char,
    out: *mut hms_entry,
) -> c_int {
    // SAFETY: the caller's promise, as documented above.
    unsafe { lookup_into(|| Ok(AnyCode::Hms(Hms::from_mqtt(attr, code))), model, lang, out) }
}

/// Looks up a `print.print_error` value (`0x0300400C`); otherwise as `hms_lookup`.
///
/// # Safety
/// As `hms_lookup`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_lookup_print_error(
    value: u32,
    model: *const c_char,
    lang: *const c_char,
    out: *mut hms_entry,
) -> c_int {
    // SAFETY: the caller's promise, as documented above.
    unsafe { lookup_into(|| Ok(AnyCode::PrintError(PrintError::from_u32(value))), model, lang, out) }
}

/// Reads a code as people paste it (`"HMS_0700-2000-0002-0003"`, `"0700_2000_0002_0003"`,
/// `"0300-400C"`...) and looks it up; otherwise as `hms_lookup`. `HMS_ERR_PARSE` when `text`
/// is not a code, `HMS_ERR_NULL` when it is NULL.
///
/// # Safety
/// `text` is NULL or a NUL-terminated string; the rest as `hms_lookup`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_parse(
    text: *const c_char,
    model: *const c_char,
    lang: *const c_char,
    out: *mut hms_entry,
) -> c_int {
    let code = || {
        // SAFETY: the caller promises `text` is NULL or NUL-terminated.
        let text = unsafe { c_str(text) }.ok_or(HMS_ERR_NULL)?;
        text.ok().and_then(|t| AnyCode::parse(t).ok()).ok_or(HMS_ERR_PARSE)
    };
    // SAFETY: the caller's promise, as documented above.
    unsafe { lookup_into(code, model, lang, out) }
}

/// The code, model and language an entry names.
pub(crate) fn read_entry(entry: &hms_entry) -> Result<(Lookup, Option<Model>, Lang), c_int> {
    let channel = match entry.channel {
        HMS_CHANNEL_HMS => Channel::Hms,
        HMS_CHANNEL_PRINT_ERROR => Channel::PrintError,
        _ => return Err(HMS_ERR_BAD_ENTRY),
    };
    // A print_error code wider than 32 bits was not filled by a lookup.
    let code = AnyCode::from_bits(channel, entry.code).ok_or(HMS_ERR_BAD_ENTRY)?;
    let model = match entry.model {
        HMS_NO_MODEL => None,
        i => Some(*Model::ALL.get(usize::from(i)).ok_or(HMS_ERR_BAD_ENTRY)?),
    };
    let lang = *Lang::ALL.get(usize::from(entry.lang)).ok_or(HMS_ERR_BAD_ENTRY)?;
    Ok((lookup(code), model, lang))
}

/// Copies the text `text_of` finds for `entry` into `buf`: the shared body of the accessors.
///
/// # Safety
/// `entry` is NULL or points to an `hms_entry`; `buf` is NULL or points to `len` writable bytes.
unsafe fn copy_text<T: Display>(
    entry: *const hms_entry,
    buf: *mut c_char,
    len: usize,
    text_of: impl FnOnce(Lookup, Option<Model>, Lang) -> Result<T, c_int>,
) -> c_int {
    guard(|| {
        // SAFETY: the caller promises `len` writable bytes at `buf` (or NULL).
        let out = match unsafe { buffer::c_buffer(buf, len) } {
            Ok(out) => out,
            Err(e) => return e,
        };
        // SAFETY: the caller promises `entry` is NULL or points to an hms_entry.
        let Some(entry) = (unsafe { entry.as_ref() }) else { return HMS_ERR_NULL };
        let text = match read_entry(entry).and_then(|(found, model, lang)| text_of(found, model, lang)) {
            Ok(text) => text,
            Err(e) => return e,
        };
        buffer::finish(out, text)
    })
}

/// The catalog's title, filled for the code (`AMS B ...`).
///
/// Writes at most `len - 1` bytes and a NUL into `buf`, cut on a UTF-8 character boundary,
/// and returns the length of the whole text (NUL not counted), as snprintf does: a return
/// value `>= len` means the text was cut. `buf` may be NULL when `len` is 0, to measure.
/// Errors are negative (`HMS_ERR_NULL`, `HMS_ERR_NO_TEXT`, `HMS_ERR_BAD_ENTRY`), with an
/// empty string in `buf` when it has room. Every `hms_*` text function works this way.
///
/// # Safety
/// `entry` is NULL or points to an `hms_entry`; `buf` is NULL or points to `len` writable
/// bytes. The same holds for every `hms_*` text function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_title(entry: *const hms_entry, buf: *mut c_char, len: usize) -> c_int {
    // SAFETY: the caller's promise, as documented above.
    unsafe { copy_text(entry, buf, len, |found, _, _| found.title().ok_or(HMS_ERR_NO_TEXT)) }
}

/// The code as the catalog writes it: `0700_2000_0002_0003`, or `0300-400C` for a print_error;
/// as reported, with its reserved byte.
///
/// # Safety
/// As `hms_title`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_code_string(entry: *const hms_entry, buf: *mut c_char, len: usize) -> c_int {
    // SAFETY: the caller's promise, as documented on `hms_title`.
    unsafe { copy_text(entry, buf, len, |found, _, _| Ok(found.code())) }
}

/// What the code means, in the catalog's words, filled for the code.
///
/// # Safety
/// As `hms_title`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_meaning(entry: *const hms_entry, buf: *mut c_char, len: usize) -> c_int {
    // SAFETY: the caller's promise, as documented on `hms_title`.
    unsafe { copy_text(entry, buf, len, |found, _, _| found.meaning().ok_or(HMS_ERR_NO_TEXT)) }
}

/// Bambu's own text for the entry's model and language (English where the language lacks
/// one); an empty string when the lists carry the code without a text; `HMS_ERR_NO_TEXT` when
/// no official text is compiled in for it (language feature off, or texts not imported).
///
/// # Safety
/// As `hms_title`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_official_text(entry: *const hms_entry, buf: *mut c_char, len: usize) -> c_int {
    let text = |found: Lookup, model, lang| match found.official().map(|o| o.text(model, lang)) {
        Some(OfficialText::Text(text)) => Ok(Said(Some(text))),
        Some(OfficialText::Silent) => Ok(Said(None)),
        _ => Err(HMS_ERR_NO_TEXT),
    };
    // SAFETY: the caller's promise, as documented on `hms_title`.
    unsafe { copy_text(entry, buf, len, text) }
}

/// An official text, or the empty string the lists give a code the printer shows no text for.
struct Said(Option<Text>);

impl Display for Said {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.0 {
            Some(text) => text.fmt(f),
            None => Ok(()),
        }
    }
}

/// The level's name (`error`, `warning`...); `HMS_ERR_NO_TEXT` for a level the catalog lacks.
///
/// # Safety
/// As `hms_title`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_level_name(entry: *const hms_entry, buf: *mut c_char, len: usize) -> c_int {
    // SAFETY: the caller's promise, as documented on `hms_title`.
    unsafe { copy_text(entry, buf, len, |found, _, _| found.level().map(|l| l.name()).ok_or(HMS_ERR_NO_TEXT)) }
}

/// The module's name; `HMS_ERR_NO_TEXT` for a module id the catalog lacks.
///
/// # Safety
/// As `hms_title`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_module_name(entry: *const hms_entry, buf: *mut c_char, len: usize) -> c_int {
    // SAFETY: the caller's promise, as documented on `hms_title`.
    unsafe { copy_text(entry, buf, len, |found, _, _| found.module().map(|m| m.name()).ok_or(HMS_ERR_NO_TEXT)) }
}

/// The wiki page for the code on the entry's model, else the wiki's HMS home page.
///
/// # Safety
/// As `hms_title`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_wiki_url(entry: *const hms_entry, buf: *mut c_char, len: usize) -> c_int {
    // SAFETY: the caller's promise, as documented on `hms_title`.
    unsafe { copy_text(entry, buf, len, |found, model, _| Ok(found.wiki_url(model))) }
}

/// Step `index` (from 0, below `entry->step_count`) of the procedure that fixes the code,
/// filled for the code. Buffer and return value as `hms_title`; `HMS_ERR_NO_TEXT` past the
/// last step or when the code has no procedure.
///
/// # Safety
/// As `hms_title`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_step(entry: *const hms_entry, index: usize, buf: *mut c_char, len: usize) -> c_int {
    let step = |found: Lookup, _: Option<Model>, _: Lang| {
        found.procedure().and_then(|p| p.steps().nth(index)).ok_or(HMS_ERR_NO_TEXT)
    };
    // SAFETY: the caller's promise, as documented above.
    unsafe { copy_text(entry, buf, len, step) }
}
