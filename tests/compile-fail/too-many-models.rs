hms_macros::catalog!("too-many-models.catalog.yaml");

fn main() {}
