hms_macros::catalog!("include-error.catalog.yaml");

fn main() {}
