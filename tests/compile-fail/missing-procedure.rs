hms_macros::catalog!("missing-procedure.catalog.yaml");

fn main() {}
