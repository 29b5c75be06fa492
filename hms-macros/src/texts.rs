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
    let code = lang.value();
    let dir = match std::env::var_os("HMS_TEXTS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let facts = args::locate(&official.value(), source_file.as_deref()).ok_or_else(|| {
                let message = format!("cannot find official facts `{}`", official.value());
                syn::Error::new(official.span(), message)
            })?;
            let facts = facts.canonicalize().unwrap_or(facts);
            facts.parent().map_or_else(PathBuf::new, Path::to_path_buf).join("texts")
        }
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
    // The texts baked beside them (never committed: the texts are not ours to redistribute).
    let baked = crate::load::baked_texts(catalog_path, official, lang, &file, source_file.as_deref())?;
    if let Some(hit) = baked.hit() {
        return Ok(quote! {{ #track_env #hit }});
    }
    // The layout `catalog!` made of the same files, or a new one.
    let loaded = crate::cache::load(catalog_path, Some(official), source_file.as_deref())?;
    let Some((facts, _)) = &loaded.facts else {
        return Err(syn::Error::new(official.span(), "official facts were not loaded"));
    };
    let written = format!("texts/{code}.tsv");
    let source = args::read(&file, lang)?;
    let texts =
        hms_model::official::parse_texts(&source, &written, &loaded.catalog).map_err(|d| args::errors(&d, lang))?;
    let table =
        hms_model::tables::build_texts_stored(&loaded.built.layout, facts, &texts, &code, crate::store::store())
            .map_err(|e| syn::Error::new(lang.span(), e))?;
    let table = hms_core::layout::bake::baked(&table)
        .parse::<TokenStream>()
        .map_err(|e| syn::Error::new(lang.span(), format!("baked texts: {e}")))?;
    baked.store(&loaded.catalog.includes, &table)?;
    let files = std::iter::once(&loaded.file).chain(&loaded.included).chain(loaded.facts.as_ref().map(|(_, f)| f));
    let files: Vec<PathBuf> = files.cloned().chain([file.canonicalize().unwrap_or(file)]).collect();
    let track = crate::baked::track(&files);
    Ok(quote! {{
        #track_env
        #track
        #table
    }})
}
