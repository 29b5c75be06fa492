hms_macros::catalog!("bad-wildcard.catalog.yaml");

fn main() {}
