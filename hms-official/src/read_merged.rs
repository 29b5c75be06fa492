//! The merged lists (Home Assistant integration): `hms_<lang>.json`, texts of every model as
//! `{ecode: {text: [models]}}`, and `wiki_links.json`, `{ecode: {page path: [models]}}`. An
//! empty model list marks the default (the models not named elsewhere for that code).

use serde_json::value::RawValue;

use super::json::Source;
use super::merge::Import;
use super::read::Seen;
use super::{AnyCode, Channel, Sink, hex, parse_code};

/// Reads one language's merged texts into `import`, as a source of `version` (the merged
/// lists carry none of their own: it comes from a `VERSION` file beside them).
pub fn merged(
    src: &Source,
    sink: &mut Sink,
    import: &mut Import,
    lang: &str,
    version: Option<u64>,
    model_index: &dyn Fn(&str) -> Option<usize>,
) {
    let Some(root) = src.root(sink) else { return };
    let source = import.source(src.name, lang, version, None);
    let Some(top) = src.object(sink, root, "the file") else { return };
    let mut any = false;
    for (name, section) in &top.members {
        let channel = match name.as_str() {
            "device_hms" => Channel::Hms,
            "device_error" => Channel::PrintError,
            other => {
                src.warning(sink, section, format_args!("section `{other}` ignored"));
                continue;
            }
        };
        any = true;
        let Some(codes) = src.object(sink, section, &format!("`{name}`")) else { continue };
        let mut seen = Seen::default();
        for (i, (ecode, raw)) in codes.members.iter().enumerate() {
            let Some(key) = code(src, sink, ecode, raw, Some(channel)) else { continue };
            if !seen.first(sink, src.name, key, i + 1, raw.get(), "texts") {
                continue;
            }
            let Some(lists) = model_lists(src, sink, raw, key, "text", model_index) else { continue };
            let mut default = None;
            let mut named: Vec<(usize, String)> = Vec::new();
            for (text, models) in lists {
                if models.is_empty() {
                    if default.is_some() {
                        sink.conflicts.push(format!(
                            "{}: ecode {} has a second default text; the first is kept",
                            src.at(raw),
                            hex(key)
                        ));
                    } else {
                        default = Some(text);
                    }
                    continue;
                }
                for model in models {
                    if named.iter().any(|(m, _)| *m == model) {
                        sink.conflicts.push(format!(
                            "{}: ecode {} names a model for two texts; the first is kept",
                            src.at(raw),
                            hex(key)
                        ));
                    } else {
                        named.push((model, text.clone()));
                    }
                }
            }
            import.merged_text(lang, source, key, default, named);
        }
    }
    if !any {
        src.error(sink, root, "no `device_hms` or `device_error` section");
    }
}

/// Reads `wiki_links.json` into `import`. Paths of another shape than
/// `/en/<slug>/troubleshooting/hmscode/<page>` are warned about and skipped.
pub fn wiki(src: &Source, sink: &mut Sink, import: &mut Import, model_index: &dyn Fn(&str) -> Option<usize>) {
    let Some(root) = src.root(sink) else { return };
    let Some(codes) = src.object(sink, root, "the file") else { return };
    let mut seen = Seen::default();
    for (i, (ecode, raw)) in codes.members.iter().enumerate() {
        let Some(key) = code(src, sink, ecode, raw, None) else { continue };
        if !seen.first(sink, src.name, key, i + 1, raw.get(), "pages") {
            continue;
        }
        let Some(pages) = model_lists(src, sink, raw, key, "page", model_index) else { continue };
        for (path, models) in pages {
            match page(&path) {
                Some(page) => import.wiki(key, page, models.iter().fold(0, |mask, m| mask | 1 << m)),
                None => src.warning(
                    sink,
                    raw,
                    format_args!("wiki path `{path}` is not /en/<slug>/troubleshooting/hmscode/<page>; skipped"),
                ),
            }
        }
    }
}

/// `slug/page` of `/en/<slug>/troubleshooting/hmscode/<page>`.
pub fn page(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/en/")?;
    let (slug, page) = rest.split_once("/troubleshooting/hmscode/")?;
    let slug_ok = !slug.is_empty() && slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let page_ok = !page.is_empty() && page.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (slug_ok && page_ok).then(|| format!("{slug}/{page}"))
}

/// The code of a member key; an empty one is warned about and skipped.
fn code(src: &Source, sink: &mut Sink, ecode: &str, raw: &RawValue, channel: Option<Channel>) -> Option<AnyCode> {
    if ecode.is_empty() {
        src.warning(sink, raw, "entry with an empty ecode skipped");
        return None;
    }
    parse_code(ecode, channel).map_err(|e| src.error(sink, raw, e)).ok()
}

/// `{thing: [model ids]}` with every model resolved to its catalog index; `None` (errors
/// reported) when anything in it is malformed or names an unknown model.
fn model_lists(
    src: &Source,
    sink: &mut Sink,
    raw: &RawValue,
    key: AnyCode,
    what: &str,
    model_index: &dyn Fn(&str) -> Option<usize>,
) -> Option<Vec<(String, Vec<usize>)>> {
    let object = src.object(sink, raw, &format!("ecode {}", hex(key)))?;
    let mut out = Vec::new();
    let mut ok = true;
    for (thing, list) in object.members {
        let Some(items) = src.array(sink, list, &format!("models of a {what}")) else {
            ok = false;
            continue;
        };
        let mut models = Vec::new();
        for item in items {
            let Some(id) = src.string(sink, item, "model id") else {
                ok = false;
                continue;
            };
            match model_index(&id) {
                Some(m) => models.push(m),
                None => {
                    ok = false;
                    src.error(sink, item, format_args!("unknown model `{id}`: not in catalog.yaml `models`"));
                }
            }
        }
        out.push((thing, models));
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::page;

    #[test]
    fn wiki_paths_become_slug_and_page() {
        assert_eq!(
            page("/en/h2/troubleshooting/hmscode/0300_0100_0001_0007").as_deref(),
            Some("h2/0300_0100_0001_0007")
        );
        assert_eq!(
            page("/en/ams-2-pro/troubleshooting/hmscode/0700-9000-0001-0004").as_deref(),
            Some("ams-2-pro/0700-9000-0001-0004")
        );
        assert_eq!(page("/de/h2/troubleshooting/hmscode/0300_0100_0001_0007"), None);
        assert_eq!(page("/en/h2/troubleshooting/other/0300"), None);
        assert_eq!(page("/en/h2/troubleshooting/hmscode/a:b"), None);
    }
}
