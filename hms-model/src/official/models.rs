//! The models a field of the official files names: a catalog model by id, or by a serial
//! prefix (`35F`) that Bambu's files list before catalog.yaml names the model.

use crate::model::{Catalog, MAX_MODELS, Model, is_serial_prefix};

/// Resolves the model names of one file against a catalog, and gathers the unnamed models it
/// meets (facts) or refuses them (texts, which must be read against the catalog the facts
/// extended).
pub(super) struct Resolver<'a> {
    catalog: &'a Catalog,
    /// Whether a new unnamed model may be added.
    add: bool,
    /// The unnamed models added, in order of first appearance: model `catalog.models.len() + i`.
    pub(super) unnamed: Vec<String>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(catalog: &'a Catalog, add: bool) -> Resolver<'a> {
        Resolver { catalog, add, unnamed: Vec::new() }
    }

    /// The index (bit) of the model `field` names:
    ///
    /// * a model id of the catalog (named or unnamed);
    /// * else a serial prefix (three ASCII letters or digits, any case): the catalog's named
    ///   model with that prefix when exactly one has it; an unnamed model of the catalog with
    ///   it; else, when adding, a new unnamed model after the others.
    ///
    /// Anything else is an error, as is a prefix two named models share, and a model past
    /// [`MAX_MODELS`].
    pub(super) fn resolve(&mut self, field: &str) -> Result<usize, String> {
        let models = &self.catalog.models;
        if let Some(i) = self.catalog.model_index(field) {
            return Ok(i);
        }
        if !is_serial_prefix(field) {
            return Err(format!("unknown model `{field}`: add it to `models` in catalog.yaml"));
        }
        let has = |m: &Model| m.prefix.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(field));
        let named: Vec<usize> = (0..models.len()).filter(|&i| !models[i].unnamed && has(&models[i])).collect();
        match named[..] {
            [one] => return Ok(one),
            [] => {}
            _ => {
                let ids: Vec<&str> = named.iter().map(|&i| models[i].id.as_str()).collect();
                return Err(format!(
                    "`{field}` is the serial prefix of {}: write the model id instead",
                    ids.join(" and ")
                ));
            }
        }
        if let Some(i) = models.iter().position(|m| m.unnamed && has(m)) {
            return Ok(i);
        }
        let prefix = field.to_ascii_uppercase();
        if let Some(i) = self.unnamed.iter().position(|p| *p == prefix) {
            return Ok(models.len() + i);
        }
        if !self.add {
            return Err(format!(
                "unknown model `{field}`: neither catalog.yaml nor official.tsv lists a model of this serial prefix"
            ));
        }
        let variant = Model::unnamed(&prefix).variant;
        if let Some(m) = models.iter().find(|m| m.variant == variant) {
            return Err(format!(
                "unnamed model `{prefix}` would be variant `{variant}`, which model `{}` has: rename that variant",
                m.id
            ));
        }
        let index = models.len() + self.unnamed.len();
        if index >= MAX_MODELS {
            return Err(format!(
                "unnamed model `{prefix}` would be model {}: a set of models is a 32-bit mask, at most {MAX_MODELS} \
                 models in catalog.yaml and official.tsv together",
                index + 1
            ));
        }
        self.unnamed.push(prefix);
        Ok(index)
    }
}

