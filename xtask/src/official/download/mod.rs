//! `cargo xtask regenerate --download`: fetches Bambu Lab's per-model HMS lists and action
//! lists from its published endpoints, then imports them as `--official` does.
//!
//! For each serial prefix of catalog.yaml's `models` (or those asked for) and each language,
//! `query.php?lang=<lang>&d=<prefix>&v=<ver>` gives `hms_<lang>_<prefix>.json`, and
//! `hms/GetActionImage.php?v=<ver>&d=<prefix>` gives `hms_action_<prefix>.json`.
//!
//! The last downloads are kept in `catalog/downloads/` (git-ignored). `v=` is the `ver` of the
//! kept copy, or 0 (the full list) when none is kept; a reply with `result` 201 (unchanged)
//! reuses the kept copy. The run is all or nothing: every file is fetched (with retries)
//! before anything is imported, and the kept copies are replaced only when the import wrote.

mod http;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde::Deserialize;

pub use http::Limits;

use super::{OfficialReport, Options, regenerate_official};
use crate::codegen::write_atomically;
use hms_official::input::normalise_lang;

/// Where Bambu Lab publishes the lists.
pub const DEFAULT_BASE: &str = "https://e.bambulab.com";
/// The languages of the catalog's official texts (hms-catalog's `Lang`): every one Bambu
/// publishes.
pub const DEFAULT_LANGS: [&str; 14] = hms_model::official::LANGS;
/// The folder of the last downloads, under the project root.
pub const KEPT: &str = "catalog/downloads";

/// What to download, from where, and how to import it.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The server, `https://e.bambulab.com` (tests use a local one).
    pub base: String,
    /// Serial prefixes (`094`) or model ids (`H2D`); empty: every model of catalog.yaml.
    pub models: Vec<String>,
    /// Languages; empty: [`DEFAULT_LANGS`].
    pub langs: Vec<String>,
    /// Timeout, retries and body limit of each request.
    pub limits: Limits,
    /// How the import runs.
    pub options: Options,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            base: DEFAULT_BASE.to_owned(),
            models: Vec::new(),
            langs: Vec::new(),
            limits: Limits::default(),
            options: Options::default(),
        }
    }
}

