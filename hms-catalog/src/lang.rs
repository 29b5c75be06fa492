//! The languages of the official texts: one declaration per language gives the enum variant,
//! its code, its cargo feature and its compiled-in table.

use core::fmt;
use core::str::FromStr;

use hms_core::layout::TextTable;

/// Declares [`Lang`] from one line per language: variant, code, feature, name, and the
/// language subtags (ISO 639-1 and 639-2) that [`Lang::negotiate`] maps to it.
macro_rules! langs {
    ($($variant:ident $code:literal $feature:literal $name:literal [$($subtag:literal)*];)*) => {
        /// A language of the official texts: each language Bambu Lab publishes them in.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Lang {
            $(
                #[doc = concat!($name, " (`", $code, "`, feature `", $feature, "`).")]
                $variant,
            )*
        }

        impl Lang {
            /// Every language, English first.
            pub const ALL: &'static [Lang] = &[$(Lang::$variant),*];

            /// The code of the language in Bambu's files (`en`, `de`, `pt-br`, `zh-cn`).
            pub const fn code(self) -> &'static str {
                match self {
                    $(Lang::$variant => $code,)*
                }
            }

            /// The language's name in English.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Lang::$variant => $name,)*
                }
            }

            /// The compiled-in texts of the language: empty without its feature or its imported
            /// texts.
            pub(crate) fn texts(self) -> &'static TextTable<'static> {
                match self {
                    $(Lang::$variant => {
                        #[cfg(feature = $feature)]
                        static TEXTS: TextTable<'static> = hms_macros::official_texts!(
                            lang = $code, catalog = "catalog.yaml", official = "official.tsv"
                        );
                        #[cfg(not(feature = $feature))]
                        static TEXTS: TextTable<'static> = TextTable::EMPTY;
                        &TEXTS
                    })*
                }
            }

            /// The language whose ISO 639 language subtag is `subtag` (any case), if the
            /// official texts have it.
            pub(crate) fn of_subtag(subtag: &str) -> Option<Lang> {
                $(
                    if [$($subtag),*].iter().any(|s: &&str| s.eq_ignore_ascii_case(subtag)) {
                        return Some(Lang::$variant);
                    }
                )*
                None
            }
        }
    };
}

langs! {
    En "en" "lang-en" "English" ["en" "eng"];
    De "de" "lang-de" "German" ["de" "deu" "ger"];
    Es "es" "lang-es" "Spanish" ["es" "spa"];
    Fr "fr" "lang-fr" "French" ["fr" "fra" "fre"];
    Hu "hu" "lang-hu" "Hungarian" ["hu" "hun"];
    It "it" "lang-it" "Italian" ["it" "ita"];
    Ja "ja" "lang-ja" "Japanese" ["ja" "jpn"];
    Ko "ko" "lang-ko" "Korean" ["ko" "kor"];
    Nl "nl" "lang-nl" "Dutch" ["nl" "nld" "dut"];
    Pl "pl" "lang-pl" "Polish" ["pl" "pol"];
    PtBr "pt-br" "lang-pt-br" "Portuguese (Brazil)" ["pt" "por"];
    Ru "ru" "lang-ru" "Russian" ["ru" "rus"];
    Sv "sv" "lang-sv" "Swedish" ["sv" "swe"];
    ZhCn "zh-cn" "lang-zh-cn" "Simplified Chinese" ["zh" "zho" "chi" "cmn"];
}

impl Lang {
    /// Whether any text of the language is compiled in.
    pub fn has_texts(self) -> bool {
        !self.texts().rows.is_empty()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of reading an unknown language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownLang;

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown language: expected one of ")?;
        for (i, lang) in Lang::ALL.iter().enumerate() {
            f.write_str(if i == 0 { "" } else { ", " })?;
            f.write_str(lang.code())?;
        }
        Ok(())
    }
}

impl core::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;
    /// A code of [`Lang::ALL`] (`en`, `de`, `pt-br`, `zh-cn`...), any case, `_` for `-`; also
    /// `zh` and `zh-Hans` for `zh-cn`. For a locale (`de-CH`, `pt_PT.UTF-8`), use
    /// [`Lang::negotiate`].
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        let s = s.trim();
        let is = |name: &str| {
            s.len() == name.len()
                && s.bytes().zip(name.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b || (a == b'_' && b == b'-'))
        };
        if is("zh") || is("zh-hans") {
            return Ok(Lang::ZhCn);
        }
        Lang::ALL.iter().copied().find(|l| is(l.code())).ok_or(UnknownLang)
    }
}
