fn main() {
    // A well-formed code with no named entry in the catalog.
    let _ = hms_catalog::code!(0300_9900_0002_7777);
}
