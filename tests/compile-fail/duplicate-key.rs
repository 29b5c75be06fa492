hms_macros::catalog!("duplicate-key.catalog.yaml");

fn main() {}
