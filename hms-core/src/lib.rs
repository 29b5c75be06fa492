//! The anatomy of a Bambu Lab HMS code, shared by every crate of the `hms` project.
//!
//! * [`Hms`]: the 64-bit code of the `print.hms` channel (`0700_2000_0002_0003`).
//! * [`PrintError`]: the 32-bit code of the `print.print_error` channel (`0300-400C`).
//! * [`AnyCode`]: a code of either channel, and [`Channel`]: which one.
//! * [`Side`]: the left or right side a code names.
//! * [`CodePattern`]: an exact code or a family of codes as the catalog writes it
//!   (`07xx_2x00_0002_0003`), and [`covering`]: the one rule that picks the pattern covering
//!   a code.
//! * [`tracker`]: a stream of reports turned into raised and cleared alerts, with a hold time
//!   and a mute list, in fixed memory.
//! * [`Alert`]: the class of an alert (silent, status, advisory, fault).
//! * [`action`]: the buttons Bambu offers for an alert and the MQTT command each sends.
//!
//! The other modules (`layout`, the byte layout of the catalog tables; `packed`, their text
//! compression; `placeholder`, the placeholders of catalog texts; `spelling`, the digit
//! reader) are hidden and **unstable**: implementation details shared by the `hms` crates,
//! which may change in any release. The public API is pinned by `tests/public_api.rs`
//! (snapshot `docs/API.md`).
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

pub mod action;
mod alert;
mod any_code;
mod channel;
#[cfg(feature = "defmt")]
mod defmt_impl;
mod hms;
#[doc(hidden)]
pub mod layout;
#[doc(hidden)]
pub mod packed;
mod parts;
mod pattern;
#[doc(hidden)]
pub mod placeholder;
mod print_error;
#[cfg(feature = "serde")]
mod serde_impl;
mod side;
#[doc(hidden)]
pub mod spelling;
mod template;
pub mod tracker;

pub use alert::{Alert, UnknownAlert};
pub use any_code::AnyCode;
pub use channel::Channel;
pub use hms::{Hms, unit_letter};
pub use parts::{ModuleFacts, PartLayout, PartNumbers};
pub use pattern::{CodePattern, PatternError, covering};
pub use print_error::PrintError;
pub use side::Side;
pub use spelling::{ParseError, ParseErrorKind, Spelling};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
