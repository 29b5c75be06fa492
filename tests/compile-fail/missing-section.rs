hms_macros::catalog!("missing-section.catalog.yaml");

fn main() {}
