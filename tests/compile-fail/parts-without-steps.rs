hms_macros::catalog!("parts-without-steps.catalog.yaml");

fn main() {}
