hms_macros::catalog!("unfillable-placeholder.catalog.yaml");

fn main() {}
