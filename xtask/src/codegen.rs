//! Writing generated files: only when they change, and atomically.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Makes `path` hold `contents`. Returns whether it differed. With `check`, writes nothing;
/// without, also removes temporary files that killed runs left beside `path`.
pub fn ensure_file_contents(path: &Path, contents: &str, check: bool) -> io::Result<bool> {
    if !check && let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) {
        remove_stale_temps(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }, name);
    }
    match fs::read_to_string(path) {
        Ok(old) if old == contents => return Ok(false),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(context(e, "cannot read the old file".to_owned())),
    }
    if !check {
        write_atomically(path, contents.as_bytes())?;
    }
    Ok(true)
}

/// Writes a sibling temporary file `.<name>.<pid>.tmp`, syncs it, then renames it over `path`:
/// a reader (or a crash) sees the old file or the new one, never a part. A run that is killed
/// midway can leave its temporary file behind; the next write of `path` removes it (see
/// `remove_stale_temps`). Errors name the step and the file that failed.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| context(e, format!("cannot create the folder {}", dir.display())))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("generated");
    remove_stale_temps(dir, name);
    let temp_name = temp_name(name, std::process::id());
    let temp = dir.join(&temp_name);
    let result = (|| {
        let step = |doing: &str| {
            let what = format!("{doing} {temp_name}");
            move |e| context(e, what)
        };
        let mut file = fs::File::create(&temp).map_err(step("cannot create"))?;
        file.write_all(contents).map_err(step("cannot write"))?;
        file.sync_all().map_err(step("cannot sync"))?;
        fs::rename(&temp, path).map_err(step("cannot rename over it"))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        return result;
    }
    // The rename itself reaches the disk with the folder; some file systems cannot sync a
    // folder, and the new file is in place either way.
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The temporary sibling of `name` written by process `pid`.
fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

/// Removes the temporary siblings of `name` in `dir` that runs killed midway left behind. On
/// Linux a file whose process still runs is kept (two runs at once on one root each write
/// their own); elsewhere every one but this process's own is removed, and a run that loses its
/// temporary file to another fails with an error before it renames anything.
fn remove_stale_temps(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    let own = std::process::id().to_string();
    let proc_fs = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)?.strip_suffix(".tmp")) else {
            continue;
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) || pid == own {
            continue;
        }
        if proc_fs && Path::new("/proc").join(pid).exists() {
            continue;
        }
        let _ = fs::remove_file(entry.path());
    }
}

/// `e` after what was being done, keeping its kind.
fn context(e: io::Error, what: String) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_mode_reports_but_does_not_write() {
        let dir = std::env::temp_dir().join(format!("hms-xtask-{}", std::process::id()));
        let path = dir.join("out.md");
        assert!(ensure_file_contents(&path, "new", true).unwrap());
        assert!(!path.exists());
        assert!(ensure_file_contents(&path, "new", false).unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert!(!ensure_file_contents(&path, "new", true).unwrap());
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_write_removes_temporary_files_of_dead_runs_only() {
        let dir = std::env::temp_dir().join(format!("hms-xtask-temps-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        // No process has a pid this large; the parent of this test process is alive.
        let dead = dir.join(temp_name("out.md", 4_000_000_000));
        let other = dir.join(".other.md.4000000000.tmp");
        let not_ours = dir.join(".out.md.x1.tmp");
        for path in [&dead, &other, &not_ours] {
            fs::write(path, "part").unwrap();
        }
        let live = dir.join(temp_name("out.md", std::os::unix::process::parent_id()));
        if cfg!(target_os = "linux") {
            fs::write(&live, "part").unwrap();
        }
        write_atomically(&dir.join("out.md"), b"new").unwrap();
        assert_eq!(fs::read_to_string(dir.join("out.md")).unwrap(), "new");
        assert!(!dead.exists());
        assert!(other.exists() && not_ours.exists());
        if cfg!(target_os = "linux") {
            assert!(live.exists(), "the file of a running process stays");
        }
        fs::remove_dir_all(dir).unwrap();
    }
}
