//! hms-ffi/include/hms_catalog.h: the C header of hms-ffi, written by cbindgen from its source.

use std::path::Path;

/// Where the header lives, from the workspace root.
pub const HEADER: &str = "hms-ffi/include/hms_catalog.h";

/// The header's text, generated from hms-ffi/src/lib.rs.
pub fn hms_catalog_h(root: &Path) -> Result<String, String> {
    let mut config = cbindgen::Config {
        language: cbindgen::Language::C,
        header: Some(format!(
            "/* {} from hms-ffi/src/lib.rs; do not edit.\n * The HMS catalog for C: link libhms_ffi.a (see README, \"Firmware\"). */",
            crate::GENERATED
        )),
        include_guard: Some("HMS_CATALOG_H".to_owned()),
        cpp_compat: true,
        documentation: true,
        usize_is_size_t: true,
        style: cbindgen::Style::Both,
        ..cbindgen::Config::default()
    };
    config.sys_includes = vec!["stdbool.h".into(), "stddef.h".into(), "stdint.h".into()];
    config.no_includes = true;
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("hms-ffi/src/lib.rs"))
        .generate()
        .map_err(|e| format!("generating {HEADER}: {e}"))?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).map_err(|e| format!("{HEADER}: {e}"))
}
