//! Lenient model names: a model the catalog does not know yet (a printer newer than the
//! build) gets the text most models share instead of an error.

use core::fmt;

use crate::Model;

/// The longest model string [`Model::resolve`] takes: longer than any id, name or serial
/// number.
pub const MAX_MODEL_LEN: usize = 64;

impl Model {
    /// The model `s` names, leniently: `Ok(Some(model))` for what [`str::parse`] takes (an
    /// id `H2D`, a name `H2D Pro`, a serial prefix `094` or a serial number, which resolves
    /// by its first 3 characters), `Ok(None)` for a well-formed string that names no model
    /// the catalog knows. `None` is what a caller passes as "no model" to
    /// [`Official::text`](crate::Official::text) and [`Lookup::wiki_url`](crate::Lookup::wiki_url):
    /// the text most models share. `parse` stays strict.
    ///
    /// Malformed, after surrounding whitespace is trimmed: empty, longer than
    /// [`MAX_MODEL_LEN`] bytes, or holding a character that is not printable ASCII (letters,
    /// digits, punctuation and spaces).
    ///
    /// ```
    /// use hms_catalog::Model;
    /// assert_eq!(Model::resolve("H2D"), Ok(Some(Model::H2D)));
    /// assert_eq!(Model::resolve("31B00A000000001"), Ok(Some(Model::H2C)));
    /// assert_eq!(Model::resolve("Z9 Ultra"), Ok(None)); // unknown: the shared text
    /// assert!(Model::resolve("").is_err());
    /// assert!(Model::resolve("H2D\n2").is_err());
    /// ```
    pub fn resolve(s: &str) -> Result<Option<Model>, MalformedModel> {
        let s = s.trim_matches(|c: char| c.is_ascii_whitespace());
        let err = |reason| Err(MalformedModel { reason });
        if s.is_empty() {
            return err(Reason::Empty);
        }
        if s.len() > MAX_MODEL_LEN {
            return err(Reason::TooLong);
        }
        if !s.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
            return err(Reason::Character);
        }
        Ok(s.parse().ok())
    }
}

/// The error of [`Model::resolve`]: the string cannot be a model name. Its `Display` says
/// what is wrong with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MalformedModel {
    reason: Reason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reason {
    Empty,
    TooLong,
    Character,
}

impl fmt::Display for MalformedModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed printer model (")?;
        match self.reason {
            Reason::Empty => f.write_str("empty")?,
            Reason::TooLong => write!(f, "longer than {MAX_MODEL_LEN} bytes")?,
            Reason::Character => f.write_str("a control character or a character that is not ASCII")?,
        }
        f.write_str("): give its id (H2D), name (H2D Pro), serial prefix (094) or serial number")
    }
}

impl core::error::Error for MalformedModel {}

#[cfg(test)]
mod tests {
    use std::string::ToString;

    use super::*;

    #[test]
    fn known_models_resolve_as_parse_does() {
        for &model in Model::ALL {
            assert_eq!(Model::resolve(model.id()), Ok(Some(model)));
            assert_eq!(Model::resolve(&model.name().to_ascii_lowercase()), Ok(Some(model)));
            if let Some(prefix) = model.serial_prefix() {
                // Models that share a prefix (X1, X1C) resolve to the first, as `parse` does.
                let by_prefix = Model::resolve(prefix).ok().flatten();
                assert!(by_prefix.is_some_and(|m| m.serial_prefix() == Some(prefix)), "{prefix}");
                assert_eq!(by_prefix, prefix.parse().ok(), "{prefix}");
                let serial = std::format!("{prefix}00A000000001");
                assert_eq!(Model::resolve(&serial).ok().flatten(), by_prefix, "{serial}");
            }
        }
        assert_eq!(Model::resolve("  094 "), Ok(Some(Model::H2D)));
    }

    #[test]
    fn unknown_but_well_formed_models_are_none() {
        for unknown in ["Z9", "Z9 Ultra", "X9-Carbon (2030)", "ZZZ", "ZZZ00A000000001", "A1 Max Pro Plus"] {
            assert_eq!(Model::resolve(unknown), Ok(None), "{unknown}");
            assert!(unknown.parse::<Model>().is_err(), "parse stays strict: {unknown}");
        }
        assert_eq!(Model::resolve(&"X".repeat(MAX_MODEL_LEN)), Ok(None));
    }

    #[test]
    fn malformed_models_are_refused_with_a_reason() {
        let cases = [
            ("", Reason::Empty),
            (" \t ", Reason::Empty),
            ("H2D\n2", Reason::Character),
            ("H2D\u{0}", Reason::Character),
            ("H2D\u{7f}", Reason::Character),
            ("H2D\tPro", Reason::Character),
            ("H2D Pró", Reason::Character),
            ("模型", Reason::Character),
        ];
        for (model, reason) in cases {
            assert_eq!(Model::resolve(model), Err(MalformedModel { reason }), "{model:?}");
        }
        let long = "X".repeat(MAX_MODEL_LEN + 1);
        assert_eq!(Model::resolve(&long), Err(MalformedModel { reason: Reason::TooLong }));
        let message = Model::resolve("").unwrap_err().to_string();
        assert!(message.contains("empty") && message.contains("H2D"), "{message}");
    }
}
