//! Which catalog entry explains each official code, and how many official codes the catalog
//! covers. `cargo xtask regenerate` writes docs/COVERAGE.md from it, and the coverage tests
//! pin its totals. Which entry covers a code is decided by [`hms_core::covering`], the rule
//! the tables and the runtime lookup follow too.

use std::collections::BTreeMap;

use hms_core::{AnyCode, CodePattern, covering};

use crate::model::{Catalog, CodeEntry};
use crate::official::{OfficialCode, OfficialFacts};

/// Every pattern of a catalog, each with the index of its entry: what [`covering`] chooses
/// from.
#[derive(Clone, Debug, Default)]
pub struct Patterns {
    patterns: Vec<CodePattern>,
    entries: Vec<usize>,
}

impl Patterns {
    /// The patterns of every entry of `catalog`, in catalog order.
    pub fn of(catalog: &Catalog) -> Patterns {
        let all = catalog.codes.iter().enumerate().flat_map(|(i, c)| c.patterns.iter().map(move |p| (i, p.pattern)));
        let (entries, patterns) = all.unzip();
        Patterns { patterns, entries }
    }

    /// The index of the entry that explains `code`: the entry of the pattern [`covering`]
    /// chooses.
    pub fn entry_for(&self, code: AnyCode) -> Option<usize> {
        covering(&self.patterns, code).map(|i| self.entries[i])
    }
}

impl Catalog {
    /// The entry that explains `code`: its exact entry, else the family that covers it (see
    /// [`covering`]). For many codes, build [`Patterns`] once instead.
    pub fn entry_for(&self, code: AnyCode) -> Option<&CodeEntry> {
        Patterns::of(self).entry_for(code).map(|i| &self.codes[i])
    }
}

/// The alert levels coverage is counted by. The level numbers are fixed by the code format
/// (see `hms_core::Hms::level_raw`), so they are not read from the catalog's `levels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Level 1: the task stops.
    Error,
    /// Level 2: the task pauses.
    Warning,
    /// Level 3.
    Info,
    /// Level 4 (notice), 0 and anything else.
    Other,
}

impl Severity {
    /// Every severity, in table order.
    pub const ALL: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Other];

    /// The severity of a code.
    pub fn of(code: AnyCode) -> Severity {
        match code.level_raw() {
            Some(1) => Severity::Error,
            Some(2) => Severity::Warning,
            Some(3) => Severity::Info,
            _ => Severity::Other,
        }
    }

    /// How tables name it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Other => "notice/other",
        }
    }
}

/// One official code and the entry that explains it, if any.
#[derive(Clone, Copy, Debug)]
pub struct Covered<'a> {
    /// The official code.
    pub code: &'a OfficialCode,
    /// Its module id.
    pub module: u8,
    /// Its level.
    pub severity: Severity,
    /// The catalog entry that explains it (its own title and meaning).
    pub entry: Option<&'a CodeEntry>,
}

impl Covered<'_> {
    /// Whether the catalog gives the code a procedure (named, or steps on the entry).
    pub fn has_procedure(&self) -> bool {
        self.entry.is_some_and(|e| e.procedure.is_some())
    }
}

/// Counts of official codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Official codes.
    pub official: usize,
    /// Of those, codes with an entry of their own (title and meaning).
    pub titled: usize,
    /// Of those, codes with a procedure.
    pub with_procedure: usize,
}

impl Counts {
    fn add(&mut self, c: &Covered<'_>) {
        self.official += 1;
        self.titled += usize::from(c.entry.is_some());
        self.with_procedure += usize::from(c.has_procedure());
    }
}

/// Every official code with the entry that explains it, in the facts' order.
#[derive(Clone, Debug)]
pub struct Coverage<'a> {
    /// One per official code.
    pub codes: Vec<Covered<'a>>,
}

