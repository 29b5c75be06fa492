//! `official_texts!`: the texts of one language, when the import has brought them in.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::args::{self, Args};

/// Where texts are looked for when `HMS_TEXTS_DIR` is not set: `texts/` beside the facts file.
pub fn expand(args: &Args, source_file: Option<PathBuf>) -> syn::Result<TokenStream> {
    let known = ["lang", "catalog", "official"];
    let need = |key: &str| {
        args.get(key, &known)?
            .ok_or_else(|| syn::Error::new(Span::call_site(), format!("missing argument `{key} = \"...\"`")))
    };
    let (lang, catalog_path, official) = (need("lang")?, need("catalog")?, need("official")?);
    // The layout `catalog!` made of the same files, or a new one.
    let loaded = crate::cache::load(catalog_path, Some(official), source_file.as_deref())?;
    let Some((facts, facts_file)) = &loaded.facts else {
        return Err(syn::Error::new(official.span(), "official facts were not loaded"));
    };
    let code = lang.value();
    let dir = match std::env::var_os("HMS_TEXTS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => facts_file.parent().map_or_else(PathBuf::new, Path::to_path_buf).join("texts"),
    };
    let file = dir.join(format!("{code}.tsv"));
    // Tracks the setting, so changing it rebuilds the crate.
    let track_env = quote! { const _: ::core::option::Option<&str> = ::core::option_env!("HMS_TEXTS_DIR"); };
    if !file.is_file() {
        return Ok(quote! {{
            #track_env
            ::hms_core::layout::TextTable { lang: #code, ..::hms_core::layout::TextTable::EMPTY }
        }});
    }
    let written = format!("texts/{code}.tsv");
    let source = args::read(&file, lang)?;
    let texts =
        hms_model::official::parse_texts(&source, &written, &loaded.catalog).map_err(|d| args::errors(&d, lang))?;
    let table = hms_model::tables::build_texts(&loaded.built.layout, facts, &texts, &code)
        .map_err(|e| syn::Error::new(lang.span(), e))?;
    let file = file.canonicalize().unwrap_or(file).to_string_lossy().into_owned();
    let table = hms_core::layout::bake::baked(&table)
        .parse::<TokenStream>()
        .map_err(|e| syn::Error::new(lang.span(), format!("baked texts: {e}")))?;
    Ok(quote! {{
        #track_env
        const _: &[u8] = ::core::include_bytes!(#file);
        #table
    }})
}
