//! Every kind of catalog mistake is a compile error naming the file, line and column.

#[test]
fn broken_catalogs_fail_to_compile_with_positions() {
    let t = trybuild::TestCases::new();
    t.compile_fail("compile-fail/*.rs");
}
