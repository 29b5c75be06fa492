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
            fn bake(&self, out: &mut ::alloc::string::String) {
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
    fn bake(&self, out: &mut String);
}

/// The baked expression of `part`.
#[cfg(feature = "bake")]
pub fn baked<P: Part>(part: &P) -> String {
    let mut out = String::new();
    part.bake(&mut out);
    out
}

/// Appends `bytes` as a reference to a static holding them: `{ static B: [u8; N] = *b"..."; &B }`.
///
/// A static, not a bare literal: a constant that holds a literal is copied into every crate that
/// uses the constant (the lookup reads the rows through one, inlined into the caller), and
/// without LTO the copies stay; a static has one address, which every copy of the constant
/// refers to.
#[cfg(feature = "bake")]
pub fn bake_bytes(bytes: &[u8], out: &mut String) {
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
    fn bake(&self, out: &mut String) {
        bake_bytes(self, out);
    }
}

#[cfg(feature = "bake")]
impl Part for String {
    type View<'a> = &'a str;
    fn view(&self) -> &str {
        self
    }
    fn bake(&self, out: &mut String) {
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
    fn bake(&self, out: &mut String) {
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
            fn bake(&self, out: &mut String) {
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
    fn bake(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

#[cfg(all(test, feature = "bake"))]
mod tests {
    use super::*;

    #[test]
    fn byte_strings_bake_to_statics_of_the_same_bytes() {
        let mut out = String::new();
        bake_bytes(b"a\"\\\x00\xff~", &mut out);
        assert_eq!(out, r#"{ static B: [u8; 6] = *b"a\"\\\x00\xff~"; &B }"#);
    }
}
