//! Lookup: from a reported code to its entry, with texts filled for that code.

use core::fmt;
use core::str::FromStr;

use hms_core::action::Action;
use hms_core::layout::{ListRef, NO_TEXT, Probe};
use hms_core::placeholder::Fill;
use hms_core::{Alert, AnyCode, Hms, ParseError, Side};

use crate::generated::TABLES;
use crate::{Code, Entry, Level, Model, Module, Official, Procedure, Text, Texts, WikiUrl};

/// Looks a code up: its exact entry, else the family entry that covers it. The answer carries
/// the code's structure (module, level, unit, slot) even when the catalog does not know it.
///
/// ```
/// use hms_catalog::{lookup, Hms, Module};
/// let unknown = lookup(Hms::from_mqtt(0x0300_9900, 0x0002_7777));
/// assert!(!unknown.is_known());
/// assert_eq!(unknown.module(), Some(Module::MotionController));
/// ```
///
/// The key of a code is the code with its reserved byte cleared, as BambuStudio keys the
/// codes a printer reports (`%02X%02X%02X00` of `attr`'s first three bytes): a reported
/// `attr` of `0x0700_2001` finds `0700_2000_0002_0003`. [`Lookup::code`] stays the code as
/// reported; [`Lookup::key`] is the one looked up.
///
/// ```
/// use hms_catalog::{lookup, Hms};
/// let found = lookup(Hms::from_mqtt(0x0700_2001, 0x0002_0003));
/// assert_eq!(found.key().to_string(), "0700_2000_0002_0003");
/// assert_eq!(found.code().to_string(), "0700_2001_0002_0003");
/// assert!(found.is_official());
/// ```
///
/// One probe of the tables finds both the code's catalog entry and its official record; the
/// texts are read when asked for.
#[inline(always)]
pub fn lookup(code: impl Into<AnyCode>) -> Lookup {
    let code = code.into();
    let probe = crate::generated::FACTS.find(code.channel().layout(), code.bits() & KEY_BITS);
    Lookup { code, probe }
}

/// The bits of a code that key it: all but the reserved byte of an HMS code (bits 39-32),
/// which BambuStudio clears before it looks a reported code up. A print_error code has no
/// bits there, so one mask serves both channels.
const KEY_BITS: u64 = !0x0000_00FF_0000_0000;

/// The answer of [`lookup`]: a code, and its catalog entry if there is one.
#[derive(Clone, Copy, Debug)]
pub struct Lookup {
    code: AnyCode,
    probe: Probe,
}

impl Lookup {
    /// The code as reported (or parsed), reserved byte and all.
    #[inline]
    pub fn code(&self) -> AnyCode {
        self.code
    }

    /// Where the code sits in the official facts: its record and row, if Bambu lists it.
    fn found(&self) -> Option<hms_core::layout::Found> {
        crate::generated::FACTS.found(self.probe.official()?)
    }

    /// The code as looked up: [`code`](Self::code) with its reserved byte cleared (see
    /// [`lookup`]); the same code when the byte is 0, as in every code of the lists.
    #[inline]
    pub fn key(&self) -> AnyCode {
        match self.code {
            AnyCode::Hms(h) => AnyCode::Hms(Hms::from_u64(h.to_u64() & KEY_BITS)),
            AnyCode::PrintError(e) => AnyCode::PrintError(e),
        }
    }

    /// Whether the code is known: the catalog has an entry for it, or Bambu's lists carry it.
    #[inline]
    pub fn is_known(&self) -> bool {
        self.probe != Probe::NOTHING
    }

    /// Whether Bambu's published lists carry the code.
    #[inline]
    pub fn is_official(&self) -> bool {
        self.probe.official().is_some()
    }

    /// What Bambu's published lists say about the code (models, texts, wiki page).
    pub fn official(&self) -> Option<Official> {
        let found = self.found()?;
        Some(Official::at(found, self.fill()))
    }

    /// Whether the printer keeps this code to itself: Bambu's English lists carry it for
    /// `model` (with `None`, for a printer without a text of its own) with an empty text, as
    /// for internal codes that reach MQTT but that the printer, the slicer and the app never
    /// show. A fact of the lists, compiled in with or without their texts.
    ///
    /// ```
    /// use hms_catalog::{lookup, Hms, Model};
    /// let internal = lookup(Hms::from_mqtt(0x0500_0100, 0x0002_000B));
    /// assert!(internal.is_silent(Some(Model::X2D)));
    /// assert!(!internal.is_silent(Some(Model::H2D)));
    /// ```
    pub fn is_silent(&self, model: Option<Model>) -> bool {
        let Some(found) = self.found() else {
            return false;
        };
        let bit = match model {
            Some(m) => 1u32.checked_shl(u32::from(m.bit())).unwrap_or(0),
            None => hms_core::layout::alerts::UNNAMED_PRINTERS,
        };
        TABLES.alerts.silent(found.record) & bit != 0
    }

