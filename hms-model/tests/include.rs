//! `include:`: procedures and codes spread over several files, checked as one catalog, each
//! diagnostic naming the file it is in.

use std::collections::HashMap;

const CATALOG: &str = r#"schema: 1
modules:
  - { id: "07", abbr: AMS, name: Automated Material System, lettered: true, parts: { numbers: slots, digits: 0-3 } }
  - { id: "03", abbr: MC, name: Motion Controller }
levels:
  - { id: 1, variant: Error, name: error, meaning: stops }
  - { id: 2, variant: Warning, name: warning, meaning: pauses }
include:
  - catalog/ams.yaml
  - catalog/mc.yaml
procedures:
  - name: reload
    title: Reload the slot
    steps: ["Reload AMS {ams} slot {slot}"]
codes:
  - code: 0300_400C
    title: stopped
    meaning: print error channel
    procedure: heater
"#;

const AMS: &str = r#"codes:
  - code: 07xx_2x00_0002_0001
    variant: RunOut
    title: AMS {ams} slot {slot} ran out
    meaning: empty
    procedure: reload
"#;

const MC: &str = r#"procedures:
  - name: heater
    title: Check the heater
    steps: [Check it]
codes:
  - code: 0300_0100_0001_0001
    title: Heatbed heater shorted
    meaning: shorted
    procedure: heater
"#;

