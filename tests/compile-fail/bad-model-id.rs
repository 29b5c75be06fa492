hms_macros::catalog!("bad-model-id.catalog.yaml");

fn main() {}
