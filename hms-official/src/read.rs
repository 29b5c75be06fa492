//! The slicer's per-model files: `hms_<lang>_<prefix>.json` (with or without the
//! `result`/`ver`/`data` wrapper) and `hms_action_<prefix>.json`.

use std::collections::HashMap;

use serde_json::value::RawValue;

use super::input::normalise_lang;
use super::json::{Object, Source};
use super::merge::Import;
use super::{AnyCode, Channel, Sink, hex, parse_code};

/// The two sections of a text file and the channel of their codes.
const SECTIONS: [(&str, Channel); 2] = [("device_hms", Channel::Hms), ("device_error", Channel::PrintError)];

/// First-wins bookkeeping of one list: where each code was first seen.
#[derive(Default)]
pub struct Seen {
    first: HashMap<AnyCode, (usize, String)>,
}

impl Seen {
    /// Whether entry `index` (from 1) is the first of `key`; a repeat is reported as a conflict
    /// that says whether its `content` (`what`: text, actions...) differs from the first's.
    pub fn first(
        &mut self,
        sink: &mut Sink,
        file: &str,
        key: AnyCode,
        index: usize,
        content: &str,
        what: &str,
    ) -> bool {
        match self.first.get(&key) {
            None => {
                self.first.insert(key, (index, content.to_owned()));
                true
            }
            Some((at, first)) => {
                let how = if first == content { "same" } else { "different" };
                sink.conflicts.push(format!(
                    "{file}: ecode {} repeated (entry {index}, first at entry {at}), {how} {what}; the first is kept",
                    hex(key)
                ));
                false
            }
        }
    }
}

/// Reads one model's texts in one language into `import`, as a source of the version the
/// file's `ver` gives.
pub fn per_model(src: &Source, sink: &mut Sink, import: &mut Import, lang: &str, model: usize) {
    let Some(root) = src.root(sink) else { return };
    let Some(top) = src.object(sink, root, "the file") else { return };
    let version = top.get("ver").and_then(|ver| version(src, sink, ver));
    let source = import.source(src.name, lang, version, Some(model));
    let (container, at) = match top.get("data") {
        Some(data) => match src.object(sink, data, "`data`") {
            Some(object) => (object, data),
            None => return,
        },
        None => (top, root),
    };
    let mut any = false;
    for (name, channel) in SECTIONS {
        let Some(section) = container.get(name) else { continue };
        any = true;
        let Some(entries) = section_entries(src, sink, section, name, lang) else { continue };
        let mut seen = Seen::default();
        for (i, raw) in entries.into_iter().enumerate() {
            let Some((key, text)) = text_entry(src, sink, raw, channel) else { continue };
            if seen.first(sink, src.name, key, i + 1, &text, "text") {
                import.per_model_text(lang, source, model, key, text);
            }
        }
    }
    if !any {
        src.error(sink, at, "no `device_hms` or `device_error` section");
    }
}

/// A version, `YYYYMMDDhhmm` as a number or a string of digits; anything else is warned about
/// and read as no version.
pub fn version(src: &Source, sink: &mut Sink, raw: &RawValue) -> Option<u64> {
    let text = raw.get().trim();
    let digits = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    match digits.parse::<u64>() {
        Ok(v) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => Some(v),
        _ => {
            src.warning(
                sink,
                raw,
                format_args!("`ver` {text} is not a version (YYYYMMDDhhmm); the file counts as unversioned"),
            );
            None
        }
    }
}

/// The entry list of a section: `{"ver": .., "<lang>": [...]}` (or the list itself).
fn section_entries<'a>(
    src: &Source<'a>,
    sink: &mut Sink,
    section: &'a RawValue,
    name: &str,
    lang: &str,
) -> Option<Vec<&'a RawValue>> {
    if section.get().starts_with('[') {
        return src.array(sink, section, name);
    }
    let object = src.object(sink, section, &format!("`{name}`"))?;
    let lists: Vec<&(String, &RawValue)> = object.members.iter().filter(|(k, _)| k != "ver").collect();
    let matching = lists.iter().find(|(k, _)| normalise_lang(k).as_deref() == Some(lang));
    let (key, list) = match (matching, lists.as_slice()) {
        (Some(found), _) => (&found.0, found.1),
        (None, [only]) => {
            src.warning(sink, only.1, format_args!("`{name}` lists `{}`, the file name says `{lang}`", only.0));
            (&only.0, only.1)
        }
        (None, _) => {
            src.error(sink, section, format_args!("`{name}` has no `{lang}` list"));
            return None;
        }
    };
    src.array(sink, list, &format!("`{name}.{key}`"))
}

