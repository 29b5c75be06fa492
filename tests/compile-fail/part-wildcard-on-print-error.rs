hms_macros::catalog!("part-wildcard-on-print-error.catalog.yaml");

fn main() {}
