//! The catalog and the official facts, read, checked and laid out once per build: `catalog!`
//! and each language's `official_texts!` share one layout, reused while every file it was
//! made from reads the same.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use hms_model::Catalog;
use hms_model::official::OfficialFacts;
use hms_model::tables::Built;
use syn::LitStr;

use crate::load::{load_catalog, load_facts};

/// A catalog laid out, with the files it came from.
pub struct Loaded {
    /// The checked catalog, with the unnamed models of the facts after its own.
    pub catalog: Catalog,
    /// Its canonical path.
    pub file: PathBuf,
    /// The files it includes.
    pub included: Vec<PathBuf>,
    /// The official facts and their path, if asked for.
    pub facts: Option<(OfficialFacts, PathBuf)>,
    /// The tables.
    pub built: Built,
    /// Every file read, with a hash of its bytes.
    read: Vec<(PathBuf, u128)>,
    /// The arguments it was loaded for: the paths as written and the files they name.
    args: Args,
}

/// A catalog's and its facts' paths as written (they name the files in diagnostics), and the
/// files they name from the calling crate. Two calls from different source files of one crate
/// (`catalog!` and each language's `official_texts!`) name the same files, so they share one
/// layout.
type Args = (String, Option<String>, Option<PathBuf>, Option<PathBuf>);

static CACHE: Mutex<Vec<Arc<Loaded>>> = Mutex::new(Vec::new());

fn fingerprint(path: &Path) -> Option<u128> {
    std::fs::read(path).ok().map(|bytes| hms_model::baked::hash(&bytes))
}

/// The catalog at `path` (and the facts at `official`) laid out: from the cache when every
/// file reads as it did, else read, checked and built anew.
pub fn load(path: &LitStr, official: Option<&LitStr>, source_file: Option<&Path>) -> syn::Result<Arc<Loaded>> {
    let located = |lit: &LitStr| crate::args::locate(&lit.value(), source_file);
    let args = (path.value(), official.map(LitStr::value), located(path), official.and_then(located));
    let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let fresh = |l: &Loaded| l.args == args && l.read.iter().all(|(f, h)| fingerprint(f) == Some(*h));
    if let Some(hit) = cache.iter().find(|l| fresh(l)) {
        return Ok(Arc::clone(hit));
    }
    let (mut catalog, file, included) = load_catalog(path, source_file)?;
    let facts = official.map(|lit| load_facts(lit, &catalog, source_file)).transpose()?;
    // Printers the facts list by a serial prefix catalog.yaml lacks become unnamed models
    // after the named ones: `Model` has them, and the texts are read against them.
    if let Some((facts, _)) = &facts {
        facts.add_unnamed_to(&mut catalog);
    }
    let built = hms_model::tables::build_stored(&catalog, facts.as_ref().map(|(f, _)| f), crate::store::store())
        .map_err(|e| syn::Error::new(path.span(), format!("{}: {e}", path.value())))?;
    let files = std::iter::once(&file).chain(&included).chain(facts.as_ref().map(|(_, f)| f));
    let read = files.filter_map(|f| Some((f.clone(), fingerprint(f)?))).collect();
    let loaded = Arc::new(Loaded { catalog, file, included, facts, built, read, args });
    cache.retain(|l| l.args != loaded.args);
    cache.push(Arc::clone(&loaded));
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;

    use super::*;

    const CATALOG: &str = "schema: 1\nmodules: [{ id: \"07\", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }]\n\
                           levels: [{ id: 2, variant: Warning, name: warning, meaning: pauses }]\n";

    #[test]
    fn one_layout_serves_every_expansion_until_a_file_changes() {
        let dir = std::env::temp_dir().join(format!("hms-macros-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("catalog.yaml");
        std::fs::write(&file, CATALOG).unwrap();
        let lit = LitStr::new(&file.to_string_lossy(), Span::call_site());
        let first = load(&lit, None, None).unwrap();
        let again = load(&lit, None, None).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the same files are read and laid out once");
        // Called from another file of the crate (each language's `official_texts!`), naming
        // the same file.
        let elsewhere = load(&lit, None, Some(Path::new("/elsewhere/lang.rs"))).unwrap();
        assert!(Arc::ptr_eq(&first, &elsewhere), "the files named, not the calling file, key the layout");
        let more = CATALOG.replace("modules: [", "modules: [{ id: \"03\", abbr: MC, name: MC }, ");
        std::fs::write(&file, more).unwrap();
        let changed = load(&lit, None, None).unwrap();
        assert!(!Arc::ptr_eq(&first, &changed));
        assert_eq!((first.catalog.modules.len(), changed.catalog.modules.len()), (1, 2));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
