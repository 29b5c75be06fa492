hms_macros::catalog!("empty-procedure.catalog.yaml");

fn main() {}
