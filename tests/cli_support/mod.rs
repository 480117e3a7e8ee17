//! Running the rapporteur binary from a test: one helper for every command-line test.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The repository's root, where paths such as `sessions/…` start.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The rapporteur binary, to run in `dir`.
pub fn binary(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command.current_dir(dir);
    command
}

/// The rapporteur binary run in `home`, with HOME and the XDG configuration and
/// data folders inside it, so that no file of the user running the tests is read.
pub fn binary_at_home(home: &Path) -> Command {
    let mut command = binary(home);
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    command
}

/// Runs `rapporteur ARGS` in `dir` and waits for it to finish.
pub fn rapporteur(args: &[&str], dir: &Path) -> Output {
    binary(dir).args(args).output().expect("the binary runs")
}

/// Runs `rapporteur ARGS` at `home` (see [`binary_at_home`]) and waits for it to finish.
pub fn rapporteur_at_home(args: &[&str], home: &Path) -> Output {
    binary_at_home(home)
        .args(args)
        .output()
        .expect("the binary runs")
}
