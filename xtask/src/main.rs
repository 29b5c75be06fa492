//! `cargo xtask regenerate [--check] [--official PATH... | --download] [--keep-going]`: rebuilds
//! every file derived from catalog.yaml, and imports Bambu Lab's published HMS lists. `--root
//! DIR` runs a task on another copy of the project (tests use a temporary one).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project tasks for the hms catalog")]
struct Cli {
    /// The project root to work on; by default this workspace.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Rebuild every derived file (docs/CODES.md, docs/COVERAGE.md, hms-ffi/include/hms_catalog.h,
    /// hms-catalog/baked/catalog.rs) from the sources.
    Regenerate {
        /// Write nothing; fail naming each file that is stale.
        #[arg(long)]
        check: bool,
        /// Import Bambu Lab's HMS lists from these files or folders into catalog/official.tsv
        /// (facts) and catalog/texts/<lang>.tsv (texts).
        #[arg(long, value_name = "PATH", num_args = 1.., group = "import")]
        official: Vec<PathBuf>,
        /// Download Bambu Lab's per-model HMS lists and action lists (every model of
        /// catalog.yaml, every language) and import them as --official does; the last downloads
        /// are kept in catalog/downloads/.
        #[arg(long, group = "import")]
        download: bool,
        /// With --download: only these models (serial prefixes like 094, or model ids like H2D).
        #[arg(long, value_name = "MODEL,...", value_delimiter = ',', requires = "download")]
        models: Vec<String>,
        /// With --download: only these languages (default: every language Bambu publishes).
        #[arg(long, value_name = "LANG,...", value_delimiter = ',', requires = "download")]
        langs: Vec<String>,
        /// With --download: the server.
        #[arg(long, hide = true, value_name = "URL", requires = "download")]
        base_url: Option<String>,
        /// With --download: the timeout of each request, in seconds.
        #[arg(long, hide = true, value_name = "SECONDS", requires = "download", value_parser = seconds)]
        timeout: Option<Duration>,
        /// With --official or --download: write what imported even when some input is malformed
        /// (the run still fails).
        #[arg(long, requires = "import")]
        keep_going: bool,
    },
    /// Measure what the catalog adds to flash per feature set (thumbv7em-none-eabihf,
    /// x86_64-unknown-none) and write docs/SIZE.md.
    Size,
    /// Build the web page (hms-web as WebAssembly, its glue and the page) into a folder that
    /// opens from disk or any static host. Needs the wasm32-unknown-unknown target and the
    /// wasm-bindgen CLI of the version Cargo.lock pins.
    Site {
        /// The folder to write; by default target/site.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also Bambu Lab's English texts, marked as theirs (after `cargo xtask regenerate
        /// --official`): for your own use, never for publication.
        #[arg(long)]
        official: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.unwrap_or_else(xtask::project_root);
    match cli.task {
        Task::Site { out, official } => match xtask::site::site(&root, out, official) {
            Ok(site) => {
                site.lines().iter().for_each(|l| println!("{l}"));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Task::Size => match xtask::size(&root) {
            Ok(report) => {
                print!("{report}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Task::Regenerate { check, download: true, models, langs, base_url, timeout, keep_going, .. } => {
            let started = Instant::now();
            let mut settings = xtask::official::download::Settings {
                models,
                langs,
                options: xtask::OfficialOptions { check, keep_going },
                ..Default::default()
            };
            if let Some(base) = base_url {
                settings.base = base;
            }
            if let Some(timeout) = timeout {
                settings.limits.timeout = timeout;
            }
            let result =
                xtask::official::download::regenerate_download(&root, &settings, &mut |line| eprintln!("{line}"));
            finish_import(result, started)
        }
        Task::Regenerate { check, official, keep_going, .. } if !official.is_empty() => {
            let started = Instant::now();
            let options = xtask::OfficialOptions { check, keep_going };
            finish_import(xtask::regenerate_official(&root, &official, options), started)
        }
        Task::Regenerate { check, .. } => match xtask::regenerate(&root, check) {
            Ok(report) => {
                for line in report.lines() {
                    println!("{line}");
                }
                if check && !report.stale.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Prints an import's report; the exit status says whether it failed.
fn finish_import(result: Result<xtask::OfficialReport, String>, started: Instant) -> ExitCode {
    match result {
        Ok(report) => {
            for error in &report.import.errors {
                eprintln!("error: {error}");
            }
            for line in report.lines() {
                println!("{line}");
            }
            println!("took {:.2} s", started.elapsed().as_secs_f64());
            if report.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `0.5` seconds.
fn seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text.parse().map_err(|e| format!("not a number of seconds: {e}"))?;
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("not a number of seconds: {e}"))
}
