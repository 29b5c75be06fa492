hms_macros::catalog!("unknown-see-also.catalog.yaml");

fn main() {}
