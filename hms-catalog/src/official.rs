//! What Bambu's published lists say about a code: the models that list it, its text per
//! model and language, and its wiki page. The facts are always compiled in; the texts of a
//! language only with its `lang-*` feature and after `cargo xtask regenerate --official`.

use core::fmt;
use core::str::FromStr;

use hms_core::layout::Found;
use hms_core::layout::texts::{Said, text_with_fallback};
use hms_core::placeholder::Fill;

use crate::generated::TABLES;
use crate::{Lang, Model, Text};

/// The official text of a code, as [`Official::text`] finds it.
#[derive(Clone, Copy, Debug)]
pub enum OfficialText {
    /// The text the printer shows, filled for the code.
    Text(Text),
    /// The lists carry the code with an empty text: nothing to tell the user.
    Silent,
    /// No text compiled in for this code (language feature off, or texts not imported).
    Unavailable,
}

impl OfficialText {
    /// The text, if there is one.
    pub fn text(self) -> Option<Text> {
        match self {
            OfficialText::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// What Bambu's lists say about one code.
#[derive(Clone, Copy, Debug)]
pub struct Official {
    found: Found,
    fill: Fill,
}

impl Official {
    pub(crate) fn at(found: Found, fill: Fill) -> Official {
        Official { found, fill }
    }

    /// The models whose lists carry the code.
    pub fn models(&self) -> impl Iterator<Item = Model> + use<> {
        let mask = TABLES.facts.models(&self.found).unwrap_or(0);
        Model::ALL.iter().copied().filter(move |m| mask & (1 << m.bit()) != 0)
    }

    /// The text for `model` in `lang`: the model's own text, else the language's default (for
    /// `None`, a printer without a text of its own: the default, else the text most printers
    /// show), else the same in English. [`OfficialText::Silent`] only when English lists the
    /// code with an empty text for the model. See the README's "Official texts" for the rule.
    pub fn text(&self, model: Option<Model>, lang: Lang) -> OfficialText {
        match text_with_fallback(lang.texts(), Lang::En.texts(), &self.found, model.map(Model::bit)) {
            Said::Text(t) => OfficialText::Text(Text::filled(t, self.fill)),
            Said::Empty => OfficialText::Silent,
            Said::Nothing => OfficialText::Unavailable,
        }
    }

    /// The wiki page for `model`, else the code's default page, if the lists name one (and
    /// the `wiki` feature is on).
    pub fn wiki_page(&self, model: Option<Model>) -> Option<WikiUrl> {
        let bit = model.map_or(0, |m| 1u32 << m.bit());
        let pages = TABLES.wiki.pages(self.found.record);
        let chosen = pages.clone().find(|p| p.1 & bit != 0).or_else(|| pages.clone().find(|p| p.1 == 0));
        chosen.map(|(path, _)| WikiUrl { path: Some(path) })
    }
}

/// A page of Bambu Lab's wiki; see [`Official::wiki_page`] and [`crate::Lookup::wiki_url`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WikiUrl {
    /// `slug/page`, or `None` for the HMS home page.
    pub(crate) path: Option<&'static str>,
}

impl WikiUrl {
    /// The wiki's page listing every HMS code.
    pub const HOME: WikiUrl = WikiUrl { path: None };
}

impl fmt::Display for WikiUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("https://wiki.bambulab.com/en/")?;
        match self.path.and_then(|p| p.split_once('/')) {
            Some((slug, page)) => write!(f, "{slug}/troubleshooting/hmscode/{page}"),
            None => f.write_str("hms/home"),
        }
    }
}

/// The error of reading an unknown printer model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownModel;

impl fmt::Display for UnknownModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown printer model: give its id (H2D), name (H2D Pro), serial prefix (094) or serial number")
    }
}

impl core::error::Error for UnknownModel {}

impl FromStr for Model {
    type Err = UnknownModel;

    /// A model id (`H2D`), name (`H2D Pro`), serial prefix (`094`) or whole serial number,
    /// any case.
    ///
    /// ```
    /// use hms_catalog::Model;
    /// assert_eq!("094".parse(), Ok(Model::H2D));
    /// assert_eq!("h2d pro".parse(), Ok(Model::H2DPro));
    /// assert_eq!("31B00A000000001".parse(), Ok(Model::H2C));
    /// ```
    fn from_str(s: &str) -> Result<Model, UnknownModel> {
        let s = s.trim();
        let by_name = Model::ALL.iter().find(|m| m.id().eq_ignore_ascii_case(s) || m.name().eq_ignore_ascii_case(s));
        let prefix = s.get(..3).filter(|_| s.len() == 3 || s.len() >= 10);
        let by_serial = || {
            Model::ALL.iter().find(|m| m.serial_prefix().zip(prefix).is_some_and(|(p, s)| p.eq_ignore_ascii_case(s)))
        };
        by_name.or_else(by_serial).copied().ok_or(UnknownModel)
    }
}