    /// The class of the alert on `model` (`None`: a printer without a text of its own):
    /// [`Alert::Silent`] where the printer shows nothing ([`is_silent`](Self::is_silent)), else
    /// the class the catalog gives the code's entry, else its level's (`catalog.yaml`: errors
    /// and warnings are faults, info and notices advisories); a level the catalog does not know
    /// is a fault.
    ///
    /// ```
    /// use hms_catalog::{lookup, Alert, PrintError};
    /// assert_eq!(lookup(PrintError::from_u32(0x0300_400C)).alert(None), Alert::Status); // cancelled
    /// assert_eq!(lookup(PrintError::from_u32(0x0700_8010)).alert(None), Alert::Fault);
    /// ```
    pub fn alert(&self, model: Option<Model>) -> Alert {
        if self.is_silent(model) {
            return Alert::Silent;
        }
        let own = self
            .probe
            .entry()
            .and_then(|i| TABLES.facts.rules.get(i as usize))
            .and_then(|rule| TABLES.alerts.entry(rule.entry));
        own.or_else(|| self.level().map(Level::alert)).unwrap_or(Alert::Fault)
    }

    /// The buttons `model` offers for the code, as Bambu's action lists give them (in id
    /// order; feature `actions`, else none). See [`action`](crate::action) for what each
    /// sends.
    ///
    /// ```
    /// use hms_catalog::{lookup, action::Action, Model, PrintError};
    /// let clump = lookup(PrintError::from_u32(0x0300_8014));
    /// let offered: Vec<Action> = clump.actions(Model::H2C).collect();
    /// assert_eq!(offered, [Action::ResumePrintingProblemSolved, Action::CheckAssistant]);
    /// assert_eq!(clump.actions(Model::H2D).count(), 0); // the H2D's list has none for it
    /// ```
    pub fn actions(&self, model: Model) -> impl Iterator<Item = Action> + Clone + use<> {
        let found = self.found();
        let ids = found.map_or(&[][..], |f| TABLES.actions.offered(f.record, model.bit()));
        ids.iter().map(|&id| Action::from_id(u16::from(id)))
    }

    /// The wiki page for the code on `model`: its own page, else the code's default page, else
    /// the wiki's HMS home page.
    pub fn wiki_url(&self, model: Option<Model>) -> WikiUrl {
        self.official().and_then(|o| o.wiki_page(model)).unwrap_or(WikiUrl::HOME)
    }

    /// The [`wiki_url`](Self::wiki_url) page as a QR code (feature `qr`): the matrix a printer
    /// shows beside the alert, to draw on a screen. `None` only for a URL too long for a
    /// version 7 code, which no page of Bambu's lists is (see [`WikiUrl::qr`]).
    ///
    /// ```
    /// use hms_catalog::{lookup, Hms, Model};
    /// let qr = lookup(Hms::from_mqtt(0x0300_0100, 0x0001_0007)).wiki_qr(Some(Model::H2D)).unwrap();
    /// let dark = (0..qr.size()).flat_map(|y| (0..qr.size()).map(move |x| (x, y))).filter(|&(x, y)| qr.get(x, y));
    /// assert!(dark.count() > 0);
    /// ```
    #[cfg(feature = "qr")]
    pub fn wiki_qr(&self, model: Option<Model>) -> Option<crate::WikiQr> {
        self.wiki_url(model).qr()
    }

    /// The entry (exact or family).
    pub fn entry(&self) -> Option<Entry> {
        self.probe.entry().and_then(Entry::at)
    }

    /// Where the code points, in words: module, unit or side, slot (see [`Place`](crate::Place)).
    pub fn place(&self) -> crate::Place {
        crate::Place(*self)
    }

    /// The module, if the catalog knows its id.
    pub fn module(&self) -> Option<Module> {
        Module::from_id(self.code.module_id())
    }

    /// The level, if the catalog knows it (the raw number stays in [`AnyCode::level_raw`]).
    pub fn level(&self) -> Option<Level> {
        self.code.level_raw().and_then(Level::from_id)
    }

    /// The unit letter (A for module number 0) of a lettered module such as the AMS.
    pub fn unit_letter(&self) -> Option<char> {
        if self.module()?.is_lettered() { hms_core::unit_letter(self.code.module_number()) } else { None }
    }

    /// The slot (1-4) the code names: the slot of a slot part `0x20`-`0x23`, or, for a code its
    /// catalog entry covers by an open part digit (`12xx_8x00_...`), that digit plus one.
    pub fn slot(&self) -> Option<u8> {
        self.fill().slot
    }

    /// The hotend rack position (1-6) of a rack code: the low digit of its part byte.
    pub fn rack(&self) -> Option<u8> {
        self.fill().rack
    }