/// One `{"ecode": .., "intro": ..}` entry; `None` when it is malformed (reported) or has an
/// empty ecode (a warning: the slicer skips it too).
fn text_entry(src: &Source, sink: &mut Sink, raw: &RawValue, channel: Channel) -> Option<(AnyCode, String)> {
    let entry = src.object(sink, raw, "entry")?;
    let key = entry_code(src, sink, &entry, raw, Some(channel))?;
    let Some(intro) = entry.get("intro") else {
        src.error(sink, raw, "entry has no `intro`");
        return None;
    };
    Some((key, src.string(sink, intro, "`intro`")?))
}

/// The entry's `ecode`, of `channel` when given (else by its length).
fn entry_code(
    src: &Source,
    sink: &mut Sink,
    entry: &Object,
    raw: &RawValue,
    channel: Option<Channel>,
) -> Option<AnyCode> {
    let Some(ecode) = entry.get("ecode") else {
        src.error(sink, raw, "entry has no `ecode`");
        return None;
    };
    let text = src.string(sink, ecode, "`ecode`")?;
    if text.is_empty() {
        src.warning(sink, ecode, "entry with an empty `ecode` skipped");
        return None;
    }
    parse_code(&text, channel).map_err(|e| src.error(sink, ecode, e)).ok()
}

/// What an action file held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActionCount {
    pub entries: usize,
    pub ids: usize,
}

/// Reads one model's action file: `{"data": [{"ecode", "image", "actions", "device"}]}`.
/// `device` is a serial prefix, or `default` for the file's own model; a model's ids for a
/// code are the union of its entries.
pub fn actions(
    src: &Source,
    sink: &mut Sink,
    import: &mut Import,
    model: usize,
    by_prefix: &dyn Fn(&str) -> Option<usize>,
) -> ActionCount {
    let mut count = ActionCount::default();
    let Some(root) = src.root(sink) else { return count };
    let list = if root.get().starts_with('[') {
        root
    } else {
        let Some(top) = src.object(sink, root, "the file") else { return count };
        match top.get("data") {
            Some(data) => data,
            None => {
                src.error(sink, root, "no `data` list");
                return count;
            }
        }
    };
    let Some(entries) = src.array(sink, list, "`data`") else { return count };
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for (i, raw) in entries.into_iter().enumerate() {
        let Some(entry) = src.object(sink, raw, "entry") else { continue };
        let mut ok = true;
        if let Some(image) = entry.get("image") {
            ok &= src.string(sink, image, "`image`").is_some();
        }
        let device = match entry.get("device") {
            None => Some("default".to_owned()),
            Some(raw) => src.string(sink, raw, "`device`"),
        };
        let device_model = match device.as_deref() {
            None => None,
            Some("default") => Some(model),
            Some(prefix) => {
                let found = by_prefix(prefix);
                if found.is_none() {
                    let at = entry.get("device").unwrap_or(raw);
                    src.error(sink, at, format_args!("unknown device `{prefix}`: no catalog model has this prefix"));
                }
                found
            }
        };
        let ids = match entry.get("actions") {
            None => {
                src.error(sink, raw, "entry has no `actions`");
                None
            }
            Some(list) => src.array(sink, list, "`actions`").map(|items| {
                let ids: Vec<Option<u64>> = items
                    .iter()
                    .map(|&item| {
                        serde_json::from_str::<u64>(item.get())
                            .map_err(|_| src.error(sink, item, "action id must be a whole number from 0"))
                            .ok()
                    })
                    .collect();
                ids.into_iter().collect::<Option<Vec<u64>>>()
            }),
        };
        let key = entry_code(src, sink, &entry, raw, None);
        let (Some(key), Some(device), Some(device_model), Some(Some(ids)), true) = (key, device, device_model, ids, ok)
        else {
            continue;
        };
        // A code repeated for the same device: the first wins. A device's entry and the
        // default entry of the same code both count (their ids are joined).
        let content = format!("{ids:?}");
        if seen.entry(device).or_default().first(sink, src.name, key, i + 1, &content, "actions") {
            count.entries += 1;
            count.ids += ids.len();
            import.actions(key, device_model, ids);
        }
    }
    count
}
