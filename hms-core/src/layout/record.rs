//! Records: fixed-size little-endian structs in byte strings, each declared once with
//! [`record!`](crate::record), which derives the struct, its size, its decoding (the
//! runtime's) and its encoding (the build's) from that one declaration.

use core::marker::PhantomData;

/// A value stored in a record: its size in bytes, how it reads and how it writes.
pub trait Field: Sized + Copy {
    /// Bytes it takes.
    const SIZE: usize;
    /// Reads the value from the front of `input`, advancing it.
    fn read(input: &mut &[u8]) -> Option<Self>;
    /// Writes the value into `out`, exactly [`SIZE`](Self::SIZE) bytes long.
    fn write(&self, out: &mut [u8]);
}

macro_rules! int_field {
    ($($ty:ty),*) => {$(
        impl Field for $ty {
            const SIZE: usize = core::mem::size_of::<$ty>();
            #[inline]
            fn read(input: &mut &[u8]) -> Option<Self> {
                let (head, rest) = input.split_first_chunk::<{ core::mem::size_of::<$ty>() }>()?;
                *input = rest;
                Some(<$ty>::from_le_bytes(*head))
            }
            fn write(&self, out: &mut [u8]) {
                out.copy_from_slice(&self.to_le_bytes());
            }
        }
    )*};
}

int_field!(u8, u16, u32, u64, u128);

/// Declares a record: the struct (`Clone`, `Copy`, `Debug`, `Default`, `PartialEq`, `Eq`, `Hash`)
/// and its [`Field`] implementation, fields in declaration order, little-endian. A field's
/// type is any [`Field`]: an unsigned integer or another record.
#[macro_export]
#[doc(hidden)]
macro_rules! record {
    ($(#[$meta:meta])* $vis:vis struct $name:ident {
        $( $(#[$fmeta:meta])* $fvis:vis $field:ident : $ty:ty ),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        $vis struct $name { $( $(#[$fmeta])* $fvis $field: $ty ),* }

        impl $crate::layout::record::Field for $name {
            const SIZE: usize = 0 $( + <$ty as $crate::layout::record::Field>::SIZE )*;
            #[inline]
            fn read(input: &mut &[u8]) -> ::core::option::Option<Self> {
                ::core::option::Option::Some($name {
                    $( $field: <$ty as $crate::layout::record::Field>::read(input)? ),*
                })
            }
            #[allow(unused_assignments, unused_mut, unused_variables)]
            fn write(&self, out: &mut [u8]) {
                let mut at = 0;
                $(
                    let size = <$ty as $crate::layout::record::Field>::SIZE;
                    $crate::layout::record::Field::write(&self.$field, &mut out[at..at + size]);
                    at += size;
                )*
            }
        }
    };
}

/// Reads a record from the start of `bytes`.
#[inline]
pub fn decode<T: Field>(mut bytes: &[u8]) -> Option<T> {
    T::read(&mut bytes)
}

/// The encoded bytes of one record of `N` bytes (`N` being its [`Field::SIZE`]).
pub fn encode_fixed<T: Field, const N: usize>(record: &T) -> [u8; N] {
    assert_eq!(N, T::SIZE, "the record takes {} bytes", T::SIZE);
    let mut out = [0; N];
    record.write(&mut out);
    out
}

/// A table of records of one type, back to back in a byte string.
pub struct Records<'a, T> {
    bytes: &'a [u8],
    record: PhantomData<T>,
}

impl<T> Clone for Records<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Records<'_, T> {}

impl<T> core::fmt::Debug for Records<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Records({} bytes)", self.bytes.len())
    }
}

impl<'a, T: Field> Records<'a, T> {
    /// No records.
    pub const EMPTY: Records<'static, T> = Records { bytes: &[], record: PhantomData };

    /// The records encoded in `bytes`.
    pub const fn new(bytes: &'a [u8]) -> Self {
        Records { bytes, record: PhantomData }
    }

    /// Number of records.
    pub const fn len(&self) -> usize {
        self.bytes.len() / T::SIZE
    }

    /// Whether there are none.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The encoded bytes.
    pub const fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Record `i` (`None` past the end).
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        let at = i.checked_mul(T::SIZE)?;
        decode(self.bytes.get(at..at.checked_add(T::SIZE)?)?)
    }
}

/// Writes records: the build side of [`Records`].
#[cfg(feature = "bake")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordsBuf<T> {
    bytes: alloc::vec::Vec<u8>,
    record: PhantomData<T>,
}

#[cfg(feature = "bake")]
impl<T> Default for RecordsBuf<T> {
    fn default() -> Self {
        RecordsBuf { bytes: alloc::vec::Vec::new(), record: PhantomData }
    }
}

#[cfg(feature = "bake")]
impl<T: Field> RecordsBuf<T> {
    /// Appends a record.
    pub fn push(&mut self, record: &T) {
        let at = self.bytes.len();
        self.bytes.resize(at + T::SIZE, 0);
        record.write(&mut self.bytes[at..]);
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.bytes.len() / T::SIZE
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The encoded bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The first `n` records only.
    pub fn truncated(&self, n: usize) -> Self {
        RecordsBuf { bytes: self.bytes[..n.min(self.len()) * T::SIZE].to_vec(), record: PhantomData }
    }
}

#[cfg(feature = "bake")]
impl<T: Field> FromIterator<T> for RecordsBuf<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut buf = RecordsBuf::default();
        for item in items {
            buf.push(&item);
        }
        buf
    }
}

/// The encoded bytes of one record.
#[cfg(feature = "bake")]
pub fn encode<T: Field>(record: &T) -> alloc::vec::Vec<u8> {
    let mut out = alloc::vec![0; T::SIZE];
    record.write(&mut out);
    out
}
