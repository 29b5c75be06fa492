hms_macros::catalog!("procedure-and-steps.catalog.yaml");

fn main() {}
