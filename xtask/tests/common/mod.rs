//! Helpers of the import tests: a temporary project root with the small test catalog.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `tests/fixtures/<relative>`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

/// A fresh root under the system's temporary folder holding a copy of the test catalog;
/// removed when dropped.
pub struct Root {
    pub path: PathBuf,
}

impl Root {
    pub fn new(name: &str) -> Root {
        Root::with_catalog(name, &fixture("catalog.yaml"))
    }

    /// A fresh root holding a copy of `catalog`, and of the `catalog/*.yaml` files beside it
    /// that it may include.
    pub fn with_catalog(name: &str, catalog: &Path) -> Root {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("xtask-official-{name}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        fs::copy(catalog, path.join("catalog.yaml")).unwrap();
        let included = catalog.parent().map(|dir| dir.join("catalog")).and_then(|dir| fs::read_dir(dir).ok());
        for file in included.into_iter().flatten().flatten().map(|e| e.path()) {
            if file.extension().is_some_and(|e| e == "yaml") {
                fs::create_dir_all(path.join("catalog")).unwrap();
                fs::copy(&file, path.join("catalog").join(file.file_name().unwrap())).unwrap();
            }
        }
        Root { path }
    }

    /// The contents of `relative`, if it exists.
    pub fn read(&self, relative: &str) -> Option<String> {
        fs::read_to_string(self.path.join(relative)).ok()
    }

    /// Runs the import of `fixtures` (paths under tests/fixtures).
    pub fn import(&self, fixtures: &[&str], check: bool, keep_going: bool) -> xtask::OfficialReport {
        let paths: Vec<PathBuf> = fixtures.iter().map(|f| fixture(f)).collect();
        self.import_paths(&paths, check, keep_going)
    }

    /// Runs the import of `paths`.
    pub fn import_paths(&self, paths: &[PathBuf], check: bool, keep_going: bool) -> xtask::OfficialReport {
        xtask::regenerate_official(&self.path, paths, xtask::OfficialOptions { check, keep_going })
            .expect("the import runs")
    }

    /// The lines of `relative` for `code` (tab-separated records starting `channel\tcode\t`).
    pub fn lines_of(&self, relative: &str, code: &str) -> Vec<String> {
        let text = self.read(relative).unwrap_or_default();
        text.lines().filter(|l| l.split('\t').nth(1) == Some(code)).map(str::to_owned).collect()
    }
}

impl Drop for Root {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// `items` with the fixture folder's path taken off, to compare against fixed strings.
pub fn relative(items: &[String]) -> Vec<String> {
    let prefix = format!("{}/", fixture("").display().to_string().trim_end_matches('/'));
    items.iter().map(|s| s.replace(&prefix, "")).collect()
}
