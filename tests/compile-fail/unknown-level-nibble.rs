hms_macros::catalog!("unknown-level-nibble.catalog.yaml");

fn main() {}
