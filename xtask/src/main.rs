//! `cargo xtask regenerate [--check] [--official PATH... [--keep-going]]`: rebuilds every file
//! derived from catalog.yaml, and imports Bambu Lab's published HMS lists. `--root DIR` runs a
//! task on another copy of the project (tests use a temporary one).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

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
    /// Rebuild every derived file (docs/CODES.md, docs/COVERAGE.md, hms-ffi/include/hms_catalog.h)
    /// from the sources.
    Regenerate {
        /// Write nothing; fail naming each file that is stale.
        #[arg(long)]
        check: bool,
        /// Import Bambu Lab's HMS lists from these files or folders into catalog/official.tsv
        /// (facts) and catalog/texts/<lang>.tsv (texts).
        #[arg(long, value_name = "PATH", num_args = 1..)]
        official: Vec<PathBuf>,
        /// With --official: write what imported even when some input is malformed (the run
        /// still fails).
        #[arg(long, requires = "official")]
        keep_going: bool,
    },
    /// Measure what the catalog adds to flash per feature set (thumbv7em-none-eabihf,
    /// x86_64-unknown-none) and write docs/SIZE.md.
    Size,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.unwrap_or_else(xtask::project_root);
    match cli.task {
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
        Task::Regenerate { check, official, keep_going } if !official.is_empty() => {
            let started = Instant::now();
            let options = xtask::OfficialOptions { check, keep_going };
            match xtask::regenerate_official(&root, &official, options) {
                Ok(report) => {
                    for error in &report.errors {
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
