hms_macros::catalog!("bad-hex.catalog.yaml");

fn main() {}
