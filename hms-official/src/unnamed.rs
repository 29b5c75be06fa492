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

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(models: usize) -> Catalog {
        let models: Vec<String> =
            (0..models).map(|i| format!("{{ id: M{i}, prefix: \"{i:03}\", name: M{i} }}")).collect();
        let source = format!(
            "schema: 1\nmodules: []\nmodels: [{}]\nlevels: [{{ id: 1, variant: Error, name: error, meaning: m }}]\n",
            models.join(", ")
        );
        hms_model::parse(&source, "catalog.yaml").unwrap()
    }

    #[test]
    fn each_new_well_formed_prefix_becomes_one_unnamed_model_in_prefix_order() {
        let (catalog, mut sink) = (catalog(2), Sink::default());
        let files = [("a_35f", "35f"), ("b_001", "001"), ("c_2AB", "2AB"), ("d_35F", "35F"), ("e_X-Z", "X-Z")];
        let extended = add(&catalog, files, &mut sink);
        let ids: Vec<&str> = extended.models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["M0", "M1", "2AB", "35F"]);
        assert!(sink.errors.is_empty());
        assert_eq!(sink.warnings.len(), 2);
        assert!(
            sink.warnings[1].starts_with("a_35f: serial prefix `35F` is not in catalog.yaml"),
            "{:?}",
            sink.warnings
        );
        assert!(matches!(add(&catalog, [("f", "001")], &mut sink), Cow::Borrowed(_)));
    }

    #[test]
    fn a_model_past_32_is_an_error() {
        let (catalog, mut sink) = (catalog(31), Sink::default());
        let extended = add(&catalog, [("a", "35F"), ("b", "36F")], &mut sink);
        assert_eq!(extended.models.len(), 32);
        assert_eq!(
            sink.errors,
            ["b: serial prefix `36F` is not in catalog.yaml, and an unnamed model for it would be model 33: a set of \
              models is a 32-bit mask, at most 32 models"]
        );
    }
}
