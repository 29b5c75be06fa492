//! Where packed texts are kept between builds ([`hms_model::packing::Store`]):
//! `hms-packed/` in the profile's folder of the target directory the compiler writes to, found
//! from the compiler's `--out-dir` (`<target>/<profile>/deps` under cargo). Anywhere else (no
//! such argument, another layout) nothing is kept and every build packs the texts.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;

use hms_model::packing::Store;

/// The store of this build, once per process.
pub fn store() -> Option<&'static Store> {
    static STORE: OnceLock<Option<Store>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let profile = profile_dir(std::env::args_os())?;
            Some(Store { dir: profile.join("hms-packed"), salt: crate::baked::generator()? })
        })
        .as_ref()
}

/// The profile's folder: the parent of the `deps` folder the compiler's arguments name as
/// `--out-dir`.
fn profile_dir(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    let mut out = None;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--out-dir") => out = args.next().map(PathBuf::from),
            Some(arg) => {
                if let Some(dir) = arg.strip_prefix("--out-dir=") {
                    out = Some(PathBuf::from(dir));
                }
            }
            None => {}
        }
    }
    let out = out?;
    (out.file_name()? == "deps" && out.is_dir()).then(|| out.parent().map(PathBuf::from)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_sits_beside_the_deps_folder_cargo_names() {
        let target = std::env::temp_dir().join(format!("hms-macros-store-{}", std::process::id()));
        let deps = target.join("debug").join("deps");
        std::fs::create_dir_all(&deps).unwrap();
        let args = |out: &[&str]| -> Vec<OsString> {
            ["rustc", "--crate-name", "x"].iter().chain(out).map(OsString::from).collect()
        };
        let deps_arg = deps.to_string_lossy().into_owned();
        assert_eq!(profile_dir(args(&["--out-dir", &deps_arg])), Some(target.join("debug")));
        assert_eq!(profile_dir(args(&[&format!("--out-dir={deps_arg}")])), Some(target.join("debug")));
        // No `--out-dir`, or one not laid out as cargo lays it out: nothing is kept.
        assert_eq!(profile_dir(args(&[])), None);
        let other = target.join("debug").to_string_lossy().into_owned();
        assert_eq!(profile_dir(args(&["--out-dir", &other])), None);
        std::fs::remove_dir_all(&target).unwrap();
    }
}
