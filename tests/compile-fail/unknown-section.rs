hms_macros::catalog!("unknown-section.catalog.yaml");

fn main() {}
