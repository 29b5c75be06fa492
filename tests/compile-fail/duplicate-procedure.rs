hms_macros::catalog!("duplicate-procedure.catalog.yaml");

fn main() {}
