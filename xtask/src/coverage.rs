//! docs/COVERAGE.md: how many official codes the catalog explains, per module and level, and
//! which are still missing, grouped in families so the lists stay readable. Built from
//! catalog.yaml and catalog/official.tsv only, so CI can check it without Bambu's texts.

use std::collections::BTreeMap;
use std::fmt::Write;

use hms_core::{AnyCode, CodePattern, PartNumbers, unit_letter};
use hms_model::Catalog;
use hms_model::coverage::{Counts, Coverage, Covered, Severity};
use hms_model::official::OfficialFacts;

/// Where the file lives, from the workspace root.
pub const COVERAGE: &str = "docs/COVERAGE.md";

/// The share of errors and of warnings that should have a procedure, in percent.
const GOALS: [(Severity, &str, u32); 2] = [(Severity::Error, "errors", 100), (Severity::Warning, "warnings", 80)];

pub fn coverage_md(catalog: &Catalog, facts: &OfficialFacts) -> String {
    let coverage = Coverage::new(catalog, facts);
    let mut out = String::new();
    let _ = writeln!(out, "<!-- {} from catalog.yaml and catalog/official.tsv; do not edit -->\n", crate::GENERATED);
    let _ = writeln!(out, "# Coverage of the official codes\n");
    let _ = writeln!(
        out,
        "Of the {} codes in Bambu Lab's published lists, how many the catalog explains in its own words \
         (an entry with a title and a meaning, exact or a family) and how many it gives a procedure \
         (named or steps on the entry).\n",
        coverage.codes.len()
    );
    totals(&mut out, catalog, &coverage);
    for (severity, plural, goal) in GOALS {
        let c = coverage.count(|c| c.severity == severity);
        let _ = writeln!(
            out,
            "- {plural} with a procedure: {} of {} ({}; goal {goal}%)",
            c.with_procedure,
            c.official,
            percent(c.with_procedure, c.official)
        );
    }
    out.push('\n');
    let lettered: Vec<&str> = catalog.modules.iter().filter(|m| m.lettered).map(|m| m.abbr.as_str()).collect();
    let _ = writeln!(
        out,
        "## Missing, per module\n\nCodes of a lettered module ({}) are grouped where they \
         differ only in the unit (`xx`: units A-H, module numbers `00`-`07` and `80`-`87`) and in the low \
         digit of a part `10` and up (`x`: `0`-`3`, the slot or its motor); each group shows how many \
         official codes it holds.\n",
        lettered.join(", ")
    );
    for module in modules(&coverage) {
        missing(&mut out, catalog, &coverage, module);
    }
    out
}

/// The table of counts per module and level, then the totals per level and overall.
fn totals(out: &mut String, catalog: &Catalog, coverage: &Coverage<'_>) {
    let _ = writeln!(out, "| Module | Level | Official codes | Own title | % | Procedure | % |");
    let _ = writeln!(out, "|---|---|--:|--:|--:|--:|--:|");
    for ((module, severity), counts) in coverage.by_module() {
        row(out, &module_name(catalog, module), severity.name(), counts);
    }
    for severity in Severity::ALL {
        row(out, "**Total**", severity.name(), coverage.count(|c| c.severity == severity));
    }
    row(out, "**Total**", "**all**", coverage.count(|_| true));
    out.push('\n');
}

fn row(out: &mut String, module: &str, level: &str, c: Counts) {
    let _ = writeln!(
        out,
        "| {module} | {level} | {} | {} | {} | {} | {} |",
        c.official,
        c.titled,
        percent(c.titled, c.official),
        c.with_procedure,
        percent(c.with_procedure, c.official)
    );
}

/// `part` of `whole`, one decimal; a dash when there is no whole.
fn percent(part: usize, whole: usize) -> String {
    if whole == 0 { "-".to_owned() } else { format!("{:.1}%", 100.0 * part as f64 / whole as f64) }
}

/// `1 code`, `2 codes`.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

fn module_name(catalog: &Catalog, id: u8) -> String {
    catalog.module(id).map_or_else(|| format!("{id:02X} (not in the catalog)"), |m| format!("{id:02X} {}", m.abbr))
}

