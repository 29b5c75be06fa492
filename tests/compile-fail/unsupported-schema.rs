hms_macros::catalog!("unsupported-schema.catalog.yaml");

fn main() {}
