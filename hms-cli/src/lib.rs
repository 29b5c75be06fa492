//! The `hms` command's work as a library: the binary parses arguments and calls these, and
//! tests and fuzz targets call them directly.

use std::io::{self, Write};

use hms_catalog::{AnyCode, Lang, Model};

pub mod decode;
pub mod explain;
pub mod frames;
pub mod list;
#[cfg(feature = "watch")]
pub mod watch;

/// For which printer and in which language to show Bambu's own texts.
#[derive(Clone, Copy, Debug)]
pub struct View {
    /// The printer model, or `None` for the text most models share.
    pub model: Option<Model>,
    /// The language, negotiated from the locale asked for.
    pub lang: Lang,
}

/// The `--model` and `--lang` options, as given: read into a [`View`] by [`ViewArgs::view`].
#[cfg(feature = "cli")]
#[derive(clap::Args, Clone, Debug)]
pub struct ViewArgs {
    /// Printer model: id (H2D), name, serial prefix (094) or serial number. An unknown model
    /// gets the text most models share, with a note on stderr.
    #[arg(long, value_parser = parse_model)]
    pub model: Option<ModelArg>,
    /// Language of the printer's text, as a locale: en, de, de-CH, de_DE.UTF-8, zh-Hans...
    /// German and Chinese (any region or script) have their texts; any other language, and a
    /// text missing in the language, is English.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
}

#[cfg(feature = "cli")]
/// A `--model` value: the string given, and the model it names if the catalog knows it.
#[derive(Clone, Debug)]
pub struct ModelArg {
    /// The value as given.
    pub given: String,
    /// The model, or `None` for a well-formed name of a model the catalog does not know.
    pub model: Option<Model>,
}

#[cfg(feature = "cli")]
impl ViewArgs {
    /// The model and language to show the texts for.
    pub fn view(&self) -> View {
        View { model: self.model.as_ref().and_then(|m| m.model), lang: self.lang }
    }

    /// What to tell the user about the options: that the model is unknown, if it is.
    pub fn note(&self) -> Option<String> {
        let given = self.model.as_ref().filter(|m| m.model.is_none())?.given.trim();
        Some(format!(
            "hms: note: unknown printer model `{given}`: showing the text most models share (known: {})",
            known_models()
        ))
    }
}

#[cfg(feature = "cli")]
fn known_models() -> String {
    Model::ALL.iter().map(|m| m.id()).collect::<Vec<_>>().join(", ")
}

#[cfg(feature = "cli")]
fn parse_model(s: &str) -> Result<ModelArg, String> {
    match Model::resolve(s) {
        Ok(model) => Ok(ModelArg { given: s.to_owned(), model }),
        Err(e) => Err(format!("{e}; known: {}", known_models())),
    }
}

#[cfg(feature = "cli")]
fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::negotiate(s).map_err(|e| e.to_string())
}

/// How a run went; the worst outcome decides the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Known = 0,
    Unknown = 1,
    BadInput = 2,
}

/// How `hms explain` writes what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text for people; with `qr`, each code's wiki page drawn as a QR code after it.
    Text {
        /// Draw the QR code (`--qr`).
        qr: bool,
    },
    /// A JSON array, one object per code (`--json`).
    Json,
}

/// `hms explain`: each code explained, in text or JSON.
pub fn explain_args(codes: &[String], format: Format, view: View, out: &mut impl Write) -> io::Result<Outcome> {
    let mut worst = Outcome::Known;
    let mut found = Vec::new();
    for written in codes {
        match AnyCode::parse(written) {
            Ok(code) => found.push(hms_catalog::lookup(code)),
            Err(e) => {
                eprintln!("hms: bad code `{written}`: {e}");
                worst = worst.max(Outcome::BadInput);
            }
        }
    }
    for f in &found {
        if !f.is_known() {
            worst = worst.max(Outcome::Unknown);
        }
    }
    if let Format::Text { qr } = format {
        for (i, f) in found.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            explain::write_text(f, view, out)?;
            if qr {
                explain::write_qr(f, view, out)?;
            }
        }
    } else {
        let answers: Vec<_> = found.iter().map(|f| f.answer(view.model, view.lang)).collect();
        serde_json::to_writer_pretty(&mut *out, &answers)?;
        writeln!(out)?;
    }
    Ok(worst)
}