/// Module ids with official codes, in order.
fn modules(coverage: &Coverage<'_>) -> Vec<u8> {
    let mut ids: Vec<u8> = coverage.codes.iter().map(|c| c.module).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A module's codes missing a title, then its errors and warnings that have a title but no
/// procedure (a code without a title has no procedure either, so it is listed once).
fn missing(out: &mut String, catalog: &Catalog, coverage: &Coverage<'_>, module: u8) {
    let in_module = |c: &&Covered<'_>| c.module == module;
    let untitled: Vec<&Covered<'_>> = coverage.codes.iter().filter(in_module).filter(|c| c.entry.is_none()).collect();
    let unfixed: Vec<&Covered<'_>> = coverage
        .codes
        .iter()
        .filter(in_module)
        .filter(|c| c.entry.is_some() && !c.has_procedure())
        .filter(|c| matches!(c.severity, Severity::Error | Severity::Warning))
        .collect();
    if untitled.is_empty() && unfixed.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {}\n", module_name(catalog, module));
    let module = catalog.module(module);
    for (what, codes) in
        [("Missing a title", &untitled), ("Errors and warnings with a title but no procedure", &unfixed)]
    {
        if codes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{what} ({}):\n", plural(codes.len(), "code"));
        for severity in Severity::ALL {
            let of_level: Vec<&Covered<'_>> = codes.iter().copied().filter(|c| c.severity == severity).collect();
            let groups = groups(&of_level, module);
            if groups.is_empty() {
                continue;
            }
            let _ = writeln!(out, "- {}:", severity.name());
            for (pattern, count) in groups {
                if count == 1 {
                    let _ = writeln!(out, "  - `{pattern}`");
                } else {
                    let _ = writeln!(out, "  - `{pattern}` ({count} codes)");
                }
            }
        }
        out.push('\n');
    }
}

/// The codes grouped in families, spelled with `xx`/`x` where members differ, with their
/// sizes; a group of one is spelled as its code. Sorted by channel, then first member.
fn groups(codes: &[&Covered<'_>], module: Option<&hms_model::Module>) -> Vec<(String, usize)> {
    let mut found: BTreeMap<String, (usize, AnyCode)> = BTreeMap::new();
    for c in codes {
        let code = c.code.code();
        let group = family(code, module);
        let group = found.entry(group.to_string()).or_insert((0, code));
        group.0 += 1;
    }
    let mut groups: Vec<_> = found
        .into_iter()
        .map(|(spelled, (count, first))| {
            let spelled = if count == 1 { CodePattern::exact(first).to_string() } else { spelled };
            ((first.channel(), first.bits()), spelled, count)
        })
        .collect();
    // By the first member, so a group sits where its codes would.
    groups.sort_unstable();
    groups.into_iter().map(|(_, spelled, count)| (spelled, count)).collect()
}

/// The family a missing code is listed under: the catalog family that would cover it, as the
/// catalog could write it. In a lettered module the unit varies (any lettered unit), and the
/// part digit varies over the module's `parts` digits; in a module that numbers slots, only in
/// parts `10` and up, where parts `n0`-`n3` are one component once per slot (`20`-`23`, the
/// slots; `10`-`13`, their motors), while parts `00`-`0F` are different components (a family
/// could be written for them, but would describe nothing).
fn family(code: AnyCode, module: Option<&hms_model::Module>) -> CodePattern {
    let lettered = module.is_some_and(|m| m.lettered) && unit_letter(code.module_number()).is_some();
    let parts = module.and_then(|m| m.parts).filter(|layout| {
        code.part().zip(code.part_digit()).is_some_and(|(part, digit)| {
            layout.contains(digit) && (layout.numbers() == PartNumbers::Rack || part >= 0x10)
        })
    });
    let family = CodePattern::new(code, lettered, parts);
    debug_assert!(family.covers(code));
    family
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> String {
        let catalog = hms_model::parse(
            "schema: 1\nmodules: [{ id: \"07\", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }, { id: \"05\", abbr: AP, name: AP }]\n\
             levels: [{ id: 1, variant: Error, name: error, meaning: stops }, { id: 2, variant: Warning, name: warning, meaning: pauses }]\n\
             codes:\n  - { code: 07xx_2x00_0002_0001, title: t, meaning: m, steps: [s] }\n  - { code: 0500_0100_0001_0001, title: t, meaning: m }\n",
            "catalog.yaml",
        )
        .unwrap();
        let mut facts = String::new();
        // Units A-C and AMS-HT unit A, slots 1-4 of each; one unit-only code on part 24.
        for unit in ["00", "01", "02", "80"] {
            for slot in 0..4 {
                facts.push_str(&format!("hms\t07{unit}2{slot}0000020002\t-\t-\n"));
            }
            facts.push_str(&format!("hms\t07{unit}240000020002\t-\t-\n"));
        }
        facts.push_str("hms\t07FE200000020002\t-\t-\nhms\t0500010000010001\t-\t-\nerr\t07018011\t-\t-\n");
        let facts = hms_model::official::parse_facts(&facts, "official.tsv", &catalog).unwrap();
        coverage_md(&catalog, &facts)
    }

    #[test]
    fn missing_codes_are_grouped_by_unit_and_slot() {
        let doc = document();
        assert!(doc.contains("  - `07xx_2x00_0002_0002` (16 codes)\n"), "{doc}");
        assert!(doc.contains("  - `07xx_2400_0002_0002` (4 codes)\n"), "{doc}");
        assert!(doc.contains("  - `07FE_2000_0002_0002`\n"), "{doc}");
        assert!(doc.contains("  - `0701_8011`\n"), "{doc}");
        assert!(doc.contains(
            "Errors and warnings with a title but no procedure (1 code):\n\n- error:\n  - `0500_0100_0001_0001`"
        ));
    }

    #[test]
    fn totals_count_titles_and_procedures() {
        let doc = document();
        assert!(doc.contains("| 07 AMS | warning | 22 | 0 | 0.0% | 0 | 0.0% |"), "{doc}");
        assert!(doc.contains("| **Total** | **all** | 23 | 1 | 4.3% | 0 | 0.0% |"), "{doc}");
        assert!(doc.contains("- errors with a procedure: 0 of 1 (0.0%; goal 100%)"), "{doc}");
    }
}
