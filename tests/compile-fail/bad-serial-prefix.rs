hms_macros::catalog!("bad-serial-prefix.catalog.yaml");

fn main() {}
