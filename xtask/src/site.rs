//! `cargo xtask site`: the web page. hms-web compiled to WebAssembly (the `web` profile, size
//! first), its JavaScript glue made by wasm-bindgen (the CLI of the version Cargo.lock pins,
//! `--target no-modules`, so that the page works opened from disk), the module carried as
//! base64 in a script for the same reason, and the page's own HTML and script. Nothing on the
//! page is fetched from elsewhere.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;

use crate::write_atomically;

/// The files of the page, in the order a browser loads them.
pub const FILES: [&str; 4] = ["index.html", "hms_web_wasm.js", "hms_web.js", "app.js"];

/// One file written: its name, its bytes and its bytes gzipped (level 9).
#[derive(Debug)]
pub struct Written {
    pub name: &'static str,
    pub bytes: usize,
    pub gzipped: usize,
}

/// What was built.
#[derive(Debug)]
pub struct Site {
    pub dir: PathBuf,
    pub files: Vec<Written>,
    pub official: bool,
}

impl Site {
    /// One line per file, and the totals.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> =
            self.files.iter().map(|f| format!("{:>9} B  {:>8} B gzipped  {}", f.bytes, f.gzipped, f.name)).collect();
        let (bytes, gzipped) = self.totals();
        lines.push(format!("{bytes:>9} B  {gzipped:>8} B gzipped  in all, in {}", self.dir.display()));
        if self.official {
            lines.push("with Bambu Lab's English texts: for your own use, not for publication".to_owned());
        }
        lines
    }

    /// Bytes of every file, and gzipped.
    pub fn totals(&self) -> (usize, usize) {
        (self.files.iter().map(|f| f.bytes).sum(), self.files.iter().map(|f| f.gzipped).sum())
    }
}

