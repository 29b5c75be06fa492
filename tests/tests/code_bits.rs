//! Codes are taken apart and built by hms-core alone (`module_id()`, `part()`, `level_raw()`,
//! `Hms::from_parts`, `with_module_number`, the table layout's `split_code`/`split_key`...):
//! no other crate of the workspace, nor fuzz/, firmware/ or size-probe/, shifts or masks
//! code bits by hand. This test reads their sources (comments and string literals left out)
//! and fails on every shift (`<<`, `>>`, `shl`/`shr`/`rotate` calls) and every bitwise
//! operator next to a hex literal (`& 0xFFFF`, `| 0x0700_0000`), naming file:line, unless the
//! line is in [`ALLOWED`]: shifts that are not about code bits, each with its reason.

use std::path::{Path, PathBuf};

/// The source trees searched, from the workspace root: everything but hms-core.
const ROOTS: [&str; 13] = [
    "hms-model",
    "hms-official",
    "hms-macros",
    "hms-catalog",
    "hms-cli",
    "hms-ffi",
    "hms-python",
    "xtask",
    "tests",
    "fuzz/src",
    "fuzz/fuzz_targets",
    "firmware",
    "size-probe",
];

/// Source files by extension: Rust, and the C of hms-ffi's client tests.
const EXTENSIONS: [&str; 3] = ["rs", "c", "h"];

/// Lines allowed to shift or mask: (file, a piece of the line, why it is not about code bits).
const ALLOWED: &[(&str, &str, &str)] = &[
    // Sizes and counts written as powers of two.
    ("hms-model/src/limits.rs", "8 << 20", "a size limit in bytes"),
    ("hms-model/src/tables/mod.rs", "1 << 24", "the most keys one index holds"),
    ("hms-model/tests/pathological.rs", "10 << 20", "a text of 10 MiB"),
    ("hms-model/tests/pathological.rs", "1 << 20", "a text of 1 MiB"),
    ("hms-model/tests/pathological.rs", "(0..=1 << 24)", "one key more than an index holds"),
    ("hms-cli/src/watch/mqtt.rs", "4 << 20", "a message size limit"),
    ("hms-cli/src/frames.rs", "1 << 20", "a line and report size limit"),
    ("hms-cli/src/frames.rs", "16 << 10", "a buffer size"),
    ("hms-catalog/src/lookup.rs", "1u32.checked_shl(", "a set of models"),
    ("hms-cli/src/main.rs", "64 << 10", "an output buffer size"),
    ("hms-cli/tests/watch_broker.rs", "1 << 22", "an MQTT packet size limit"),
    ("hms-cli/tests/cli.rs", "64 << 10", "a memory limit in KiB and a read limit"),
    ("hms-cli/tests/cli.rs", "256 << 10", "a count of random bytes"),
    ("hms-cli/tests/cli.rs", "100 << 20", "100 MiB of input"),
    ("xtask/src/official/download/http.rs", "64 << 20", "a body size limit"),
    ("xtask/tests/download.rs", "1 << 20", "a body of 1 MiB"),
    ("xtask/tests/download.rs", "256 << 10", "a body size limit"),
    // Random numbers and hashes.
    ("hms-catalog/benches/common/mod.rs", "state ^= state", "xorshift, a deterministic shuffle"),
    ("hms-cli/tests/cli.rs", "state ^= state", "xorshift, random input bytes"),
    ("hms-cli/tests/cli.rs", "(state >> 24) as u8", "a byte of the random state"),
    ("xtask/tests/crash.rs", "(self.0 >> 11) as f64", "a random float from 53 random bits"),
    ("hms-model/src/packing/mod.rs", "self.0 = (self.0 << 8 | b as u64)", "a hash of text bytes"),
    ("hms-model/src/packing/mod.rs", "self.0 = self.0 << 16 | n as u64", "a hash of a symbol"),
    ("hms-model/src/packing/mod.rs", "h ^ h >> 32", "a hash's high bits folded into its low bits"),
    ("tests/tests/no_copy.rs", "rotate_left", "a hash of words"),
    ("size-probe/src/main.rs", "rotate_left", "a hash of text bytes"),
    (
        "hms-model/tests/pathological.rs",
        "0x0700_2000_0002_0003 ^ 1 << b",
        "keys one bit apart, in every bit, for the perfect hash",
    ),
    ("tests/tests/properties.rs", "code.bits() ^ 1 << (bit % width)", "a code one bit away, any bit"),
    ("hms-catalog/benches/common/mod.rs", "h.error_id() ^ 0x7F00", "a different error id, a near miss"),
    ("hms-model/src/tables/mod.rs", "^ 0x1234_5678_9ABC_DEF0", "the seed of a hash"),
    ("hms-model/src/tables/tests.rs", "1u64 << b", "keys of one bit each, for the perfect hash"),
    // Sets of models, one bit per model.
    ("hms-catalog/benches/lookup.rs", "models: 1 << (i / 32 % 3)", "a set of models"),
    ("hms-model/src/official.rs", "1u32.checked_shl(", "a set of models"),
    ("hms-catalog/src/official.rs", "1 << m.bit()", "a set of models"),
    ("hms-catalog/src/official.rs", "1u32 << m.bit()", "a set of models"),
    ("xtask/src/official/drift.rs", "mask & (1 << m)", "a set of models"),
    ("xtask/src/official/drift.rs", "*mask & (1 << bit)", "a set of models"),
    ("hms-official/src/tsv.rs", "mask & (1 << i)", "a set of models"),
    ("hms-official/src/merge.rs", "1 << m", "a set of models"),
    ("hms-official/src/read_merged.rs", "mask | 1 << m", "a set of models"),
    ("xtask/tests/official_new_models.rs", "c.models & (1 << new)", "a set of models"),
    ("tests/tests/common/mod.rs", "t.models & (1 << i)", "a set of models"),
    ("tests/tests/no_copy.rs", "t.models & (1 << i)", "a set of models"),
    // Bits of the tables' own fields and bitmaps.
    ("hms-model/src/tables/rows.rs", "first | (count - 1) << 4", "a member set's slot field: two nibbles"),
    ("tests/tests/no_copy.rs", "m | 1 << i", "a bit set of the words of a window"),
    ("tests/tests/no_copy.rs", "mask & 1 << i", "a bit set of the words of a window"),
    ("hms-catalog/src/qr.rs", "1 << (i % 8)", "the dark modules of a QR code, eight to a byte"),
    // Not bits at all.
    ("tests/tests/safety.rs", "0x07 | 0x18", "a match pattern of two module ids"),
    // Hardware.
    ("hms-ffi/tests/c/bare-metal/startup.c", "0xFu << 20", "the Cortex-M CPACR bits that enable the FPU"),
];

