//! docs/CODES.md: every code of the catalog, grouped by module; an entry of several patterns
//! is listed, with all of them, in each module its patterns name.

use std::fmt::Write;

use hms_model::{Catalog, CodeEntry, EntryPattern};

pub fn codes_md(catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<!-- {} from catalog.yaml; do not edit -->\n", crate::GENERATED);
    let _ = writeln!(out, "# HMS codes in the catalog\n");
    let families = catalog.codes.iter().filter(|c| c.has_family()).count();
    let several = catalog.codes.iter().filter(|c| c.patterns.len() > 1).count();
    let several = match several {
        0 => String::new(),
        n => format!(", {n} listing several codes, shown in each module they name"),
    };
    let _ = writeln!(
        out,
        "{} entries ({} families, where `x` marks the unit or slot digits that vary{several}), {} procedures. \
         Run `hms explain CODE` for the meaning and the steps.\n",
        catalog.codes.len(),
        families,
        catalog.procedures.iter().filter(|p| !p.name.is_empty()).count()
    );
    for module in &catalog.modules {
        // Each entry with a pattern of this module, sorted by its first such pattern.
        let mut codes: Vec<(&EntryPattern, &CodeEntry)> = catalog
            .codes
            .iter()
            .filter_map(|c| Some((c.patterns.iter().find(|p| p.module_id() == module.id)?, c)))
            .collect();
        if codes.is_empty() {
            continue;
        }
        codes.sort_by_key(|(p, _)| (p.channel(), p.key().bits(), p.varies()));
        let _ = writeln!(out, "## {:02X} {} ({})\n", module.id, module.abbr, module.name);
        let _ = writeln!(out, "| Code | Channel | Level | Title | Procedure |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for (first, c) in codes {
            let mut channels: Vec<&str> = Vec::new();
            let mut levels: Vec<&str> = Vec::new();
            for p in &c.patterns {
                let channel = p.channel().name();
                let level = p.level().and_then(|l| catalog.level(l)).map_or("?", |l| l.name.as_str());
                for (list, item) in [(&mut channels, channel), (&mut levels, level)] {
                    if !list.contains(&item) {
                        list.push(item);
                    }
                }
            }
            // The pattern of this module first, then the others in catalog order.
            let spelled: Vec<String> = std::iter::once(first)
                .chain(c.patterns.iter().filter(|p| *p != first))
                .map(|p| match p.side {
                    Some(side) => format!("`{}` ({})", p.spelled(), side.name()),
                    None => format!("`{}`", p.spelled()),
                })
                .collect();
            let procedure = c.procedure.map(|i| &catalog.procedures[i]).map_or(String::new(), |p| {
                if p.name.is_empty() { "(on the entry)".to_owned() } else { format!("`{}`", p.name) }
            });
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {procedure} |",
                spelled.join(", "),
                channels.join(", "),
                levels.join(", "),
                cell(&c.title)
            );
        }
        out.push('\n');
    }
    out
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_entry_of_several_patterns_shows_in_each_module_with_all_of_them() {
        let source = "schema: 1\nmodules:\n  - { id: \"07\", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }\n  \
                      - { id: \"12\", abbr: AMS Lite, name: AMS Lite, lettered: true, parts: { numbers: slots, digits: 0-3 } }\n\
                      levels: [{ id: 2, variant: Warning, name: warning, meaning: m }, { id: 1, variant: Error, name: error, meaning: m }]\n\
                      codes:\n  - { code: [12xx_2x00_0002_0001, 07xx_2x00_0001_0001], title: Ran out, meaning: m }\n";
        let md = super::codes_md(&hms_model::parse(source, "catalog.yaml").unwrap());
        assert!(md.contains(
            "1 entries (1 families, where `x` marks the unit or slot digits that vary, 1 listing several codes"
        ));
        let ams = "| `07xx_2x00_0001_0001`, `12xx_2x00_0002_0001` | hms | warning, error | Ran out |  |";
        let lite = "| `12xx_2x00_0002_0001`, `07xx_2x00_0001_0001` | hms | warning, error | Ran out |  |";
        let (ams_at, lite_at) = (md.find("## 07 AMS").unwrap(), md.find("## 12 AMS Lite").unwrap());
        assert_eq!(
            (md.find(ams), md.find(lite)),
            (Some(md[ams_at..].find(ams).unwrap() + ams_at), Some(md[lite_at..].find(lite).unwrap() + lite_at))
        );
    }
}
