//! docs/CODES.md: every code of the catalog, grouped by module.

use std::fmt::Write;

use hms_model::{Catalog, Channel};

pub fn codes_md(catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<!-- {} from catalog.yaml; do not edit -->\n", crate::GENERATED);
    let _ = writeln!(out, "# HMS codes in the catalog\n");
    let families = catalog.codes.iter().filter(|c| c.varies != 0).count();
    let _ = writeln!(
        out,
        "{} entries ({} families, where `x` marks the unit or slot digits that vary), {} procedures. \
         Run `hms explain CODE` for the meaning and the steps.\n",
        catalog.codes.len(),
        families,
        catalog.procedures.iter().filter(|p| !p.name.is_empty()).count()
    );
    for module in &catalog.modules {
        let mut codes: Vec<_> = catalog.codes.iter().filter(|c| c.module_id() == module.id).collect();
        if codes.is_empty() {
            continue;
        }
        codes.sort_by_key(|c| (c.channel, c.key, c.varies));
        let _ = writeln!(out, "## {:02X} {} ({})\n", module.id, module.abbr, module.name);
        let _ = writeln!(out, "| Code | Channel | Level | Title | Procedure |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for c in codes {
            let channel = match c.channel {
                Channel::Hms => "hms",
                Channel::PrintError => "print_error",
            };
            let level = c.level().and_then(|l| catalog.level(l)).map_or("?", |l| l.name.as_str());
            let procedure = c.procedure.map(|i| &catalog.procedures[i]).map_or(String::new(), |p| {
                if p.name.is_empty() { "(on the entry)".to_owned() } else { format!("`{}`", p.name) }
            });
            let _ = writeln!(out, "| `{}` | {channel} | {level} | {} | {procedure} |", c.spelled(), cell(&c.title));
        }
        out.push('\n');
    }
    out
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
