//! The firmware example (firmware/) in QEMU: it decodes MQTT codes through the catalog on a
//! Cortex-M3 with 256K of flash and prints what they mean; its output must be what the same
//! code prints on the host. Needs the thumbv7m-none-eabi target and qemu-system-arm, so it
//! runs only with HMS_FIRMWARE_TEST=1 (.ci/run sets it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use hms_catalog::{AnyCode, Hms, Lang, PrintError};

#[path = "../../firmware/src/codes.rs"]
mod codes;
#[path = "../qr/decode.rs"]
mod decode;
#[path = "../../firmware/src/explain.rs"]
mod explain;
#[path = "../../firmware/src/qr.rs"]
mod qr;

/// The LM3S6965's flash, as firmware/memory.x gives it.
const FLASH: u64 = 256 * 1024;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

/// Builds the image with `features` and returns its path.
fn build(features: &str) -> PathBuf {
    let root = root();
    let target_dir = root.join("target/firmware");
    let mut cargo = Command::new(option_env!("CARGO").unwrap_or("cargo"));
    // The firmware's .cargo/config.toml (target, linker script) applies from its folder.
    cargo.current_dir(root.join("firmware")).args(["build", "--release", "--locked", "--target-dir"]).arg(&target_dir);
    if !features.is_empty() {
        cargo.args(["--features", features]);
    }
    let status = cargo.status().expect("cargo runs");
    assert!(status.success(), "building firmware/ with features [{features}] failed");
    target_dir.join("thumbv7m-none-eabi/release/hms-firmware")
}

/// Bytes the image puts in flash: every allocated section loaded below the RAM's start.
fn flash_bytes(elf: &Path) -> u64 {
    use object::{Object, ObjectSection, SectionFlags};
    let data = std::fs::read(elf).expect("the image is readable");
    let file = object::File::parse(&*data).expect("the image is an ELF file");
    let in_flash = |s: &object::Section| {
        let alloc =
            matches!(s.flags(), SectionFlags::Elf { sh_flags } if sh_flags & u64::from(object::elf::SHF_ALLOC) != 0);
        alloc && s.kind() != object::SectionKind::UninitializedData && s.address() < 0x2000_0000
    };
    file.sections().filter(in_flash).map(|s| s.size()).sum()
}

/// Runs the image in QEMU's lm3s6965evb and returns what it printed.
fn run_in_qemu(image: &Path) -> String {
    let args = ["-cpu", "cortex-m3", "-machine", "lm3s6965evb", "-nographic"];
    let output = hms_tests::run_in_qemu(&args, image, "the firmware");
    assert!(output.status.success(), "the firmware failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("the firmware prints UTF-8")
}

/// What the firmware should print: the same functions, run on the host (the images are built
/// without the catalog's `guides`, so without steps); with `qr`, the wiki page's QR code last.
fn expected(official: Option<Lang>, with_qr: bool) -> String {
    let hms = codes::HMS.iter().map(|&(attr, code)| AnyCode::Hms(Hms::from_mqtt(attr, code)));
    let errors = codes::PRINT_ERRORS.iter().map(|&v| AnyCode::PrintError(PrintError::from_u32(v)));
    let mut out = String::new();
    for code in hms.chain(errors) {
        explain::explain(&mut out, code, false, official).expect("writing to a String works");
    }
    if with_qr {
        let (attr, code) = codes::QR;
        qr::wiki_qr(&mut out, AnyCode::Hms(Hms::from_mqtt(attr, code))).expect("writing to a String works");
    }
    out
}

#[test]
fn firmware_prints_each_code_in_qemu() {
    if std::env::var_os("HMS_FIRMWARE_TEST").is_none_or(|v| v != "1") {
        println!("skipped: set HMS_FIRMWARE_TEST=1 to build firmware/ and run it in qemu-system-arm");
        return;
    }
    for (features, official) in [("", None), ("lang-en", Some(Lang::En)), ("qr", None)] {
        let image = build(features);
        let flash = flash_bytes(&image);
        let name = if features.is_empty() { "facts and titles" } else { features };
        println!("firmware, {name}: {flash} bytes of flash ({:.1}% of 256K)", flash as f64 * 100.0 / FLASH as f64);
        assert!(flash <= FLASH);
        let with_qr = features == "qr";
        let printed = run_in_qemu(&image);
        check_output(&printed, &expected(official, with_qr));
        if official.is_some_and(Lang::has_texts) {
            assert!(expected(official, false).lines().any(|l| l.starts_with("  en: ")), "no official text printed");
        }
        assert_eq!(decode::drawings(&printed).len(), usize::from(with_qr), "QR codes drawn with [{features}]");
        if with_qr {
            check_qr(&printed);
        }
    }
}

/// The firmware's QR code decodes to the wiki page of `codes::QR`.
fn check_qr(printed: &str) {
    let url = "https://wiki.bambulab.com/en/x1/troubleshooting/hmscode/0300_0100_0001_0007";
    assert!(printed.contains(&format!("wiki QR of 0300_0100_0001_0007 ({url}):")), "{printed}");
    let Some(decoder) = decode::Decoder::find() else { return };
    assert_eq!(decoder.decode(&decode::drawings(printed)), [url]);
}

fn check_output(printed: &str, expected: &str) {
    print!("{printed}");
    let mut diff = String::new();
    for (got, want) in printed.lines().zip(expected.lines()) {
        if got != want {
            let _ = writeln!(diff, "firmware: {got}\nhost:     {want}");
        }
    }
    assert!(diff.is_empty(), "the firmware printed differently from the host:\n{diff}");
    assert_eq!(printed.lines().count(), expected.lines().count(), "{printed}");
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines[0], "0701_0100_0001_0004 error: AMS B assist motor does not keep its commanded speed");
    assert!(!printed.contains("  1. "), "a titles-only image printed a step");
    assert!(lines.contains(&"0702_2300_0002_0003 warning: AMS C slot 4 filament may be broken inside the AMS"));
    assert!(lines.contains(&"0500_0100_0002_0001 warning: Camera video processing fault"));
    assert!(lines.contains(&"0300_9900_0002_7777 warning: (unknown code)"));
    assert!(lines.contains(&"0300-4000 error: Z axis homing failed; print job stopped"));
    assert!(lines.contains(&"0300-C0FF info: (unknown code)"));
}
