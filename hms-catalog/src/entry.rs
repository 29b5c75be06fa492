//! Catalog entries, their patterns and procedures, as a lookup reaches them or as listed.

use core::fmt;

use hms_core::layout::facts::Rule;
use hms_core::layout::{GuideRecord, ListRef, NO_TEXT, NONE, ProcedureRecord};
use hms_core::placeholder::Fill;
use hms_core::{AnyCode, Channel, CodePattern, Hms, ModuleFacts, Side};

use crate::generated::TABLES;
use crate::{Code, Module, Text};

/// Whether the meanings, notes, causes and procedures are compiled in (the `guides` feature).
pub(crate) const GUIDES: bool = cfg!(feature = "guides");

/// A catalog entry, as reached by one of its patterns: an exact code or a family of codes.
/// An entry may list several patterns (`code: [07xx_2x00_0002_0001, 12xx_2x00_0002_0001]`)
/// that share its texts, procedure and [`Code`] variant.
///
/// Two `Entry` values are equal when they are the same catalog entry, whichever pattern
/// reached it.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pattern: Pattern,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        self.pattern.entry == other.pattern.entry
    }
}

impl Eq for Entry {}

impl Entry {
    /// The entry reached by pattern `index` (the index of the pattern's rule).
    pub(crate) fn at(index: u16) -> Option<Entry> {
        Pattern::at(index).map(|pattern| Entry { pattern })
    }

    /// Entry `entry` (in catalog order), as reached by its first pattern.
    pub(crate) fn first_of(entry: u16) -> Option<Entry> {
        Entry::at(TABLES.entry_pattern(entry, 0)?)
    }

    /// The guide texts (`None` without the `guides` feature, whose build carries none).
    pub(crate) fn guide(&self) -> Option<GuideRecord> {
        TABLES.catalog.guide(self.pattern.entry).filter(|_| GUIDES)
    }

    /// The matched pattern's key: the code, with the varying digits zero for a family.
    pub fn key(&self) -> AnyCode {
        self.pattern.key()
    }

    /// Whether the matched pattern covers a family of units or slots.
    pub fn is_family(&self) -> bool {
        self.pattern.is_family()
    }

    /// The matched pattern as the catalog writes it, with `x` for the digits that vary.
    pub fn pattern(&self) -> Pattern {
        self.pattern
    }

    /// Every pattern of the entry, in catalog order (the matched one among them).
    pub fn patterns(&self) -> impl Iterator<Item = Pattern> + use<> {
        let entry = self.pattern.entry;
        (0..TABLES.entry_pattern_count(entry)).filter_map(move |i| TABLES.entry_pattern(entry, i).and_then(Pattern::at))
    }

    /// The title as the catalog writes it, placeholders unfilled (`AMS {ams} slot {slot} ...`).
    /// Texts are stored compressed, so this is a [`Text`] that writes the
    /// template, not a `&str`.
    pub fn title_template(&self) -> Text {
        Text::as_written(TABLES.text(self.pattern.title_text()))
    }

    /// The meaning as the catalog writes it, placeholders unfilled; `None` without the
    /// `guides` feature.
    pub fn meaning_template(&self) -> Option<Text> {
        self.guide().map(|g| Text::as_written(TABLES.text(g.meaning)))
    }

    /// The note as the catalog writes it, if any; `None` without the `guides` feature.
    pub fn note_template(&self) -> Option<Text> {
        let note = self.guide()?.note;
        (note != NO_TEXT).then(|| Text::as_written(TABLES.text(note)))
    }

    /// The procedure, with placeholders unfilled; `None` without the `guides` feature.
    pub fn procedure(&self) -> Option<Procedure> {
        Procedure::at(self.guide()?.procedure, Fill::default())
    }

    /// The [`Code`] variant, if the entry has one.
    pub fn variant(&self) -> Option<Code> {
        // Variants are in catalog order, as their entries are.
        let entry = self.pattern.entry;
        Code::ALL.binary_search_by_key(&entry, |c| c.__entry_index()).ok().map(|i| Code::ALL[i])
    }

    /// The matched pattern's position in the tables (the index of its rule).
    pub(crate) fn index(&self) -> u16 {
        self.pattern.index
    }

    /// The entry's position in the tables: the same for every pattern of one entry.
    pub(crate) fn first_index(&self) -> u16 {
        self.pattern.entry
    }
}

/// Every entry, in catalog order, each once (as reached by its first pattern).
pub fn entries() -> impl Iterator<Item = Entry> {
    (0..TABLES.entry_count() as u16).filter_map(Entry::first_of)
}

/// Every procedure (named ones first, then steps written on a code), placeholders unfilled.
pub fn procedures() -> impl Iterator<Item = Procedure> {
    (0..TABLES.procedure_count() as u16).filter_map(|i| Procedure::at(i, Fill::default()))
}

/// A code pattern such as `07xx_2x00_0002_0003`; see [`Entry::pattern`] and
/// [`Entry::patterns`]. Its `Display` writes it as the catalog does.
#[derive(Clone, Copy, Debug)]
pub struct Pattern {
    /// Its index (its rule's).
    index: u16,
    /// Its entry's index.
    entry: u16,
    rule: Rule,
}

