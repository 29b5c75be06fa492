//! One code pattern: read from its digits, what its codes can fill, and overlaps between
//! families.

use std::collections::{HashMap, HashSet};

use hms_core::layout::{VARIES_SLOT, VARIES_UNIT};
use hms_core::placeholder::{self, Fill, Piece, Source};
use hms_core::{AnyCode, CodePattern, PartLayout, PartNumbers, PatternError};

use crate::diagnostics::Sink;
use crate::model::{Catalog, Channel, EntryPattern};
use crate::spans::Spans;

/// Reads the pattern written at span path `at`; `None`, with a diagnostic, when it is bad.
pub fn read_pattern(
    at: &str,
    catalog: &Catalog,
    level_ids: &HashSet<u16>,
    spans: &Spans,
    sink: &mut Sink,
) -> Option<EntryPattern> {
    let Some(text) = spans.scalar(at) else {
        sink.error(spans, at, "a code must be written as its digits, like 0700_2000_0002_0003");
        return None;
    };
    let pattern = match CodePattern::parse(text, |id| catalog.module(id).and_then(|m| m.parts)) {
        Ok(pattern) => pattern,
        Err(e) => {
            let message = match e {
                PatternError::Digits(e) => format!("bad code `{text}`: {e}"),
                PatternError::Length(n) => {
                    format!("bad code `{text}`: {n} hex digits, expected 16 (print.hms) or 8 (print_error)")
                }
                PatternError::Wildcards(channel) => {
                    let rule = match channel {
                        Channel::Hms => {
                            "`xx` for the module number (digits 3-4) and `x` for the part's low digit (digit 6)"
                        }
                        Channel::PrintError => "`xx` for the module number (digits 3-4)",
                    };
                    format!("bad code `{text}`: wildcards may only stand as {rule}")
                }
                PatternError::NoPartLayout(id) if catalog.module(id).is_none() => {
                    format!("unknown module {id:02X} in code `{text}`: add it to `modules`")
                }
                PatternError::NoPartLayout(id) => format!(
                    "code `{text}` leaves the part's low digit open, but module {id:02X} numbers nothing by it: \
                     give the module `parts` (like `parts: {{ numbers: slots, digits: 0-3 }}`)"
                ),
            };
            sink.error(spans, at, message);
            return None;
        }
    };
    let pattern = EntryPattern { pattern, side: None, line: spans.at(at).line };
    let mut ok = true;
    if catalog.module(pattern.module_id()).is_none() {
        sink.error(
            spans,
            at,
            format!("unknown module {:02X} in code `{text}`: add it to `modules`", pattern.module_id()),
        );
        ok = false;
    }
    match (pattern.code(), pattern.level()) {
        (_, Some(level)) if level_ids.contains(&level) => {}
        (AnyCode::PrintError(error), None) => {
            let nibble = error.level_nibble();
            sink.error(
                spans,
                at,
                format!("unknown level nibble {nibble:X} in print_error code `{text}`: expected 4, 8 or C"),
            );
            ok = false;
        }
        (_, level) => {
            sink.error(
                spans,
                at,
                format!("unknown level {} in code `{text}`: add it to `levels`", level.unwrap_or_default()),
            );
            ok = false;
        }
    }
    ok.then_some(pattern)
}

/// Which placeholders the codes of a pattern can fill: what its first member fills, as the
/// runtime fills it ([`Fill::of`]); every member of a family fills the same ones.
#[derive(Clone, Copy)]
pub struct Fillable {
    fill: Fill,
}

impl Fillable {
    pub fn of(pattern: &EntryPattern, catalog: &Catalog) -> Fillable {
        let module = catalog.module(pattern.module_id()).map(|m| m.facts()).unwrap_or_default();
        Fillable { fill: Fill::of(pattern.first(), pattern.varies(), module, pattern.side) }
    }

    /// "uses `{ams}`" when `text` has a placeholder these codes cannot fill.
    pub fn unfillable(&self, text: &str) -> Option<String> {
        placeholder::pieces(text).find_map(|piece| match piece {
            Piece::Placeholder { name, .. } => {
                let ok = match placeholder::find(name)?.source {
                    Source::Unit | Source::UnitName => self.fill.unit.is_some(),
                    Source::Side => self.fill.side.is_some(),
                    Source::Slot => self.fill.slot.is_some(),
                    Source::Index => self.fill.index.is_some(),
                    Source::Rack => self.fill.rack.is_some(),
                };
                (!ok).then(|| format!("uses `{{{name}}}`"))
            }
            _ => None,
        })
    }
}

