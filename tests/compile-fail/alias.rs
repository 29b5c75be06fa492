hms_macros::catalog!("alias.catalog.yaml");

fn main() {}
