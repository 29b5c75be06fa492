//! Macro arguments: `"catalog.yaml"` then `key = "value"` pairs.

use std::path::{Path, PathBuf};

use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

pub struct Args {
    pub first: Option<LitStr>,
    pub named: Vec<(Ident, LitStr)>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let first = if input.peek(LitStr) { Some(input.parse()?) } else { None };
        let mut named = Vec::new();
        while !input.is_empty() {
            if first.is_some() || !named.is_empty() {
                input.parse::<Token![,]>()?;
                if input.is_empty() {
                    break;
                }
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            named.push((key, input.parse()?));
        }
        Ok(Args { first, named })
    }
}

impl Args {
    /// The value of `key`, refusing keys not in `known`.
    pub fn get(&self, key: &str, known: &[&str]) -> syn::Result<Option<&LitStr>> {
        for (k, _) in &self.named {
            if !known.contains(&k.to_string().as_str()) {
                return Err(syn::Error::new(
                    k.span(),
                    format!("unknown argument `{k}`; expected one of {}", known.join(", ")),
                ));
            }
        }
        Ok(self.named.iter().find(|(k, _)| k == key).map(|(_, v)| v))
    }
}

/// A file named relative to the calling crate's `Cargo.toml`, or failing that, to the calling file.
pub fn locate(written: &str, source_file: Option<&Path>) -> Option<PathBuf> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let beside_source = source_file.and_then(Path::parent).map(Path::to_path_buf);
    [manifest, beside_source].into_iter().flatten().map(|dir| dir.join(written)).find(|p| p.is_file())
}

/// Reads a located file, as a compile error naming it when that fails.
pub fn read(path: &Path, lit: &LitStr) -> syn::Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| syn::Error::new(lit.span(), format!("cannot read {}: {e}", path.display())))
}

/// Diagnostics as one compile error each, at `lit`.
pub fn errors(diagnostics: &[hms_model::Diagnostic], lit: &LitStr) -> syn::Error {
    let mut errors = diagnostics.iter().map(|d| syn::Error::new(lit.span(), d.to_string()));
    let mut first = errors.next().unwrap_or_else(|| syn::Error::new(lit.span(), "invalid input"));
    first.extend(errors);
    first
}
