//! Texts of the AMS families as templates: `AMS B Slot 3` in the text of code `0701_2200_...`
//! becomes `AMS {ams} Slot {slot}`, so the sixteen texts of one fault across units and slots
//! are stored once; `slot 2` in the text of a code whose part byte ends in 1 (`0700_1100_...`)
//! becomes `slot {index}`. A template is kept only when filling it back gives the original
//! exactly.

use hms_core::placeholder::{Fill, Filled};
use hms_core::unit_letter;

use super::AnyCode;

/// Words a slot number follows.
const SLOT_WORDS: [&str; 2] = ["Slot ", "slot "];
/// Words the number of a part's low digit follows (slot, motor, channel).
const INDEX_WORDS: [&str; 8] = ["Slot ", "slot ", "Slot", "motor ", "Motor ", "channel ", "Channel ", "槽位"];

/// Makes templates for the codes of lettered modules.
pub struct Templater {
    /// Per module id, the words a unit letter follows (each with its space, longest first);
    /// empty for a module whose units are not lettered.
    unit_words: Vec<Vec<String>>,
}

impl Templater {
    /// The templater of the lettered modules of `catalog`, with their `unit_words`.
    pub fn new(catalog: &hms_model::Catalog) -> Templater {
        let mut unit_words = vec![Vec::new(); 256];
        for m in catalog.modules.iter().filter(|m| m.lettered) {
            let mut words: Vec<String> = m.unit_words.iter().map(|w| format!("{w} ")).collect();
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
            unit_words[m.id as usize] = words;
        }
        Templater { unit_words }
    }

    /// `text` as a catalog text of `key`: braces doubled, and the unit letter and slot number
    /// the code implies replaced by `{ams}` / `{slot}` where that round-trips.
    pub fn apply(&self, key: AnyCode, text: &str) -> String {
        let escaped = text.replace('{', "{{").replace('}', "}}");
        let unit = key.module_number();
        let words: Vec<&str> = self.unit_words[key.module_id() as usize].iter().map(String::as_str).collect();
        let letter = unit_letter(unit).filter(|_| !words.is_empty());
        let slot = key.slot().filter(|_| letter.is_some());
        let index = key.part_digit().map(|d| d + 1);
        let mut template = escaped.clone();
        if let Some(letter) = letter {
            template = replace_after(&template, &words, letter, "{ams}");
        }
        if let Some(slot) = slot {
            template = replace_after(&template, &SLOT_WORDS, char::from(b'0' + slot), "{slot}");
        } else if let Some(index) = index.filter(|&i| i <= 9) {
            template = replace_after(&template, &INDEX_WORDS, char::from(b'0' + index), "{index}");
        }
        if template == escaped {
            return escaped;
        }
        let fill = Fill { unit: letter.map(|_| unit), slot, index, ..Fill::default() };
        let filled = Filled::new(&template, fill).to_string();
        if filled == text { template } else { escaped }
    }
}

