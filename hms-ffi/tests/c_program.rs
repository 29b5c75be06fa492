//! Builds tests/c/test.c and the checks it runs (tests/c/checks.c) with the system's C
//! compiler, links it with the crate's static library, and runs it. `cargo test` builds only the
//! rlib of a crate it tests, so the test asks cargo for the static library itself, in the same
//! target directory and profile.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../../tests/qr/decode.rs"]
mod decode;

/// Builds the static library with cargo and returns its path (`target/<profile>/libhms_ffi.a`).
fn static_library() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("the test's own path: {e}"))?;
    // target/<profile>/deps/<test> -> target/<profile> -> target
    let profile_dir = exe.parent().and_then(Path::parent).ok_or("tests run from target/<profile>/deps")?;
    let target_dir = profile_dir.parent().ok_or("the profile directory sits in a target directory")?;
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args(["build", "--quiet", "--lib", "--manifest-path"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir);
    match profile_dir.file_name().and_then(|name| name.to_str()) {
        Some("debug") => {}
        Some("release") => {
            cargo.arg("--release");
        }
        Some(other) => {
            cargo.args(["--profile", other]);
        }
        None => return Err(format!("{} has no profile name", profile_dir.display())),
    }
    let built = cargo.output().map_err(|e| format!("cargo runs: {e}"))?;
    if !built.status.success() {
        return Err(format!("cargo build of the static library failed:\n{}", String::from_utf8_lossy(&built.stderr)));
    }
    let name = if cfg!(windows) { "hms_ffi.lib" } else { "libhms_ffi.a" };
    let library = profile_dir.join(name);
    if library.is_file() {
        Ok(library)
    } else {
        Err(format!("cargo built the library but {} is missing", library.display()))
    }
}

/// What a program linking a Rust static library also needs, as `rustc --print native-static-libs` says.
fn native_libs() -> &'static [&'static str] {
    if cfg!(target_os = "macos") {
        &["-lSystem", "-lc", "-lm"]
    } else {
        &["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"]
    }
}

/// Builds tests/c/test.c against the static library; `None` (having said why) without a C
/// compiler.
fn c_program() -> Option<PathBuf> {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    if Command::new(&cc).arg("--version").output().is_err() {
        println!("skipped: no C compiler `{cc}` on this machine (set CC to one)");
        return None;
    }
    // Built once for the tests of this file, which run in parallel.
    static BUILT: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(program) = built.as_ref() {
        return Some(program.clone());
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let library = static_library().unwrap_or_else(|e| panic!("{e}"));
    let program = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hms-ffi-c-test");
    let compiled = Command::new(&cc)
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg("-I")
        .arg(crate_dir.join("include"))
        .arg(crate_dir.join("tests/c/test.c"))
        .arg(crate_dir.join("tests/c/checks.c"))
        .arg(&library)
        .args(native_libs())
        .arg("-o")
        .arg(&program)
        .output()
        .expect("the C compiler runs");
    assert!(compiled.status.success(), "cc failed:\n{}", String::from_utf8_lossy(&compiled.stderr));
    *built = Some(program.clone());
    Some(program)
}

#[test]
fn c_program_links_the_library_and_passes() {
    let Some(program) = c_program() else { return };
    let run = Command::new(&program).output().expect("the C test program runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    print!("{stdout}");
    assert!(run.status.success(), "the C test program failed:\n{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(stdout.contains("all checks passed"), "{stdout}");
    assert_eq!(decode::drawings(&stdout).len(), 1, "the C program draws one QR code");
}

/// The C program's drawings of `hms_wiki_qr`'s modules decode to the exact wiki URLs.
#[test]
fn c_program_draws_wiki_qr_codes_that_decode() {
    let Some(decoder) = decode::Decoder::find() else { return };
    let Some(program) = c_program() else { return };
    let args = decode::CASES.iter().map(|&(code, model, _)| model.map_or(code.to_owned(), |m| format!("{code}@{m}")));
    let run = Command::new(&program).args(args).output().expect("the C test program runs");
    let stdout = String::from_utf8(run.stdout).expect("UTF-8");
    assert!(run.status.success(), "{stdout}{}", String::from_utf8_lossy(&run.stderr));
    let drawn = decode::drawings(&stdout);
    assert_eq!(drawn.len(), decode::CASES.len(), "{stdout}");
    for (&(code, model, url), text) in decode::CASES.iter().zip(decoder.decode(&drawn)) {
        assert_eq!(text, url, "{code} on {model:?}");
    }
}
