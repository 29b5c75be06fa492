//! Which files an `--official` run reads: the files and folders it is given, each file's kind
//! from its name.

use std::fs;
use std::path::{Path, PathBuf};

use hms_official::Sink;
use hms_official::input::{Kind, classify};

/// One file to read.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    pub kind: Kind,
}

impl Input {
    /// The path as reports show it.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// The files named by `paths`: a file as given (it must be a recognised name), a folder as
/// every recognised file in it and in its direct subfolders, sorted by path.
pub fn collect(paths: &[PathBuf], sink: &mut Sink) -> Vec<Input> {
    let mut inputs: Vec<Input> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            scan(path, 1, &mut found, sink);
            found.sort();
            for file in found {
                let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                match classify(name) {
                    Some(Ok(kind)) => inputs.push(Input { path: file, kind }),
                    Some(Err(e)) => sink.errors.push(format!("{}: {e}", file.display())),
                    None => {}
                }
            }
        } else {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            match classify(name) {
                Some(Ok(kind)) => inputs.push(Input { path: path.clone(), kind }),
                Some(Err(e)) => sink.errors.push(format!("{}: {e}", path.display())),
                None if !path.exists() => sink.errors.push(format!("{}: no such file or folder", path.display())),
                None => sink.errors.push(format!(
                    "{}: not a file the import reads (hms_<lang>_<prefix>.json, hms_action_<prefix>.json, \
                     hms_<lang>.json, wiki_links.json)",
                    path.display()
                )),
            }
        }
    }
    // A file named twice (itself and through its folder) is read once.
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|input| seen.insert(fs::canonicalize(&input.path).unwrap_or_else(|_| input.path.clone())));
    inputs
}

fn scan(dir: &Path, depth: usize, found: &mut Vec<PathBuf>, sink: &mut Sink) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            sink.errors.push(format!("{}: cannot read the folder: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if depth > 0 {
                scan(&path, depth - 1, found, sink);
            }
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
}
