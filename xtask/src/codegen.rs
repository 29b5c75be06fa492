//! Writing generated files: only when they change, and atomically.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Makes `path` hold `contents`. Returns whether it differed. With `check`, writes nothing.
pub fn ensure_file_contents(path: &Path, contents: &str, check: bool) -> io::Result<bool> {
    match fs::read_to_string(path) {
        Ok(old) if old == contents => return Ok(false),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if !check {
        write_atomically(path, contents.as_bytes())?;
    }
    Ok(true)
}

/// Writes a sibling temporary file, syncs it, then renames it over `path`: a reader (or a
/// crash) sees the old file or the new one, never a part.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("generated");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
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
}
