//! What an official file's name says about it: its kind, language and serial prefix.

/// What a file is, by its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `hms_<lang>_<prefix>.json`: one model's texts (the slicer's file, or its older shape).
    PerModel { lang: String, prefix: String },
    /// `hms_action_<prefix>.json`: one model's action ids.
    Actions { prefix: String },
    /// `hms_<lang>.json`: texts of every model, merged (the Home Assistant integration's file).
    Merged { lang: String },
    /// `wiki_links.json`: wiki pages per code.
    Wiki,
}

impl Kind {
    /// The serial prefix a per-model or action file's name gives.
    pub fn prefix(&self) -> Option<&str> {
        match self {
            Kind::PerModel { prefix, .. } | Kind::Actions { prefix } => Some(prefix),
            Kind::Merged { .. } | Kind::Wiki => None,
        }
    }
}

/// `zh-Hans`, `zh_cn`, `zh-CN`, `zh` are `zh-cn`; other tags are lower-cased with `-`.
pub fn normalise_lang(tag: &str) -> Option<String> {
    let lang = tag.trim().to_ascii_lowercase().replace('_', "-");
    let lang = match lang.as_str() {
        "zh" | "zh-hans" | "zh-cn" | "zh-hans-cn" => "zh-cn".to_owned(),
        _ => lang,
    };
    let valid = !lang.is_empty()
        && lang.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()));
    valid.then_some(lang)
}

/// The kind of file `name` is, if it is one the import reads.
///
/// `hms_<lang>_<prefix>` has a last `_` part of three characters (serial prefixes are three
/// characters; language regions such as `cn` or `Hans` are not).
pub fn classify(name: &str) -> Option<Result<Kind, String>> {
    if name == "wiki_links.json" {
        return Some(Ok(Kind::Wiki));
    }
    let stem = name.strip_prefix("hms_")?.strip_suffix(".json")?;
    if let Some(prefix) = stem.strip_prefix("action_") {
        return Some(Ok(Kind::Actions { prefix: prefix.to_owned() }));
    }
    let (lang, prefix) = match stem.rsplit_once('_') {
        Some((lang, prefix)) if prefix.chars().count() == 3 => (lang, Some(prefix)),
        _ => (stem, None),
    };
    let Some(lang) = normalise_lang(lang) else {
        return Some(Err(format!("`{lang}` in the file name is not a language tag (en, de, zh-cn...)")));
    };
    Some(Ok(match prefix {
        Some(prefix) => Kind::PerModel { lang, prefix: prefix.to_owned() },
        None => Kind::Merged { lang },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str) -> Option<Kind> {
        classify(name).map(|k| k.unwrap())
    }

    #[test]
    fn names_give_kind_language_and_prefix() {
        let per_model = |lang: &str, prefix: &str| Kind::PerModel { lang: lang.into(), prefix: prefix.into() };
        assert_eq!(kind("hms_en_094.json"), Some(per_model("en", "094")));
        assert_eq!(kind("hms_zh-cn_20P.json"), Some(per_model("zh-cn", "20P")));
        assert_eq!(kind("hms_zh_cn_31B.json"), Some(per_model("zh-cn", "31B")));
        assert_eq!(kind("hms_action_094.json"), Some(Kind::Actions { prefix: "094".into() }));
        assert_eq!(kind("hms_zh-Hans.json"), Some(Kind::Merged { lang: "zh-cn".into() }));
        assert_eq!(kind("hms_zh_CN.json"), Some(Kind::Merged { lang: "zh-cn".into() }));
        assert_eq!(kind("hms_de.json"), Some(Kind::Merged { lang: "de".into() }));
        assert_eq!(kind("wiki_links.json"), Some(Kind::Wiki));
        assert_eq!(kind("H2D.json"), None);
        assert!(classify("hms_e n_094.json").unwrap().is_err());
    }
}
