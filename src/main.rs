//! The `rapporteur` binary: parses arguments and hands over to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    rapporteur::cli::run(rapporteur::cli::parse())
}