impl<'a> Coverage<'a> {
    /// Links each official code of `facts` to its entry in `catalog`.
    pub fn new(catalog: &'a Catalog, facts: &'a OfficialFacts) -> Coverage<'a> {
        let patterns = Patterns::of(catalog);
        let codes = facts
            .codes
            .iter()
            .map(|code| Covered {
                code,
                module: code.code().module_id(),
                severity: Severity::of(code.code()),
                entry: patterns.entry_for(code.code()).map(|i| &catalog.codes[i]),
            })
            .collect();
        Coverage { codes }
    }

    /// Counts over the codes that `keep` accepts.
    pub fn count(&self, keep: impl Fn(&Covered<'a>) -> bool) -> Counts {
        let mut counts = Counts::default();
        self.codes.iter().filter(|c| keep(c)).for_each(|c| counts.add(c));
        counts
    }

    /// Counts per module and level, ordered by module id, then level.
    pub fn by_module(&self) -> BTreeMap<(u8, Severity), Counts> {
        let mut out: BTreeMap<(u8, Severity), Counts> = BTreeMap::new();
        for c in &self.codes {
            out.entry((c.module, c.severity)).or_default().add(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::official::parse_facts;
    use hms_core::{Hms, PrintError};

    const CATALOG: &str = r#"
schema: 1
modules: [{ id: "07", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }]
levels:
  - { id: 1, variant: Error, name: error, meaning: stops }
  - { id: 2, variant: Warning, name: warning, meaning: pauses }
codes:
  - code: 07xx_2x00_0002_0001
    title: "AMS {ams} slot {slot} empty"
    meaning: m
    steps: [s]
  - { code: 0701_2200_0002_0001, title: AMS B slot 3 empty, meaning: m }
  - { code: 07xx_0100_0001_0004, title: AMS motor, meaning: m }
"#;

    fn catalog() -> Catalog {
        crate::parse(CATALOG, "catalog.yaml").unwrap()
    }

    #[test]
    fn exact_entries_beat_families_and_families_cover_lettered_units_only() {
        let catalog = catalog();
        let spelled = |code| catalog.entry_for(AnyCode::Hms(Hms::from_u64(code))).map(CodeEntry::spelled);
        assert_eq!(spelled(0x0701_2200_0002_0001).as_deref(), Some("0701_2200_0002_0001"));
        assert_eq!(spelled(0x0701_2100_0002_0001).as_deref(), Some("07xx_2x00_0002_0001"));
        assert_eq!(spelled(0x0781_2300_0002_0001).as_deref(), Some("07xx_2x00_0002_0001"));
        assert_eq!(spelled(0x0783_0100_0001_0004).as_deref(), Some("07xx_0100_0001_0004"));
        // FE/FF are extruders, not lettered units; part 24 is not a slot.
        assert_eq!(spelled(0x07FE_2000_0002_0001), None);
        assert_eq!(spelled(0x0700_2400_0002_0001), None);
        assert_eq!(catalog.entry_for(AnyCode::PrintError(PrintError::from_u32(0x0701_2200))), None);
    }

    #[test]
    fn counts_split_by_module_and_level() {
        let catalog = catalog();
        let facts = "hms\t0700200000020001\t-\t-\nhms\t0701220000020001\t-\t-\nhms\t0700010000010004\t-\t-\n\
                     hms\t0700010000010005\t-\t-\nerr\t0700800B\t-\t-\n";
        let facts = parse_facts(facts, "official.tsv", &catalog).unwrap();
        let coverage = Coverage::new(&catalog, &facts);
        let all = coverage.count(|_| true);
        assert_eq!((all.official, all.titled, all.with_procedure), (5, 3, 1));
        let by_module = coverage.by_module();
        assert_eq!(by_module[&(7, Severity::Warning)], Counts { official: 3, titled: 2, with_procedure: 1 });
        assert_eq!(by_module[&(7, Severity::Error)], Counts { official: 2, titled: 1, with_procedure: 0 });
        assert_eq!(Severity::of(AnyCode::PrintError(PrintError::from_u32(0x0700_C00B))), Severity::Info);
        assert_eq!(Severity::of(AnyCode::Hms(Hms::from_u64(0x0700_0100_0004_0001))), Severity::Other);
    }
}
