//! Language negotiation: from the locale a client has (`de-CH`, `de_DE.UTF-8`, `pt-BR`) to
//! the language of the official texts that serves it best.

use core::fmt;

use crate::Lang;

/// The longest subtag a language tag may have (BCP 47).
const MAX_SUBTAG: usize = 8;

impl Lang {
    /// The language that serves `locale` best: its language subtag decides, whatever its
    /// region, script, encoding or modifier. Unlike [`str::parse`], which takes only the
    /// codes of [`Lang`], this takes any well-formed locale and never refuses one for being
    /// a language the catalog lacks.
    ///
    /// - A BCP 47 tag (`de-CH`, `zh-Hans-CN`) or a POSIX locale (`de_DE.UTF-8`,
    ///   `de_DE@euro`), any case, `-` and `_` alike; the encoding (`.UTF-8`) and modifier
    ///   (`@euro`) are dropped, surrounding whitespace is ignored.
    /// - The language subtag (ISO 639-1, or 639-2 such as `deu`, `fra`) picks the language of
    ///   [`Lang::ALL`] in any region: `de-CH` and `de-AT` are [`Lang::De`], `fr-CA` is
    ///   [`Lang::Fr`].
    /// - Portuguese (`pt`, `por`) in any region is [`Lang::PtBr`]: `pt-BR`, but also `pt-PT`
    ///   and `pt`, as Bambu publishes only Brazilian Portuguese.
    /// - Chinese (`zh`, `zho`, `chi`, `cmn`) in any script or region is [`Lang::ZhCn`]:
    ///   `zh-CN`, `zh-Hans`, but also `zh-TW`, `zh-HK` and `zh-Hant`. The catalog has only
    ///   Simplified Chinese, which readers of Traditional Chinese read more readily than
    ///   English; a client that wants English for them checks the script or region itself.
    /// - Any other well-formed locale (`en-US`, `he`, `ar-EG`, and `C` or `POSIX`, which name
    ///   no language) is [`Lang::En`], the fallback of every language.
    ///
    /// Malformed: empty, whitespace or a character other than ASCII letters, digits, `-`,
    /// `_`, `.` and `@`, an empty subtag (`de--CH`), a subtag longer than 8 characters, or a
    /// first subtag that is not 2 or 3 letters (except `C` and `POSIX`).
    ///
    /// ```
    /// use hms_catalog::Lang;
    /// assert_eq!(Lang::negotiate("de-CH"), Ok(Lang::De));
    /// assert_eq!(Lang::negotiate("de_DE.UTF-8"), Ok(Lang::De));
    /// assert_eq!(Lang::negotiate("zh-Hant-TW"), Ok(Lang::ZhCn));
    /// assert_eq!(Lang::negotiate("pt-BR"), Ok(Lang::PtBr));
    /// assert_eq!(Lang::negotiate("pt_PT.UTF-8"), Ok(Lang::PtBr));
    /// assert_eq!(Lang::negotiate("he-IL"), Ok(Lang::En));
    /// assert_eq!(Lang::negotiate("C.UTF-8"), Ok(Lang::En));
    /// assert!(Lang::negotiate("de CH").is_err());
    /// // `parse` stays strict.
    /// assert!("de-CH".parse::<Lang>().is_err());
    /// ```
    pub fn negotiate(locale: &str) -> Result<Lang, MalformedLocale> {
        let locale = locale.trim_matches(|c: char| c.is_ascii_whitespace());
        let err = |reason| Err(MalformedLocale { reason });
        if locale.is_empty() {
            return err(Reason::Empty);
        }
        if let Some(c) = locale.chars().find(|c| !c.is_ascii()) {
            return err(if c.is_whitespace() { Reason::Whitespace } else { Reason::NotAscii });
        }
        if locale.contains(|c: char| c.is_ascii_whitespace()) {
            return err(Reason::Whitespace);
        }
        // `language[_territory][.codeset][@modifier]`: the tag ends at the first `.` or `@`.
        let (tag, rest) = locale.split_at(locale.find(['.', '@']).unwrap_or(locale.len()));
        let (codeset, modifier) = match rest.split_once('@') {
            Some((codeset, modifier)) => (codeset, Some(modifier)),
            None => (rest, None),
        };
        let codeset = codeset.strip_prefix('.');
        let well_formed =
            |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !codeset.is_none_or(well_formed) || !modifier.is_none_or(well_formed) {
            return err(Reason::Suffix);
        }
        for (i, subtag) in tag.split(['-', '_']).enumerate() {
            if subtag.is_empty() {
                return err(if i == 0 { Reason::Language } else { Reason::EmptySubtag });
            }
            if !subtag.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return err(Reason::Character);
            }
            if subtag.len() > MAX_SUBTAG {
                return err(Reason::LongSubtag);
            }
        }
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("C") || language.eq_ignore_ascii_case("POSIX") {
            return if language.len() == tag.len() { Ok(Lang::En) } else { err(Reason::Language) };
        }
        if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
            return err(Reason::Language);
        }
        Ok(Lang::of_subtag(language).unwrap_or(Lang::En))
    }
}

/// The error of [`Lang::negotiate`]: the string is not a locale. Its `Display` says what is
/// wrong with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MalformedLocale {
    reason: Reason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reason {
    Empty,
    Whitespace,
    NotAscii,
    Suffix,
    EmptySubtag,
    LongSubtag,
    Character,
    Language,
}

