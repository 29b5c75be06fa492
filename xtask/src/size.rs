//! `cargo xtask size`: what the catalog adds to flash, per feature set and target, measured
//! on `size-probe` (one lookup whose every text is written out) against the same program
//! without the catalog. Writes docs/SIZE.md.

use std::fmt::Write;
use std::path::Path;
use std::process::Command;

use object::{Object, ObjectSection};

/// Feature sets measured, with the probe's features.
const SETS: [(&str, &str); 9] = [
    ("baseline (no catalog)", ""),
    ("facts + titles (`default-features = false`)", "catalog"),
    ("facts + the whole own catalog (`guides`)", "guides"),
    ("facts + titles + English", "lang-en"),
    ("`guides` + wiki pages", "guides,wiki"),
    ("`guides` + English", "guides,lang-en"),
    ("`guides` + English + wiki pages (default features)", "guides,lang-en,wiki"),
    ("`guides` + English + German", "guides,lang-en,lang-de"),
    ("`guides` + all languages", "guides,lang-all"),
];

/// Bytes of each table, as the build lays them out: the catalog's own entries, the official
/// facts, the wiki pages and each language's texts.
fn table_bytes(root: &Path, langs: &[String]) -> Result<Vec<(String, usize)>, String> {
    let mut catalog = hms_model::load(&root.join("catalog.yaml"), "catalog.yaml")
        .map_err(|d| format!("catalog.yaml: {} errors", d.len()))?;
    let source =
        std::fs::read_to_string(root.join("catalog/official.tsv")).map_err(|e| format!("official.tsv: {e}"))?;
    let facts = hms_model::official::parse_facts(&source, "official.tsv", &catalog)
        .map_err(|d| format!("official.tsv: {} errors", d.len()))?;
    // Printers official.tsv lists by a serial prefix catalog.yaml lacks, as the build adds them.
    facts.add_unnamed_to(&mut catalog);
    let tables = hms_model::tables::build(&catalog, Some(&facts))?;
    let t = tables.view();
    let c = &t.catalog;
    let records =
        c.entries.bytes().len() + c.patterns.bytes().len() + c.sides.bytes().len() + t.facts.rules.bytes().len();
    let titles = tables.title_bytes();
    let own = records
        + c.guides.bytes().len()
        + c.text_bytes()
        + c.procedures.bytes().len()
        + c.lists.bytes().len()
        + c.names.len();
    let fact_bytes = t.facts.byte_len();
    let raw = |texts: &mut dyn Iterator<Item = &String>| texts.map(String::len).sum::<usize>();
    let raw_titles = raw(&mut catalog.codes.iter().map(|c| &c.title));
    let raw_all = raw_titles
        + raw(&mut catalog.codes.iter().flat_map(|c| [&c.meaning].into_iter().chain(&c.note).chain(&c.causes)))
        + raw(&mut catalog
            .procedures
            .iter()
            .flat_map(|p| [&p.title].into_iter().chain(&p.steps).chain(&p.parts).chain(&p.support)));
    let mut rows = vec![
        (
            format!(
                "official facts: {} codes in {} rows (code, channel, level, models, each code's rule)",
                t.facts.records,
                t.facts.row_count()
            ),
            fact_bytes,
        ),
        (
            format!(
                "catalog entries: {} records, and their {} patterns: the rules that lead each row's codes to them",
                t.entry_count(),
                t.facts.rules.len()
            ),
            records,
        ),
        (
            format!(
                "catalog titles: {} titles ({raw_titles} bytes of text), compressed, with the dictionary they use",
                catalog.codes.len()
            ),
            titles,
        ),
        ("**facts + titles** (`default-features = false`; goal 48 KB)".to_owned(), fact_bytes + records + titles),
        (
            format!(
                "**the whole own catalog** (`guides`): {} entries and {} procedures, titles, meanings, notes, causes, steps, parts ({raw_all} bytes of text), compressed with one dictionary (goal 200 KB)",
                catalog.codes.len(),
                catalog.procedures.len()
            ),
            own,
        ),
        (
            "alert classes of entries and silent official codes (always compiled in: `Lookup::alert`, `Lookup::is_silent`)"
                .to_owned(),
            t.alerts.byte_len(),
        ),
        ("wiki pages (`wiki`)".to_owned(), t.wiki.byte_len()),
        ("the buttons each printer offers per code (`actions`)".to_owned(), t.actions.byte_len()),
    ];
    for lang in langs {
        let file = format!("catalog/texts/{lang}.tsv");
        let source = std::fs::read_to_string(root.join(&file)).map_err(|e| format!("{file}: {e}"))?;
        let texts = hms_model::official::parse_texts(&source, &file, &catalog)
            .map_err(|d| format!("{file}: {} errors", d.len()))?;
        let table = hms_model::tables::build_texts(&tables.layout, &facts, &texts, lang)?;
        let bytes = hms_core::layout::bake::Part::view(&table).byte_len();
        rows.push((format!("{lang} texts (`lang-{lang}`)"), bytes));
    }
    Ok(rows)
}

