hms_macros::catalog!("unknown-module.catalog.yaml");

fn main() {}
