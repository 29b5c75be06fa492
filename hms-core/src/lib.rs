//! The anatomy of a Bambu Lab HMS code, shared by every crate of the `hms` project.
//!
//! * [`Hms`]: the 64-bit code of the `print.hms` channel (`0700_2000_0002_0003`).
//! * [`PrintError`]: the 32-bit code of the `print.print_error` channel (`0300-400C`).
//! * [`AnyCode`]: a code of either channel, and [`Channel`]: which one.
//! * [`CodePattern`]: an exact code or a family of codes as the catalog writes it
//!   (`07xx_2x00_0002_0003`), and [`covering`]: the one rule that picks the pattern covering
//!   a code.
//! * `layout`: the byte layout of the catalog tables, written by the build and read by the
//!   runtime, so both sides agree on one definition. Hidden and unstable: an implementation
//!   detail of the `hms` crates.
//! * [`placeholder`]: the placeholders of catalog texts (`{ams}`, `{unit}`, `{slot}`, `{rack}`,
//!   `{side}`...) and the values a code gives them.
//!
//! `no_std`, no alloc, no unsafe. Features: `serde` (codes as their spelled strings) and
//! `defmt` (codes logged as their bits).
//!
//! ```
//! use hms_core::Hms;
//! let hms: Hms = "HMS_0700-2000-0002-0003".parse().unwrap();
//! assert_eq!(hms.module_id(), 0x07);
//! assert_eq!(hms.slot(), Some(1));
//! assert_eq!(hms.to_string(), "0700_2000_0002_0003");
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "bake")]
extern crate alloc;
#[cfg(test)]
extern crate std;

mod any_code;
mod channel;
#[cfg(feature = "defmt")]
mod defmt_impl;
mod hms;
#[doc(hidden)]
pub mod layout;
pub mod packed;
mod parts;
mod pattern;
pub mod placeholder;
mod print_error;
#[cfg(feature = "serde")]
mod serde_impl;
mod side;
pub mod spelling;
mod template;

pub use any_code::AnyCode;
pub use channel::Channel;
pub use hms::{Hms, unit_letter};
pub use parts::{ModuleFacts, PartLayout, PartNumbers};
pub use pattern::{CodePattern, PatternError, covering};
pub use print_error::PrintError;
pub use spelling::{ParseError, ParseErrorKind, Spelling};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