/// Targets measured: a Cortex-M4F and bare-metal x86_64.
const TARGETS: [&str; 2] = ["thumbv7em-none-eabihf", "x86_64-unknown-none"];

/// Bytes of code and read-only data in an ELF file.
fn flash_bytes(elf: &Path) -> Result<(u64, u64), String> {
    let data = std::fs::read(elf).map_err(|e| format!("{}: {e}", elf.display()))?;
    let file = object::File::parse(&*data).map_err(|e| format!("{}: {e}", elf.display()))?;
    let (mut text, mut rodata) = (0, 0);
    for section in file.sections() {
        let name = section.name().unwrap_or_default();
        if name.starts_with(".text") {
            text += section.size();
        } else if name.starts_with(".rodata") {
            rodata += section.size();
        }
    }
    Ok((text, rodata))
}

fn build(root: &Path, target: &str, features: &str) -> Result<(u64, u64), String> {
    let probe = root.join("size-probe");
    let target_dir = root.join("target/size-probe");
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo
        .current_dir(&probe)
        .args(["build", "--release", "--quiet", "--target", target])
        .arg("--target-dir")
        .arg(&target_dir);
    if !features.is_empty() {
        cargo.args(["--features", features]);
    }
    let status = cargo.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "building size-probe for {target} with features [{features}] failed (is the target installed? `rustup target add {target}`)"
        ));
    }
    flash_bytes(&target_dir.join(target).join("release/hms-size-probe"))
}

/// Measures every feature set on every target and writes docs/SIZE.md.
pub fn size(root: &Path) -> Result<String, String> {
    let texts = root.join("catalog/texts");
    let langs: Vec<String> = hms_model::official::LANGS
        .iter()
        .filter(|l| texts.join(format!("{l}.tsv")).is_file())
        .map(|l| l.to_string())
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "<!-- written by `cargo xtask size`; numbers from the machine that ran it -->\n");
    let _ = writeln!(out, "# Flash size of the catalog\n");
    let _ = writeln!(
        out,
        "What `hms-catalog` adds to a release build (`opt-level = \"s\"`, LTO) of `size-probe`, a bare-metal \
         program that looks one code up and writes every text it can reach, against the same program \
         without the catalog. `.text` + `.rodata` bytes. Imported texts present: {}.\n",
        if langs.is_empty() { "none (language rows measure empty tables)".to_owned() } else { langs.join(", ") }
    );
    let _ = writeln!(out, "## Tables\n");
    let _ = writeln!(out, "Bytes of each table, before the linker (the same on every target).\n");
    let _ = writeln!(out, "| table | bytes |");
    let _ = writeln!(out, "|---|---:|");
    for (name, bytes) in table_bytes(root, &langs)? {
        let _ = writeln!(out, "| {name} | {bytes} |");
    }
    out.push('\n');
    for target in TARGETS {
        let _ = writeln!(out, "## {target}\n");
        let _ = writeln!(out, "| feature set | .text | .rodata | total | added by the catalog |");
        let _ = writeln!(out, "|---|---:|---:|---:|---:|");
        let mut baseline = None;
        for (name, features) in SETS {
            let (text, rodata) = build(root, target, features)?;
            let total = text + rodata;
            let base = *baseline.get_or_insert(total);
            let _ = writeln!(out, "| {name} | {text} | {rodata} | {total} | {} |", total - base);
        }
        out.push('\n');
    }
    // The web page's section is `cargo xtask site`'s: kept as it is.
    let path = root.join("docs/SIZE.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if let Some((_, web)) = old.split_once(&format!("\n{}\n", crate::site::SIZE_SECTION)) {
        let _ = write!(out, "{}\n{web}", crate::site::SIZE_SECTION);
    }
    crate::write_atomically(&path, out.as_bytes()).map_err(|e| format!("docs/SIZE.md: {e}"))?;
    Ok(out)
}
