hms_macros::catalog!("wrong-type.catalog.yaml");

fn main() {}
