//! `hms`: explain Bambu Lab HMS codes from the built-in catalog.
//!
//! Exit status: 0 every code known, 1 a valid code is not in the catalog, 2 bad input or usage.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hms_catalog::{AnyCode, Lang, Model};

mod decode;
mod explain;
mod list;

#[derive(Parser)]
#[command(
    name = "hms",
    version,
    about = "Explain Bambu Lab HMS codes: meaning, level and the procedure that fixes them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain codes: `0700_2000_0002_0003`, `HMS_0700-2000-0002-0003`, `0300-400C`...
    Explain {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        view: View,
        /// The codes (16 hex digits for print.hms, 8 for print_error).
        #[arg(required = true)]
        codes: Vec<String>,
    },
    /// Read printer MQTT reports (one JSON object, or one per line) from stdin and explain
    /// every entry of `print.hms` and `print.print_error`.
    Decode {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        view: View,
    },
    /// List the catalog's entries.
    List {
        /// Only this module: id (`07`) or abbreviation (`AMS`).
        #[arg(long)]
        module: Option<String>,
        /// Only this level: number (`1`) or name (`error`).
        #[arg(long)]
        level: Option<String>,
    },
}

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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let outcome = match cli.command {
        Command::Explain { json, view, codes } => explain_args(&codes, json, view, &mut out),
        Command::Decode { json, view } => decode::run(io::stdin().lock(), json, view, &mut out),
        Command::List { module, level } => list::run(module.as_deref(), level.as_deref(), &mut out),
    };
    match outcome {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hms: {e}");
            ExitCode::from(Outcome::BadInput as u8)
        }
    }
}

fn explain_args(codes: &[String], json: bool, view: View, out: &mut impl Write) -> io::Result<Outcome> {
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
