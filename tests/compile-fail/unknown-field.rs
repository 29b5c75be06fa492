hms_macros::catalog!("unknown-field.catalog.yaml");

fn main() {}
