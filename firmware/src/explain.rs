// What the firmware prints for one code. Plain core::fmt, so the host test that checks the
// firmware's output (tests/tests/firmware.rs) includes this file and prints the same.

use core::fmt::{self, Write};

use hms_catalog::{AnyCode, Lang, lookup};

/// `0701_0100_0001_0004 error: AMS B assist motor ...`, then with `steps` (an image built
/// with the catalog's `guides`) `  1. <first step>`, then with `official` Bambu's text in that
/// language when it is compiled in.
pub fn explain(out: &mut impl Write, code: AnyCode, steps: bool, official: Option<Lang>) -> fmt::Result {
    let found = lookup(code);
    let level = found.level().map_or("unknown level", |l| l.name());
    write!(out, "{code} {level}: ")?;
    match found.title() {
        Some(title) => writeln!(out, "{title}")?,
        None if found.is_known() => writeln!(out, "(in Bambu's lists, not in the catalog)")?,
        None => writeln!(out, "(unknown code)")?,
    }
    if let Some(step) = found.procedure().filter(|_| steps).and_then(|p| p.steps().next()) {
        writeln!(out, "  1. {step}")?;
    }
    let text = official.and_then(|lang| found.official().and_then(|o| o.text(None, lang).text()));
    if let Some(text) = text {
        writeln!(out, "  {}: {text}", official.unwrap_or(Lang::En))?;
    }
    Ok(())
}
