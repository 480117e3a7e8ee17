//! Writes a generated session file, and optionally the lines a rapporteur would type
//! next, for measuring the screen on a large meeting.
//!
//! `cargo run --release --example sample_session -- NOTES OUT.ron [LINES OUT.txt]`

use std::path::PathBuf;
use std::process::ExitCode;

use rapporteur::{sample, storage};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (notes, out) = match args.as_slice() {
        [notes, out] | [notes, out, _, _] => match notes.replace(['_', ','], "").parse() {
            Ok(n) => (n, PathBuf::from(out)),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    let session = sample::standard(notes);
    if let Err(e) = storage::create_atomically(&out, storage::to_ron(&session).as_bytes()) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    if let [_, _, lines, lines_out] = args.as_slice() {
        let Ok(lines) = lines.parse() else {
            return usage();
        };
        let mut text = sample::typed_lines(&session, lines, sample::SEED).join("\n");
        text.push('\n');
        if let Err(e) = std::fs::write(lines_out, text) {
            eprintln!("{lines_out}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: sample_session NOTES OUT.ron [LINES OUT.txt]");
    ExitCode::from(2)
}
