//! One code pattern: read from its digits, what its codes can fill, and overlaps between
//! families.

use std::collections::{HashMap, HashSet};

use hms_core::AnyCode;
use hms_core::layout::{VARIES_SLOT, VARIES_UNIT, family_mask, first_member, is_family_member};
use hms_core::placeholder::{self, Fill, Piece, Source};
use hms_core::spelling::read_digits;

use crate::diagnostics::Sink;
use crate::model::{Catalog, Channel, CodePattern, code_of};
use crate::spans::Spans;

/// Reads the pattern written at span path `at`; `None`, with a diagnostic, when it is bad.
pub fn read_pattern(
    at: &str,
    catalog: &Catalog,
    level_ids: &HashSet<u16>,
    spans: &Spans,
    sink: &mut Sink,
) -> Option<CodePattern> {
    let Some(text) = spans.scalar(at) else {
        sink.error(spans, at, "a code must be written as its digits, like 0700_2000_0002_0003");
        return None;
    };
    let digits = match read_digits(text, true) {
        Ok(d) => d,
        Err(e) => {
            sink.error(spans, at, format!("bad code `{text}`: {e}"));
            return None;
        }
    };
    let Some(channel) = Channel::from_digits(digits.count) else {
        let n = digits.count;
        sink.error(spans, at, format!("bad code `{text}`: {n} hex digits, expected 16 (print.hms) or 8 (print_error)"));
        return None;
    };
    let unit = family_mask(channel.layout(), VARIES_UNIT);
    let slot = family_mask(channel.layout(), VARIES_SLOT);
    let mut varies = 0;
    if digits.wildcards & unit == unit {
        varies |= VARIES_UNIT;
    }
    if slot != 0 && digits.wildcards & slot == slot {
        varies |= VARIES_SLOT;
    }
    if digits.wildcards & !family_mask(channel.layout(), varies) != 0 {
        let rule = match channel {
            Channel::Hms => "`xx` for the module number (digits 3-4) and `x` for the part's low digit (digit 6)",
            Channel::PrintError => "`xx` for the module number (digits 3-4)",
        };
        sink.error(spans, at, format!("bad code `{text}`: wildcards may only stand as {rule}"));
        return None;
    }
    let key = digits.value;
    let pattern = CodePattern { channel, key, varies, side: None, line: spans.at(at).line };
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
    pub fn of(pattern: &CodePattern, catalog: &Catalog) -> Fillable {
        // The abbreviation itself does not matter here, only whether the units are lettered.
        let abbr = catalog.module(pattern.module_id()).filter(|m| m.lettered).map(|_| "");
        let member = first_member(pattern.channel.layout(), pattern.key, pattern.varies);
        Fillable { fill: Fill::of(code_of(pattern.channel, member), pattern.varies, abbr, pattern.side) }
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
/// comparing it with every other family; [`share_a_code`] then decides. `patterns` holds every
/// pattern of every entry, with its span path.
pub fn check_family_overlaps(patterns: &[(String, CodePattern)], spans: &Spans, sink: &mut Sink) {
    const VARIES: [u8; 3] = [VARIES_UNIT, VARIES_SLOT, VARIES_UNIT | VARIES_SLOT];
    let mut filed: HashMap<(Channel, u8, u8, u64), Vec<usize>> = HashMap::new();
    for (i, (at, a)) in patterns.iter().enumerate().filter(|(_, (_, p))| p.varies != 0) {
        let layout = a.channel.layout();
        for b_varies in VARIES {
            let free = family_mask(layout, a.varies) | family_mask(layout, b_varies);
            let Some(earlier) = filed.get(&(a.channel, b_varies, a.varies, a.key & !free)) else { continue };
            for &j in earlier.iter().filter(|&&j| share_a_code(a, &patterns[j].1)) {
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
        for other in VARIES {
            let free = family_mask(layout, a.varies) | family_mask(layout, other);
            filed.entry((a.channel, a.varies, other, a.key & !free)).or_default().push(i);
        }
    }
}

/// Whether two families whose keys agree outside their open digits have a member in common.
/// A family's open unit covers lettered units only and its open part digit the module's
/// [`slot_digits`](hms_core::layout::slot_digits) only, so `07FE_2x00_0002_0001` and
/// `07xx_2x00_0002_0001` share no code, nor do `07xx_2500_0002_0001` and `07xx_2x00_0002_0001`.
pub(crate) fn share_a_code(a: &CodePattern, b: &CodePattern) -> bool {
    // The varying bits of each key are zero: a digit open in one family takes the other's
    // value, and one open in both takes the first value either covers (unit A, slot 1 or
    // rack position 1), a member of both.
    let layout = a.channel.layout();
    let code = first_member(layout, a.key | b.key, a.varies & b.varies);
    is_family_member(layout, code, a.varies) && is_family_member(layout, code, b.varies)
}

#[cfg(test)]
mod tests {
    #[test]
    fn families_overlap_whatever_digits_each_leaves_open() {
        let catalog = |codes: &[&str]| {
            let mut source = String::from(
                "schema: 1\nmodules: [{ id: \"07\", abbr: AMS, name: AMS, lettered: true }, { id: \"1A\", abbr: Rack, name: Rack }]\n\
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
