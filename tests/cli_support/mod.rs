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

/// The GFMD 2020 example meeting as set up before its roster and notes: the `gfmd`
/// template with that meeting's details and priorities, read from the example session.
pub fn gfmd_2020() -> rapporteur::model::Session {
    let path = root().join("sessions/gfmd-2020-migrant-protection.ron");
    let mut session =
        rapporteur::templates::resolve(&path.to_string_lossy()).expect("the example session loads");
    session.participants.clear();
    session
}

/// The `--priority` values `sessions/build-example.sh` gives the example meeting.
pub fn gfmd_2020_priorities() -> Vec<String> {
    let script = std::fs::read_to_string(root().join("sessions/build-example.sh")).unwrap();
    // The English ones: those of `edit --in fr` after them are their French titles.
    script
        .lines()
        .take_while(|l| !l.contains("--in fr"))
        .filter_map(|l| l.trim().strip_prefix("--priority \""))
        .map(|l| l.split('"').next().unwrap().to_string())
        .collect()
}

/// `rapporteur new FILE --template gfmd` with the example meeting's priorities, in `dir`.
pub fn new_gfmd_2020(file: &str, dir: &Path) -> Output {
    let priorities = gfmd_2020_priorities();
    let mut args = vec!["new", file, "--template", "gfmd"];
    for p in &priorities {
        args.push("--priority");
        args.push(p);
    }
    let output = rapporteur(&args, dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
