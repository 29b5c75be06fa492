hms_macros::catalog!("duplicate-variant.catalog.yaml");

fn main() {}