/// A line of source (comments and literals blanked) shifts or masks bits.
fn suspicious(code: &str) -> bool {
    const CALLS: [&str; 10] = [
        ".shl(",
        ".shr(",
        "_shl(",
        "_shr(",
        ".rotate_left(",
        ".rotate_right(",
        "ShlAssign",
        "ShrAssign",
        "ops::Shl",
        "ops::Shr",
    ];
    if CALLS.iter().any(|c| code.contains(c)) {
        return true;
    }
    let chars: Vec<char> = code.chars().collect();
    let space = |i: usize| chars.get(i).is_none_or(|c| c.is_whitespace());
    let hex_at = |i: usize| chars.get(i) == Some(&'0') && matches!(chars.get(i + 1), Some('x' | 'X'));
    let hex_ends_at = |end: usize| {
        // A hex literal ends just before `end` (its suffix included): `0x00FF_0000u64 |`.
        let start = chars[..end].iter().rposition(|c| !(c.is_ascii_alphanumeric() || *c == '_')).map_or(0, |p| p + 1);
        hex_at(start) && start + 2 < end
    };
    (0..chars.len()).any(|i| {
        // Binary operators stand between spaces (rustfmt writes them so); a generic's
        // closing `>>` and a closure's `|x|` do not.
        let op = match (chars[i], chars.get(i + 1)) {
            ('<', Some('<')) | ('>', Some('>')) => Some((2, true)),
            ('&' | '|' | '^', _) => Some((1, false)),
            _ => None,
        };
        let Some((len, shift)) = op else { return false };
        let len = if chars.get(i + len) == Some(&'=') { len + 1 } else { len };
        if i == 0 || !space(i - 1) || !space(i + len) {
            return false;
        }
        if shift {
            return true;
        }
        let right = (i + len..chars.len()).find(|&j| !chars[j].is_whitespace()).unwrap_or(chars.len());
        let right = if chars.get(right) == Some(&'!') { right + 1 } else { right };
        let left = chars[..i].iter().rposition(|c| !c.is_whitespace()).map_or(0, |p| p + 1);
        hex_at(right) || hex_ends_at(left)
    })
}

