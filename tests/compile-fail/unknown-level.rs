hms_macros::catalog!("unknown-level.catalog.yaml");

fn main() {}
