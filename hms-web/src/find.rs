//! Finding entries without a code: by words of their titles, or by module and level.

use std::fmt::Write;

use hms_catalog::{Level, Module, entries};

use crate::render::Escaped;

/// At most this many entries are listed at once.
pub const MAX_LISTED: usize = 200;

/// One line per pattern whose title holds every word of `words` (case-insensitive), as links
/// to the code: `<li><a href="#code">title</a> <code>pattern</code></li>`.
pub fn search(words: &str, out: &mut String) {
    let words: Vec<String> = words.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return;
    }
    listed(out, |title, _, _| {
        let title = title.to_lowercase();
        words.iter().all(|w| title.contains(w.as_str()))
    });
}

/// The entries of `module` (an id in hex, `07`, or empty for all) at `level` (a level name, or
/// empty for all).
pub fn list(module: &str, level: &str, out: &mut String) {
    let module = u8::from_str_radix(module, 16).ok().and_then(Module::from_id);
    let level = Level::ALL.iter().copied().find(|l| l.name() == level);
    listed(out, |_, m, l| module.is_none_or(|want| m == Some(want)) && level.is_none_or(|want| l == Some(want)));
}

/// The list of the patterns `keep` takes (given the title, module and level), or a line that
/// says none did.
fn listed(out: &mut String, mut keep: impl FnMut(&str, Option<Module>, Option<Level>) -> bool) {
    let mut count = 0;
    out.push_str("<ul class=\"results\">");
    for pattern in entries().flat_map(|e| e.patterns()) {
        let key = pattern.key();
        let title = pattern.title().to_string();
        let level = key.level_raw().and_then(Level::from_id);
        if !keep(&title, Module::from_id(key.module_id()), level) {
            continue;
        }
        count += 1;
        if count > MAX_LISTED {
            continue;
        }
        let _ = write!(out, "<li><a href=\"#{key}\">{}</a> <code>{}</code></li>", Escaped(&title), Escaped(pattern));
    }
    out.push_str("</ul>");
    let summary = match count {
        0 => "No entry matches.".to_owned(),
        n if n > MAX_LISTED => format!("{n} entries match; the first {MAX_LISTED} are shown."),
        1 => "1 entry matches.".to_owned(),
        n => format!("{n} entries match."),
    };
    let _ = write!(out, "<p class=\"count\">{summary}</p>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_find_titles_holding_all_of_them() {
        let mut out = String::new();
        search("assist MOTOR", &mut out);
        let items: Vec<&str> = out.split("<li>").skip(1).collect();
        assert!(!items.is_empty(), "{out}");
        for item in items {
            let title = item.split("</a>").next().unwrap().to_lowercase();
            assert!(title.contains("assist") && title.contains("motor"), "{item}");
        }
        let mut none = String::new();
        search("assist zebra", &mut none);
        assert!(none.contains("No entry matches."), "{none}");
    }

    #[test]
    fn lists_by_module_and_level() {
        let mut ams = String::new();
        list("07", "error", &mut ams);
        assert!(ams.contains("entries match"), "{ams}");
        assert!(!ams.contains("<code>03"), "only module 07: {ams}");
        let mut all = String::new();
        list("", "", &mut all);
        assert!(all.contains(&format!("the first {MAX_LISTED} are shown")), "{}", &all[all.len() - 200..]);
    }
}