    /// The values this code gives to the placeholders of its texts (`{ams}`, `{slot}`...), as
    /// the entry that matched it fills them.
    pub(crate) fn fill(&self) -> Fill {
        let pattern = self.entry().map(|e| e.pattern());
        let varies = pattern.map_or(0, |p| p.varies());
        let side = pattern.and_then(|p| p.side());
        Fill::of(self.code, varies, crate::entry::module_facts(self.code.module_id()), side)
    }

    /// The side the code names: `left` for module number `FE`, `right` for `FF`, or the side
    /// the catalog gives the matched code.
    pub fn side(&self) -> Option<Side> {
        self.fill().side
    }

    /// Title, filled for this code.
    pub fn title(&self) -> Option<Text> {
        self.entry().map(|e| Text::filled(TABLES.text(e.pattern().title_text()), self.fill()))
    }

    /// What the code means, filled for this code; `None` without the `guides` feature.
    pub fn meaning(&self) -> Option<Text> {
        let guide = self.entry()?.guide()?;
        Some(Text::filled(TABLES.text(guide.meaning), self.fill()))
    }

    /// A remark, filled for this code; `None` without the `guides` feature.
    pub fn note(&self) -> Option<Text> {
        let note = self.entry()?.guide()?.note;
        (note != NO_TEXT).then(|| Text::filled(TABLES.text(note), self.fill()))
    }

    /// Likely causes, filled for this code; none without the `guides` feature.
    pub fn causes(&self) -> Texts {
        let list = self.entry().and_then(|e| e.guide()).map_or(ListRef::default(), |g| g.causes);
        Texts::of(list, self.fill())
    }

    /// The procedure that fixes it, filled for this code; `None` without the `guides` feature.
    pub fn procedure(&self) -> Option<Procedure> {
        Procedure::at(self.entry()?.guide()?.procedure, self.fill())
    }

    /// A related procedure, filled for this code; `None` without the `guides` feature.
    pub fn see_also(&self) -> Option<Procedure> {
        Procedure::at(self.entry()?.guide()?.see_also, self.fill())
    }

    /// The entry's [`Code`] variant, if it has one.
    pub fn variant(&self) -> Option<Code> {
        self.entry()?.variant()
    }
}

/// The error of reading a [`Code`] from a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeFromStrError {
    /// The string is not a code.
    Parse(ParseError),
    /// The code is valid, but no named entry covers it (use [`lookup`] for such codes).
    NoVariant(AnyCode),
}

impl fmt::Display for CodeFromStrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeFromStrError::Parse(e) => e.fmt(f),
            CodeFromStrError::NoVariant(code) => write!(f, "code {code} has no named entry in the catalog"),
        }
    }
}

impl core::error::Error for CodeFromStrError {}

impl FromStr for Code {
    type Err = CodeFromStrError;

    /// The variant of the entry that covers the code.
    ///
    /// ```
    /// use hms_catalog::Code;
    /// assert_eq!("0701-0100-0001-0004".parse(), Ok(Code::AmsAssistMotorSpeed));
    /// ```
    fn from_str(s: &str) -> Result<Code, CodeFromStrError> {
        let code = AnyCode::parse(s).map_err(CodeFromStrError::Parse)?;
        lookup(code).variant().ok_or(CodeFromStrError::NoVariant(code))
    }
}

#[cfg(test)]
mod tests {
    use std::string::ToString;

    use super::*;
    use crate::entry::{GUIDES, entries, procedures};

    /// Run with and without `guides`: `cargo test -p hms-catalog --no-default-features --lib`
    /// checks the titles-only build.
    #[test]
    fn titles_are_always_there_and_guides_only_with_the_feature() {
        let found = lookup(Hms::from_mqtt(0x0701_0100, 0x0001_0004));
        assert_eq!(found.title().unwrap().to_string(), "AMS B assist motor does not keep its commanded speed");
        let entry = found.entry().unwrap();
        assert_eq!(entry.title_template().to_string(), "{unit} assist motor does not keep its commanded speed");
        assert_eq!(found.meaning().is_some(), GUIDES);
        assert_eq!(entry.meaning_template().is_some(), GUIDES);
        assert_eq!(found.procedure().is_some(), GUIDES);
        assert_eq!(entry.procedure().is_some(), GUIDES);
        assert_eq!(found.causes().len() > 0, GUIDES);
        assert_eq!(found.causes().count() > 0, GUIDES);
        assert_eq!(procedures().next().is_some(), GUIDES);
        if GUIDES {
            let meaning = found.meaning().unwrap().to_string();
            assert!(!meaning.contains(['{', '}', '\u{FFFD}']), "{meaning}");
        }
        // Every title decodes whole in either build.
        for entry in entries() {
            let title = entry.title_template().to_string();
            assert!(!title.is_empty() && !title.contains('\u{FFFD}'), "{title:?}");
        }
    }
}