fn parse(files: &[(&str, &str)]) -> Result<hms_model::Catalog, Vec<String>> {
    let files: HashMap<&str, &str> = files.iter().copied().collect();
    hms_model::parse_with(files["catalog.yaml"], "catalog.yaml", |path| {
        files.get(path).map(|s| s.to_string()).ok_or_else(|| "No such file or directory".to_owned())
    })
    .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

#[test]
fn included_files_share_procedures_and_codes_with_the_catalog() {
    let catalog = parse(&[("catalog.yaml", CATALOG), ("catalog/ams.yaml", AMS), ("catalog/mc.yaml", MC)]).unwrap();
    let codes: Vec<String> = catalog.codes.iter().map(|c| c.spelled()).collect();
    // The catalog's codes first, then each included file's, in `include` order.
    assert_eq!(codes, ["0300_400C", "07xx_2x00_0002_0001", "0300_0100_0001_0001"]);
    let procedure = |i: usize| catalog.codes[i].procedure.map(|p| catalog.procedures[p].name.as_str());
    assert_eq!([procedure(0), procedure(1), procedure(2)], [Some("heater"), Some("reload"), Some("heater")]);
    assert_eq!(catalog.includes, ["catalog/ams.yaml", "catalog/mc.yaml"]);
}

#[test]
fn every_file_is_checked_and_named_in_one_run() {
    let catalog = CATALOG.replace("meaning: print error channel", "meaning: \"\"");
    let ams = AMS.replace("procedure: reload", "procedure: nowhere");
    let mc = format!("{MC}  - code: 0300_0100_0001_0001\n    title: again\n    meaning: twice\n");
    let errors = parse(&[("catalog.yaml", &catalog), ("catalog/ams.yaml", &ams), ("catalog/mc.yaml", &mc)]);
    assert_eq!(
        errors.unwrap_err(),
        [
            "catalog.yaml:18:14: empty text",
            "catalog/ams.yaml:6:16: no procedure named `nowhere` in `procedures`",
            "catalog/mc.yaml:10:11: duplicate code 0300_0100_0001_0001: already listed at line 6",
        ]
    );
}

#[test]
fn duplicates_across_files_name_the_other_file() {
    let mc = MC.replace("0300_0100_0001_0001", "0300_400C").replace("name: heater", "name: reload");
    let errors = parse(&[("catalog.yaml", CATALOG), ("catalog/ams.yaml", AMS), ("catalog/mc.yaml", &mc)]);
    let errors = errors.unwrap_err();
    assert!(errors.contains(&"catalog/mc.yaml:2:11: duplicate procedure `reload`".to_owned()), "{errors:?}");
    assert!(
        errors
            .contains(&"catalog/mc.yaml:6:11: duplicate code 0300_400C: already listed at catalog.yaml:16".to_owned()),
        "{errors:?}"
    );
}

#[test]
fn an_included_file_holds_procedures_and_codes_only() {
    let ams = format!("schema: 1\ninclude: [other.yaml]\nlevels: []\n{AMS}");
    let errors = parse(&[("catalog.yaml", CATALOG), ("catalog/ams.yaml", &ams), ("catalog/mc.yaml", MC)]);
    let errors = errors.unwrap_err();
    let expected = ["1:1: section `schema`", "2:1: section `include`", "3:1: section `levels`"];
    assert_eq!(errors.len(), expected.len(), "{errors:?}");
    for (error, start) in errors.iter().zip(expected) {
        assert!(error.starts_with(&format!("catalog/ams.yaml:{start} is not allowed in an included file")), "{error}");
    }
}

#[test]
fn a_missing_or_refused_include_is_placed_at_its_item() {
    let catalog =
        CATALOG.replace("  - catalog/mc.yaml\n", "  - catalog/gone.yaml\n  - ../up.yaml\n  - catalog/ams.yaml\n");
    let errors = parse(&[("catalog.yaml", &catalog), ("catalog/ams.yaml", AMS), ("catalog/mc.yaml", MC)]);
    assert_eq!(
        errors.unwrap_err(),
        [
            "catalog.yaml:10:5: cannot read included file `catalog/gone.yaml`: No such file or directory",
            "catalog.yaml:11:5: cannot include `../up.yaml`: an included file must be inside the catalog's folder (no `..`)",
            "catalog.yaml:12:5: `catalog/ams.yaml` is included twice",
            // The procedure of the file that could not be read.
            "catalog.yaml:21:16: no procedure named `heater` in `procedures`",
        ]
    );
    let errors = parse(&[("catalog.yaml", &CATALOG.replace("  - catalog/ams.yaml\n  - catalog/mc.yaml\n", " 3\n"))]);
    assert_eq!(errors.unwrap_err()[0], "catalog.yaml:9:2: `include` must be a list of file paths");
}

#[test]
fn parse_reads_no_files() {
    let errors = hms_model::parse(CATALOG, "catalog.yaml").unwrap_err();
    assert!(errors[0].to_string().starts_with("catalog.yaml:9:5: cannot read included file `catalog/ams.yaml`: "));
}

#[test]
fn limits_apply_to_included_files() {
    let big = format!("codes: []\n#{}\n", "x".repeat(hms_model::MAX_SOURCE_BYTES));
    let errors = parse(&[("catalog.yaml", CATALOG), ("catalog/ams.yaml", &big), ("catalog/mc.yaml", MC)]).unwrap_err();
    assert!(errors[0].starts_with("catalog/ams.yaml:1:1: the included file is "), "{errors:?}");
    let alias = "procedures:\n  - &p { name: a, title: t, steps: [s] }\n  - *p\n";
    let errors =
        parse(&[("catalog.yaml", CATALOG), ("catalog/ams.yaml", AMS), ("catalog/mc.yaml", alias)]).unwrap_err();
    // The file is left out (so the catalog misses its procedure), and says why.
    assert!(errors[1].starts_with("catalog/mc.yaml:3:5: aliases (`*name`) are not supported"), "{errors:?}");
    let deep = format!("codes: {}{}\n", "[".repeat(40), "]".repeat(40));
    let errors =
        parse(&[("catalog.yaml", CATALOG), ("catalog/ams.yaml", AMS), ("catalog/mc.yaml", &deep)]).unwrap_err();
    assert!(errors[1].starts_with("catalog/mc.yaml:1:"), "{errors:?}");
    assert!(errors[1].contains("nested more than"), "{errors:?}");
}

#[test]
fn load_reads_includes_beside_the_catalog() {
    let dir = std::env::temp_dir().join(format!("hms-model-include-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("catalog")).unwrap();
    std::fs::write(dir.join("catalog.yaml"), CATALOG).unwrap();
    std::fs::write(dir.join("catalog/ams.yaml"), AMS).unwrap();
    std::fs::write(dir.join("catalog/mc.yaml"), MC.replace("title: Check the heater", "title: \"\"")).unwrap();
    let errors = hms_model::load(&dir.join("catalog.yaml"), "x/catalog.yaml").unwrap_err();
    assert_eq!(errors.iter().map(ToString::to_string).collect::<Vec<_>>(), ["x/catalog/mc.yaml:3:12: empty text"]);
    std::fs::remove_file(dir.join("catalog/mc.yaml")).unwrap();
    let errors = hms_model::load(&dir.join("catalog.yaml"), "catalog.yaml").unwrap_err();
    assert!(errors[0].to_string().starts_with("catalog.yaml:10:5: cannot read included file `catalog/mc.yaml`"));
    std::fs::remove_dir_all(dir).unwrap();
}
