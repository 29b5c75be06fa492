//! Finding and reading the catalog and the official facts a macro names, checked.

use std::path::{Path, PathBuf};

use hms_model::Catalog;
use hms_model::official::{OfficialFacts, parse_facts};
use syn::LitStr;

use crate::args;
use hms_model::baked::Inputs;

use crate::baked::Baked;

/// The checked catalog, its canonical path and those of the files it includes.
pub fn load_catalog(path: &LitStr, source_file: Option<&Path>) -> syn::Result<(Catalog, PathBuf, Vec<PathBuf>)> {
    let written = path.value();
    let file = args::locate(&written, source_file).ok_or_else(|| {
        let message = format!("cannot find catalog `{written}` next to the crate's Cargo.toml or the calling file");
        syn::Error::new(path.span(), message)
    })?;
    let catalog = hms_model::load(&file, &written).map_err(|d| args::errors(&d, path))?;
    // Included files are read beside the catalog as located (not where a symlink to it
    // points), so a crate carries them in its own folder, as its package will.
    let folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let included = catalog.includes.iter().map(|i| folder.join(i)).map(|f| f.canonicalize().unwrap_or(f)).collect();
    Ok((catalog, file.canonicalize().unwrap_or(file), included))
}

/// The official facts and their canonical path.
pub fn load_facts(
    lit: &LitStr,
    catalog: &Catalog,
    source_file: Option<&Path>,
) -> syn::Result<(OfficialFacts, PathBuf)> {
    let written = lit.value();
    let file = args::locate(&written, source_file).ok_or_else(|| {
        let message = format!("cannot find official facts `{written}`: run `cargo xtask regenerate --official PATH`");
        syn::Error::new(lit.span(), message)
    })?;
    let source = args::read(&file, lit)?;
    let facts = parse_facts(&source, &written, catalog).map_err(|d| args::errors(&d, lit))?;
    Ok((facts, file.canonicalize().unwrap_or(file)))
}

/// The baked file `file` of `catalog!(path, official = ..., guides = ...)`, with the files its
/// key covers located as the full work would read them.
pub fn baked_catalog(
    path: &LitStr,
    official: Option<&LitStr>,
    guides: Option<&str>,
    file: &LitStr,
    source_file: Option<&Path>,
) -> syn::Result<Baked> {
    let missing = |lit: &LitStr| {
        let message = format!("cannot find `{}` next to the crate's Cargo.toml or the calling file", lit.value());
        syn::Error::new(lit.span(), message)
    };
    let catalog = args::locate(&path.value(), source_file).ok_or_else(|| missing(path))?;
    let official_file =
        official.map(|o| args::locate(&o.value(), source_file).ok_or_else(|| missing(o))).transpose()?;
    // The baked file need not exist yet: it is placed beside the catalog's crate.
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| catalog.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    Ok(Baked {
        file: base.join(file.value()),
        title: format!("the expansion of `catalog!(\"{}\")`; do not edit", path.value()),
        inputs: Inputs {
            args: vec![
                "catalog!".into(),
                path.value(),
                official.map(LitStr::value).unwrap_or_default(),
                guides.unwrap_or_default().to_owned(),
            ],
            catalog,
            official: official_file,
            texts: None,
        },
    })
}

/// The baked texts of `official_texts!(lang = ..., catalog = ..., official = ...)` read from
/// `texts`: `baked/<lang>.rs` beside them.
pub fn baked_texts(
    catalog: &LitStr,
    official: &LitStr,
    lang: &LitStr,
    texts: &Path,
    source_file: Option<&Path>,
) -> syn::Result<Baked> {
    let mut baked = baked_catalog(catalog, Some(official), None, lang, source_file)?;
    let folder = texts.parent().map(Path::to_path_buf).unwrap_or_default();
    baked.file = folder.join("baked").join(format!("{}.rs", lang.value()));
    baked.title = format!("the texts of `{}` packed by `official_texts!`; do not edit", lang.value());
    baked.inputs.args = vec!["official_texts!".into(), lang.value(), catalog.value(), official.value()];
    baked.inputs.texts = Some(texts.to_path_buf());
    Ok(baked)
}
