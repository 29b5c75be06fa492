hms_macros::catalog!("duplicate-level-variant.catalog.yaml");

fn main() {}
