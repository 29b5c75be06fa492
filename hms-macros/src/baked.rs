//! Baked expansions on disk (the format and the keys are `hms_model::baked`'s): an expansion
//! whose key matches the files it reads now is the expansion as it was baked, without reading the
//! YAML, packing texts or solving hashes. Any mismatch (an input, the generator's sources, an
//! edited or cut file) is a miss, and the macro does the full work.
//!
//! With `HMS_BAKE=write` in the environment (`cargo xtask regenerate` sets it), a miss also
//! writes the new baked file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hms_model::baked::{self, Header, Inputs};
use proc_macro2::{Span, TokenStream};
use quote::quote;

/// The environment variable that asks a build to write the baked files it misses.
const WRITE_VAR: &str = "HMS_BAKE";

/// One expansion's baked file and the files its key covers.
pub struct Baked {
    /// Where the baked file is, or is written.
    pub file: PathBuf,
    /// The first line's words after "@generated ...: ".
    pub title: String,
    /// The files it is made from and the macro's arguments.
    pub inputs: Inputs,
}

/// The generator's fingerprint, once per process.
pub fn generator() -> Option<u128> {
    static FINGERPRINT: OnceLock<Option<u128>> = OnceLock::new();
    *FINGERPRINT
        .get_or_init(|| baked::generator_fingerprint(Path::new(env!("CARGO_MANIFEST_DIR")), env!("CARGO_PKG_VERSION")))
}

impl Baked {
    /// The baked expansion after the tracking of the files it was made from, when the file is
    /// whole and made from these files as they read now.
    ///
    /// The body is read into tokens here rather than `include!`d: its tokens then carry the
    /// spans the full work gives them (the call site's), so after an edit of the catalog the
    /// compiler reuses what it checked of the baked expansion wherever the expansion is the
    /// same (with `include!`, every item's place differed, and the whole crate was
    /// type-checked again).
    pub fn hit(&self) -> Option<TokenStream> {
        let text = std::fs::read_to_string(&self.file).ok()?;
        if !self.inputs.fresh(generator()?, &text) {
            return None;
        }
        let (header, body) = baked::parse(&text).ok()?;
        let body: TokenStream = body.parse().ok()?;
        let inputs: Vec<PathBuf> =
            self.inputs.files(&header.includes).into_iter().map(|f| f.canonicalize().unwrap_or(f)).collect();
        let track = track(&inputs);
        Some(quote! { #track #body })
    }

    /// With `HMS_BAKE=write`, writes `body` as the baked expansion of the files as they read
    /// now, the catalog including `includes`. A write asked for and failed is an error.
    pub fn store(&self, includes: &[String], body: &TokenStream) -> syn::Result<()> {
        if std::env::var_os(WRITE_VAR).is_none_or(|v| v != "write") {
            return Ok(());
        }
        let fail =
            |why: String| syn::Error::new(Span::call_site(), format!("cannot bake {}: {why}", self.file.display()));
        let key = generator()
            .and_then(|g| self.inputs.key(g, includes))
            .ok_or_else(|| fail("the generator's sources or the catalog cannot be read".into()))?;
        let header = Header { key, args: self.inputs.args.clone(), includes: includes.to_vec() };
        let text = baked::format(&self.title, &header, &format!("{body}\n"));
        baked::write_atomically(&self.file, text.as_bytes()).map_err(|e| fail(e.to_string()))
    }
}

/// Makes cargo expand the macro again when one of `files` or the `HMS_BAKE` setting changes.
pub fn track(files: &[PathBuf]) -> TokenStream {
    let files = files.iter().map(|f| f.to_string_lossy().into_owned());
    quote! {
        #( const _: &[u8] = ::core::include_bytes!(#files); )*
        const _: ::core::option::Option<&str> = ::core::option_env!("HMS_BAKE");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baked_file_is_used_only_while_its_inputs_and_body_read_as_baked() {
        let dir = std::env::temp_dir().join(format!("hms-macros-baked-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let catalog = dir.join("catalog.yaml");
        std::fs::write(&catalog, "schema: 1\n").unwrap();
        let inputs = Inputs {
            args: vec!["catalog!".into(), "catalog.yaml".into()],
            catalog: catalog.clone(),
            official: None,
            texts: None,
        };
        let baked = Baked { file: dir.join("baked.rs"), title: "test".into(), inputs: inputs.clone() };
        assert!(baked.hit().is_none(), "no file yet");
        let key = inputs.key(generator().unwrap(), &[]).unwrap();
        let track = track(&[catalog.canonicalize().unwrap()]);
        let header = Header { key, args: inputs.args.clone(), includes: vec![] };
        let text = baked::format("test", &header, "pub enum Module {}\n");
        std::fs::write(&baked.file, &text).unwrap();
        assert_eq!(baked.hit().unwrap().to_string(), quote!(#track pub enum Module {}).to_string());
        std::fs::write(&catalog, "schema: 2\n").unwrap();
        assert!(baked.hit().is_none(), "the catalog changed");
        std::fs::write(&catalog, "schema: 1\n").unwrap();
        assert!(baked.hit().is_some());
        std::fs::write(&baked.file, text.replace("Module", "Modules")).unwrap();
        assert!(baked.hit().is_none(), "the body was edited");
        let other = Baked { inputs: Inputs { args: vec!["catalog!".into(), "other.yaml".into()], ..inputs }, ..baked };
        std::fs::write(&other.file, &text).unwrap();
        assert!(other.hit().is_none(), "made for other arguments");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
