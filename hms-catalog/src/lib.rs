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
//! `qr` (default), `lang-de`, `lang-fr`... (one per language, or `lang-all`), `serde`, `defmt`; see the README's "Features" table.
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

#[cfg(any(feature = "std", test))]
extern crate std;

mod generated {
    // `baked/catalog.rs`: the expansion as `cargo xtask regenerate` baked it, used while every
    // file it was made from reads the same (see hms_model::baked).
    hms_macros::catalog!("catalog.yaml", official = "official.tsv", guides = "guides", baked = "baked/catalog.rs");
}
#[cfg(feature = "defmt")]
mod defmt_impl;
mod entry;
mod lang;
mod locale;
mod lookup;
mod official;
#[cfg(feature = "qr")]
mod qr;
mod resolve;
#[cfg(feature = "serde")]
mod serde_impl;

pub use entry::{Entry, Pattern, Procedure, Texts, entries, procedures};
pub use generated::{Code, Level, Model, Module};
pub use hms_core::placeholder::Filled as Text;
pub use hms_core::placeholder::Side;
pub use hms_core::{AnyCode, Channel, Hms, ParseError, ParseErrorKind, PrintError, Spelling};
pub use lang::{Lang, UnknownLang};
pub use locale::MalformedLocale;
pub use lookup::{CodeFromStrError, Lookup, lookup};
pub use official::{Official, OfficialText, UnknownModel, WikiUrl};
#[cfg(feature = "qr")]
pub use qr::WikiQr;
pub use resolve::{MAX_MODEL_LEN, MalformedModel};

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
        $crate::__private::code!($crate, $($code)+)
    };
}

#[doc(hidden)]
pub mod __private {
    pub use hms_macros::code;
}

/// The tables the catalog compiled into, for tools that measure or dump them. Unstable: the
/// layout (`hms_core::layout`) may change in any release.
#[doc(hidden)]
pub fn tables() -> &'static hms_core::layout::Tables<'static> {
    &generated::TABLES
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
