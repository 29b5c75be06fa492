hms_macros::catalog!("no-such-file.catalog.yaml");

fn main() {}
