//! Texts of the AMS families as templates: `AMS B Slot 3` in the text of code `0701_2200_...`
//! becomes `AMS {ams} Slot {slot}`, so the sixteen texts of one fault across units and slots
//! are stored once; `slot 2` in the text of a code whose part byte ends in 1 (`0700_1100_...`)
//! becomes `slot {index}`. A template is kept only when filling it back gives the original
//! exactly.

use hms_core::placeholder::{Fill, Filled};
use hms_core::unit_letter;

use super::AnyCode;

/// Words a unit letter follows.
const UNIT_WORDS: [&str; 3] = ["AMS Lite ", "AMS-HT ", "AMS "];
/// Words a slot number follows.
const SLOT_WORDS: [&str; 2] = ["Slot ", "slot "];
/// Words the number of a part's low digit follows (slot, motor, channel).
const INDEX_WORDS: [&str; 8] = ["Slot ", "slot ", "Slot", "motor ", "Motor ", "channel ", "Channel ", "槽位"];

/// Makes templates for the codes of lettered modules.
pub struct Templater {
    lettered: [bool; 256],
}

impl Templater {
    /// `lettered_modules`: the ids of the modules whose units are lettered.
    pub fn new(lettered_modules: impl IntoIterator<Item = u8>) -> Templater {
        let mut lettered = [false; 256];
        for id in lettered_modules {
            lettered[id as usize] = true;
        }
        Templater { lettered }
    }

    /// `text` as a catalog text of `key`: braces doubled, and the unit letter and slot number
    /// the code implies replaced by `{ams}` / `{slot}` where that round-trips.
    pub fn apply(&self, key: AnyCode, text: &str) -> String {
        let escaped = text.replace('{', "{{").replace('}', "}}");
        let unit = key.module_number();
        let letter = unit_letter(unit).filter(|_| self.lettered[key.module_id() as usize]);
        let slot = key.slot().filter(|_| letter.is_some());
        let index = key.part().map(|p| (p & 0xF) + 1);
        let mut template = escaped.clone();
        if let Some(letter) = letter {
            template = replace_after(&template, &UNIT_WORDS, letter, "{ams}");
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
        Templater::new([0x07, 0x12, 0x18])
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
