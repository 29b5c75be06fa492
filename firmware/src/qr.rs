// The wiki page of a code as a QR code, drawn in text rows (half blocks, two rows of modules a
// line, light modules drawn). Plain core::fmt, so the host test that checks the firmware's
// output (tests/tests/firmware.rs) includes this file and draws the same.

use core::fmt::{self, Write};

use hms_catalog::{AnyCode, lookup};

/// `wiki QR of <code> (<url>):`, then the QR code's lines.
pub fn wiki_qr(out: &mut impl Write, code: AnyCode) -> fmt::Result {
    let url = lookup(code).wiki_url(None);
    writeln!(out, "wiki QR of {code} ({url}):")?;
    match url.qr() {
        Some(qr) => write!(out, "{qr}"),
        None => writeln!(out, "(too long for a QR code)"),
    }
}