impl Pattern {
    /// Pattern `index` (the index of its rule), if its entry is in the tables.
    pub(crate) fn at(index: u16) -> Option<Pattern> {
        let rule = TABLES.facts.rules.get(index as usize)?;
        TABLES.entry(rule.entry)?;
        Some(Pattern { index, entry: rule.entry, rule })
    }

    /// The code, with the varying digits zero for a family.
    pub fn key(&self) -> AnyCode {
        let (channel, key) = TABLES.facts.pattern_key(self.index).unwrap_or((0, 0));
        let channel = Channel::from_layout(channel).unwrap_or(Channel::Hms);
        AnyCode::from_bits(channel, key).unwrap_or(AnyCode::Hms(Hms::from_u64(key)))
    }

    /// The entry's title text.
    pub(crate) fn title_text(&self) -> hms_core::layout::TextId {
        TABLES.catalog.title(self.entry)
    }

    /// The pattern's `varies` bits.
    pub(crate) fn varies(&self) -> u8 {
        self.rule.varies()
    }

    /// The pattern (its key, what varies and over which digits); `None` for a damaged record.
    fn code_pattern(&self) -> Option<CodePattern> {
        let (channel, key) = TABLES.facts.pattern_key(self.index)?;
        let parts = crate::generated::FACTS.part_layout(self.key().module_id());
        CodePattern::from_layout(channel, key, self.varies(), parts)
    }

    /// Whether it covers a family of units or slots.
    pub fn is_family(&self) -> bool {
        self.varies() != 0
    }

    /// Its position in the tables (the index of its rule).
    pub(crate) fn index(&self) -> u16 {
        self.index
    }

    /// The side the catalog gives this exact code (`{ code: ..., side: left }`), if any.
    pub fn side(&self) -> Option<Side> {
        if self.rule.selector & Rule::SIDED == 0 {
            return None;
        }
        Side::from_u8(TABLES.catalog.side(self.index))
    }

    /// The entry's title for this pattern, for a list of the catalog: an exact code's title
    /// filled for it, a family's with each value that varies written as its range.
    ///
    /// ```
    /// use hms_catalog::entries;
    /// let family = entries().flat_map(|e| e.patterns()).find(|p| p.to_string() == "07xx_2x00_0002_0001").unwrap();
    /// assert!(family.title().to_string().starts_with("AMS A-Z slot 1-4 "), "{}", family.title());
    /// ```
    pub fn title(&self) -> Text {
        let key = self.key();
        let fill = Fill::whole(key, self.varies(), module_facts(key.module_id()), self.side());
        Text::filled(TABLES.text(self.title_text()), fill)
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code_pattern() {
            Some(pattern) => pattern.fmt(f),
            None => self.key().fmt(f),
        }
    }
}

/// What the catalog says of module `id` that filling placeholders needs: its abbreviation
/// when its units are lettered, and its part layout (from the tables).
pub(crate) fn module_facts(id: u8) -> ModuleFacts {
    let abbr = Module::from_id(id).filter(|m| m.is_lettered()).map(Module::abbr);
    ModuleFacts { abbr, parts: crate::generated::FACTS.part_layout(id) }
}

/// A procedure, its texts filled for the code it was reached from.
#[derive(Clone, Copy, Debug)]
pub struct Procedure {
    record: ProcedureRecord,
    fill: Fill,
}

impl Procedure {
    pub(crate) fn at(index: u16, fill: Fill) -> Option<Procedure> {
        if index == NONE || !GUIDES {
            return None;
        }
        TABLES.procedure(index).map(|record| Procedure { record, fill })
    }

    /// The name codes refer to it by (empty for steps written on the code itself).
    pub fn name(&self) -> &'static str {
        TABLES.name(self.record.name)
    }

    /// Title.
    pub fn title(&self) -> Text {
        Text::filled(TABLES.text(self.record.title), self.fill)
    }

    /// Steps, in order.
    pub fn steps(&self) -> Texts {
        Texts::of(self.record.steps, self.fill)
    }

    /// Parts that may be needed.
    pub fn parts(&self) -> Texts {
        Texts::of(self.record.parts, self.fill)
    }

    /// When to contact support.
    pub fn support(&self) -> Option<Text> {
        let support = self.record.support;
        (support != NO_TEXT).then(|| Text::filled(TABLES.text(support), self.fill))
    }
}

/// Texts of a list (causes, steps, parts), filled for one code.
#[derive(Clone, Debug)]
pub struct Texts {
    list: ListRef,
    next: u16,
    fill: Fill,
}

impl Texts {
    /// The items of `list`, filled with `fill`.
    pub(crate) fn of(list: ListRef, fill: Fill) -> Texts {
        Texts { list, next: 0, fill }
    }
}

impl Iterator for Texts {
    type Item = Text;

    fn next(&mut self) -> Option<Text> {
        let text = TABLES.list_item(self.list, self.next)?;
        self.next += 1;
        Some(Text::filled(text, self.fill))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.list.len.saturating_sub(self.next) as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Texts {}

impl Code {
    /// The variant's catalog entry.
    pub fn entry(self) -> Entry {
        match Entry::first_of(self.__entry_index()) {
            Some(entry) => entry,
            None => unreachable_entry(),
        }
    }
}

#[cold]
fn unreachable_entry() -> ! {
    // The macro emits every variant's index from the same catalog as the tables.
    panic!("the tables lack an entry that a `Code` variant names")
}
