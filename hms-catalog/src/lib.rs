//! The Bambu Lab HMS catalog: what each code means, how bad it is, and how to fix it.
//!
//! The catalog (`catalog.yaml`) is compiled into this crate: typed [`Module`], [`Level`] and
//! [`Code`] enums and perfect-hash tables. `no_std`, no allocation, no unsafe code.
//!
//! ```
//! use hms_catalog::{lookup, Hms, Level};
//!
//! let hms: Hms = "HMS_0701-2200-0002-0003".parse()?;
//! let found = lookup(hms);
//! assert_eq!(found.level(), Some(Level::Warning));
//! assert_eq!(found.unit_letter(), Some('B'));
//! assert_eq!(found.title().unwrap().to_string(), "AMS B slot 3 filament may be broken inside the AMS");
//! for (n, step) in found.procedure().unwrap().steps().enumerate() {
//!     println!("{}. {step}", n + 1);
//! }
//! # Ok::<(), hms_catalog::ParseError>(())
//! ```
//!
//! Codes from a printer's MQTT report: `Hms::from_mqtt(attr, code)` for `print.hms`,
//! `PrintError::from_u32` for `print.print_error`. Codes in source: [`code!`].
//!
//! Features: `std` (default), `guides` (default), `lang-en` (default), `wiki` (default),
//! `qr` (default), `lang-de`, `lang-fr`... (one per language, or `lang-all`), `serde` (with
//! [`Lookup::answer`], the JSON shape of an answer), `json` ([`report`], the codes of an MQTT
//! report; needs alloc), `defmt`; see the README's "Features" table.
//! `default-features = false` is no std, the facts of every official code and the title of
//! every catalog entry.
//!
//! Without `guides` only the entries' titles are compiled in, for small flash:
//! [`Lookup::meaning`], [`Lookup::note`], [`Lookup::procedure`] and [`Lookup::see_also`] give
//! `None`, [`Lookup::causes`] no items and [`procedures`] nothing; titles, levels, modules,
//! [`Code`] and the official facts work as with it.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "json")]
extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

mod generated {
    // `baked/catalog.rs`: the expansion as `cargo xtask regenerate` baked it, used while every
    // file it was made from reads the same (see hms_model::baked).
    hms_macros::catalog!("catalog.yaml", official = "official.tsv", guides = "guides", baked = "baked/catalog.rs");
}
#[cfg(feature = "serde")]
mod answer;
#[cfg(feature = "defmt")]
mod defmt_impl;
mod entry;
mod lang;
mod locale;
mod lookup;
mod official;
mod place;
#[cfg(feature = "qr")]
mod qr;
#[cfg(feature = "json")]
pub mod report;
mod resolve;
#[cfg(feature = "serde")]
mod serde_impl;
mod text;

#[cfg(feature = "serde")]
pub use answer::Answer;
pub use entry::{Entry, Pattern, Procedure, Texts, entries, procedures};
pub use generated::{Code, Level, Model, Module};
pub use hms_core::{
    Alert, AnyCode, Channel, Hms, ParseError, ParseErrorKind, PrintError, Side, Spelling, action, tracker,
};
pub use lang::{Lang, UnknownLang};
pub use locale::MalformedLocale;
pub use lookup::{CodeFromStrError, Lookup, lookup};
pub use official::{Official, OfficialText, UnknownModel, WikiUrl};
pub use place::Place;
#[cfg(feature = "qr")]
pub use qr::WikiQr;
pub use resolve::{MAX_MODEL_LEN, MalformedModel};
pub use text::Text;

/// The typed [`Code`] of a code written in source, checked while compiling: a malformed
/// code, or one with no named entry in the catalog, is a compile error.
///
/// ```
/// use hms_catalog::{code, Code};
/// assert_eq!(code!(0700_0100_0001_0004), Code::AmsAssistMotorSpeed);
/// // Any unit of a family resolves to the family's variant.
/// assert_eq!(code!("HMS_0702-0100-0001-0004"), Code::AmsAssistMotorSpeed);
/// ```
///
/// ```compile_fail
/// let _ = hms_catalog::code!(0700_2000_0002_000G);
/// ```
#[macro_export]
macro_rules! code {
    ($($code:tt)+) => {
        $crate::__unstable::code!($crate, $($code)+)
    };
}

/// Internals that the `hms` crates' own tools, tests and benchmarks reach, and the `code!`
/// macro's expansion. **Unstable**: hidden from the documentation, not part of the API, and
/// free to change in any release (the table layout `hms_core::layout` with them).
#[doc(hidden)]
pub mod __unstable {
    pub use hms_macros::code;

    use hms_core::layout::{Tables, TextTable};
    use hms_core::placeholder::Fill;

    use crate::{Entry, Lang, Lookup, Pattern, Text};

    /// The tables the catalog compiled into, for tools that measure or dump them.
    pub fn tables() -> &'static Tables<'static> {
        &crate::generated::TABLES
    }

    /// The compiled-in official texts of `lang`: empty without its feature or its imported
    /// texts.
    pub fn texts(lang: Lang) -> &'static TextTable<'static> {
        lang.texts()
    }

    /// The values `found` gives the placeholders of its texts.
    pub fn fill(found: &Lookup) -> Fill {
        found.fill()
    }

    /// The position of the pattern that reached `entry` in the tables (the index of its
    /// rule).
    pub fn entry_index(entry: &Entry) -> u16 {
        entry.index()
    }

    /// The position of the entry in the tables: the same for every pattern of one entry.
    pub fn first_index(entry: &Entry) -> u16 {
        entry.first_index()
    }

    /// `text` unfilled, as the catalog or the lists write it (placeholders as `{name}`).
    pub fn as_written(text: Text) -> Text {
        text.unfilled()
    }

    /// The position of `pattern` in the tables.
    pub fn pattern_index(pattern: &Pattern) -> u16 {
        pattern.index()
    }
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
