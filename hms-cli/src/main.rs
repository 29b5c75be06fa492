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
    /// Watch a printer's alerts: connect to it on the local network as the slicer does (MQTT
    /// over TLS, user `bblp`, the access code as password), or replay a capture, and print each
    /// code that should notify once when it is raised, with its explanation, and once when it
    /// is cleared. Codes the printer keeps to itself (listed without a text) never show. Stop
    /// with Ctrl-C. Sends nothing but a request for a full report after each connection.
    #[cfg(feature = "watch")]
    Watch(Box<WatchArgs>),
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

#[cfg(feature = "watch")]
#[derive(clap::Args)]
struct WatchArgs {
    /// The printer's address on the local network.
    #[arg(long, conflicts_with = "replay")]
    host: Option<String>,
    /// The printer's MQTT port.
    #[arg(long, default_value_t = hms_cli::watch::mqtt::PORT)]
    port: u16,
    /// The printer's serial number (its topics are named after it; it also tells the model).
    #[arg(long)]
    serial: Option<String>,
    /// The printer's access code, as its screen shows it (better from the environment).
    #[arg(long, env = "HMS_ACCESS_CODE", hide_env_values = true)]
    access_code: Option<String>,
    /// Accept the printer's certificate only if this CA (a PEM file) signed it.
    #[arg(long, conflicts_with = "insecure")]
    ca: Option<std::path::PathBuf>,
    /// Accept any certificate: encrypted, but anyone on the network could pose as the printer.
    #[arg(long)]
    insecure: bool,
    /// Replay a capture instead (a file, or `-` for stdin): one report per line, or reports
    /// spread over lines.
    #[arg(long)]
    replay: Option<std::path::PathBuf>,
    /// Seconds between two replayed reports.
    #[arg(long, default_value_t = 1.0, requires = "replay", value_parser = parse_seconds)]
    interval: f64,
    /// Seconds a code must stay away before it is cleared; a code back sooner is not raised again.
    #[arg(long, default_value_t = 10.0, value_parser = parse_seconds)]
    hold: f64,
    /// Never raise this code (repeat for more).
    #[arg(long = "mute", value_name = "CODE", value_parser = parse_code)]
    muted: Vec<hms_catalog::AnyCode>,
    /// Raise only codes of this class or above: status (every code the printer shows),
    /// advisory, or fault. Codes the printer keeps silent are never raised.
    #[arg(long, value_name = "CLASS", default_value = "status", value_parser = parse_alert)]
    min_alert: hms_catalog::Alert,
    /// JSON lines: {"event": "raised", "at_ms", "code", "alert", "explanation"} and {"event": "cleared", "at_ms", "code", "alert", "title"}.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    view: ViewArgs,
}

#[cfg(feature = "watch")]
fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=86_400.0).contains(&v) => Ok(v),
        _ => Err("expected seconds from 0 to 86400".to_owned()),
    }
}

#[cfg(feature = "watch")]
fn parse_alert(s: &str) -> Result<hms_catalog::Alert, String> {
    match s.parse::<hms_catalog::Alert>() {
        Ok(hms_catalog::Alert::Silent) | Err(_) => Err("expected status, advisory or fault".to_owned()),
        Ok(alert) => Ok(alert),
    }
}

#[cfg(feature = "watch")]
fn parse_code(s: &str) -> Result<hms_catalog::AnyCode, String> {
    hms_catalog::AnyCode::parse(s).map_err(|e| e.to_string())
}

#[cfg(feature = "watch")]
fn watch(args: WatchArgs, out: &mut impl Write) -> io::Result<Outcome> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use hms_cli::watch::{self, Options, Printer, Trust};

    note(&args.view);
    let mut view = args.view.view();
    if args.view.model.is_none() {
        view.model = args.serial.as_deref().and_then(|s| hms_catalog::Model::resolve(s).ok().flatten());
    }
    let options = Options {
        json: args.json,
        hold: Duration::from_secs_f64(args.hold),
        muted: args.muted,
        least: args.min_alert,
        view,
    };
    let mut errors = io::stderr().lock();
    if let Some(path) = args.replay {
        let interval = Duration::from_secs_f64(args.interval);
        let done = if path.as_os_str() == "-" {
            watch::replay(io::stdin().lock(), interval, options, out, &mut errors)
        } else {
            match std::fs::File::open(&path) {
                Ok(file) => watch::replay(io::BufReader::new(file), interval, options, out, &mut errors),
                Err(e) => {
                    eprintln!("hms: cannot open {}: {e}", path.display());
                    return Ok(Outcome::BadInput);
                }
            }
        };
        return done.map(|()| Outcome::Known);
    }
    let (Some(host), Some(serial), Some(access_code)) = (args.host, args.serial, args.access_code) else {
        eprintln!("hms: watch needs --host, --serial and --access-code (or HMS_ACCESS_CODE), or --replay");
        return Ok(Outcome::BadInput);
    };
    let trust = match (args.ca, args.insecure) {
        (Some(ca), _) => Trust::Ca(ca),
        (None, true) => {
            eprintln!(
                "hms: warning: --insecure accepts any certificate; anyone on the network could pose as the printer"
            );
            Trust::Insecure
        }
        (None, false) => {
            eprintln!("hms: watch needs --ca FILE (the CA that signed the printer's certificate) or --insecure");
            return Ok(Outcome::BadInput);
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed)) {
        eprintln!("hms: cannot catch Ctrl-C: {e}");
    }
    let printer = Printer { host, port: args.port, serial, access_code, trust };
    match watch::live(&printer, options, &stop, out, &mut errors) {
        Ok(()) => Ok(Outcome::Known),
        Err(watch::Fatal::Output(e)) => Err(e),
        Err(e) => {
            eprintln!("hms: {e}");
            Ok(Outcome::BadInput)
        }
    }
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
        #[cfg(feature = "watch")]
        Command::Watch(args) => watch(*args, &mut out),
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
