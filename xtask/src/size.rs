//! `cargo xtask size`: what the catalog adds to flash, per feature set and target, measured
//! on `size-probe` (one lookup whose every text is written out) against the same program
//! without the catalog. Writes docs/SIZE.md.

use std::fmt::Write;
use std::path::Path;
use std::process::Command;

use object::{Object, ObjectSection};

/// Feature sets measured, with the probe's features.
const SETS: [(&str, &str); 5] = [
    ("baseline (no catalog)", ""),
    ("facts only", "catalog"),
    ("English", "lang-en"),
    ("English + German", "lang-en,lang-de"),
    ("all languages", "lang-en,lang-de,lang-zh-cn"),
];

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
    let langs: Vec<String> = ["en", "de", "zh-cn"]
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
    crate::write_atomically(&root.join("docs/SIZE.md"), out.as_bytes()).map_err(|e| format!("docs/SIZE.md: {e}"))?;
    Ok(out)
}
