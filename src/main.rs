//! The `rapporteur` binary: parses arguments and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    rapporteur::cli::run(rapporteur::cli::Cli::parse())
}
