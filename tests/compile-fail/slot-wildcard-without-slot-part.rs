hms_macros::catalog!("slot-wildcard-without-slot-part.catalog.yaml");

fn main() {}
