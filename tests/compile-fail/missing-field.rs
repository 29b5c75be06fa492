hms_macros::catalog!("missing-field.catalog.yaml");

fn main() {}
