hms_macros::catalog!("unknown-placeholder.catalog.yaml");

fn main() {}
