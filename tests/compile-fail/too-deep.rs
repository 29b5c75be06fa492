hms_macros::catalog!("too-deep.catalog.yaml");

fn main() {}
