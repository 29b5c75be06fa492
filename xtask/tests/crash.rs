//! The real `xtask` binary killed at any moment of `regenerate --official`, and unable to
//! write: every output is the whole old file or the whole new one, a temporary file left by a
//! killed run is removed by the next, and a failed write names the file and the cause.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{Root, fixture};

/// The files an import of the fixtures writes, from the root.
const OUTPUTS: [&str; 5] =
    ["catalog/official.tsv", "catalog/texts/de.tsv", "catalog/texts/en.tsv", "docs/CODES.md", "docs/COVERAGE.md"];
/// The old state comes from this import, the new one from `NEW`.
const OLD: &[&str] = &["drift/v1"];
const NEW: &[&str] = &["bambustudio"];

type Files = BTreeMap<String, Vec<u8>>;

/// `xtask --root ROOT regenerate --official FIXTURES...`, output captured.
fn xtask(root: &Path, fixtures: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.arg("--root").arg(root).args(["regenerate", "--official"]).args(fixtures.iter().map(|f| fixture(f)));
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

fn run(root: &Path, fixtures: &[&str]) -> Output {
    xtask(root, fixtures).output().expect("xtask runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `root` with its contents, by path from the root.
fn files(root: &Path) -> Files {
    fn walk(dir: &Path, root: &Path, into: &mut Files) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, into);
            } else {
                let relative = path.strip_prefix(root).unwrap().display().to_string();
                into.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    let mut found = Files::new();
    walk(root, root, &mut found);
    found
}

/// Makes the tree under `root` hold exactly `state`.
fn restore(root: &Path, state: &Files) {
    for entry in fs::read_dir(root).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() { fs::remove_dir_all(&path).unwrap() } else { fs::remove_file(&path).unwrap() }
    }
    for (relative, contents) in state {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
}

/// The project before the run: an older import, and a docs/CODES.md from an older catalog.
fn old_state() -> Files {
    let root = Root::new("crash-old");
    let out = run(&root.path, OLD);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut state = files(&root.path);
    let codes = state.get_mut("docs/CODES.md").expect("the import writes docs/CODES.md");
    codes.extend_from_slice(b"| `0300_0000_0000_0000` | hms | error | A code that left the catalog | |\n");
    state
}

/// A temporary sibling `.<name>.<pid>.tmp` of an output.
fn is_temp_of_output(relative: &str) -> bool {
    let path = Path::new(relative);
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else { return false };
    OUTPUTS.iter().map(Path::new).any(|output| {
        let Some(output_name) = output.file_name().and_then(|n| n.to_str()) else { return false };
        output.parent() == Some(dir)
            && name
                .strip_prefix(&format!(".{output_name}."))
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// A small deterministic generator; the seed is printed so a failing run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn a_run_killed_at_any_moment_leaves_each_output_whole_old_or_whole_new() {
    let old = old_state();
    let root = Root::new("crash");
    // The shortest of a few whole runs, so the kills spread over a run with warm caches.
    let mut duration = Duration::MAX;
    for _ in 0..3 {
        restore(&root.path, &old);
        let started = Instant::now();
        let out = run(&root.path, NEW);
        duration = duration.min(started.elapsed());
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let new = files(&root.path);
    for output in OUTPUTS {
        assert!(new.contains_key(output), "the new import writes {output}");
        assert_ne!(old.get(output), new.get(output), "{output} must change for the test to mean something");
    }

    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64));
    let mut random = Lcg(seed);
    let runs = 30;
    let (mut untouched, mut mixed, mut complete, mut temps_left) = (0, 0, 0, 0);
    for run_index in 0..runs {
        restore(&root.path, &old);
        // Spread over the whole run and a little past it, jittered within each step.
        let delay = duration.mul_f64(1.2 * (run_index as f64 + random.unit()) / runs as f64);
        let mut child = xtask(&root.path, NEW).spawn().expect("xtask starts");
        thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let after = files(&root.path);
        let context = format!("seed {seed}, run {run_index}, killed after {delay:?} ({status})");
        let mut state = (0, 0);
        for (relative, contents) in &after {
            if relative == "catalog.yaml" {
                assert_eq!(Some(contents), old.get(relative), "{context}: catalog.yaml changed");
            } else if is_temp_of_output(relative) {
                temps_left += 1;
            } else if Some(contents) == old.get(relative) {
                state.0 += 1;
            } else if Some(contents) == new.get(relative) {
                state.1 += 1;
            } else {
                panic!("{context}: {relative} is neither the old nor the new file ({} bytes)", contents.len());
            }
        }
        for relative in old.keys() {
            assert!(after.contains_key(relative), "{context}: {relative} vanished");
        }
        if status.success() {
            assert_eq!(state.1, OUTPUTS.len(), "{context}: a finished run wrote everything");
        }
        match state {
            (_, 0) => untouched += 1,
            (0, _) => complete += 1,
            _ => mixed += 1,
        }
        // The next run finishes the work and leaves no temporary file.
        let out = run(&root.path, NEW);
        assert!(out.status.success(), "{context}: the run after: {}", text(&out.stderr));
        assert_eq!(files(&root.path), new, "{context}: the run after a kill");
    }
    println!(
        "seed {seed}: {runs} runs killed within {duration:?}: {untouched} before any write, {mixed} midway, \
         {complete} after the last; {temps_left} temporary files left behind, all removed by the next run"
    );
}

/// Whether this process may write into a folder whose permission bits forbid it (root can).
fn permissions_are_enforced(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::create_dir_all(dir).unwrap();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = fs::write(&probe, "x").is_err();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    let _ = fs::remove_file(probe);
    enforced
}

#[test]
fn an_output_folder_that_cannot_be_written_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let old = old_state();
    let root = Root::new("read-only");
    restore(&root.path, &old);
    let texts = root.path.join("catalog/texts");
    let (file, cause) = if permissions_are_enforced(&root.path.join("probe-dir")) {
        // The texts are written first: the run stops at the first of them.
        fs::set_permissions(&texts, fs::Permissions::from_mode(0o555)).unwrap();
        ("catalog/texts/de.tsv", ".tmp: Permission denied")
    } else {
        // Permission bits do not stop this user: make the output's folder a regular file.
        println!("permission bits do not stop this user (root?): docs/ is made a regular file instead");
        fs::remove_dir_all(root.path.join("docs")).unwrap();
        fs::write(root.path.join("docs"), "not a folder").unwrap();
        ("docs/CODES.md", "cannot read the old file: Not a directory")
    };
    fs::remove_dir_all(root.path.join("probe-dir")).unwrap();
    let out = run(&root.path, NEW);
    fs::set_permissions(&texts, fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("error: {file}: cannot ")) && stderr.contains(cause), "{stderr}");
    // The facts file is written last: the old one stays.
    assert_eq!(root.read("catalog/official.tsv").map(String::into_bytes), old.get("catalog/official.tsv").cloned());
    let after = files(&root.path);
    assert!(after.keys().all(|k| !k.ends_with(".tmp")), "{:?}", after.keys());
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_old_files_stay() {
    let old = old_state();
    let root = Root::new("full");
    restore(&root.path, &old);
    // A file size limit of 0 makes every write to a file fail with EFBIG, as a full disk fails
    // with ENOSPC; SIGXFSZ is ignored so the write returns the error instead of killing.
    let xtask: PathBuf = env!("CARGO_BIN_EXE_xtask").into();
    let mut fixtures: Vec<PathBuf> = NEW.iter().map(|f| fixture(f)).collect();
    fixtures.insert(0, "--official".into());
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0 && exec \"$0\" \"$@\"")
        .arg(&xtask)
        .arg("--root")
        .arg(&root.path)
        .arg("regenerate")
        .args(&fixtures)
        .output()
        .expect("sh runs");
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("error: catalog/texts/de.tsv: cannot write .de.tsv."), "{stderr}");
    assert!(stderr.contains(".tmp: File too large"), "{stderr}");
    assert_eq!(files(&root.path), old, "every old file stays, and no temporary file");
}
