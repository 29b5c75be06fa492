//! Packed texts kept on disk between builds: a catalog edit that leaves a set of texts as it
//! was (the official texts after a title edit, the own texts after an edit of anything but a
//! text) reuses their packing instead of learning the dictionary again.
//!
//! One file per set of texts (`<dir>/<name>.packed`), overwritten by the next packing of that
//! set. It holds the key of what it was packed from (the texts, the merges per pass and the
//! caller's salt, which names the packer's code), a hash of the rest, and the result. A file
//! whose key differs, whose hash does not match, or that does not read back whole is ignored,
//! and the texts are packed again.

use std::path::PathBuf;

use super::Packed;
use crate::baked::{Hasher, hash, write_atomically};

/// Bumped when the file's layout changes.
const FORMAT: &[u8] = b"hms-packed 1\n";

/// Where packed texts are kept, and what else their keys cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    /// The folder of the files (made when first written).
    pub dir: PathBuf,
    /// Covered by every key: a fingerprint of the packer's code, so a changed packer packs again.
    pub salt: u128,
}

impl Store {
    /// The key of packing `first` then `rest` with `merges` per pass.
    pub(super) fn key(&self, first: &[Vec<u8>], rest: &[Vec<u8>], merges: [usize; 2]) -> u128 {
        let mut hasher = Hasher::default();
        hasher.field(FORMAT).field(&self.salt.to_le_bytes());
        for m in merges {
            hasher.field(&(m as u64).to_le_bytes());
        }
        for part in [first, rest] {
            hasher.field(&(part.len() as u64).to_le_bytes());
            for text in part {
                hasher.field(text);
            }
        }
        hasher.finish()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.packed"))
    }

    /// The result kept under `key` ([`key`](Self::key)) for `texts` texts, if the file `name`
    /// holds it whole.
    pub(super) fn get(&self, name: &str, key: u128, texts: usize) -> Option<(Packed, usize)> {
        let bytes = std::fs::read(self.file(name)).ok()?;
        let bytes = bytes.strip_prefix(FORMAT)?;
        let (kept, bytes) = bytes.split_at_checked(16)?;
        let (check, body) = bytes.split_at_checked(16)?;
        if kept != key.to_le_bytes() || check != hash(body).to_le_bytes() {
            return None;
        }
        let packed = decode(body)?;
        (packed.0.texts.len() == texts).then_some(packed)
    }

    /// Keeps `packed` as the packing of the texts of `key` in the file `name`. Failing to write
    /// only costs the next build the packing.
    pub(super) fn put(&self, name: &str, key: u128, packed: &(Packed, usize)) {
        let body = encode(packed);
        let mut file = FORMAT.to_vec();
        file.extend(key.to_le_bytes());
        file.extend(hash(&body).to_le_bytes());
        file.extend(body);
        let _ = write_atomically(&self.file(name), &file);
    }
}

/// `first_pairs`, the pairs, then each text's length and symbols; numbers little-endian.
fn encode((packed, first_pairs): &(Packed, usize)) -> Vec<u8> {
    let mut out = Vec::new();
    let number = |out: &mut Vec<u8>, n: usize| out.extend((n as u32).to_le_bytes());
    number(&mut out, *first_pairs);
    number(&mut out, packed.pairs.len());
    out.extend(packed.pairs.iter().flat_map(|&(a, b)| [a, b]).flat_map(u16::to_le_bytes));
    number(&mut out, packed.texts.len());
    for text in &packed.texts {
        number(&mut out, text.len());
        out.extend(text.iter().flat_map(|s| s.to_le_bytes()));
    }
    out
}

