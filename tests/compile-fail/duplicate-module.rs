hms_macros::catalog!("duplicate-module.catalog.yaml");

fn main() {}
