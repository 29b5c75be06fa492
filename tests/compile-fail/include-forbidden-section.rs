hms_macros::catalog!("include-forbidden-section.catalog.yaml");

fn main() {}
