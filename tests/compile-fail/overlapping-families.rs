hms_macros::catalog!("overlapping-families.catalog.yaml");

fn main() {}
