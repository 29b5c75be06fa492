hms_macros::catalog!("bad-length.catalog.yaml");

fn main() {}
