//! Builds tests/c/test.c with the system's C compiler, links it with the static library cargo
//! built for this test, and runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The static library beside this test's profile directory (`target/<profile>/libhms_ffi.a`).
fn static_library() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its path");
    // target/<profile>/deps/<test> -> target/<profile>
    let profile_dir = exe.parent().and_then(Path::parent).expect("tests run from target/<profile>/deps");
    let name = if cfg!(windows) { "hms_ffi.lib" } else { "libhms_ffi.a" };
    profile_dir.join(name)
}

/// What a program linking a Rust static library also needs, as `rustc --print native-static-libs` says.
fn native_libs() -> &'static [&'static str] {
    if cfg!(target_os = "macos") {
        &["-lSystem", "-lc", "-lm"]
    } else {
        &["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"]
    }
}

#[test]
fn c_program_links_the_library_and_passes() {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    if Command::new(&cc).arg("--version").output().is_err() {
        println!("skipped: no C compiler `{cc}` on this machine (set CC to one)");
        return;
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let library = static_library();
    assert!(library.is_file(), "{} missing: cargo builds it with the crate's rlib", library.display());
    let program = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hms-ffi-c-test");
    let compiled = Command::new(&cc)
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg("-I")
        .arg(crate_dir.join("include"))
        .arg(crate_dir.join("tests/c/test.c"))
        .arg(&library)
        .args(native_libs())
        .arg("-o")
        .arg(&program)
        .output()
        .expect("the C compiler runs");
    assert!(compiled.status.success(), "cc failed:\n{}", String::from_utf8_lossy(&compiled.stderr));
    let run = Command::new(&program).output().expect("the C test program runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    print!("{stdout}");
    assert!(run.status.success(), "the C test program failed:\n{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(stdout.contains("all checks passed"), "{stdout}");
}
