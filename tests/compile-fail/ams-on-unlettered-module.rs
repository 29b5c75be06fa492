hms_macros::catalog!("ams-on-unlettered-module.catalog.yaml");

fn main() {}
