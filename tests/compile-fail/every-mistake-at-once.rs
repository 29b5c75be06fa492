hms_macros::catalog!("every-mistake-at-once.catalog.yaml");

fn main() {}
