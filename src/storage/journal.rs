//! The append-only journal beside a session file.
//!
//! Each commit is one line, appended and fsynced before the commit returns:
//! `SEQ CRC32 EDIT` for a single edit, `SEQ CRC32 [EDIT, …]` for a commit of
//! several (SEQ is then the last edit's, each edit having its own number). One line
//! per commit makes a commit whole or absent after a power cut: a torn line fails its
//! checksum. Opening the session replays the lines whose sequence number is past the
//! one recorded in the file. A torn last line (a crash mid-append, never
//! acknowledged) is dropped.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::LoadError;
use super::atomic::{private_options, sync_folder_of};
use super::faults::{self, Faults, Op, Step};
use crate::edit::Edit;
use crate::source::{NESTING_LIMIT, ron_reason};

/// Path of the journal of a session file.
pub fn journal_path(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".journal");
    session.with_file_name(name)
}

/// What reading a journal found.
#[derive(Debug, Default)]
pub struct Replay {
    /// Edits past the file's sequence number, in order, with their sequence numbers.
    pub edits: Vec<(u64, Edit)>,
    /// Highest sequence number seen.
    pub last_seq: u64,
    /// Whether a torn last line was dropped.
    pub torn_tail: bool,
}

/// Reads the journal of `session`, keeping edits with a sequence number above `after`.
pub fn read(session: &Path, after: u64) -> Result<Replay, LoadError> {
    let path = journal_path(session);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Replay::default()),
        Err(e) => return Err(LoadError::io(&path, e)),
    };
    let mut replay = Replay::default();
    let mut lines = bytes
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
        .peekable();
    while let Some((index, line)) = lines.next() {
        let is_last = lines.peek().is_none();
        match parse_line(line) {
            Ok((seq, edits)) => {
                replay.last_seq = replay.last_seq.max(seq);
                // A commit of several edits numbers them up to its line's number.
                let first = seq.saturating_sub(edits.len().saturating_sub(1) as u64);
                for (i, edit) in edits.into_iter().enumerate() {
                    let seq = first + i as u64;
                    if seq > after {
                        replay.edits.push((seq, edit));
                    }
                }
            }
            // Only the last line can be torn by a crash: its append never returned.
            Err(_) if is_last => replay.torn_tail = true,
            Err(reason) => {
                return Err(LoadError::at(&path, index + 1, 1, reason));
            }
        }
    }
    Ok(replay)
}

/// A journal line's sequence number and its commit's edits.
fn parse_line(line: &[u8]) -> Result<(u64, Vec<Edit>), String> {
    let line = line
        .strip_suffix(b"\n")
        .ok_or("journal line is incomplete")?;
    let line = std::str::from_utf8(line).map_err(|_| "journal line is not UTF-8")?;
    let mut parts = line.splitn(3, ' ');
    let (Some(seq), Some(crc), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected `SEQ CRC EDIT` in the journal".into());
    };
    let seq: u64 = seq
        .parse()
        .map_err(|_| "bad sequence number in the journal")?;
    let crc = u32::from_str_radix(crc, 16).map_err(|_| "bad checksum field in the journal")?;
    if crc32fast::hash(body.as_bytes()) != crc {
        return Err("journal line fails its checksum".into());
    }
    let options = ron::Options::default().with_recursion_limit(NESTING_LIMIT);
    let bad = |e: ron::error::SpannedError| {
        format!("journal edit does not parse: {}", ron_reason(&e.code))
    };
    let edits = if body.starts_with('[') {
        let edits: Vec<Edit> = options.from_str(body).map_err(bad)?;
        if edits.is_empty() {
            return Err("journal line holds no edit".into());
        }
        edits
    } else {
        vec![options.from_str(body).map_err(bad)?]
    };
    Ok((seq, edits))
}

/// The journal open for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    next_seq: u64,
    entries: usize,
}

impl Journal {
    /// Opens (creating if needed) the journal of `session`; new entries start after `last_seq`.
    pub fn open(session: &Path, last_seq: u64, entries: usize) -> io::Result<Journal> {
        let path = journal_path(session);
        let existed = path.exists();
        let mut options = private_options();
        options.append(true).create(true);
        let file = options.open(&path)?;
        if !existed {
            sync_folder_of(&path)?;
        }
        Ok(Journal {
            path,
            file,
            next_seq: last_seq + 1,
            entries,
        })
    }

    /// Appends `edits` as one line and flushes it to disk with one write and one sync.
    pub fn append_all(&mut self, edits: &[Edit], faults: &Faults) -> io::Result<()> {
        let body = match edits {
            [] => return Ok(()),
            [edit] => ron::to_string(edit),
            edits => ron::to_string(edits),
        }
        .map_err(io::Error::other)?;
        let seq = self.next_seq + edits.len() as u64 - 1;
        let crc = crc32fast::hash(body.as_bytes());
        let lines = format!("{seq} {crc:08x} {body}\n");
        // Burn the numbers even if the write fails: a line that reached the disk anyway
        // must never replay over a later save that already holds its edit.
        self.next_seq += edits.len() as u64;
        // One line in one write call: a crash tears this commit whole, never half of it.
        faults::write(faults, Step::JournalWrite, lines.as_bytes(), |b| {
            self.file.write_all(b)
        })?;
        faults::done(faults, || Op::Append {
            path: self.path.clone(),
            bytes: lines.clone().into_bytes(),
        });
        faults::run(faults, Step::JournalSync, || self.file.sync_data())?;
        faults::done(faults, || Op::Sync(self.path.clone()));
        self.entries += edits.len();
        Ok(())
    }

    /// Sequence number of the last entry written.
    pub fn last_seq(&self) -> u64 {
        self.next_seq - 1
    }

    /// Number of entries not yet folded into the session file.
    pub fn entries(&self) -> usize {
        self.entries
    }

    /// Empties the journal once its entries are in the session file.
    pub fn clear(&mut self, faults: &Faults) -> io::Result<()> {
        faults::run(faults, Step::JournalClear, || self.file.set_len(0))?;
        faults::done(faults, || Op::SetLen {
            path: self.path.clone(),
            len: 0,
        });
        self.file.sync_all()?;
        faults::done(faults, || Op::Sync(self.path.clone()));
        self.entries = 0;
        Ok(())
    }

    /// Removes the journal file (after a clean save on exit).
    pub fn remove(self, faults: &Faults) -> io::Result<()> {
        drop(self.file);
        fs::remove_file(&self.path)?;
        faults::done(faults, || Op::Remove(self.path.clone()));
        Ok(())
    }
}
