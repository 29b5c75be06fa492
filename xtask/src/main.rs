//! `cargo xtask regenerate [--check]`: rebuilds every file derived from catalog.yaml.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project tasks for the hms catalog")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Rebuild every derived file (docs/CODES.md) from catalog.yaml.
    Regenerate {
        /// Write nothing; fail naming each file that is stale.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.task {
        Task::Regenerate { check } => match xtask::regenerate(&xtask::project_root(), check) {
            Ok(report) => {
                for line in report.lines() {
                    println!("{line}");
                }
                if report.stale.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
