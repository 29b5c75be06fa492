//! The C library without std, on bare metal. For Cortex-M4F it builds the static library for
//! thumbv7em-none-eabihf with `--no-default-features --features guides,actions`, links it with the
//! shared C checks (tests/c/checks.c) into an image for QEMU's mps2-an386
//! (tests/c/bare-metal/), runs it with semihosting and checks what it prints. For Cortex-M4F
//! and RISC-V (riscv32imc-unknown-none-elf, the ESP32-C3's) it measures what the library adds
//! to a firmware: the library alone, every `hms_*` function kept, linked by rust-lld with
//! unused sections dropped.
//!
//! Needs the targets, arm-none-eabi-gcc with newlib and qemu-system-arm, so it runs only with
//! HMS_BARE_METAL_TEST=1 (.ci/run sets it), and skips a part whose tools are missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const CORTEX_M4F: &str = "thumbv7em-none-eabihf";
const RISCV: &str = "riscv32imc-unknown-none-elf";

fn enabled() -> bool {
    let on = std::env::var_os("HMS_BARE_METAL_TEST").is_some_and(|v| v == "1");
    if !on {
        println!("skipped: set HMS_BARE_METAL_TEST=1 to build the C library for bare metal and run it in QEMU");
    }
    on
}

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `program --version` runs.
fn has_tool(program: &str) -> bool {
    Command::new(program).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

/// The toolchain's sysroot (`rustc --print sysroot`).
fn sysroot() -> PathBuf {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let out = Command::new(rustc).args(["--print", "sysroot"]).output().expect("rustc runs");
    PathBuf::from(String::from_utf8(out.stdout).expect("a UTF-8 path").trim())
}

/// Whether the standard library of `target` is installed (`rustup target add <target>`).
fn has_target(target: &str) -> bool {
    sysroot().join("lib/rustlib").join(target).join("lib").is_dir()
}

/// rust-lld, shipped with the toolchain.
fn rust_lld() -> Option<PathBuf> {
    let lib = sysroot().join("lib/rustlib");
    std::fs::read_dir(lib).ok()?.flatten().map(|dir| dir.path().join("bin/rust-lld")).find(|p| p.is_file())
}

/// Builds the static library without std for `target` with `features` (release, in the test's
/// own target directory) and returns its path.
fn static_library(target: &str, features: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    // target/<profile>/deps/<test> -> target
    let target_dir = exe.ancestors().nth(3).expect("tests run from target/<profile>/deps");
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args(["build", "--quiet", "--locked", "--release", "--lib", "--no-default-features", "--target", target])
        .arg("--manifest-path")
        .arg(crate_dir().join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir);
    if !features.is_empty() {
        cargo.args(["--features", features]);
    }
    let status = cargo.status().expect("cargo runs");
    assert!(status.success(), "building hms-ffi for {target} with features [{features}] failed");
    let library = target_dir.join(target).join("release/libhms_ffi.a");
    assert!(library.is_file(), "cargo built the library but {} is missing", library.display());
    library
}

/// Bytes of flash (code, read-only data, initial data) and of RAM (data and bss) an image uses.
fn flash_and_ram(elf: &Path) -> (u64, u64) {
    use object::{Object, ObjectSection, SectionFlags, SectionKind};
    let data = std::fs::read(elf).expect("the image is readable");
    let file = object::File::parse(&*data).expect("the image is an ELF file");
    let (mut flash, mut ram) = (0, 0);
    for section in file.sections() {
        let alloc = matches!(section.flags(), SectionFlags::Elf { sh_flags } if sh_flags & u64::from(object::elf::SHF_ALLOC) != 0);
        if !alloc {
            continue;
        }
        let writable = matches!(section.flags(), SectionFlags::Elf { sh_flags } if sh_flags & u64::from(object::elf::SHF_WRITE) != 0);
        if section.kind() != SectionKind::UninitializedData {
            flash += section.size();
        }
        if writable {
            ram += section.size();
        }
    }
    (flash, ram)
}

/// The `hms_*` functions the header declares.
fn exported_functions() -> Vec<String> {
    let header = std::fs::read_to_string(crate_dir().join("include/hms_catalog.h")).expect("the header is readable");
    let mut names: Vec<String> = header
        .lines()
        .filter_map(|line| line.strip_prefix("int "))
        .filter_map(|rest| rest.split('(').next())
        .filter(|name| name.starts_with("hms_"))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Links the library alone, keeping every `hms_*` function, and returns the image's flash and
/// RAM: what the library adds to a firmware that calls all of it.
fn library_alone(lld: &Path, target: &str, library: &Path) -> (u64, u64) {
    let functions = exported_functions();
    assert!(functions.len() >= 10, "{functions:?}");
    let image = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hms-ffi-alone-{target}.elf"));
    let mut link = Command::new(lld);
    link.args(["-flavor", "gnu", "--gc-sections", "--entry", "hms_lookup"]);
    for name in &functions {
        link.arg(format!("--undefined={name}"));
    }
    let out = link.arg(library).arg("-o").arg(&image).output().expect("rust-lld runs");
    assert!(out.status.success(), "rust-lld failed:\n{}", String::from_utf8_lossy(&out.stderr));
    flash_and_ram(&image)
}

#[test]
fn library_size_on_bare_metal_targets() {
    if !enabled() {
        return;
    }
    let Some(lld) = rust_lld() else {
        println!("skipped: the toolchain has no rust-lld to link the library alone");
        return;
    };
    for target in [CORTEX_M4F, RISCV] {
        if !has_target(target) {
            println!("skipped {target}: its standard library is not installed (rustup target add {target})");
            continue;
        }
        for features in ["", "guides"] {
            let (flash, ram) = library_alone(&lld, target, &static_library(target, features));
            let name = if features.is_empty() { "facts + titles" } else { "facts + titles + guides" };
            println!("{target}, {name}: the library alone takes {flash} bytes of flash, {ram} of RAM");
            assert!(flash > 0);
        }
    }
}

/// Compiles the bare-metal test program with the library into an image for mps2-an386.
fn bare_metal_image(library: &Path) -> PathBuf {
    let c = crate_dir().join("tests/c");
    let image = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hms-ffi-bare-metal.elf");
    let compiled = Command::new("arm-none-eabi-gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-Os"])
        .args(["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"])
        .args(["-ffunction-sections", "-fdata-sections", "--specs=rdimon.specs", "-nostartfiles"])
        .arg("-T")
        .arg(c.join("bare-metal/mps2-an386.ld"))
        .arg("-I")
        .arg(crate_dir().join("include"))
        .arg(c.join("bare-metal/startup.c"))
        .arg(c.join("bare-metal/main.c"))
        .arg(c.join("checks.c"))
        .arg(library)
        .args(["-Wl,--gc-sections", "-Wl,-z,noexecstack", "-o"])
        .arg(&image)
        .output()
        .expect("arm-none-eabi-gcc runs");
    assert!(compiled.status.success(), "arm-none-eabi-gcc failed:\n{}", String::from_utf8_lossy(&compiled.stderr));
    image
}

/// Runs the image in QEMU's mps2-an386 and returns its exit status and what it printed.
fn run_in_qemu(image: &Path) -> (bool, String) {
    let args = ["-machine", "mps2-an386", "-nographic", "-monitor", "none", "-serial", "none"];
    let out = hms_tests::run_in_qemu(&args, image, "the bare-metal program");
    let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), printed)
}

