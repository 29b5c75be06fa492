hms_macros::catalog!("include-missing.catalog.yaml");

fn main() {}
