hms_macros::catalog!("unbalanced-brace.catalog.yaml");

fn main() {}
