//! The baked expansion of hms-catalog's `catalog!` (see `hms_model::baked`): checked by its
//! key, and written by a build of hms-catalog with `HMS_BAKE=write`, the macro being the one
//! place that knows what it expands to.

use std::path::Path;
use std::process::Command;

use hms_model::baked::{Inputs, generator_fingerprint, parse};

/// The committed baked expansion.
pub const CATALOG: &str = "hms-catalog/baked/catalog.rs";

/// Whether the baked expansion under `root` was made from the files and the generator as
/// they are now. A missing, edited or cut file is not fresh.
pub fn fresh(root: &Path) -> Result<bool, String> {
    let generator = generator_fingerprint(&root.join("hms-macros"), env!("CARGO_PKG_VERSION")).ok_or_else(|| {
        format!("the sources of hms-core, hms-model and hms-macros are not all under {}", root.display())
    })?;
    let Ok(text) = std::fs::read_to_string(root.join(CATALOG)) else { return Ok(false) };
    let Ok((header, _)) = parse(&text) else { return Ok(false) };
    // `catalog!(CATALOG, official = OFFICIAL, guides = GUIDES, ...)`, paths relative to the crate.
    let [name, catalog, official, _guides] = header.args.as_slice() else { return Ok(false) };
    if name != "catalog!" {
        return Ok(false);
    }
    let krate = root.join("hms-catalog");
    let inputs = Inputs {
        args: header.args.clone(),
        catalog: krate.join(catalog),
        official: (!official.is_empty()).then(|| krate.join(official)),
        texts: None,
    };
    Ok(inputs.fresh(generator, &text))
}

/// Builds hms-catalog with every language and `HMS_BAKE=write`, which writes the baked
/// expansions that miss: the catalog's, and the texts' of each language whose texts are
/// there (beside them, git-ignored).
pub fn refresh(root: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--quiet", "-p", "hms-catalog", "--features", "lang-all"])
        .env("HMS_BAKE", "write")
        .status()
        .map_err(|e| format!("cannot run cargo to bake the catalog: {e}"))?;
    if !status.success() {
        return Err(format!("building hms-catalog to bake the catalog failed ({status})"));
    }
    if !fresh(root)? {
        return Err(format!("{CATALOG} is still stale after the build that writes it"));
    }
    Ok(())
}
