//! Procedural macros of the hms catalog. Thin: `hms-model` reads and checks the catalog,
//! [`emit`] turns its model into tokens.
//!
//! Use them through `hms-catalog`, which invokes [`catalog!`] on its `catalog.yaml` and
//! re-exports [`code!`] as `hms_catalog::code!`.

use proc_macro::TokenStream;
use syn::LitStr;

mod code;
mod emit;

/// Compiles a catalog file into `Module`, `Level` and `Code` enums and the lookup tables.
///
/// The path is relative to the calling crate's `Cargo.toml` (or, failing that, to the file
/// that calls the macro). Every mistake in the catalog is a compile error
/// `PATH:LINE:COL: what is wrong`, all of them at once. Editing the file rebuilds the crate.
#[proc_macro]
pub fn catalog(input: TokenStream) -> TokenStream {
    let source_file = proc_macro::Span::call_site().local_file();
    syn::parse::<LitStr>(input)
        .and_then(|path| emit::catalog(&path, source_file))
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
