//! Table structs declared once: [`tables!`](crate::tables) declares the view the runtime
//! reads (borrowed byte strings) and, with the `bake` feature, its owned twin that the build
//! fills, views exactly as the runtime does, and bakes into the Rust expression the macro
//! emits. A field added to a table is one line in its declaration.

#[cfg(feature = "bake")]
use alloc::string::String;
#[cfg(feature = "bake")]
use alloc::vec::Vec;
#[cfg(feature = "bake")]
use core::fmt::Write;

/// Declares a table struct `Name<'a>` and, with the `bake` feature, its owned twin: each
/// field is `name: ViewType => OwnedType`, the owned type being a [`Part`] whose view is the
/// view type.
#[macro_export]
#[doc(hidden)]
macro_rules! tables {
    ($(#[$meta:meta])* pub struct $name:ident<$lt:lifetime> / $(#[$ometa:meta])* $owned:ident {
        $( $(#[$fmeta:meta])* pub $field:ident : $view:ty => $own:ty ),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name<$lt> { $( $(#[$fmeta])* pub $field: $view ),* }

        $(#[$ometa])*
        #[cfg(feature = "bake")]
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct $owned { $( $(#[$fmeta])* pub $field: $own ),* }

        #[cfg(feature = "bake")]
        impl $crate::layout::bake::Part for $owned {
            type View<$lt> = $name<$lt>;
            fn view(&self) -> $name<'_> {
                $name { $( $field: $crate::layout::bake::Part::view(&self.$field) ),* }
            }
            fn bake(&self, out: &mut $crate::layout::bake::Baker) {
                out.push_str(::core::concat!("::", ::core::module_path!(), "::", ::core::stringify!($name), " {"));
                $(
                    out.push_str(::core::concat!(::core::stringify!($field), ": "));
                    $crate::layout::bake::Part::bake(&self.$field, out);
                    out.push_str(", ");
                )*
                out.push('}');
            }
        }
    };
}

/// An owned part of a table: what the runtime sees of it, and the Rust expression that
/// rebuilds that view in a `static`.
#[cfg(feature = "bake")]
pub trait Part {
    /// The borrowed form the runtime reads.
    type View<'a>
    where
        Self: 'a;
    /// The borrowed form.
    fn view(&self) -> Self::View<'_>;
    /// Appends a constant expression of the view to `out`.
    fn bake(&self, out: &mut Baker);
}

/// Where a table's expression is written: the text, and, when the table's bytes share one
/// static, those bytes so far.
#[cfg(feature = "bake")]
#[derive(Debug, Default)]
pub struct Baker {
    out: String,
    shared: Option<Vec<u8>>,
    /// How many more byte strings go into `shared`.
    to_share: usize,
}

#[cfg(feature = "bake")]
impl Baker {
    /// Appends text.
    pub fn push_str(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Appends a character.
    pub fn push(&mut self, c: char) {
        self.out.push(c);
    }
}

#[cfg(feature = "bake")]
impl Write for Baker {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.out.push_str(s);
        Ok(())
    }
}

/// The baked expression of `part`, each byte string in a static of its own.
#[cfg(feature = "bake")]
pub fn baked<P: Part>(part: &P) -> String {
    let mut out = Baker::default();
    part.bake(&mut out);
    out.out
}

/// The baked expression of `part`, its first `shared` byte strings back to back in one static
/// (`{ static ALL: [u8; N] = *b"..."; expression }`), each read as a slice of it, the others
/// in statics of their own. For tables a lookup reads together: the code then finds them from
/// one address, and a build can still leave out the byte strings it never reads.
#[cfg(feature = "bake")]
pub fn baked_in_one<P: Part>(part: &P, shared: usize) -> String {
    let mut inner = Baker { out: String::new(), shared: Some(Vec::new()), to_share: shared };
    part.bake(&mut inner);
    let bytes = inner.shared.unwrap_or_default();
    let mut out = String::with_capacity(bytes.len() * 2 + inner.out.len() + 64);
    let _ = write!(out, "{{ static ALL: [u8; {}] = *", bytes.len());
    bake_literal(&bytes, &mut out);
    out.push_str("; ");
    out.push_str(&inner.out);
    out.push_str(" }");
    out
}

/// `len` bytes of `all` from `start`: the slice [`baked_in_one`] writes for each byte string.
/// Const, so the slice is a constant; a range past `all` fails the build.
pub const fn slice(all: &'static [u8], start: usize, len: usize) -> &'static [u8] {
    all.split_at(start).1.split_at(len).0
}

/// Appends `bytes` as a reference to a static holding them: `{ static B: [u8; N] = *b"..."; &B }`.
///
/// A static, not a bare literal: a constant that holds a literal is copied into every crate that
/// uses the constant (the lookup reads the rows through one, inlined into the caller), and
/// without LTO the copies stay; a static has one address, which every copy of the constant
/// refers to.
#[cfg(feature = "bake")]
pub fn bake_bytes(bytes: &[u8], out: &mut Baker) {
    if let Some(shared) = out.shared.as_mut().filter(|_| out.to_share > 0) {
        out.to_share -= 1;
        let start = shared.len();
        shared.extend_from_slice(bytes);
        let _ = write!(out.out, "::hms_core::layout::bake::slice(&ALL, {start}, {})", bytes.len());
        return;
    }
    let out = &mut out.out;
    out.reserve(bytes.len() * 2 + 48);
    let _ = write!(out, "{{ static B: [u8; {}] = *", bytes.len());
    bake_literal(bytes, out);
    out.push_str("; &B }");
}

/// Appends `bytes` as a byte string literal.
#[cfg(feature = "bake")]
fn bake_literal(bytes: &[u8], out: &mut String) {
    out.push_str("b\"");
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7E => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
}

#[cfg(feature = "bake")]
impl Part for Vec<u8> {
    type View<'a> = &'a [u8];
    fn view(&self) -> &[u8] {
        self
    }
    fn bake(&self, out: &mut Baker) {
        bake_bytes(self, out);
    }
}

#[cfg(feature = "bake")]
impl Part for String {
    type View<'a> = &'a str;
    fn view(&self) -> &str {
        self
    }
    fn bake(&self, out: &mut Baker) {
        // `Debug` of a str is a valid Rust string literal.
        let _ = write!(out, "{self:?}");
    }
}

#[cfg(feature = "bake")]
impl<T: super::record::Field> Part for super::record::RecordsBuf<T> {
    type View<'a>
        = super::record::Records<'a, T>
    where
        T: 'a;
    fn view(&self) -> super::record::Records<'_, T> {
        super::record::Records::new(self.bytes())
    }
    fn bake(&self, out: &mut Baker) {
        out.push_str("::hms_core::layout::record::Records::new(");
        bake_bytes(self.bytes(), out);
        out.push(')');
    }
}

#[cfg(feature = "bake")]
macro_rules! value_part {
    ($($ty:ty),*) => {$(
        impl Part for $ty {
            type View<'a> = $ty;
            fn view(&self) -> $ty {
                *self
            }
            fn bake(&self, out: &mut Baker) {
                let _ = write!(out, concat!("{}", stringify!($ty)), self);
            }
        }
    )*};
}

#[cfg(feature = "bake")]
value_part!(u8, u16, u32, u64, u128);

#[cfg(feature = "bake")]
impl Part for bool {
    type View<'a> = bool;
    fn view(&self) -> bool {
        *self
    }
    fn bake(&self, out: &mut Baker) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

#[cfg(all(test, feature = "bake"))]
mod tests {
    use super::*;

    #[test]
    fn byte_strings_bake_to_statics_of_the_same_bytes() {
        let mut out = Baker::default();
        bake_bytes(b"a\"\\\x00\xff~", &mut out);
        assert_eq!(out.out, r#"{ static B: [u8; 6] = *b"a\"\\\x00\xff~"; &B }"#);
    }

    #[test]
    fn a_table_baked_in_one_reads_its_byte_strings_as_slices_of_one_static() {
        let index = super::super::index::OwnedIndex { seed: 7, pilots: alloc::vec![1, 0, 2, 0], slots: 3 };
        let pair = (alloc::vec![9u8, 8], index);
        struct Pair((Vec<u8>, super::super::index::OwnedIndex));
        impl Part for Pair {
            type View<'a> = ();
            fn view(&self) {}
            fn bake(&self, out: &mut Baker) {
                bake_bytes(&self.0.0, out);
                out.push_str(" / ");
                self.0.1.bake(out);
            }
        }
        assert_eq!(
            baked_in_one(&Pair(pair.clone()), 2),
            "{ static ALL: [u8; 6] = *b\"\\x09\\x08\\x01\\x00\\x02\\x00\"; ::hms_core::layout::bake::slice(&ALL, 0, 2) / \
             ::hms_core::layout::index::PhfIndex::new(7u64, ::hms_core::layout::bake::slice(&ALL, 2, 4), 3u32) }"
        );
        // Past the shared ones, a byte string keeps a static of its own.
        assert_eq!(
            baked_in_one(&Pair(pair), 1),
            "{ static ALL: [u8; 2] = *b\"\\x09\\x08\"; ::hms_core::layout::bake::slice(&ALL, 0, 2) / \
             ::hms_core::layout::index::PhfIndex::new(7u64, { static B: [u8; 4] = *b\"\\x01\\x00\\x02\\x00\"; &B }, 3u32) }"
        );
        const ALL: [u8; 6] = [9, 8, 1, 0, 2, 0];
        assert_eq!(slice(&ALL, 2, 4), [1, 0, 2, 0]);
    }
}
