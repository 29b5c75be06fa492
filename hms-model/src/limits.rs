//! The limits that keep reading a catalog linear in its size, and the tables within their
//! fields.

/// The largest catalog source [`parse`](crate::parse) reads, in bytes (8 MiB, about a hundred times the
/// catalog's size today); a larger one is refused at `1:1` before it is parsed.
pub const MAX_SOURCE_BYTES: usize = 8 << 20;

/// The deepest collections may nest (a catalog needs four levels: section, entry, list,
/// text). Deeper nesting is refused where it starts.
pub const MAX_NESTING: usize = 32;

/// The most code entries a catalog may have: the tables number them with 16 bits, one value
/// meaning "none". More are refused at the `codes` section before they are checked.
pub const MAX_CODES: usize = u16::MAX as usize - 1;
