//! Committed generated files must match what `cargo xtask regenerate` would write.

#[test]
fn committed_generated_files_are_fresh() {
    let report = xtask::regenerate(&xtask::project_root(), true).expect("regenerate --check runs");
    assert!(report.stale.is_empty(), "stale generated files (run `cargo xtask regenerate`): {:?}", report.stale);
}

/// docs/COVERAGE.md lists every official code the catalog lacks; it must stay a file people
/// open and read, not a dump.
#[test]
fn the_coverage_report_stays_readable() {
    let path = xtask::project_root().join("docs/COVERAGE.md");
    let size = std::fs::metadata(&path).expect("docs/COVERAGE.md is committed").len();
    assert!(size < 400_000, "{} is {size} bytes: group its lists further", path.display());
}
