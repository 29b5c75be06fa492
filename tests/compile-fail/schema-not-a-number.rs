hms_macros::catalog!("schema-not-a-number.catalog.yaml");

fn main() {}