/// Builds the page into `out` (default `target/site`); `official` adds Bambu's English texts
/// (imported before with `cargo xtask regenerate --official`).
pub fn site(root: &Path, out: Option<PathBuf>, official: bool) -> Result<Site, String> {
    let bindgen = wasm_bindgen(root)?;
    let target = root.join("target");
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.current_dir(root).args(["build", "--locked", "-p", "hms-web", "--lib", "--profile", "web"]);
    cargo.args(["--target", "wasm32-unknown-unknown", "--target-dir"]).arg(&target);
    if official {
        cargo.args(["--features", "official"]);
    }
    let status = cargo.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("building hms-web for wasm32-unknown-unknown failed (is the target installed? \
                    `rustup target add wasm32-unknown-unknown`)"
            .to_owned());
    }
    let wasm = target.join("wasm32-unknown-unknown/web/hms_web.wasm");
    let glue_dir = target.join("site-bindgen");
    let status = Command::new(&bindgen)
        .args(["--target", "no-modules", "--no-typescript", "--remove-name-section", "--remove-producers-section"])
        .arg("--out-dir")
        .arg(&glue_dir)
        .arg(&wasm)
        .status()
        .map_err(|e| format!("cannot run {}: {e}", bindgen.display()))?;
    if !status.success() {
        return Err(format!("{} failed on {}", bindgen.display(), wasm.display()));
    }
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()));
    let module = read(&glue_dir.join("hms_web_bg.wasm"))?;
    let carried = format!(
        "// The page's WebAssembly module (hms-web), as base64: a page opened from disk cannot fetch it.\n\
         const HMS_WEB_WASM = \"{}\";\n",
        base64::engine::general_purpose::STANDARD.encode(&module)
    );
    let page = root.join("hms-web/page");
    let contents: [(&'static str, Vec<u8>); 4] = [
        ("index.html", read(&page.join("index.html"))?),
        ("hms_web_wasm.js", carried.into_bytes()),
        ("hms_web.js", read(&glue_dir.join("hms_web.js"))?),
        ("app.js", read(&page.join("app.js"))?),
    ];
    let dir = out.unwrap_or_else(|| target.join("site"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for (name, bytes) in contents {
        write_atomically(&dir.join(name), &bytes).map_err(|e| format!("cannot write {name}: {e}"))?;
        files.push(Written { name, bytes: bytes.len(), gzipped: gzipped(&bytes) });
    }
    let site = Site { dir, files, official };
    if !official {
        record_size(root, &site).map_err(|e| format!("cannot update docs/SIZE.md: {e}"))?;
    }
    Ok(site)
}

/// The first line of the web page's section of docs/SIZE.md; the section runs to the end of
/// the file. `cargo xtask size` keeps it when it rewrites the rest.
pub const SIZE_SECTION: &str = "## Web page";

/// The web page's section of docs/SIZE.md.
pub fn size_section(site: &Site) -> String {
    let mut out = format!(
        "{SIZE_SECTION}\n\nThe files `cargo xtask site` writes (the published build: the project's own texts \
         only), and gzipped at level 9 as a static host would serve them. Goal: under 400 KB gzipped.\n\n\
         | file | bytes | gzipped |\n|---|---:|---:|\n"
    );
    for f in &site.files {
        out.push_str(&format!("| `{}` | {} | {} |\n", f.name, f.bytes, f.gzipped));
    }
    let (bytes, gzipped) = site.totals();
    out.push_str(&format!("| **the page** | **{bytes}** | **{gzipped}** |\n"));
    out
}

/// Writes the web page's section into docs/SIZE.md, in place of the one there.
fn record_size(root: &Path, site: &Site) -> std::io::Result<()> {
    let path = root.join("docs/SIZE.md");
    let old = std::fs::read_to_string(&path)?;
    let kept = old.split_once(&format!("\n{SIZE_SECTION}\n")).map_or(old.as_str(), |(before, _)| before);
    let new = format!("{}\n\n{}", kept.trim_end(), size_section(site));
    if new != old { write_atomically(&path, new.as_bytes()) } else { Ok(()) }
}

/// Bytes of `bytes` gzipped at level 9.
fn gzipped(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len())
}

/// The wasm-bindgen CLI: `$WASM_BINDGEN`, else `wasm-bindgen` on the PATH; its version must be
/// the one Cargo.lock pins for the crate, as wasm-bindgen requires.
fn wasm_bindgen(root: &Path) -> Result<PathBuf, String> {
    let wanted = locked_version(root, "wasm-bindgen")?;
    let tool = std::env::var_os("WASM_BINDGEN").map_or_else(|| PathBuf::from("wasm-bindgen"), PathBuf::from);
    let install = format!("cargo install wasm-bindgen-cli --version ={wanted}");
    let out = Command::new(&tool)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {} ({e}): install it with `{install}`", tool.display()))?;
    let said = String::from_utf8_lossy(&out.stdout);
    match said.split_whitespace().nth(1) {
        Some(version) if version == wanted => Ok(tool),
        _ => Err(format!("{} says `{}`; the page needs {wanted}: `{install}`", tool.display(), said.trim())),
    }
}

/// The version of `name` Cargo.lock pins.
fn locked_version(root: &Path, name: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{name}\"") {
            let version = lines.next().and_then(|l| l.strip_prefix("version = \""));
            return version
                .map(|v| v.trim_end_matches('"').to_owned())
                .ok_or_else(|| format!("Cargo.lock: no version of {name}"));
        }
    }
    Err(format!("Cargo.lock has no {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(bytes: usize) -> Site {
        let files = FILES.iter().map(|&name| Written { name, bytes, gzipped: bytes / 2 }).collect();
        Site { dir: PathBuf::from("target/site"), files, official: false }
    }

    #[test]
    fn the_size_section_is_replaced_and_the_rest_kept() {
        let root = std::env::temp_dir().join(format!("hms-site-size-{}", std::process::id()));
        std::fs::create_dir_all(root.join("docs")).unwrap();
        let path = root.join("docs/SIZE.md");
        std::fs::write(&path, "# Flash size\n\n| a | 1 |\n").unwrap();
        record_size(&root, &site(10)).unwrap();
        let once = std::fs::read_to_string(&path).unwrap();
        assert!(once.starts_with("# Flash size\n\n| a | 1 |\n\n## Web page\n"), "{once}");
        assert!(once.ends_with("| **the page** | **40** | **20** |\n"), "{once}");
        record_size(&root, &site(7)).unwrap();
        let twice = std::fs::read_to_string(&path).unwrap();
        assert_eq!(twice.matches(SIZE_SECTION).count(), 1, "{twice}");
        assert!(twice.contains("| **the page** | **28** | **12** |"), "{twice}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_locked_wasm_bindgen_version_is_found() {
        let version = locked_version(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").as_path(), "wasm-bindgen");
        assert!(version.unwrap().starts_with("0.2."));
        assert!(locked_version(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").as_path(), "no-such-crate").is_err());
    }
}
