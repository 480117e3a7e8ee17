//! Storage fault injection, so tests can make any write fail the way disks fail,
//! and a record of what reached the file system, so they can cut the power anywhere.
//!
//! Journal and atomic writes pass each [`Step`] through the hooks `run` and
//! `write`, and tell `done` each file system operation once it succeeded. With the
//! `testing` feature (and in unit tests) the hooks consult a fault plan and keep
//! the record ([`power`] replays it as a disk that loses what was never synced);
//! the product build has no plan, each hook just runs its step, and `done` is nothing.

#[cfg(not(any(test, feature = "testing")))]
use std::io;
use std::path::PathBuf;

#[cfg(any(test, feature = "testing"))]
mod plan;
#[cfg(any(test, feature = "testing"))]
pub mod power;

#[cfg(any(test, feature = "testing"))]
pub use plan::{Fault, Faults};
#[cfg(any(test, feature = "testing"))]
pub(super) use plan::{done, run, write};

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

/// A file system operation that succeeded, as the power-cut simulation replays it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(any(test, feature = "testing")), allow(dead_code))]
pub enum Op {
    /// A new, empty file.
    Create(PathBuf),
    /// Bytes written at the end of a file.
    Append {
        /// The file.
        path: PathBuf,
        /// What was written.
        bytes: Vec<u8>,
    },
    /// A file cut to a length.
    SetLen {
        /// The file.
        path: PathBuf,
        /// Its new length.
        len: u64,
    },
    /// A file's data and size flushed to the disk (fsync or fdatasync).
    Sync(PathBuf),
    /// A rename over whatever had the target's name.
    Rename {
        /// The old name.
        from: PathBuf,
        /// The new name.
        to: PathBuf,
    },
    /// A file's name removed.
    Remove(PathBuf),
    /// A folder's entries flushed to the disk.
    SyncFolder(PathBuf),
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

/// Records the operation `op` describes (nothing in the product build).
#[cfg(not(any(test, feature = "testing")))]
#[inline(always)]
pub(super) fn done(_: &Faults, _: impl FnOnce() -> Op) {}
