//! How codes are written: the hex digit groups people paste, and the spellings we print.
//!
//! One reader serves both channels (16 digits for [`Hms`](crate::Hms), 8 for
//! [`PrintError`](crate::PrintError)) and the catalog, whose family patterns may write a digit
//! as `x` ([`read_digits`] with `wildcards = true`).
//!
//! **Unstable**: an implementation detail of the `hms` crates, hidden from the documentation;
//! it may change in any release.

use core::fmt;

/// How a code is written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Spelling {
    /// `0700_2000_0002_0003` / `0300_400C`: groups of four joined by `_`.
    Underscore,
    /// `0700-2000-0002-0003` / `0300-400C`: groups of four joined by `-`, as the wiki writes them.
    Dash,
    /// `HMS_0700-2000-0002-0003`: the dashed form behind the `HMS_` prefix of the printer's screen.
    Prefixed,
    /// `0700200000020003` / `0300400C`: the bare digits, as the MQTT and JSON files carry them.
    Compact,
}

/// What is wrong with a code string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Nothing but whitespace (or a bare prefix).
    Empty,
    /// A character that is neither a hex digit nor a separator.
    InvalidCharacter(char),
    /// A `_` or `-` that does not sit between two groups of four digits.
    MisplacedSeparator(char),
    /// The wrong number of hex digits for the channel.
    WrongLength {
        /// Digits found.
        found: usize,
        /// Digits the channel needs (16 for HMS, 8 for print_error).
        expected: usize,
    },
}

/// A code string that could not be read, with the character position (from 0) it went wrong at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    position: usize,
}

impl ParseError {
    /// An error of `kind` at character `position`.
    pub const fn new(kind: ParseErrorKind, position: usize) -> Self {
        ParseError { kind, position }
    }

    /// What is wrong.
    pub const fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The character position (counted from 0 in the input) where reading stopped.
    pub const fn position(&self) -> usize {
        self.position
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ParseErrorKind::Empty => f.write_str("empty code: expected hex digits such as 0700_2000_0002_0003"),
            ParseErrorKind::InvalidCharacter(c) => {
                write!(f, "invalid character {c:?} at position {}: expected a hex digit, `_` or `-`", self.position)
            }
            ParseErrorKind::MisplacedSeparator(c) => write!(
                f,
                "separator {c:?} at position {} does not sit between two groups of four digits",
                self.position
            ),
            ParseErrorKind::WrongLength { found, expected } => {
                write!(f, "found {found} hex digits, expected {expected}")?;
                match expected {
                    16 => f.write_str(" (an HMS code, like 0700_2000_0002_0003)"),
                    8 => f.write_str(" (a print_error code, like 0300-400C)"),
                    _ => Ok(()),
                }
            }
        }
    }
}

impl core::error::Error for ParseError {}

/// The digits read from a code string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digits {
    /// The value, most significant digit first; a wildcard digit reads as 0.
    pub value: u64,
    /// One `0xF` nibble for every digit written as `x`.
    pub wildcards: u64,
    /// How many digits (wildcards included) were read.
    pub count: usize,
}

/// Reads up to 16 hex digits: surrounding whitespace, an `HMS_`/`HMS-`/`HMS` or `0x` prefix
/// (any case), and `_`/`-` between groups of four are accepted.
///
/// With `wildcards`, an `x` stands for a digit that varies (catalog family patterns). The
/// caller checks [`Digits::count`] against its channel.
pub fn read_digits(input: &str, wildcards: bool) -> Result<Digits, ParseError> {
    if !wildcards {
        // What people paste most: bare groups, or behind `HMS_`, with nothing around them.
        let body = match input.as_bytes() {
            [h, m, s, b'_' | b'-', rest @ ..] if [h | 0x20, m | 0x20, s | 0x20] == *b"hms" => rest,
            bytes => bytes,
        };
        if let Some(digits) = read_groups(body) {
            return Ok(digits);
        }
    }
    let start = input.len() - input.trim_start().len();
    let body = input.trim();
    let mut offset = input[..start].chars().count();
    let mut rest = body;
    for prefix in ["HMS_", "HMS-", "HMS", "0x", "0X"] {
        if rest.len() >= prefix.len() && rest.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes()) {
            rest = &rest[prefix.len()..];
            offset += prefix.len();
            break;
        }
    }
    let mut digits = Digits { value: 0, wildcards: 0, count: 0 };
    let mut last_was_separator = false;
    // Bytes, not chars: every valid character is ASCII, so byte and character positions agree
    // until the first non-ASCII byte, which is an error reported by its character.
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let position = offset + i;
        let nibble = match b {
            b'0'..=b'9' => Some((b - b'0') as u64),
            b'a'..=b'f' => Some((b - b'a' + 10) as u64),
            b'A'..=b'F' => Some((b - b'A' + 10) as u64),
            b'x' | b'X' if wildcards => None,
            b'_' | b'-' => {
                let at_boundary =
                    digits.count > 0 && digits.count.is_multiple_of(4) && !last_was_separator && i + 1 < bytes.len();
                if !at_boundary {
                    return Err(ParseError::new(ParseErrorKind::MisplacedSeparator(b as char), position));
                }
                last_was_separator = true;
                continue;
            }
            _ => {
                let c = rest[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                let position = offset + rest[..i].chars().count();
                return Err(ParseError::new(ParseErrorKind::InvalidCharacter(c), position));
            }
        };
        last_was_separator = false;
        digits.count += 1;
        if digits.count <= 16 {
            digits.value = (digits.value << 4) | nibble.unwrap_or(0);
            digits.wildcards = (digits.wildcards << 4) | if nibble.is_none() { 0xF } else { 0 };
        }
    }
    if digits.count == 0 {
        return Err(ParseError::new(ParseErrorKind::Empty, offset));
    }
    Ok(digits)
}

