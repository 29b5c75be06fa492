hms_macros::catalog!("bad-module-id.catalog.yaml");

fn main() {}