impl fmt::Display for MalformedLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed locale (")?;
        f.write_str(match self.reason {
            Reason::Empty => "empty",
            Reason::Whitespace => "whitespace inside",
            Reason::NotAscii => "a character that is not ASCII",
            Reason::Suffix => "an empty or malformed encoding or modifier",
            Reason::EmptySubtag => "an empty subtag",
            Reason::LongSubtag => "a subtag longer than 8 characters",
            Reason::Character => "a character other than letters, digits, `-`, `_`, `.` and `@`",
            Reason::Language => "the language is not 2 or 3 letters, C or POSIX",
        })?;
        f.write_str("): expected a language tag or locale such as en, de-CH, zh-Hans or de_DE.UTF-8")
    }
}

impl core::error::Error for MalformedLocale {}

#[cfg(test)]
mod tests {
    use std::string::ToString;

    use super::*;

    #[test]
    fn the_language_subtag_decides() {
        let cases = [
            ("en", Lang::En),
            ("EN", Lang::En),
            ("en-US", Lang::En),
            ("de", Lang::De),
            ("de-CH", Lang::De),
            ("de_DE.UTF-8", Lang::De),
            ("de_DE@euro", Lang::De),
            ("de_DE.ISO-8859-15@euro", Lang::De),
            ("DE-at", Lang::De),
            ("deu", Lang::De),
            (" de-CH\n", Lang::De),
            ("zh", Lang::ZhCn),
            ("zh-cn", Lang::ZhCn),
            ("zh_CN", Lang::ZhCn),
            ("zh_CN.GB18030", Lang::ZhCn),
            ("zh-Hans", Lang::ZhCn),
            ("zh-Hans-CN", Lang::ZhCn),
            ("zh-Hant-TW", Lang::ZhCn),
            ("zh-TW", Lang::ZhCn),
            ("zh-HK", Lang::ZhCn),
            ("pt-BR", Lang::PtBr),
            ("pt_PT", Lang::PtBr),
            ("pt", Lang::PtBr),
            ("por", Lang::PtBr),
            ("he", Lang::En),
            ("ar-EG", Lang::En),
            ("fr", Lang::Fr),
            ("fr_FR.UTF-8", Lang::Fr),
            ("fra", Lang::Fr),
            ("es-419", Lang::Es),
            ("es_MX", Lang::Es),
            ("hu-HU", Lang::Hu),
            ("it_IT", Lang::It),
            ("ja-JP", Lang::Ja),
            ("ko_KR.UTF-8", Lang::Ko),
            ("nl-BE", Lang::Nl),
            ("dut", Lang::Nl),
            ("pl_PL", Lang::Pl),
            ("ru-RU", Lang::Ru),
            ("sv-FI", Lang::Sv),
            ("gsw", Lang::En),
            ("C", Lang::En),
            ("C.UTF-8", Lang::En),
            ("POSIX", Lang::En),
            ("en-US-x-private1", Lang::En),
            ("sr-Latn-RS", Lang::En),
        ];
        for (locale, lang) in cases {
            assert_eq!(Lang::negotiate(locale), Ok(lang), "{locale:?}");
        }
    }

    #[test]
    fn malformed_locales_are_refused_with_a_reason() {
        let cases = [
            ("", Reason::Empty),
            ("   ", Reason::Empty),
            ("de CH", Reason::Whitespace),
            ("de\tCH", Reason::Whitespace),
            ("de\u{a0}CH", Reason::Whitespace),
            ("dé", Reason::NotAscii),
            ("中文", Reason::NotAscii),
            ("de-", Reason::EmptySubtag),
            ("de--CH", Reason::EmptySubtag),
            ("-de", Reason::Language),
            ("de-abcdefghi", Reason::LongSubtag),
            ("abcdefghij", Reason::LongSubtag),
            ("d", Reason::Language),
            ("deut", Reason::Language),
            ("d3", Reason::Language),
            ("x-private", Reason::Language),
            ("C-DE", Reason::Language),
            ("de/CH", Reason::Character),
            ("de-C!", Reason::Character),
            ("de.", Reason::Suffix),
            ("de@", Reason::Suffix),
            ("de_DE.UTF-8.x", Reason::Suffix),
            (".UTF-8", Reason::Language),
        ];
        for (locale, reason) in cases {
            assert_eq!(Lang::negotiate(locale), Err(MalformedLocale { reason }), "{locale:?}");
        }
        let message = Lang::negotiate("de CH").unwrap_err().to_string();
        assert!(message.contains("whitespace inside") && message.contains("de-CH"), "{message}");
    }

    #[test]
    fn parse_stays_strict() {
        for strict in ["de-CH", "de_DE.UTF-8", "pt", "pt-PT", "C", "he"] {
            assert!(strict.parse::<Lang>().is_err(), "{strict}");
        }
        for (code, lang) in
            [("pt-BR", Lang::PtBr), ("pt_br", Lang::PtBr), ("ZH-CN", Lang::ZhCn), ("zh-Hans", Lang::ZhCn)]
        {
            assert_eq!(code.parse(), Ok(lang), "{code}");
        }
        for &lang in Lang::ALL {
            assert_eq!(Lang::negotiate(lang.code()), Ok(lang));
        }
    }
}
