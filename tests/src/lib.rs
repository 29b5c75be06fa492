//! Integration tests live in `tests/`; compile-fail cases in `compile-fail/`. This library
//! holds what several of them share.

use std::path::PathBuf;

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
