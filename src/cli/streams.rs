//! `-` on the command line: standard input for what a command reads, standard
//! output for `-o`; never a session that is written, which needs a file.

use std::io::{self, Read, Write};
use std::path::Path;

use super::Failure;
use crate::model::Session;
use crate::storage;

/// How standard input is named in messages (`<stdin>:3:1: …`).
pub const STDIN_NAME: &str = "<stdin>";

/// Whether `path` is `-`.
pub fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Refuses `-` where a session is written: its journal and lock live beside the file.
pub fn session_file(path: &Path) -> Result<&Path, Failure> {
    if is_dash(path) {
        return Err(Failure(
            "a session needs a file, not `-` (its journal and lock are kept beside it); \
             give a file name such as meeting.ron"
                .into(),
        ));
    }
    Ok(path)
}

/// The bytes of an input file, or of standard input for `-`, with the name for messages.
pub fn read_input(path: &Path) -> Result<(Vec<u8>, &Path), Failure> {
    if is_dash(path) {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(storage::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure(format!("{STDIN_NAME}: {e}")))?;
        if bytes.len() as u64 > storage::MAX_FILE_BYTES {
            return Err(Failure(format!(
                "{STDIN_NAME}: larger than any file rapporteur reads"
            )));
        }
        return Ok((bytes, Path::new(STDIN_NAME)));
    }
    let bytes = std::fs::read(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    Ok((bytes, path))
}

/// A session to read: the file with its journal replayed, or session text on standard input.
pub fn load_session(path: &Path) -> Result<Session, Failure> {
    if !is_dash(path) {
        return Ok(storage::load(path)?);
    }
    let (bytes, name) = read_input(path)?;
    let text = crate::source::utf8_or_position(&bytes, name)?;
    Ok(storage::from_ron(text, name)?)
}

/// Writes a command's output (`what`, e.g. "report") to `output`, or to standard output
/// for none or `-`. An existing file is replaced only with `force`, and never `input`.
pub fn write_output(
    output: Option<&Path>,
    force: bool,
    bytes: &[u8],
    what: &str,
    input: &Path,
) -> Result<(), Failure> {
    let Some(path) = output.filter(|p| !is_dash(p)) else {
        return io::stdout()
            .lock()
            .write_all(bytes)
            .map_err(|e| Failure(format!("cannot write the {what}: {e}")));
    };
    if !is_dash(input) && same_file::is_same_file(path, input).unwrap_or(false) {
        return Err(Failure(format!(
            "{} is the session itself; write the {what} to another file",
            path.display()
        )));
    }
    let written = if force {
        storage::write_atomically(path, bytes)
    } else {
        // Linked into place only if nothing is there, so a file made meanwhile is kept too.
        storage::create_atomically(path, bytes)
    };
    written.map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => Failure(format!(
            "{} exists already; add --force to replace it",
            path.display()
        )),
        _ => Failure(format!("{}: cannot write the {what}: {e}", path.display())),
    })
}