/// Two families that share a code would make the answer depend on lookup order.
///
/// Families `a` and `b` can share a code only when their keys agree outside the digits either
/// leaves open. Each family is filed under its key with those digits cleared, once for every
/// `varies` another family may have, so each family finds its candidates by hashing, not by
/// comparing it with every other family; [`CodePattern::overlaps`] then decides. `patterns`
/// holds every pattern of every entry, with its span path.
pub fn check_family_overlaps(patterns: &[(String, EntryPattern)], spans: &Spans, sink: &mut Sink) {
    // Every family shape: unit, part digit, both.
    const SHAPES: [u8; 3] = [VARIES_UNIT, VARIES_SLOT, VARIES_UNIT | VARIES_SLOT];
    let mut filed: HashMap<(Channel, u8, u8, u64), Vec<usize>> = HashMap::new();
    for (i, (at, a)) in patterns.iter().enumerate().filter(|(_, (_, p))| p.is_family()) {
        for b_varies in SHAPES {
            let free = a.open_bits() | shape_bits(a, b_varies);
            let Some(earlier) = filed.get(&(a.channel(), b_varies, a.varies(), a.key().bits() & !free)) else {
                continue;
            };
            for &j in earlier.iter().filter(|&&j| a.overlaps(&patterns[j].1)) {
                let (b_at, b) = &patterns[j];
                let place = sink.place(spans, b_at, at);
                let message = format!(
                    "family {} overlaps family {} ({place}): a code may belong to one family only",
                    a.spelled(),
                    b.spelled()
                );
                sink.error(spans, at, message);
            }
        }
        for other in SHAPES {
            let free = a.open_bits() | shape_bits(a, other);
            filed.entry((a.channel(), a.varies(), other, a.key().bits() & !free)).or_default().push(i);
        }
    }
}

/// The bits a family of shape `varies` leaves open on `p`'s channel.
fn shape_bits(p: &CodePattern, varies: u8) -> u64 {
    let part = PartLayout::new(PartNumbers::Slots, 0, 0).filter(|_| varies & VARIES_SLOT != 0);
    CodePattern::new(p.key(), varies & VARIES_UNIT != 0, part).open_bits()
}

#[cfg(test)]
mod tests {
    #[test]
    fn families_overlap_whatever_digits_each_leaves_open() {
        let catalog = |codes: &[&str]| {
            let mut source = String::from(
                "schema: 1\nmodules: [{ id: \"07\", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }, { id: \"1A\", abbr: Rack, name: Rack, parts: { numbers: rack, digits: 1-6 } }]\n\
                 levels: [{ id: 2, variant: Warning, name: warning, meaning: m }]\ncodes:\n",
            );
            for code in codes {
                source.push_str(&format!("  - {{ code: {code}, title: t, meaning: m }}\n"));
            }
            crate::parse(&source, "catalog.yaml").err().unwrap_or_default()
        };
        // Unit and slot against slot only, unit only against slot only, unit against both.
        for pair in [
            ["07xx_2x00_0002_0001", "0701_2x00_0002_0001"],
            ["07xx_2100_0002_0001", "0701_2x00_0002_0001"],
            ["07xx_2300_0002_0001", "07xx_2x00_0002_0001"],
            // Any part quad, and the rack's positions 1-6.
            ["07xx_8300_0002_0001", "07xx_8x00_0002_0001"],
            ["1Axx_0600_0002_0001", "1A00_0x00_0002_0001"],
            ["1Axx_0x00_0002_0001", "1A00_0x00_0002_0001"],
        ] {
            let errors = catalog(&pair);
            assert_eq!(errors.len(), 1, "{pair:?}: {errors:?}");
            assert!(errors[0].message.contains("overlaps family"), "{pair:?}: {errors:?}");
            assert_eq!(errors[0].line, 6, "{pair:?}: {errors:?}");
        }
        // Different error ids, units or parts, or a unit or part that the open digits do not
        // cover: no overlap.
        let apart = [
            "07xx_2x00_0002_0001",
            "07xx_2x00_0002_0002",
            "0702_2x00_0002_0003",
            "07xx_2500_0002_0001",
            "07FE_2x00_0002_0001",
            "07xx_8x00_0002_0001",
            "07xx_8400_0002_0001",
            "1A00_0x00_0002_0001",
            "1A00_0000_0002_0001",
            "1A00_0700_0002_0001",
            "1A00_2x00_0002_0001",
        ];
        assert_eq!(catalog(&apart), Vec::new());
    }
}
