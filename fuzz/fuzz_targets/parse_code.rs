//! The `parse_code` target. Its body is `check` in src/parse_code.rs, which says what it
//! checks; the workspace's tests run the same body on the seeds (see src/lib.rs).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hms_fuzz::parse_code::check(data));
