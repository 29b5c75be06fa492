hms_macros::catalog!("malformed-yaml.catalog.yaml");

fn main() {}
