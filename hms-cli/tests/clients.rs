//! The `hms` binary as clients call it: `--lang` negotiated from any well-formed locale,
//! `--model` of a model the catalog does not know, and reported codes with a reserved byte.

mod common;

use common::{hms, text};

/// `explain --json` of one code with `args`, after checking it exits 0 with nothing on stderr.
fn explain_json(args: &[&str], code: &str) -> serde_json::Value {
    let mut all = vec!["explain", "--json"];
    all.extend_from_slice(args);
    all.push(code);
    let out = hms(&all, "");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "{args:?}");
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    items[0].clone()
}

#[test]
fn lang_is_negotiated_from_any_well_formed_locale() {
    const CODE: &str = "0700_2000_0002_0003";
    let english = explain_json(&["--lang", "en"], CODE);
    let german = explain_json(&["--lang", "de"], CODE);
    assert_eq!((english["lang"].as_str(), german["lang"].as_str()), (Some("en"), Some("de")));
    for (locale, lang, like) in [
        ("de-CH", "de", &german),
        ("de_DE.UTF-8", "de", &german),
        ("DE_at@euro", "de", &german),
        ("ar-EG", "en", &english),
        ("he", "en", &english),
        ("C", "en", &english),
    ] {
        let item = explain_json(&["--lang", locale], CODE);
        assert_eq!(item["lang"], lang, "{locale}");
        assert_eq!(item["text"], like["text"], "{locale}");
    }
    let chinese = explain_json(&["--lang", "zh-Hant-TW"], CODE);
    assert_eq!(chinese["lang"], "zh-cn");
    for (locale, lang) in [("pt-BR", "pt-br"), ("pt_PT.UTF-8", "pt-br"), ("fr-CA", "fr"), ("es", "es")] {
        assert_eq!(explain_json(&["--lang", locale], CODE)["lang"], lang, "{locale}");
    }
    // German texts are compiled in when imported (catalog/texts/de.tsv): then they differ.
    if german["text"].is_string() && std::path::Path::new("../catalog/texts/de.tsv").is_file() {
        assert_ne!(german["text"], english["text"], "German text compiled in");
        let out = hms(&["explain", "--lang", "de-CH", CODE], "");
        let german_text = german["text"].as_str().unwrap();
        assert!(text(&out.stdout).contains(&format!("printer: {german_text}")), "{}", text(&out.stdout));
    }
}

#[test]
fn a_malformed_lang_is_a_usage_error() {
    for bad in ["", "de CH", "dé", "de--CH", "deutsch-de", "d"] {
        let out = hms(&["explain", "--lang", bad, "0700_2000_0002_0003"], "");
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("malformed locale") && stderr.contains("de_DE.UTF-8"), "{bad:?}: {stderr}");
    }
}

#[test]
fn an_unknown_model_gets_the_shared_text_with_a_note() {
    const CODE: &str = "0300_0100_0001_0007";
    let shared = hms(&["explain", CODE], "");
    for unknown in ["Z9", "Z9 Ultra", "ZZZ00A000000001"] {
        let out = hms(&["explain", "--model", unknown, CODE], "");
        assert_eq!(out.status.code(), Some(0), "{unknown}");
        assert_eq!(text(&out.stdout), text(&shared.stdout), "{unknown}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(&format!("unknown printer model `{unknown}`")), "{stderr}");
        assert!(stderr.contains("text most models share"), "{stderr}");
        let out = hms(&["explain", "--json", "--model", unknown, CODE], "");
        let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(items[0]["model"], serde_json::Value::Null, "{unknown}");
        let none: serde_json::Value = serde_json::from_slice(&hms(&["explain", "--json", CODE], "").stdout).unwrap();
        assert_eq!(items[0]["text"], none[0]["text"]);
        assert_eq!(items[0]["wiki_url"], none[0]["wiki_url"]);
    }
    for bad in ["", "H2D\u{1}", "H2D Pró", &"X".repeat(65)] {
        let out = hms(&["explain", "--model", bad, CODE], "");
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(text(&out.stderr).contains("malformed printer model"), "{}", text(&out.stderr));
    }
}

#[test]
fn a_reserved_byte_is_cleared_for_the_lookup_and_the_reported_code_is_shown() {
    // attr 0x07002001: the slicer shows 0700_2000_0002_0003.
    let report = r#"{"print": {"hms": [{"attr": 117448705, "code": 131075}]}}"#;
    let out = hms(&["decode"], report);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("line 1, print.hms[0]:\n0700_2001_0002_0003"), "{stdout}");
    assert!(stdout.contains("key:     0700_2000_0002_0003"), "{stdout}");
    assert!(stdout.contains("AMS A slot 1 filament may be broken inside the AMS"), "{stdout}");
    assert!(!stdout.contains("not in the catalog"), "{stdout}");
    let out = hms(&["decode", "--json"], report);
    let item: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(item["code"], "0700_2001_0002_0003");
    assert_eq!(item["key"], "0700_2000_0002_0003");
    assert_eq!(item["known"], true);
    assert_eq!(item["slot"], 1);
    let explained = explain_json(&[], "0700-20FF-0002-0003");
    assert_eq!(
        (explained["code"].as_str(), explained["key"].as_str()),
        (Some("0700_20FF_0002_0003"), Some("0700_2000_0002_0003"))
    );
    assert_eq!(explained["title"], "AMS A slot 1 filament may be broken inside the AMS");
    assert!(explain_json(&[], "0700_2000_0002_0003").get("key").is_none(), "no key when it is the code");
}
