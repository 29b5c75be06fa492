hms_macros::catalog!("empty-text.catalog.yaml");

fn main() {}
