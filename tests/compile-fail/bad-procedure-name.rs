hms_macros::catalog!("bad-procedure-name.catalog.yaml");

fn main() {}
