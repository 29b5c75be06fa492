//! No front-end depends on another: the command line, the C library, the Python package, the
//! build tool, the fuzz targets and the firmware example each build on the library crates
//! (hms-core, hms-catalog, hms-model...) alone, so what two of them share lives in a library.
//! Read from `cargo metadata` of each one's manifest (fuzz/ and firmware/ are workspaces of
//! their own), every kind of dependency (normal, dev, build) counted.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Each front-end: its package name and its manifest, from the repository's root.
const FRONT_ENDS: [(&str, &str); 6] = [
    ("hms-cli", "hms-cli/Cargo.toml"),
    ("hms-ffi", "hms-ffi/Cargo.toml"),
    ("hms-python", "hms-python/Cargo.toml"),
    ("xtask", "xtask/Cargo.toml"),
    ("hms-fuzz", "fuzz/Cargo.toml"),
    ("hms-firmware", "firmware/Cargo.toml"),
];

/// The names of the packages `manifest`'s package depends on.
fn dependencies(manifest: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new(option_env!("CARGO").unwrap_or("cargo"))
        .current_dir(&root)
        .args(["metadata", "--no-deps", "--offline", "--format-version", "1", "--manifest-path", manifest])
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo metadata {manifest}: {}", String::from_utf8_lossy(&out.stderr));
    let metadata: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata writes JSON");
    let wanted = root.join(manifest).canonicalize().expect("the manifest exists");
    let packages = metadata["packages"].as_array().expect("metadata lists packages");
    let package = packages
        .iter()
        .find(|p| p["manifest_path"].as_str().and_then(|m| Path::new(m).canonicalize().ok()).as_ref() == Some(&wanted))
        .unwrap_or_else(|| panic!("{manifest}: its package is in its metadata"));
    let deps = package["dependencies"].as_array().expect("a package lists its dependencies");
    deps.iter().map(|d| d["name"].as_str().expect("a dependency has a name").to_owned()).collect()
}

#[test]
fn no_front_end_depends_on_another() {
    let mut found = Vec::new();
    for (name, manifest) in FRONT_ENDS {
        let deps = dependencies(manifest);
        assert!(deps.iter().any(|d| d.starts_with("hms-")), "{name}: no hms crate among {deps:?}: wrong manifest?");
        for (other, _) in FRONT_ENDS {
            if other != name && deps.iter().any(|d| d == other) {
                found.push((name, other));
            }
        }
    }
    assert!(found.is_empty(), "front-ends depending on front-ends (move what they share into a library): {found:?}");
}
