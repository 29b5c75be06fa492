hms_macros::catalog!("index-on-print-error.catalog.yaml");

fn main() {}
