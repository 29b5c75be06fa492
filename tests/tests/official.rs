//! The catalog against Bambu's official HMS files: every entry must be a code the printers
//! really report. Runs when the files are present (`HMS_OFFICIAL_DIR`, or
//! `../shared/hms-official` beside the repository); otherwise it says it skipped.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use hms_catalog::{AnyCode, Hms, PrintError, entries, lookup};

fn official_dir() -> Option<PathBuf> {
    hms_tests::official_dir("bambustudio")
}

/// Every HMS and print_error code of the English files: BambuStudio's per-model lists and the
/// merged lists that also carry the older models' codes.
fn official_codes(dir: &std::path::Path) -> (HashSet<u64>, HashSet<u32>) {
    let (mut hms, mut errors) = (HashSet::new(), HashSet::new());
    let mut add = |section: &str, ecode: &str| {
        if section == "device_hms" {
            hms.extend(Hms::parse(ecode).ok().map(Hms::to_u64));
        } else {
            errors.extend(PrintError::parse(ecode).ok().map(PrintError::to_u32));
        }
    };
    for file in std::fs::read_dir(dir.join("bambustudio")).unwrap() {
        let path = file.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("hms_en_") {
            continue;
        }
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for section in ["device_hms", "device_error"] {
            for entry in json["data"][section]["en"].as_array().into_iter().flatten() {
                add(section, entry["ecode"].as_str().unwrap_or_default());
            }
        }
    }
    // The merged list: `{device_hms: {ecode: text}, device_error: {ecode: text}}`.
    if let Ok(bytes) = std::fs::read(dir.join("ha-bambulab/hms_en.json")) {
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        for section in ["device_hms", "device_error"] {
            for ecode in json[section].as_object().into_iter().flat_map(|m| m.keys()) {
                add(section, ecode);
            }
        }
    }
    (hms, errors)
}

#[test]
fn every_catalog_entry_is_an_official_code() {
    let Some(dir) = official_dir() else {
        println!("skipped: official HMS files not found (set HMS_OFFICIAL_DIR)");
        return;
    };
    let (hms, errors) = official_codes(&dir);
    assert!(hms.len() > 5000 && errors.len() > 1000, "{} hms, {} print_error codes read", hms.len(), errors.len());
    // How many official codes each pattern answers for.
    let mut members: HashMap<String, usize> = HashMap::new();
    let codes = hms.iter().map(|&h| AnyCode::Hms(Hms::from_u64(h)));
    for code in codes.chain(errors.iter().map(|&e| AnyCode::PrintError(PrintError::from_u32(e)))) {
        if let Some(entry) = lookup(code).entry() {
            *members.entry(entry.pattern().to_string()).or_default() += 1;
        }
    }
    let mut missing = Vec::new();
    for entry in entries() {
        for pattern in entry.patterns() {
            let official = members.get(&pattern.to_string()).copied().unwrap_or(0);
            // A family stands for codes that differ in unit or slot: at least two of them.
            let needed = if pattern.is_family() { 2 } else { 1 };
            if official < needed {
                missing.push(format!("{pattern} ({official} official members)"));
            }
        }
    }
    assert!(missing.is_empty(), "catalog patterns that are not official codes: {missing:#?}");
}

/// The texts each BambuStudio file gives, first entry wins, empty texts falling back to the
/// English file of the same model: what `lookup` must answer for that model and language.
#[test]
fn every_official_text_matches_its_file() {
    use hms_catalog::{Lang, Model, OfficialText, lookup};
    let Some(dir) = official_dir() else {
        println!("skipped: official HMS files not found (set HMS_OFFICIAL_DIR)");
        return;
    };
    if !Lang::En.has_texts() {
        println!("skipped: no official texts compiled in (run `cargo xtask regenerate --official ...` first)");
        return;
    }
    let read = |lang: &str, prefix: &str| -> Option<Vec<(String, String)>> {
        let path = dir.join("bambustudio").join(format!("hms_{lang}_{prefix}.json"));
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for section in ["device_hms", "device_error"] {
            for entry in json["data"][section][lang].as_array().into_iter().flatten() {
                let (code, text) = (entry["ecode"].as_str()?.to_owned(), entry["intro"].as_str()?.to_owned());
                if seen.insert(code.clone()) {
                    out.push((code, text));
                }
            }
        }
        Some(out)
    };
    // Printers the merged lists name are served by them (the newer source): client_rule.rs
    // checks those. Here, the printers whose per-model file is their newest source.
    let mut merged_names = HashSet::new();
    for entry in std::fs::read_dir(dir.join("ha-bambulab")).into_iter().flatten().flatten() {
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&std::fs::read(entry.path()).unwrap_or_default())
        else {
            continue;
        };
        for section in ["device_hms", "device_error"] {
            for texts in json[section].as_object().into_iter().flat_map(|m| m.values()) {
                for models in texts.as_object().into_iter().flat_map(|t| t.values()) {
                    let names = models.as_array().into_iter().flatten().filter_map(|m| m.as_str());
                    merged_names.extend(names.map(str::to_owned));
                }
            }
        }
    }
    let (mut checked, mut mismatches) = (0, Vec::new());
    for &model in Model::ALL {
        let Some(prefix) = model.serial_prefix() else { continue };
        if merged_names.contains(model.id()) {
            println!("{}: served by the merged lists (newer), checked by client_rule.rs", model.id());
            continue;
        }
        if read("en", prefix).is_none() {
            continue;
        }
        for &lang in Lang::ALL {
            if !lang.has_texts() {
                println!("skipped {lang}: its texts are not compiled in");
                continue;
            }
            let Some(entries) = read(lang.code(), prefix) else { continue };
            for (code, text) in entries {
                // An empty text gives way to the language's default: client_rule.rs checks it.
                if text.is_empty() {
                    continue;
                }
                let expected = text;
                let found = lookup(AnyCode::parse(&code).unwrap());
                let said = found.official().map(|o| o.text(Some(model), lang));
                let ok = match said {
                    Some(OfficialText::Text(t)) => t.to_string() == expected,
                    Some(OfficialText::Silent) => expected.is_empty(),
                    _ => false,
                };
                checked += 1;
                if !ok && mismatches.len() < 10 {
                    mismatches.push(format!(
                        "{} {lang} {code}: expected {expected:?}, got {:?}",
                        model.id(),
                        said.map(|s| s.text().map(|t| t.to_string()))
                    ));
                }
            }
        }
    }
    println!("checked {checked} texts");
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert!(checked > 10_000, "only {checked} texts checked");
}

#[test]
fn every_official_code_is_recognised() {
    let Some(dir) = official_dir() else {
        println!("skipped: official HMS files not found (set HMS_OFFICIAL_DIR)");
        return;
    };
    let (hms, errors) = official_codes(&dir);
    let unknown_hms = hms.iter().filter(|&&c| !hms_catalog::lookup(Hms::from_u64(c)).is_known()).count();
    let unknown_errors = errors.iter().filter(|&&c| !hms_catalog::lookup(PrintError::from_u32(c)).is_known()).count();
    println!("{} HMS and {} print_error codes in the official files", hms.len(), errors.len());
    assert_eq!((hms.len(), errors.len()), (5365, 1124));
    assert_eq!((unknown_hms, unknown_errors), (0, 0));
}
