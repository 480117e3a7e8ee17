//! Storage fault injection, so tests can make any write fail the way disks fail.
//!
//! Journal and atomic writes pass each [`Step`] through the hooks `run` and
//! `write`. With the `testing` feature (and in unit tests) the hooks consult a
//! fault plan; the product build has no plan, and each hook just runs its step.

#[cfg(not(any(test, feature = "testing")))]
use std::io;

#[cfg(any(test, feature = "testing"))]
mod plan;

#[cfg(any(test, feature = "testing"))]
pub use plan::{Fault, Faults};
#[cfg(any(test, feature = "testing"))]
pub(super) use plan::{run, write};

/// The storage steps a fault can hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Appending a commit to the journal.
    JournalWrite,
    /// Flushing the journal.
    JournalSync,
    /// Emptying the journal after a save.
    JournalClear,
    /// Writing the temp file of an atomic save.
    TempWrite,
    /// Flushing the temp file.
    TempSync,
    /// Renaming the temp file over the session.
    Rename,
    /// Flushing the folder after the rename.
    FolderSync,
}

/// No fault plan in the product build: nothing is ever injected.
#[cfg(not(any(test, feature = "testing")))]
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults;

#[cfg(not(any(test, feature = "testing")))]
impl Faults {
    /// No plan: every step runs.
    pub const NONE: Faults = Faults;
}

/// Runs `op` for `step`.
#[cfg(not(any(test, feature = "testing")))]
#[inline(always)]
pub(super) fn run<T>(_: &Faults, _: Step, op: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    op()
}

/// Runs `op` on `bytes` for `step`.
#[cfg(not(any(test, feature = "testing")))]
#[inline(always)]
pub(super) fn write(
    _: &Faults,
    _: Step,
    bytes: &[u8],
    mut op: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    op(bytes)
}
