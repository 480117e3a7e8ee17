//! Importers: a roster CSV or registration export, notes in the capture syntax, a Zoom chat.
//!
//! Each works on a session in memory and either succeeds whole or reports
//! every problem with its position; the caller writes nothing on error.

pub mod chat;
pub mod groups;
pub mod notes;
pub mod roster;

/// One problem in an imported file, at `file:line:col` when known.
pub type ImportProblem = crate::source::SourceError;

pub use crate::source::text_of;
