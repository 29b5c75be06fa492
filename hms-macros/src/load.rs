//! Finding and reading the catalog and the official facts a macro names, checked.

use std::path::{Path, PathBuf};

use hms_model::Catalog;
use hms_model::official::{OfficialFacts, parse_facts};
use syn::LitStr;

use crate::args;

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