/// `source` with comments and the insides of string and character literals replaced by
/// spaces, line breaks kept, so the rest can be searched for operators line by line.
fn code_only(source: &str) -> String {
    let s: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < s.len() {
        let next = s.get(i + 1).copied();
        if s[i] == '/' && next == Some('/') {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if s[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, s[i]);
                    i += 1;
                }
            }
        } else if s[i] == 'r' && (i == 0 || !ident(s[i - 1]) || s[i - 1] == 'b') && matches!(next, Some('"' | '#')) {
            // A raw string: r"...", r#"..."#.
            let hashes = s[i + 1..].iter().take_while(|&&c| c == '#').count();
            if s.get(i + 1 + hashes) != Some(&'"') {
                out.push(s[i]);
                i += 1;
                continue;
            }
            out.push('"');
            i += 2 + hashes;
            while i < s.len()
                && !(s[i] == '"' && s[i + 1..].iter().take(hashes).filter(|&&c| c == '#').count() == hashes)
            {
                blank(&mut out, s[i]);
                i += 1;
            }
            out.push('"');
            i += 1 + hashes;
        } else if s[i] == '"' {
            out.push('"');
            i += 1;
            while i < s.len() && s[i] != '"' {
                if s[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&c) = s.get(i) {
                    blank(&mut out, c);
                }
                i += 1;
            }
            out.push('"');
            i += 1;
        } else if s[i] == '\'' && (next == Some('\\') || s.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n', '\''); a lifetime ('a) has no closing quote.
            // An escape takes two characters at least: the closing quote comes after them.
            let from = if next == Some('\\') { i + 3 } else { i + 2 };
            let close = (from..s.len()).find(|&j| s[j] == '\'').unwrap_or(s.len() - 1);
            out.push('\'');
            for &c in &s[i + 1..close] {
                blank(&mut out, c);
            }
            out.push('\'');
            i = close + 1;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        let name = entry.file_name();
        if kind.is_dir() && name != "target" && !name.to_string_lossy().starts_with('.') {
            sources(&path, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| EXTENSIONS.iter().any(|x| e == *x)) {
            out.push(path);
        }
    }
}

#[test]
fn no_crate_but_hms_core_shifts_code_bits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ROOTS {
        sources(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 100, "the source trees are found ({} files)", files.len());
    let mut found = Vec::new();
    let mut used = vec![false; ALLOWED.len()];
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.strip_prefix(&root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        for (n, (line, code)) in source.lines().zip(code_only(&source).lines()).enumerate() {
            if !suspicious(code) {
                continue;
            }
            match ALLOWED.iter().position(|(file, piece, _)| name == *file && line.contains(piece)) {
                Some(k) => used[k] = true,
                None => found.push(format!("{name}:{}: {}", n + 1, line.trim())),
            }
        }
    }
    assert!(
        found.is_empty(),
        "code bits shifted or masked by hand outside hms-core (use hms-core's accessors and \
         constructors, or allow the line in ALLOWED with its reason):\n{}",
        found.join("\n")
    );
    let stale: Vec<String> =
        ALLOWED.iter().zip(&used).filter(|(_, used)| !**used).map(|((f, p, _), _)| format!("{f}: {p}")).collect();
    assert!(stale.is_empty(), "allowed lines that no longer exist:\n{}", stale.join("\n"));
}

#[test]
fn hand_shifts_and_masks_of_codes_are_found() {
    for line in [
        "let unit = (code >> 48) as u8;",
        "let id = code & 0xFFFF;",
        "let key = code & !0x00FF_0000_0000_0000;",
        "let bits = 0x0700_2000_0000_0000u64 | id;",
        "bits |= (unit as u64) << 48;",
        "bits >>= 8;",
        "bits ^= 0x0F00;",
        "let part = code.wrapping_shr(40);",
        "let part = code.checked_shl(40);",
    ] {
        assert!(suspicious(&code_only(line)), "{line}");
    }
    for line in [
        "let v: Vec<Vec<u8>> = Vec::new();",
        "fn f() -> Option<Vec<u64>> { None }",
        "let f = |x| 0x07;",
        "let both = a && b || c;",
        "let r = &0x07;",
        "let n = 1 | 2;",
        "// code >> 48",
        "/* code << 8 */ let x = 1;",
        "let s = \"attr << 32 | code\";",
        "let s = r#\"code & 0xFF\"#;",
        "let c = '|'; let d = '\\''; let e = 0x07;",
        "fn f<'a>(x: &'a str) -> &'a str { x }",
    ] {
        assert!(!suspicious(&code_only(line)), "{line}");
    }
}

#[test]
fn literals_and_comments_are_blanked_line_for_line() {
    let source = "let a = \"x\n >> y\"; /* a\n << */ b >> 1 // c << d\nr#\"e | 0x1\"#";
    let code = code_only(source);
    assert_eq!(code.lines().count(), source.lines().count());
    let flagged: Vec<bool> = code.lines().map(suspicious).collect();
    assert_eq!(flagged, [false, false, true, false]);
}
