//! Committed generated files must match what `cargo xtask regenerate` would write.

#[test]
fn committed_generated_files_are_fresh() {
    let report = xtask::regenerate(&xtask::project_root(), true).expect("regenerate --check runs");
    assert!(report.stale.is_empty(), "stale generated files (run `cargo xtask regenerate`): {:?}", report.stale);
}