/// Replaces `value` by `placeholder` wherever it stands as a whole word right after one of
/// `words` (itself starting a word).
fn replace_after(text: &str, words: &[&str], value: char, placeholder: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let starts_word = !text[..at].chars().next_back().is_some_and(is_word_char);
        let hit = starts_word
            .then(|| {
                words.iter().find_map(|word| {
                    let after = rest.strip_prefix(word)?;
                    let mut chars = after.chars();
                    (chars.next() == Some(value) && !chars.next().is_some_and(is_word_char)).then_some(word.len())
                })
            })
            .flatten();
        match hit {
            Some(len) => {
                let value_at = at + len;
                out.push_str(&text[copied..value_at]);
                out.push_str(placeholder);
                copied = value_at + value.len_utf8();
                at = copied;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Letters and digits of Latin script make words; other scripts (CJK) border a code letter.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hms(code: u64) -> AnyCode {
        AnyCode::Hms(hms_core::Hms::from_u64(code))
    }

    fn templater() -> Templater {
        Templater::new(&catalog(""))
    }

    /// The catalog's AMS modules, and `extra` more modules.
    fn catalog(extra: &str) -> hms_model::Catalog {
        let source = format!(
            "schema: 1\nmodules:\n  - {{ id: \"07\", abbr: AMS, name: AMS, lettered: true, unit_words: [AMS Lite, AMS-HT, AMS] }}\n  \
             - {{ id: \"12\", abbr: AMS Lite, name: AMS Lite, lettered: true, unit_words: [AMS, AMS Lite] }}\n  \
             - {{ id: \"18\", abbr: AMS-HT, name: AMS-HT, lettered: true, unit_words: [AMS-HT, AMS] }}\n  \
             - {{ id: \"03\", abbr: MC, name: MC }}\n{extra}levels: []\n"
        );
        hms_model::parse(&source, "catalog.yaml").unwrap()
    }

    #[test]
    fn a_new_lettered_module_is_templated_from_its_catalog_entry() {
        let t = Templater::new(&catalog(
            "  - { id: \"1C\", abbr: AMS X, name: AMS X, lettered: true, parts: { numbers: slots, digits: 0-3 } }\n",
        ));
        assert_eq!(
            t.apply(hms(0x1C02_2100_0002_0003), "AMS X C Slot 2 is stuck."),
            "AMS X {ams} Slot {slot} is stuck."
        );
        // Its words are its own: the AMS's words do not template it, nor its words the AMS's.
        assert_eq!(t.apply(hms(0x1C02_0100_0002_0003), "AMS C is hot."), "AMS C is hot.");
        assert_eq!(t.apply(hms(0x0702_0100_0002_0003), "AMS X C is hot."), "AMS X C is hot.");
        assert_eq!(templater().apply(hms(0x1C02_0100_0002_0003), "AMS X C is hot."), "AMS X C is hot.");
    }

    #[test]
    fn unit_and_slot_become_placeholders() {
        let t = templater();
        assert_eq!(t.apply(hms(0x0701_2200_0002_0003), "AMS B Slot 3 is stuck."), "AMS {ams} Slot {slot} is stuck.");
        assert_eq!(t.apply(hms(0x0700_2000_0002_0003), "AMS A槽位1耗材"), "AMS {ams}槽位1耗材");
        assert_eq!(t.apply(hms(0x1881_0100_0001_0001), "AMS-HT B is hot."), "AMS-HT {ams} is hot.");
        assert_eq!(t.apply(hms(0x1202_2300_0001_0001), "AMS Lite C slot 4."), "AMS Lite {ams} slot {slot}.");
        let e = AnyCode::PrintError(hms_core::PrintError::from_u32(0x0701_8010));
        assert_eq!(t.apply(e, "AMS B needs care."), "AMS {ams} needs care.");
    }

    #[test]
    fn the_part_digit_becomes_an_index() {
        let t = templater();
        assert_eq!(
            t.apply(hms(0x0701_1200_0001_0001), "AMS B slot 3 motor slipped."),
            "AMS {ams} slot {index} motor slipped."
        );
        assert_eq!(
            t.apply(hms(0x0700_3100_0002_0002), "Tag on AMS A Slot2 is bad."),
            "Tag on AMS {ams} Slot{index} is bad."
        );
        assert_eq!(t.apply(hms(0x0300_1A00_0001_0001), "Fan channel 11 stopped."), "Fan channel 11 stopped.");
        assert_eq!(t.apply(hms(0x0300_0000_0001_0001), "The motor 3 is hot."), "The motor 3 is hot.");
        assert_eq!(t.apply(hms(0x0300_0200_0001_0001), "The motor 3 and motor 1."), "The motor {index} and motor 1.");
    }

    #[test]
    fn other_letters_numbers_and_modules_stay() {
        let t = templater();
        assert_eq!(t.apply(hms(0x0701_2200_0002_0003), "AMS C Slot 1 {x}"), "AMS C Slot 1 {{x}}");
        assert_eq!(t.apply(hms(0x0701_0100_0001_0001), "AMS Bx and XAMS B"), "AMS Bx and XAMS B");
        assert_eq!(t.apply(hms(0x07FF_0100_0001_0001), "AMS A"), "AMS A");
        assert_eq!(t.apply(hms(0x0301_0100_0001_0001), "AMS B"), "AMS B");
        assert_eq!(t.apply(hms(0x0700_2000_0002_0003), "Slot 10 of AMS A"), "Slot 10 of AMS {ams}");
    }

    #[test]
    fn a_template_that_does_not_fill_back_is_not_kept() {
        // A literal `{ams}` in the original is escaped, so the template still fills back.
        let t = templater();
        assert_eq!(t.apply(hms(0x0700_0100_0001_0001), "AMS A {ams}"), "AMS {ams} {{ams}}");
    }
}
