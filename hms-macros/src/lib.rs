//! Procedural macros of the hms catalog. Thin: `hms-model` reads and checks the catalog,
//! `emit` turns its model into tokens.
//!
//! Use them through `hms-catalog`, which invokes [`catalog!`] on its `catalog.yaml` and
//! re-exports [`code!`] as `hms_catalog::code!`.

use proc_macro::TokenStream;

mod args;
mod baked;
mod cache;
mod code;
mod emit;
mod load;
mod store;
mod texts;

/// Compiles a catalog file into `Module`, `Model`, `Level` and `Code` enums and the lookup
/// tables: `catalog!("catalog.yaml")`, or with the imported official facts,
/// `catalog!("catalog.yaml", official = "official.tsv")`. With official facts, their wiki pages
/// are compiled in only when the calling crate's `wiki` feature is on, their action lists only
/// with its `actions` feature.
///
/// Paths are relative to the calling crate's `Cargo.toml` (or, failing that, to the file that
/// calls the macro). Files the catalog includes (`include:`) are read relative to the catalog's
/// folder as located, not where a symlink to it points. Every mistake in the catalog or a file
/// it includes is a compile error `PATH:LINE:COL: what is wrong`, all of them at once. Editing
/// any of these files rebuilds the crate.
#[proc_macro]
pub fn catalog(input: TokenStream) -> TokenStream {
    let source_file = proc_macro::Span::call_site().local_file();
    syn::parse::<args::Args>(input)
        .and_then(|args| emit::catalog(&args, source_file))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The official texts of one language as a `hms_core::layout::TextTable` expression:
/// `official_texts!(lang = "en", catalog = "catalog.yaml", official = "official.tsv")`.
///
/// The texts come from `$HMS_TEXTS_DIR/<lang>.tsv`, else `texts/<lang>.tsv` beside the facts
/// file; without that file the table is empty and lookups say no text is available.
#[proc_macro]
pub fn official_texts(input: TokenStream) -> TokenStream {
    let source_file = proc_macro::Span::call_site().local_file();
    syn::parse::<args::Args>(input)
        .and_then(|args| texts::expand(&args, source_file))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// `code!(CRATE, CODE)`: the typed `Code` variant of `CODE`, or a compile error. Called by
/// `hms_catalog::code!`, which passes its own `$crate` path.
#[doc(hidden)]
#[proc_macro]
pub fn code(input: TokenStream) -> TokenStream {
    code::expand(input.into()).unwrap_or_else(syn::Error::into_compile_error).into()
}
