hms_macros::catalog!("section-not-a-list.catalog.yaml");

fn main() {}
