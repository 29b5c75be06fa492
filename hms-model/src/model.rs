//! The checked catalog: what the macro emits and xtask documents.

pub use hms_core::Channel;
use hms_core::placeholder::Side;
use hms_core::{Alert, AnyCode, CodePattern, ModuleFacts, PartLayout, PrintError};

/// A module (a part of the printer that reports codes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// Module id byte.
    pub id: u8,
    /// Abbreviation shown by the printer (`AMS`).
    pub abbr: String,
    /// Full name.
    pub name: String,
    /// The `Module` enum variant.
    pub variant: String,
    /// Module numbers name units A, B, C...
    pub lettered: bool,
    /// What the low digit of its part byte numbers (slots, rack positions), for families
    /// that leave it open and for `{slot}`/`{rack}`.
    pub parts: Option<PartLayout>,
    /// The words a unit letter follows in Bambu's texts (`AMS Lite`), for templating them;
    /// empty unless lettered.
    pub unit_words: Vec<String>,
}

impl Module {
    /// What filling a code's placeholders needs of the module.
    pub fn facts(&self) -> ModuleFacts {
        // The abbreviation's value does not matter to the build, only that it is there.
        ModuleFacts { abbr: self.lettered.then_some(""), parts: self.parts }
    }
}

/// A printer model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    /// The id Bambu's merged lists use (`H2D`).
    pub id: String,
    /// The first three characters of its serial numbers, if known (`094`).
    pub prefix: Option<String>,
    /// The name people use (`H2D Pro`).
    pub name: String,
    /// The `Model` enum variant.
    pub variant: String,
    /// Not in catalog.yaml: a serial prefix Bambu's files list that no model of the catalog
    /// has, added after the catalog's models when the official facts are read (see
    /// [`Model::unnamed`]).
    pub unnamed: bool,
}

impl Model {
    /// The model of a serial prefix no catalog model has: id and serial prefix are the prefix
    /// in upper case (`35F`), the name `unnamed 35F`, the variant `Unnamed35F`.
    pub fn unnamed(prefix: &str) -> Model {
        let prefix = prefix.to_ascii_uppercase();
        Model {
            id: prefix.clone(),
            name: format!("unnamed {prefix}"),
            variant: format!("Unnamed{prefix}"),
            prefix: Some(prefix),
            unnamed: true,
        }
    }
}

/// Whether `text` is a well-formed serial prefix: three ASCII letters or digits.
pub fn is_serial_prefix(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// An alert level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// The level number (bits 31-16 of the code half).
    pub id: u16,
    /// The `Level` enum variant.
    pub variant: String,
    /// Short name (`error`).
    pub name: String,
    /// What it means for the print task.
    pub meaning: String,
    /// The class of its codes' alerts, unless an entry gives its own.
    pub alert: Alert,
}

/// A procedure that fixes a fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procedure {
    /// The name codes refer to it by; empty for steps written inline on a code.
    pub name: String,
    /// Short title.
    pub title: String,
    /// Steps in order (at least one).
    pub steps: Vec<String>,
    /// Parts that may be needed.
    pub parts: Vec<String>,
    /// When to contact support.
    pub support: Option<String>,
}

/// One code pattern of an entry (an exact code or a family), where the catalog writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryPattern {
    /// The pattern.
    pub pattern: CodePattern,
    /// The side the catalog gives an exact code (`{ code: ..., side: left }`); a code of module
    /// number `FE`/`FF` has its side without one.
    pub side: Option<Side>,
    /// Line of the pattern in its file.
    pub line: usize,
}

impl std::ops::Deref for EntryPattern {
    type Target = CodePattern;
    fn deref(&self) -> &CodePattern {
        &self.pattern
    }
}

impl EntryPattern {
    /// The key as a code: the code itself, or a family's first key (varying bits zero).
    pub fn code(&self) -> AnyCode {
        self.pattern.key()
    }

    /// The module id.
    pub fn module_id(&self) -> u8 {
        self.code().module_id()
    }