/// Downloads the lists into a temporary folder and imports them into `root`. Progress, one
/// line per file (and per failed try), goes to `progress`. `Err` when a file cannot be had
/// (after retries) or the import cannot run: then nothing is written.
pub fn regenerate_download(
    root: &Path,
    settings: &Settings,
    progress: &mut dyn FnMut(&str),
) -> Result<OfficialReport, String> {
    let catalog = hms_model::load(&root.join("catalog.yaml"), "catalog.yaml")
        .map_err(|diagnostics| diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
    let prefixes = prefixes(&catalog, &settings.models)?;
    let langs = langs(&settings.langs)?;
    let client = http::Client::new(settings.limits.clone());
    let base = settings.base.trim_end_matches('/');
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for prefix in &prefixes {
        for lang in &langs {
            let name = format!("hms_{lang}_{prefix}.json");
            let url = |ver: &str| format!("{base}/query.php?lang={lang}&d={prefix}&v={ver}");
            files.push(fetch(&client, root, name, &url, progress)?);
        }
        let url = |ver: &str| format!("{base}/hms/GetActionImage.php?v={ver}&d={prefix}");
        files.push(fetch(&client, root, format!("hms_action_{prefix}.json"), &url, progress)?);
    }

    let folder = TempFolder::new()?;
    for (name, bytes) in &files {
        let path = folder.path.join(name);
        fs::write(&path, bytes).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    let mut report = regenerate_official(root, std::slice::from_ref(&folder.path), settings.options)?;
    let shown = format!("{}/", folder.path.display());
    for message in
        report.import.errors.iter_mut().chain(&mut report.import.warnings).chain(&mut report.import.conflicts)
    {
        *message = message.replace(&shown, "");
    }
    if report.written && !settings.options.check {
        for (name, bytes) in &files {
            let path = root.join(KEPT).join(name);
            if let Err(e) = write_atomically(&path, bytes) {
                report.import.warnings.push(format!("{KEPT}/{name}: cannot keep the download: {e}"));
            }
        }
    }
    Ok(report)
}

/// The serial prefixes to fetch, each once, in the order of catalog.yaml or of `asked`.
fn prefixes(catalog: &hms_model::Catalog, asked: &[String]) -> Result<Vec<String>, String> {
    let mut prefixes: Vec<String> = Vec::new();
    let wanted: Vec<String> = if asked.is_empty() {
        catalog.models.iter().filter_map(|m| m.prefix.clone()).collect()
    } else {
        let mut wanted = Vec::new();
        for item in asked.iter().map(|a| a.trim()) {
            match catalog.models.iter().find(|m| m.id.eq_ignore_ascii_case(item)) {
                Some(model) => match &model.prefix {
                    Some(prefix) => wanted.push(prefix.clone()),
                    None => return Err(format!("--models: model `{}` has no serial prefix in catalog.yaml", model.id)),
                },
                None if item.len() == 3 && item.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                    wanted.push(item.to_ascii_uppercase())
                }
                None => {
                    return Err(format!(
                        "--models: `{item}` is neither a serial prefix (three letters or digits, like 094) nor a model \
                         of catalog.yaml"
                    ));
                }
            }
        }
        wanted
    };
    for prefix in wanted {
        if !prefixes.iter().any(|p| p.eq_ignore_ascii_case(&prefix)) {
            prefixes.push(prefix);
        }
    }
    if prefixes.is_empty() {
        return Err("no model of catalog.yaml has a serial prefix: nothing to download".to_owned());
    }
    Ok(prefixes)
}

/// The languages to fetch, normalised (`zh-Hans` is `zh-cn`), each once.
fn langs(asked: &[String]) -> Result<Vec<String>, String> {
    let asked: Vec<&str> =
        if asked.is_empty() { DEFAULT_LANGS.to_vec() } else { asked.iter().map(String::as_str).collect() };
    let mut langs: Vec<String> = Vec::new();
    for tag in asked {
        let lang =
            normalise_lang(tag).ok_or_else(|| format!("--langs: `{tag}` is not a language tag (en, de, zh-cn)"))?;
        if !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    Ok(langs)
}

/// The head of a reply; the rest is skipped (but must be JSON).
#[derive(Deserialize)]
struct Head {
    result: Option<serde_json::Value>,
    ver: Option<serde_json::Value>,
}

fn head(bytes: &[u8]) -> Result<Head, String> {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    serde_json::from_slice(bytes)
        .map_err(|e| format!("{} (line {}, column {})", hms_official::json_fault(&e), e.line(), e.column()))
}

/// The version of a kept copy, if it says one made of digits.
fn version(head: &Head) -> Option<String> {
    let ver = match head.ver.as_ref()? {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.clone(),
        _ => return None,
    };
    (!ver.is_empty() && ver.bytes().all(|b| b.is_ascii_digit())).then_some(ver)
}

/// Fetches the file `name` from `url(ver)`, or takes the kept copy when the server says it is
/// current.
fn fetch(
    client: &http::Client,
    root: &Path,
    name: String,
    url: &dyn Fn(&str) -> String,
    progress: &mut dyn FnMut(&str),
) -> Result<(String, Vec<u8>), String> {
    let kept = fs::read(root.join(KEPT).join(&name)).ok();
    let kept = kept.and_then(|bytes| Some((head(&bytes).ok().as_ref().and_then(version)?, bytes)));
    let ver = kept.as_ref().map_or("0", |(ver, _)| ver.as_str());
    let url = url(ver);
    let started = Instant::now();
    let body = client.get(&url, &mut |why| progress(&format!("fetch {name} ... {why}")))?;
    let took = http::seconds(started.elapsed());
    let reply = head(&body).map_err(|e| format!("{url}: not JSON: {e}"))?;
    match reply.result.as_ref().and_then(serde_json::Value::as_i64) {
        Some(0) => {
            progress(&format!("fetch {name} ... {}, {took}", size(body.len())));
            Ok((name, body))
        }
        Some(201) => match kept {
            Some((ver, bytes)) => {
                progress(&format!(
                    "fetch {name} ... unchanged since {ver}: {KEPT}/{name}, {}, {took}",
                    size(bytes.len())
                ));
                Ok((name, bytes))
            }
            None => Err(format!("{url}: `result` 201 (unchanged) to a request for the full list")),
        },
        _ => match reply.result {
            Some(other) => Err(format!("{url}: `result` {other}, expected 0 (the list) or 201 (unchanged)")),
            None => Err(format!("{url}: no `result` in the reply")),
        },
    }
}

/// `512 B`, `12.3 KB`, `1.2 MB`.
fn size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// A fresh folder under the system's temporary folder, removed when dropped.
struct TempFolder {
    path: PathBuf,
}

impl TempFolder {
    fn new() -> Result<TempFolder, String> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("hms-download-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).map_err(|e| format!("{}: cannot create: {e}", path.display()))?;
        Ok(TempFolder { path })
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!([size(512), size(12_345), size(1_234_567)], ["512 B", "12.3 KB", "1.2 MB"]);
    }

    #[test]
    fn versions_are_digits_only() {
        let ver = |json: &str| head(json.as_bytes()).ok().as_ref().and_then(version);
        assert_eq!(ver(r#"{"result":0,"ver":202501010000}"#).as_deref(), Some("202501010000"));
        assert_eq!(ver(r#"{"ver":"202501010000"}"#).as_deref(), Some("202501010000"));
        assert_eq!(ver(r#"{"ver":"1&d=x"}"#), None);
        assert_eq!(ver(r#"{"ver":-1}"#), None);
        assert_eq!(ver(r#"{"data":[]}"#), None);
        assert_eq!(ver("not json"), None);
    }

    #[test]
    fn languages_are_normalised_and_deduplicated() {
        assert_eq!(langs(&[]).unwrap(), hms_model::official::LANGS);
        assert_eq!(langs(&["EN".into(), "zh-Hans".into(), "zh_CN".into()]).unwrap(), ["en", "zh-cn"]);
        assert!(langs(&["e n".into()]).is_err());
    }
}