fn decode(mut bytes: &[u8]) -> Option<(Packed, usize)> {
    let number = |bytes: &mut &[u8]| -> Option<usize> {
        let (n, rest) = bytes.split_first_chunk::<4>()?;
        *bytes = rest;
        Some(u32::from_le_bytes(*n) as usize)
    };
    let symbols = |bytes: &mut &[u8], n: usize| -> Option<Vec<u16>> {
        let (run, rest) = bytes.split_at_checked(n.checked_mul(2)?)?;
        *bytes = rest;
        Some(run.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect())
    };
    let first_pairs = number(&mut bytes)?;
    let pairs = number(&mut bytes)?;
    let pairs = symbols(&mut bytes, pairs.checked_mul(2)?)?;
    let pairs: Vec<(u16, u16)> = pairs.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let count = number(&mut bytes)?;
    let mut texts = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let len = number(&mut bytes)?;
        texts.push(symbols(&mut bytes, len)?);
    }
    (bytes.is_empty() && first_pairs <= pairs.len()).then_some((Packed { pairs, texts }, first_pairs))
}

#[cfg(test)]
mod tests {
    use super::super::{pack_staged, pack_stored};
    use super::*;

    fn texts(words: &[&str]) -> Vec<Vec<u8>> {
        (0..60).map(|i| format!("{} {} of the AMS", words[i % words.len()], i % 7).into_bytes()).collect()
    }

    #[test]
    fn kept_packing_is_used_only_for_the_same_texts_merges_and_packer() {
        let dir = std::env::temp_dir().join(format!("hms-model-store-{}", std::process::id()));
        let store = Store { dir: dir.clone(), salt: 7 };
        let (titles, rest) = (texts(&["Slot ran out", "Slot is empty"]), texts(&["Heater too hot", "Fan stopped"]));
        let merges = [2, 3];
        let kept = |store: &Store, name: &str, first: &[Vec<u8>], rest: &[Vec<u8>], merges| {
            store.get(name, store.key(first, rest, merges), first.len() + rest.len())
        };
        let first = pack_stored(&titles, &rest, merges, Some((&store, "catalog")));
        assert_eq!(first, pack_staged(&titles, &rest, merges));
        assert_eq!(kept(&store, "catalog", &titles, &rest, merges), Some(first.clone()), "kept and read back whole");
        // Kept results are found under their name only.
        assert_eq!(kept(&store, "texts-en", &titles, &rest, merges), None);
        // Each kind of change packs again, and what is kept then is the new packing.
        let mut edited_title = titles.clone();
        edited_title[3].extend(b" again");
        let mut edited_rest = rest.clone();
        edited_rest[10][0] = b'h';
        let moved = (titles[..59].to_vec(), [&titles[59..], &rest[..]].concat());
        for (first_texts, rest_texts, merges) in [
            (&edited_title, &rest, merges),
            (&titles, &edited_rest, merges),
            (&moved.0, &moved.1, merges),
            (&titles, &rest, [2, 4]),
        ] {
            assert_eq!(kept(&store, "catalog", first_texts, rest_texts, merges), None);
            let packed = pack_stored(first_texts, rest_texts, merges, Some((&store, "catalog")));
            assert_eq!(packed, pack_staged(first_texts, rest_texts, merges));
            assert_eq!(kept(&store, "catalog", first_texts, rest_texts, merges), Some(packed));
        }
        // A changed packer (another salt) does not read what the old one kept.
        pack_stored(&titles, &rest, merges, Some((&store, "catalog")));
        let newer = Store { salt: 8, ..store.clone() };
        assert_eq!(kept(&newer, "catalog", &titles, &rest, merges), None);
        // A damaged or cut file is ignored, and packed again.
        let file = store.file("catalog");
        let whole = std::fs::read(&file).unwrap();
        let mut damaged = whole.clone();
        *damaged.last_mut().unwrap() ^= 1;
        for bad in [damaged, whole[..whole.len() - 2].to_vec(), whole[..20].to_vec(), Vec::new()] {
            std::fs::write(&file, bad).unwrap();
            assert_eq!(kept(&store, "catalog", &titles, &rest, merges), None);
            assert_eq!(pack_stored(&titles, &rest, merges, Some((&store, "catalog"))), first);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
