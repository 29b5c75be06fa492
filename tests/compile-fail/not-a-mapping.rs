hms_macros::catalog!("not-a-mapping.catalog.yaml");

fn main() {}
