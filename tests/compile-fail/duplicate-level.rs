hms_macros::catalog!("duplicate-level.catalog.yaml");

fn main() {}
