hms_macros::catalog!("unfillable-pattern.catalog.yaml");

fn main() {}
