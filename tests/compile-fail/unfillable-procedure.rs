hms_macros::catalog!("unfillable-procedure.catalog.yaml");

fn main() {}
