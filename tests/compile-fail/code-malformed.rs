fn main() {
    let _ = hms_catalog::code!("0700_2000_0002");
}
