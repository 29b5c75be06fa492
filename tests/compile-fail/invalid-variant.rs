hms_macros::catalog!("invalid-variant.catalog.yaml");

fn main() {}
