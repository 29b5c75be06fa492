hms_macros::catalog!("duplicate-model.catalog.yaml");

fn main() {}
