hms_macros::catalog!("duplicate-code.catalog.yaml");

fn main() {}