/// The value of each byte as a hex digit; `0x80` for a byte that is not one.
static HEX: [u8; 256] = {
    let mut table = [0x80u8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// The common shapes, fast: 16 or 8 hex digits, bare or in groups of four joined by one `_` or
/// `-` throughout. `None` sends anything else (and every error) down the general path.
#[inline]
fn read_groups(bytes: &[u8]) -> Option<Digits> {
    let (groups, separated) = match bytes.len() {
        16 => (4, false),
        19 => (4, true),
        8 => (2, false),
        9 => (2, true),
        _ => return None,
    };
    let separator = if separated { Some(bytes[4]).filter(|s| matches!(s, b'_' | b'-'))? } else { 0 };
    let stride = if separated { 5 } else { 4 };
    let mut value = 0u64;
    for g in 0..groups {
        let group = bytes.get(g * stride..g * stride + 4)?;
        if separated && g > 0 && bytes[g * stride - 1] != separator {
            return None;
        }
        let mut bad = 0;
        for &b in group {
            let nibble = HEX[b as usize];
            bad |= nibble;
            value = (value << 4) | (nibble & 0xF) as u64;
        }
        if bad & 0x80 != 0 {
            return None;
        }
    }
    Some(Digits { value, wildcards: 0, count: groups * 4 })
}

/// Reads exactly `expected` digits (no wildcards), as [`read_digits`] does.
pub(crate) fn read_exact(input: &str, expected: usize) -> Result<u64, ParseError> {
    let digits = read_digits(input, false)?;
    if digits.count != expected {
        let end = input.trim_end().chars().count();
        return Err(ParseError::new(ParseErrorKind::WrongLength { found: digits.count, expected }, end));
    }
    Ok(digits.value)
}

/// Writes `groups` groups of four hex digits of `value` (most significant first) in `spelling`.
pub(crate) fn write_groups(f: &mut fmt::Formatter<'_>, value: u64, groups: u32, spelling: Spelling) -> fmt::Result {
    let separator = match spelling {
        Spelling::Underscore => "_",
        Spelling::Dash => "-",
        Spelling::Prefixed => {
            f.write_str("HMS_")?;
            "-"
        }
        Spelling::Compact => "",
    };
    for g in (0..groups).rev() {
        write!(f, "{:04X}", (value >> (16 * g)) & 0xFFFF)?;
        if g > 0 {
            f.write_str(separator)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_only_between_groups() {
        let err = read_digits("070_02000", false).unwrap_err();
        assert_eq!(err.kind(), ParseErrorKind::MisplacedSeparator('_'));
        assert_eq!(err.position(), 3);
        assert!(read_digits("0700__2000", false).is_err());
        assert!(read_digits("0700_", false).is_err());
        assert!(read_digits("_0700", false).is_err());
    }

    #[test]
    fn fast_and_general_paths_agree() {
        for s in ["0700_2000_0002_0003", "0700-2000-0002-0003", "0700200000020003", "0300-400c", "0300400C"] {
            let fast = read_groups(s.as_bytes()).unwrap();
            // With wildcards allowed, the general path reads it.
            let general = read_digits(s, true).unwrap();
            assert_eq!(fast, general, "{s}");
        }
        assert_eq!(read_groups(b"0700_2000-0002_0003"), None);
        assert_eq!(read_groups(b"0700_2000_0002_000G"), None);
        assert_eq!(read_groups(b"0700 2000 0002 0003"), None);
    }

    #[test]
    fn wildcards_only_when_asked() {
        assert!(read_digits("07xx_2x00", false).is_err());
        let d = read_digits("07xx_2x00", true).unwrap();
        assert_eq!(d.value, 0x0700_2000);
        assert_eq!(d.wildcards, 0x00FF_0F00);
        assert_eq!(d.count, 8);
    }

    #[test]
    fn positions_count_from_the_original_input() {
        let err = read_digits("  HMS_07G0", false).unwrap_err();
        assert_eq!(err, ParseError::new(ParseErrorKind::InvalidCharacter('G'), 8));
    }
}