/// `catalog` with the unnamed models `prefixes` (upper case, in bit order) added after its
/// own, those it has already kept.
pub(super) fn add_unnamed(catalog: &mut Catalog, prefixes: &[String]) {
    for prefix in prefixes {
        if catalog.model_index(prefix).is_none() && catalog.models.len() < MAX_MODELS {
            catalog.models.push(Model::unnamed(prefix));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::official::{parse_facts, parse_texts};

    fn catalog(models: &str) -> crate::Catalog {
        let source = format!(
            "schema: 1\nmodules: [{{ id: \"07\", abbr: AMS, name: AMS, lettered: true, parts: {{ numbers: slots, digits: 0-3 }} }}]\nmodels: [{models}]\n\
             levels: [{{ id: 2, variant: Warning, name: warning, meaning: pauses }}]\n"
        );
        crate::parse(&source, "catalog.yaml").unwrap()
    }

    const BASE: &str = "{ id: X1, prefix: \"00M\", name: X1 }, { id: X1C, prefix: \"00M\", name: X1 Carbon }, \
                        { id: H2D, prefix: \"094\", name: H2D }";
    const FACTS: &str = "hms\t0700200000020003\tH2D,35F\tx1/0700_2000_0002_0003:*;h2/0700_2000_0002_0003:35f\t-\n\
                         hms\t0700200000020004\t094,2AB,35F\t-\t-\n";

    #[test]
    fn an_unknown_serial_prefix_is_an_unnamed_model_after_the_named_ones() {
        let mut catalog = catalog(BASE);
        let facts = parse_facts(FACTS, "official.tsv", &catalog).unwrap();
        assert_eq!(facts.unnamed, ["35F", "2AB"]);
        assert_eq!(facts.codes[0].models, 0b0_1100);
        assert_eq!(facts.codes[0].wiki[1].1, 0b0_1000, "the prefix reads in any case");
        assert_eq!(facts.codes[1].models, 0b1_1100, "094 is H2D, the one model with that prefix");
        facts.add_unnamed_to(&mut catalog);
        let ids: Vec<&str> = catalog.models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["X1", "X1C", "H2D", "35F", "2AB"]);
        let m = &catalog.models[3];
        assert_eq!(
            (m.name.as_str(), m.variant.as_str(), m.prefix.as_deref(), m.unnamed),
            ("unnamed 35F", "Unnamed35F", Some("35F"), true)
        );
        // Adding twice changes nothing; the facts read the same against the extended catalog.
        facts.add_unnamed_to(&mut catalog);
        assert_eq!(catalog.models.len(), 5);
        let again = parse_facts(FACTS, "official.tsv", &catalog).unwrap();
        assert_eq!((again.codes, again.unnamed.len()), (facts.codes, 0));
        let texts = parse_texts("hms\t0700200000020003\t35F\tnew\n", "en.tsv", &catalog).unwrap();
        assert_eq!(texts.texts[0].models, 0b0_1000);
    }

    #[test]
    fn texts_need_the_catalog_the_facts_extended() {
        let errors = parse_texts("hms\t0700200000020003\t35F\tnew\n", "en.tsv", &catalog(BASE)).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "en.tsv:1:22: unknown model `35F`: neither catalog.yaml nor official.tsv lists a model of this serial prefix"
        );
    }

    #[test]
    fn a_model_named_later_keeps_the_prefix_data() {
        let catalog = catalog(&format!("{BASE}, {{ id: NEW, prefix: \"35F\", name: New }}"));
        let facts = parse_facts(FACTS, "official.tsv", &catalog).unwrap();
        assert_eq!(facts.unnamed, ["2AB"]);
        assert_eq!(facts.codes[0].models, 0b0_1100, "35F is NEW, model 3");
        assert_eq!(facts.codes[1].models, 0b1_1100, "2AB is unnamed, model 4");
        let texts = parse_texts("hms\t0700200000020003\t35F\tnew\n", "en.tsv", &catalog).unwrap();
        assert_eq!(texts.texts[0].models, 0b1000);
    }

    #[test]
    fn a_shared_prefix_or_a_malformed_name_stays_an_error() {
        let errors = parse_facts(
            "hms\t0700200000020003\t00M\t-\t-\nhms\t0700200000020004\t3-F,ABCD\t-\t-\n",
            "official.tsv",
            &catalog(BASE),
        )
        .unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "official.tsv:1:22: `00M` is the serial prefix of X1 and X1C: write the model id instead",
                "official.tsv:2:22: unknown model `3-F`: add it to `models` in catalog.yaml",
                "official.tsv:2:22: unknown model `ABCD`: add it to `models` in catalog.yaml",
            ]
        );
    }

    #[test]
    fn models_past_32_are_refused() {
        let named: Vec<String> = (0..31).map(|i| format!("{{ id: M{i}, name: M{i} }}")).collect();
        let catalog = catalog(&named.join(", "));
        let errors = parse_facts("hms\t0700200000020003\t35F,36F,37F\t-\t-\n", "official.tsv", &catalog).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let past = |prefix: &str, n: usize| {
            format!(
                "official.tsv:1:22: unnamed model `{prefix}` would be model {n}: a set of models is a 32-bit mask, at \
                 most 32 models in catalog.yaml and official.tsv together"
            )
        };
        assert_eq!(messages, [past("36F", 33), past("37F", 33)]);
    }
}
