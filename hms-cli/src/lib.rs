//! The `hms` command's work as a library: the binary parses arguments and calls these, and
//! tests and fuzz targets call them directly.

use std::io::{self, Write};

use hms_catalog::{AnyCode, Lang, Model};

pub mod decode;
pub mod explain;
pub mod list;

/// For which printer and in which language to show Bambu's own texts.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct View {
    /// Printer model: id (H2D), name, serial prefix (094) or serial number.
    #[arg(long, value_parser = parse_model)]
    pub model: Option<Model>,
    /// Language of the printer's text: en, de, zh-cn (English where a text is missing).
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
}

fn parse_model(s: &str) -> Result<Model, String> {
    s.parse().map_err(|e: hms_catalog::UnknownModel| {
        let known: Vec<_> = Model::ALL.iter().map(|m| m.id()).collect();
        format!("{e}; known: {}", known.join(", "))
    })
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse().map_err(|e: hms_catalog::UnknownLang| e.to_string())
}

/// How a run went; the worst outcome decides the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Known = 0,
    Unknown = 1,
    BadInput = 2,
}

/// `hms explain`: each code explained, in text or JSON.
pub fn explain_args(codes: &[String], json: bool, view: View, out: &mut impl Write) -> io::Result<Outcome> {
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
    if json {
        let items: Vec<_> = found.iter().map(|f| explain::to_json(f, view)).collect();
        serde_json::to_writer_pretty(&mut *out, &items)?;
        writeln!(out)?;
    } else {
        for (i, f) in found.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            explain::write_text(f, view, out)?;
        }
    }
    Ok(worst)
}