#[test]
fn c_checks_pass_on_cortex_m4f_in_qemu() {
    if !enabled() {
        return;
    }
    for tool in ["arm-none-eabi-gcc", "qemu-system-arm"] {
        if !has_tool(tool) {
            println!(
                "skipped: {tool} is not installed (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm)"
            );
            return;
        }
    }
    if !has_target(CORTEX_M4F) {
        println!("skipped: the {CORTEX_M4F} standard library is not installed (rustup target add {CORTEX_M4F})");
        return;
    }
    let image = bare_metal_image(&static_library(CORTEX_M4F, "guides,actions"));
    let (flash, ram) = flash_and_ram(&image);
    println!("mps2-an386 image (library, checks, newlib with printf): {flash} bytes of flash, {ram} of RAM");
    let (ok, printed) = run_in_qemu(&image);
    print!("{printed}");
    assert!(ok, "the bare-metal program failed");
    let lines: Vec<&str> = printed.lines().collect();
    for want in [
        "0701_0100_0001_0004 error: AMS B assist motor does not keep its commanded speed",
        "0702_2300_0002_0003 warning: AMS C slot 4 filament may be broken inside the AMS",
        "0300_9900_0002_7777 warning: (unknown code)",
        "0300-4000 error: Z axis homing failed; print job stopped",
        "0700_2000_0002_0003 warning: AMS A slot 1 filament may be broken inside the AMS",
        "C interface on Cortex-M4F: all checks passed",
    ] {
        assert!(lines.contains(&want), "missing line {want:?}");
    }
    assert!(lines.iter().any(|l| l.starts_with("  1. ")), "no procedure step printed (built with guides)");
    assert!(!printed.contains("check failed"), "{printed}");
}
