//! The public API of `hms-core` and `hms-catalog`, pinned: what rustdoc documents of them
//! (every public item, method, associated constant, enum variant, public field and trait
//! implementation, generated enums and re-exports included; hidden and unstable items left
//! out, as rustdoc leaves them out) must equal the snapshot in docs/API.md. An item added or
//! removed fails this test until the snapshot is rewritten on purpose:
//!
//! ```sh
//! HMS_BLESS=1 cargo test -p hms-tests --test public_api
//! ```
//!
//! rustdoc's HTML is read rather than its JSON, which needs a nightly toolchain. The variants
//! of the enums generated from the catalog (`Code`, `Model`, `Module`, `Level`) are catalog
//! data, not API: the catalog's own tests pin them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crates and the features their API is documented with.
const CRATES: [&str; 2] = ["hms-core", "hms-catalog"];
const FEATURES: &str = "hms-catalog/serde,hms-catalog/json";

/// Enums whose variants are the catalog's data.
const DATA_ENUMS: [&str; 4] = ["hms_catalog::Code", "hms_catalog::Model", "hms_catalog::Module", "hms_catalog::Level"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_public_api_matches_its_snapshot() {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    let mut cargo = Command::new(option_env!("CARGO").unwrap_or("cargo"));
    cargo.current_dir(root()).args(["doc", "--no-deps", "--quiet", "--features", FEATURES]);
    for krate in CRATES {
        cargo.args(["-p", krate]);
    }
    let status = cargo.status().expect("cargo runs");
    assert!(status.success(), "cargo doc failed: {status}");

    let mut api = HEADER.replace("{features}", FEATURES);
    for krate in CRATES {
        let name = krate.replace('-', "_");
        api.push_str(&format!("\n## {name}\n\n```text\n"));
        for line in module_api(&target.join("doc").join(&name), &name) {
            api.push_str(&line);
            api.push('\n');
        }
        api.push_str("```\n");
    }

    let snapshot = root().join("docs/API.md");
    if std::env::var_os("HMS_BLESS").is_some() {
        let tmp = snapshot.with_extension("md.tmp");
        std::fs::write(&tmp, &api).expect("docs/API.md.tmp is writable");
        std::fs::rename(&tmp, &snapshot).expect("docs/API.md is replaced");
        return;
    }
    let committed = std::fs::read_to_string(&snapshot).unwrap_or_default();
    if committed != api {
        let old: Vec<&str> = committed.lines().collect();
        let new: Vec<&str> = api.lines().collect();
        let added: Vec<_> = new.iter().filter(|l| !old.contains(l)).collect();
        let removed: Vec<_> = old.iter().filter(|l| !new.contains(l)).collect();
        panic!(
            "the public API differs from docs/API.md; if the change is meant, rewrite the snapshot \
             with `HMS_BLESS=1 cargo test -p hms-tests --test public_api`\nadded: {added:#?}\nremoved: {removed:#?}"
        );
    }
}

/// The snapshot's introduction; `{features}` is replaced by [`FEATURES`].
const HEADER: &str = "# Public API\n\n\
What rustdoc documents of `hms-core` and `hms-catalog` with their default features and \
`{features}`: items, methods, associated constants, variants, public fields and trait \
implementations. Hidden items (`#[doc(hidden)]`, such as `hms_catalog::__unstable` and the \
modules of `hms_core` the other crates share) are unstable and not listed; the variants of \
`Code`, `Model`, `Module` and `Level` are catalog data. Written by `tests/tests/public_api.rs`, \
which fails when the API changes unnoticed; `HMS_BLESS=1 cargo test -p hms-tests --test \
public_api` rewrites it.\n";

/// The API lines of the module documented in `dir`, its submodules' after its own.
fn module_api(dir: &Path, path: &str) -> Vec<String> {
    let sidebar = read(&dir.join("sidebar-items.js"));
    let mut lines = Vec::new();
    for (kind, names) in sidebar_items(&sidebar) {
        for name in names {
            if kind == "mod" {
                lines.extend(module_api(&dir.join(&name), &format!("{path}::{name}")));
                continue;
            }
            let page = read(&dir.join(format!("{kind}.{name}.html")));
            let full = format!("{path}::{name}");
            match kind.as_str() {
                "struct" | "enum" | "trait" | "union" => {
                    lines.push(format!("{kind} {full}"));
                    lines.extend(type_members(&page, &full).into_iter().map(|l| format!("    {l}")));
                }
                _ => lines.push(format!("{kind} {full}: {}", declaration(&page))),
            }
        }
    }
    lines
}

/// `window.SIDEBAR_ITEMS = {"enum":["A","B"],"fn":["f"]};` as kinds and names.
fn sidebar_items(js: &str) -> BTreeMap<String, Vec<String>> {
    let body = js.split_once('{').and_then(|(_, rest)| rest.rsplit_once('}')).map_or("", |(body, _)| body);
    let mut items = BTreeMap::new();
    for entry in body.split(']').filter(|e| e.contains('[')) {
        let (kind, names) = entry.split_once('[').expect("an entry holds a list");
        let kind = kind.trim_matches(|c| matches!(c, ',' | ':' | '"' | ' ')).to_owned();
        let names = names.split(',').map(|n| n.trim().trim_matches('"').to_owned()).filter(|n| !n.is_empty());
        items.insert(kind, names.collect());
    }
    items
}

/// The declaration of a function, constant, macro or type alias, as one line.
fn declaration(page: &str) -> String {
    let start = page.find("<pre class=\"rust item-decl\">").expect("an item page declares its item");
    let end = start + page[start..].find("</pre>").expect("the declaration ends");
    text(&page[start..end])
}

/// The members of a type's page: variants, public fields, inherent methods and associated
/// items (their signatures), and the traits it implements (synthetic and blanket
/// implementations, the same for every type, left out).
fn type_members(page: &str, full: &str) -> Vec<String> {
    let section = |id: &str| -> &str {
        let Some(start) = page.find(&format!("id=\"{id}\"")) else { return "" };
        let rest = &page[start..];
        let end = rest[1..].find("<h2 ").map_or(rest.len(), |e| e + 1);
        &rest[..end]
    };
    let mut members = Vec::new();
    if !DATA_ENUMS.contains(&full) {
        for header in headers(section("variants"), "variant") {
            members.push(format!("variant {header}"));
        }
    }
    for header in headers(section("fields"), "structfield") {
        members.push(format!("field {header}"));
    }
    for header in headers(section("implementations-list"), "") {
        if !header.starts_with("impl") {
            members.push(header);
        }
    }
    let mut traits: Vec<String> =
        headers(section("trait-implementations-list"), "impl").into_iter().filter(|h| h.starts_with("impl")).collect();
    traits.sort();
    members.extend(traits);
    members
}

/// The text of each `code-header` heading in `html` after a `<section id="<prefix>...`, and of
/// each struct field's heading.
fn headers(html: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<section id=\"") {
        rest = &rest[at..];
        let id = rest["<section id=\"".len()..].split('"').next().unwrap_or_default();
        let keep = id.starts_with(prefix);
        let heading = rest.find("class=\"code-header\">").and_then(|start| {
            let body = &rest[start..];
            body.find("</h").map(|end| text(&body["class=\"code-header\">".len()..end]))
        });
        if let (true, Some(heading)) = (keep, heading) {
            found.push(heading);
        }
        rest = &rest[1..];
    }
    for field in html.split("<span id=\"structfield.").skip(1) {
        if let Some(end) = field.find("</span>") {
            let body = &field[field.find('>').map_or(0, |i| i + 1)..end];
            found.push(text(body));
        }
    }
    found
}

/// HTML as text: tags dropped, entities decoded, whitespace collapsed, the `§` anchors gone.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"");
    let out = out.replace("&#39;", "'").replace(['§', 'ⓘ'], "");
    // rustdoc breaks long signatures over lines, with a trailing comma: one line, without it.
    out.split_whitespace().collect::<Vec<_>>().join(" ").replace("( ", "(").replace(", )", ")")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e} (run by cargo doc)", path.display()))
}
