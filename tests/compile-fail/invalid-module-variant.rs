hms_macros::catalog!("invalid-module-variant.catalog.yaml");

fn main() {}
