hms_macros::catalog!("missing-schema.catalog.yaml");

fn main() {}
