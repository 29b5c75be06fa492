//! Printers Bambu's files list that catalog.yaml does not name yet: a per-model file of a
//! serial prefix no catalog model has (`hms_en_35F.json`, the day the slicer ships a new
//! printer) imports under that prefix as an unnamed model, with a warning naming the line to
//! add to catalog.yaml.

use std::borrow::Cow;
use std::collections::BTreeMap;

use hms_model::{Catalog, MAX_MODELS, Model, is_serial_prefix};

use super::Sink;

/// The line catalog.yaml needs for the printer of `prefix`.
pub fn catalog_line(prefix: &str) -> String {
    format!("- {{ id: ..., prefix: \"{prefix}\", name: ... }}")
}

/// `catalog` with an unnamed model after its own for each well-formed serial prefix of
/// `files` (file name, prefix) that no model of it has, in prefix order; one warning per
/// prefix, naming its first file. A malformed prefix is left for the reader to refuse; a
/// model past the 32-bit model mask is an error.
pub fn add<'a, 'c>(
    catalog: &'c Catalog,
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    sink: &mut Sink,
) -> Cow<'c, Catalog> {
    let mut new: BTreeMap<String, &str> = BTreeMap::new();
    for (file, prefix) in files {
        if is_serial_prefix(prefix) && catalog.model_by_prefix(prefix).is_none() {
            new.entry(prefix.to_ascii_uppercase()).or_insert(file);
        }
    }
    if new.is_empty() {
        return Cow::Borrowed(catalog);
    }
    let mut extended = catalog.clone();
    for (prefix, file) in new {
        if extended.models.len() >= MAX_MODELS {
            sink.errors.push(format!(
                "{file}: serial prefix `{prefix}` is not in catalog.yaml, and an unnamed model for it would be model \
                 {}: a set of models is a 32-bit mask, at most {MAX_MODELS} models",
                extended.models.len() + 1
            ));
            continue;
        }
        sink.warnings.push(format!(
            "{file}: serial prefix `{prefix}` is not in catalog.yaml: imported as unnamed model `{prefix}`; add to \
             catalog.yaml models: {}",
            catalog_line(&prefix)
        ));
        extended.models.push(Model::unnamed(&prefix));
    }
    Cow::Owned(extended)
}
