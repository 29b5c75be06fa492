hms_macros::catalog!("empty-inline-steps.catalog.yaml");

fn main() {}
