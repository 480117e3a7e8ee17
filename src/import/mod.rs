//! Importers: a roster CSV or registration export, notes in the capture syntax, a Zoom chat.
//!
//! Each works on a session in memory and either succeeds whole or reports
//! every problem with its position; the caller writes nothing on error.

pub mod chat;
pub mod groups;
pub mod notes;
pub mod roster;

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in an imported file, at `file:line:col` when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The imported file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl ImportProblem {
    /// A problem at `line` (and `column`) of `path`.
    pub fn new(
        path: &Path,
        line: usize,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        ImportProblem {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(col) => write!(
                f,
                "{}:{}:{col}: {}",
                self.path.display(),
                self.line,
                self.message
            ),
            None => write!(f, "{}:{}: {}", self.path.display(), self.line, self.message),
        }
    }
}

/// Text of an imported file: UTF-8 checked with a position, byte-order mark removed.
pub fn text_of<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, ImportProblem> {
    let text = crate::storage::utf8_or_position(bytes, path).map_err(|e| {
        let (line, col) = e.position.unwrap_or((1, 1));
        ImportProblem::new(path, line, Some(col), e.message)
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}
