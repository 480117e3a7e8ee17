//! Something read from a file: one error type for every file rapporteur reads
//! (sessions, journals, keymaps, rosters, notes, chats), shown as
//! `file:line:col: reason`, and the helpers that turn its bytes into text.

use std::io;
use std::path::{Path, PathBuf};

/// Deepest nesting read from a session, journal or keymap file; theirs is under ten.
pub const NESTING_LIMIT: usize = 64;

/// A problem in a file, at its line and column when known.
///
/// Shown as `file:line:col: message`, `file:line: message` without a column,
/// or `file: message` when it is about the whole file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", .path.display(), place(.line, .column))]
pub struct SourceError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem is with the whole file.
    pub line: usize,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// `:line:col`, `:line` or nothing, as the position goes into a message.
fn place(line: &usize, column: &Option<usize>) -> String {
    match (line, column) {
        (0, _) => String::new(),
        (line, None) => format!(":{line}"),
        (line, Some(col)) => format!(":{line}:{col}"),
    }
}

impl SourceError {
    /// A problem at `line` (and `column`, when known) of `path`.
    pub fn new(
        path: &Path,
        line: usize,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> SourceError {
        SourceError {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem at `line` and `col` of `path`.
    pub fn at(path: &Path, line: usize, col: usize, message: impl Into<String>) -> SourceError {
        SourceError::new(path, line, Some(col), message)
    }

    /// A problem with the whole of `path`, at no position.
    pub fn whole_file(path: &Path, message: impl Into<String>) -> SourceError {
        SourceError::new(path, 0, None, message)
    }

    /// An error reading `path`; a missing file is said in plain words.
    pub fn io(path: &Path, error: io::Error) -> SourceError {
        let message = match error.kind() {
            io::ErrorKind::NotFound => "no such file".to_string(),
            _ => error.to_string(),
        };
        SourceError::whole_file(path, message)
    }

    /// A RON parse error in `path`, at the position the parser reports.
    pub fn ron(path: &Path, error: &ron::error::SpannedError) -> SourceError {
        SourceError::at(
            path,
            error.span.start.line.max(1),
            error.span.start.col.max(1),
            ron_reason(&error.code),
        )
    }

    /// Line and column, when the problem has both.
    pub fn position(&self) -> Option<(usize, usize)> {
        match (self.line, self.column) {
            (0, _) | (_, None) => None,
            (line, Some(col)) => Some((line, col)),
        }
    }
}

/// What a RON parse error means, in the words of the file's reader.
pub fn ron_reason(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            format!("nested more than {NESTING_LIMIT} levels deep; this is not a rapporteur file")
        }
        other => other.to_string(),
    }
}

/// `bytes` as UTF-8, or an error at the first invalid byte.
pub fn utf8_or_position<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, SourceError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        SourceError::at(
            path,
            line,
            col,
            "invalid UTF-8 (the file must be UTF-8 text)",
        )
    })
}

/// Text of an imported file: UTF-8 checked with a position, byte-order mark removed.
pub fn text_of<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, SourceError> {
    let text = utf8_or_position(bytes, path)?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_as_file_line_and_column() {
        let path = Path::new("m.ron");
        assert_eq!(
            SourceError::at(path, 3, 4, "bad").to_string(),
            "m.ron:3:4: bad"
        );
        assert_eq!(
            SourceError::new(path, 3, None, "bad").to_string(),
            "m.ron:3: bad"
        );
        assert_eq!(
            SourceError::whole_file(path, "bad").to_string(),
            "m.ron: bad"
        );
        assert_eq!(SourceError::at(path, 3, 4, "x").position(), Some((3, 4)));
        assert_eq!(SourceError::new(path, 3, None, "x").position(), None);
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(
            SourceError::io(path, missing).to_string(),
            "m.ron: no such file"
        );
    }

    #[test]
    fn invalid_utf8_is_placed_by_line_and_character() {
        let error = utf8_or_position(b"ok\n\xc3\xa9t\xff", Path::new("f")).unwrap_err();
        assert_eq!(error.position(), Some((2, 3)));
        assert_eq!(text_of(b"\xef\xbb\xbfname", Path::new("f")), Ok("name"));
    }
}
