//! The hms catalog's reader and validator: `catalog.yaml` in, a checked [`Catalog`] out,
//! or every mistake at once as [`Diagnostic`]s naming `file:LINE:COL`.
//!
//! `hms-macros` turns the model into tokens, `xtask` into docs, and fuzz targets call
//! [`parse`] directly. [`tables::build`] lays the model out in the byte tables that the
//! runtime reads through [`hms_core::layout`].
//!
//! ```
//! let source = r#"
//! schema: 1
//! modules: [{ id: "07", abbr: AMS, name: Automated Material System, lettered: true, parts: { numbers: slots, digits: 0-3 } }]
//! levels: [{ id: 2, variant: Warning, name: warning, meaning: The task pauses. }]
//! codes:
//!   - code: 07xx_2x00_0002_0001
//!     title: AMS {ams} slot {slot} ran out of filament
//!     meaning: The slot's filament ended.
//! "#;
//! let catalog = hms_model::parse(source, "catalog.yaml").unwrap();
//! assert_eq!(catalog.codes[0].spelled(), "07xx_2x00_0002_0001");
//!
//! let errors = hms_model::parse("schema: 1\nmodules: 3\nlevels: []\n", "catalog.yaml").unwrap_err();
//! assert_eq!(errors[0].to_string(), "catalog.yaml:2:10: `modules` must be a list");
//! ```
//!
//! # Limits
//!
//! Reading takes time and memory linear in the source, whatever it holds. What would break
//! that is refused with a diagnostic before the YAML parser sees it:
//!
//! * a source over [`MAX_SOURCE_BYTES`] (at `1:1`), the catalog's or an included file's;
//! * collections nested deeper than [`MAX_NESTING`] (where the nesting passes the limit, or
//!   where the YAML scanner gives up on it);
//! * aliases (`*name`), whose expansion can multiply a small file into a huge document (at the
//!   first alias; anchors alone are harmless and allowed);
//! * more than [`MAX_CODES`] entries in `codes`, in all files together (at the section).
//!
//! Included files (`include:`) are read by the same rules, each limit applying to each file.
//!
//! [`tables::build`] refuses what outgrows the tables' fixed-width fields, and a key that
//! appears twice in one perfect-hash index, which the generator could never solve.

use std::path::Path;

pub mod baked;
mod check;
mod codes;
pub mod coverage;
mod diagnostics;
mod fit;
mod include;
mod limits;
mod model;
mod names;
pub mod official;
pub mod packing;
mod pattern;
mod read;
mod schema;
mod spans;
mod syntax;
pub mod tables;

pub use diagnostics::Diagnostic;
pub use hms_core::CodePattern;
pub use limits::{MAX_CODES, MAX_NESTING, MAX_SOURCE_BYTES};
pub use model::{
    Catalog, Channel, CodeEntry, EntryPattern, Level, MAX_MODELS, Model, Module, Procedure, is_serial_prefix,
};
pub use schema::SCHEMA_VERSION;

/// Reads and validates catalog source text; `file` names it in diagnostics. Reads no files:
/// a catalog with `include` needs [`parse_with`] or [`load`].
pub fn parse(source: &str, file: &str) -> Result<Catalog, Vec<Diagnostic>> {
    parse_with(source, file, |_| Err("`hms_model::parse` reads no files: use `load` or `parse_with`".to_owned()))
}

/// Reads and validates catalog source text, `read` giving the text of each file its `include`
/// section names (the path as written, relative to the catalog's folder), or why it cannot.
/// Diagnostics name the catalog `file`, and an included file by its path joined to `file`'s
/// folder.
///
/// ```
/// let catalog = "schema: 1\nmodules: [{ id: \"03\", abbr: MC, name: MC }]\n\
///                levels: [{ id: 1, variant: Error, name: error, meaning: m }]\n\
///                include: [catalog/mc.yaml]\n";
/// let mc = "codes:\n  - { code: 0300_0100_0001_0001, title: t, meaning: m }\n  - { code: 0300_0100_0001_0001, title: t, meaning: m }\n";
/// let read = |path: &str| if path == "catalog/mc.yaml" { Ok(mc.to_owned()) } else { Err("no such file".to_owned()) };
/// let errors = hms_model::parse_with(catalog, "catalog.yaml", read).unwrap_err();
/// assert_eq!(errors[0].to_string(), "catalog/mc.yaml:3:13: duplicate code 0300_0100_0001_0001: already listed at line 2");
/// ```
pub fn parse_with(
    source: &str,
    file: &str,
    mut read: impl FnMut(&str) -> Result<String, String>,
) -> Result<Catalog, Vec<Diagnostic>> {
    let mut sink = diagnostics::Sink::new(file);
    let catalog = read::read(source, &mut sink, &mut read).map(|raw| check::validate(raw, &mut sink));
    match (catalog, sink.into_diagnostics()) {
        (Some(catalog), errors) if errors.is_empty() => Ok(catalog),
        (_, errors) => Err(errors),
    }
}

/// Reads and validates the catalog file at `path` and the files it includes (relative to
/// `path`'s folder); diagnostics name it as `display_name`.
pub fn load(path: &Path, display_name: &str) -> Result<Catalog, Vec<Diagnostic>> {
    match std::fs::read_to_string(path) {
        Ok(source) => {
            let folder = path.parent().unwrap_or(Path::new(""));
            parse_with(&source, display_name, |included| {
                std::fs::read_to_string(folder.join(included)).map_err(|e| e.to_string())
            })
        }
        Err(e) => Err(vec![Diagnostic {
            file: display_name.to_owned(),
            line: 1,
            column: 1,
            message: format!("cannot read {}: {e}", path.display()),
        }]),
    }
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
