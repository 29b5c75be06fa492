//! `hms`: explain Bambu Lab HMS codes from the built-in catalog.
//!
//! Exit status: 0 every code known, 1 a valid code is not in the catalog, 2 bad input or usage.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hms_cli::{Format, Outcome, ViewArgs, decode, explain_args, list};

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
        /// Draw each code's wiki page as a QR code, as the printer shows it: light modules are
        /// blocks, dark ones blank, for a terminal with a dark background.
        #[arg(long, conflicts_with = "json")]
        qr: bool,
        #[command(flatten)]
        view: ViewArgs,
        /// The codes (16 hex digits for print.hms, 8 for print_error).
        #[arg(required = true)]
        codes: Vec<String>,
    },
    /// Read printer MQTT reports (one JSON object, or one per line) from stdin and explain
    /// every entry of `print.hms` and `print.print_error`. A line, or a report spread over
    /// lines, longer than 1 MiB is reported and skipped.
    Decode {
        /// Print JSON instead of text: one object per code and line.
        #[arg(long)]
        json: bool,
        /// One line per code, for logs and streams, instead of the whole explanation: the code
        /// as reported, its level and its title, tab-separated (a code the catalog lacks:
        /// `unknown: module ...`); with --json, {"line", "code", "key" (only when the reserved
        /// byte is set), "known", "level", "title"}.
        #[arg(long)]
        compact: bool,
        #[command(flatten)]
        view: ViewArgs,
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

/// Tells the user on stderr what the options mean for the output (an unknown model).
fn note(view: &ViewArgs) {
    if let Some(note) = view.note() {
        eprintln!("{note}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Buffered: a line at a time costs a write per line. `decode` flushes whenever its input
    // has nothing more at hand, so a live stream's reports still show as they come.
    let mut out = BufWriter::with_capacity(64 << 10, io::stdout().lock());
    let outcome = match cli.command {
        Command::Explain { json, qr, view, codes } => {
            note(&view);
            let format = if json { Format::Json } else { Format::Text { qr } };
            explain_args(&codes, format, view.view(), &mut out)
        }
        Command::Decode { json, compact, view } => {
            note(&view);
            let form = decode::Form { json, compact };
            decode::run(io::stdin().lock(), form, view.view(), &mut out, &mut io::stderr().lock())
        }
        Command::List { module, level } => list::run(module.as_deref(), level.as_deref(), &mut out),
    };
    let outcome = outcome.and_then(|outcome| out.flush().map(|()| outcome));
    match outcome {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hms: {e}");
            ExitCode::from(Outcome::BadInput as u8)
        }
    }
}
