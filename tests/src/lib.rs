//! Integration tests live in `tests/`; compile-fail cases in `compile-fail/`. This library
//! holds what several of them share, and what the tests of hms-ffi (QEMU) and xtask (the fuzz
//! seeds) share with them; it has no dependencies, so any crate may take it as a dev-dependency.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The folder of Bambu Lab's official HMS files: `HMS_OFFICIAL_DIR`, else
/// `../shared/hms-official` beside the repository; `None` unless it holds `needed` (a file or
/// folder inside it), so a test can say it skipped.
pub fn official_dir(needed: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("HMS_OFFICIAL_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/hms-official"),
    };
    dir.join(needed).exists().then_some(dir)
}

/// Runs a fuzz target's body, `check`, on every file in `fuzz/seeds/<target>/`: the inputs the
/// fuzzer starts from, so that `cargo test` exercises each target without cargo-fuzz. Each
/// seed runs on its own, and the test fails naming every seed that panicked (the panic itself
/// is printed as it happens).
pub fn run_fuzz_seeds(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds").join(target);
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("the seeds folder is readable").path())
        .filter(|path| path.is_file())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "{} holds no seeds", dir.display());
    let mut panicked = Vec::new();
    for seed in &seeds {
        let data = std::fs::read(seed).unwrap_or_else(|e| panic!("{}: {e}", seed.display()));
        let name = seed.file_name().unwrap_or_default().to_string_lossy();
        println!("{target}: {name} ({} bytes)", data.len());
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panicked.push(name.into_owned());
        }
    }
    assert!(panicked.is_empty(), "{target}: the fuzz target's body panicked on {panicked:#?}");
}

/// Runs `image` in `qemu-system-arm` on the machine `args` give, with semihosting (the
/// program prints to QEMU's stdout and its exit status is QEMU's), and returns QEMU's status
/// and output once it exits. `what` names the program for the panic when it does not exit
/// within 60 s.
pub fn run_in_qemu(args: &[&str], image: &Path, what: &str) -> Output {
    let mut qemu = Command::new("qemu-system-arm")
        .args(args)
        .args(["-semihosting-config", "enable=on,target=native", "-kernel"])
        .arg(image)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qemu-system-arm runs (apt-get install qemu-system-arm)");
    let started = Instant::now();
    while qemu.try_wait().expect("qemu can be waited for").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = qemu.kill();
            panic!("{what} did not exit within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    qemu.wait_with_output().expect("qemu's output is readable")
}

/// The repository README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