    /// The module number (the unit; 0 for a family that varies it).
    pub fn module_number(&self) -> u8 {
        self.code().module_number()
    }

    /// The level on the HMS scale (for print_error, from its level nibble).
    pub fn level(&self) -> Option<u16> {
        self.code().level_raw()
    }

    /// The code as the catalog writes it, `x` for each varying digit.
    pub fn spelled(&self) -> String {
        self.pattern.to_string()
    }
}

/// One code entry: one or more patterns (exact codes or families) that share its texts,
/// procedure and `Code` variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeEntry {
    /// Its patterns, in the order written (at least one).
    pub patterns: Vec<EntryPattern>,
    /// The `Code` enum variant, if named.
    pub variant: Option<String>,
    /// Short title (may hold placeholders).
    pub title: String,
    /// What it means.
    pub meaning: String,
    /// Likely causes.
    pub causes: Vec<String>,
    /// Index into [`Catalog::procedures`].
    pub procedure: Option<usize>,
    /// Index into [`Catalog::procedures`] of a related procedure.
    pub see_also: Option<usize>,
    /// A remark, such as another description of the code met elsewhere.
    pub note: Option<String>,
    /// The class of its alerts where it differs from its level's (`alert: status`).
    pub alert: Option<Alert>,
    /// Line of the entry in its file.
    pub line: usize,
}

impl CodeEntry {
    /// The first pattern.
    pub fn first(&self) -> &EntryPattern {
        // The reader makes no entry without a pattern.
        &self.patterns[0]
    }

    /// The module id of the first pattern.
    pub fn module_id(&self) -> u8 {
        self.first().module_id()
    }

    /// The patterns as the catalog writes them, joined by `, `.
    pub fn spelled(&self) -> String {
        self.patterns.iter().map(EntryPattern::spelled).collect::<Vec<_>>().join(", ")
    }

    /// Whether any pattern is a family.
    pub fn has_family(&self) -> bool {
        self.patterns.iter().any(|p| p.is_family())
    }
}

/// The code of `channel` with the bits `key`. The readers give a `print_error` code 8 digits;
/// a wider key keeps its low 32 bits.
pub(crate) fn code_of(channel: Channel, key: u64) -> AnyCode {
    AnyCode::from_bits(channel, key).unwrap_or(AnyCode::PrintError(PrintError::from_u32(key as u32)))
}

/// The most models a catalog may have, named and unnamed together: a set of models is a
/// 32-bit mask (`u32`), bit `i` being model `i`.
pub const MAX_MODELS: usize = u32::BITS as usize;

/// The whole checked catalog.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// Modules, in file order.
    pub modules: Vec<Module>,
    /// Printer models, in file order, then any unnamed ones the official facts add (at most
    /// [`MAX_MODELS`] in all: a set of models is a `u32`).
    pub models: Vec<Model>,
    /// Levels, in file order.
    pub levels: Vec<Level>,
    /// Named procedures in file order (the catalog's, then each included file's), then the
    /// inline ones.
    pub procedures: Vec<Procedure>,
    /// Code entries: the catalog's in file order, then each included file's.
    pub codes: Vec<CodeEntry>,
    /// The files the catalog includes, as written (relative to the catalog's folder).
    pub includes: Vec<String>,
}

impl Catalog {
    /// The module with this id.
    pub fn module(&self, id: u8) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// The index of the model with this id (its bit in a model set).
    pub fn model_index(&self, id: &str) -> Option<usize> {
        self.models.iter().position(|m| m.id == id)
    }

    /// The index of the first model whose serial numbers start with `prefix`.
    pub fn model_by_prefix(&self, prefix: &str) -> Option<usize> {
        self.models.iter().position(|m| m.prefix.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(prefix)))
    }

    /// The level with this id.
    pub fn level(&self, id: u16) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// The entries that have a `Code` variant, in the variants' order.
    pub fn named_codes(&self) -> impl Iterator<Item = &CodeEntry> {
        self.codes.iter().filter(|c| c.variant.is_some())
    }
}
