hms_macros::catalog!("bad-level-id.catalog.yaml");

fn main() {}
