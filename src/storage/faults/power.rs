//! A disk that loses, at a power cut, what was never flushed to it.
//!
//! A storage run with [`Faults::recording`](super::Faults::recording) leaves the list
//! of file system operations it made ([`Op`]). [`Disk`] replays them from a snapshot of
//! the folder and says what the folder may hold after a power cut once any number of
//! them had run: a file's data and size count only once the file was synced, folder
//! entries (a new file, a rename, a removal) only once the folder was synced; what
//! came after may have reached the disk in part, as ALICE and SQLite's crash tests
//! model it: folder changes in the order they were made (ext4 journals them so), and
//! of the unsynced writes to a file, the first few, the next one torn at any byte,
//! or with one of its sectors never written (left as zeros).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Op;

/// A folder's files by name, as bytes.
pub type Folder = BTreeMap<String, Vec<u8>>;

/// The size of a disk sector: the unit a torn write loses.
const SECTOR: usize = 512;

/// About how many line ends of a long write [`Tears::Some`] tears at.
const LINE_ENDS: usize = 8;

/// Where a torn write may stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tears {
    /// A few places: one byte, half, all but one, and at each line's end and just before.
    Some,
    /// Every byte.
    Every,
}

/// A file's bytes on the disk and in memory, and its writes since it was last synced.
#[derive(Debug, Clone)]
struct Inode {
    durable: Vec<u8>,
    current: Vec<u8>,
    unsynced: Vec<Write>,
}

#[derive(Debug, Clone)]
enum Write {
    Append(Vec<u8>),
    SetLen(u64),
}

/// A change to the folder's entries.
#[derive(Debug, Clone)]
enum Entry {
    Link(String, usize),
    Rename(String, String),
    Unlink(String),
}

/// The folder being replayed: its files, and its entries on the disk and in memory.
#[derive(Debug, Clone)]
struct Replay {
    inodes: Vec<Inode>,
    durable: BTreeMap<String, usize>,
    current: BTreeMap<String, usize>,
    unsynced: Vec<Entry>,
}

/// A folder as it was when recording started, to replay a run's operations on.
#[derive(Debug, Clone)]
pub struct Disk {
    folder: PathBuf,
    start: Folder,
}

impl Disk {
    /// Takes the files of `folder` as they are now, all on the disk, but those `skip` names.
    pub fn snapshot(folder: &Path, skip: impl Fn(&str) -> bool) -> io::Result<Disk> {
        let mut start = Folder::new();
        for entry in fs::read_dir(folder)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_file() && !skip(&name) {
                start.insert(name, fs::read(entry.path())?);
            }
        }
        Ok(Disk {
            folder: folder.to_path_buf(),
            start,
        })
    }

    /// The folder as it was when recording started.
    pub fn start(&self) -> &Folder {
        &self.start
    }

    /// Every folder the disk may hold after a power cut once the first `cut` of `ops`
    /// had run, each once.
    pub fn after_cut(&self, ops: &[Op], cut: usize, tears: Tears) -> Vec<Folder> {
        let mut replay = Replay::from(&self.start);
        for op in &ops[..cut] {
            replay.run(op, &self.folder);
        }
        let mut seen = BTreeSet::new();
        for entries in 0..=replay.unsynced.len() {
            let names = replay.entries(entries);
            // Each file whose unsynced writes may have partly reached the disk, one at a time,
            // the others with none of them or all.
            let files: BTreeSet<usize> = names.values().copied().collect();
            let base = |all: bool| -> Folder {
                names
                    .iter()
                    .map(|(name, &i)| {
                        let inode = &replay.inodes[i];
                        let bytes = if all { &inode.current } else { &inode.durable };
                        (name.clone(), bytes.clone())
                    })
                    .collect()
            };
            for all in [false, true] {
                seen.insert(base(all));
            }
            for &i in &files {
                for bytes in replay.inodes[i].partial(tears) {
                    let mut folder = base(false);
                    for (name, &j) in &names {
                        if j == i {
                            folder.insert(name.clone(), bytes.clone());
                        }
                    }
                    seen.insert(folder);
                }
            }
        }
        seen.into_iter().collect()
    }
}

/// Writes `folder`'s files into the empty folder `into`.
pub fn materialize(folder: &Folder, into: &Path) -> io::Result<()> {
    for (name, bytes) in folder {
        fs::write(into.join(name), bytes)?;
    }
    Ok(())
}

impl Replay {
    fn from(start: &Folder) -> Replay {
        let mut replay = Replay {
            inodes: Vec::new(),
            durable: BTreeMap::new(),
            current: BTreeMap::new(),
            unsynced: Vec::new(),
        };
        for (name, bytes) in start {
            replay.inodes.push(Inode {
                durable: bytes.clone(),
                current: bytes.clone(),
                unsynced: Vec::new(),
            });
            let i = replay.inodes.len() - 1;
            replay.durable.insert(name.clone(), i);
            replay.current.insert(name.clone(), i);
        }
        replay
    }

    /// The file's name in the folder; the run only ever writes in the session's folder.
    fn name(path: &Path, folder: &Path) -> String {
        assert_eq!(
            path.parent(),
            Some(folder),
            "{} is outside the recorded folder",
            path.display()
        );
        path.file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned()
    }

    fn inode(&mut self, path: &Path, folder: &Path) -> &mut Inode {
        let name = Replay::name(path, folder);
        let i = *self
            .current
            .get(&name)
            .unwrap_or_else(|| panic!("{name} was written before it was created"));
        &mut self.inodes[i]
    }

    fn run(&mut self, op: &Op, folder: &Path) {
        match op {
            Op::Create(path) => {
                self.inodes.push(Inode {
                    durable: Vec::new(),
                    current: Vec::new(),
                    unsynced: Vec::new(),
                });
                let name = Replay::name(path, folder);
                let i = self.inodes.len() - 1;
                self.current.insert(name.clone(), i);
                self.unsynced.push(Entry::Link(name, i));
            }
            Op::Append { path, bytes } => {
                let inode = self.inode(path, folder);
                inode.current.extend_from_slice(bytes);
                inode.unsynced.push(Write::Append(bytes.clone()));
            }
            Op::SetLen { path, len } => {
                let inode = self.inode(path, folder);
                inode.current.resize(*len as usize, 0);
                inode.unsynced.push(Write::SetLen(*len));
            }
            Op::Sync(path) => {
                let inode = self.inode(path, folder);
                inode.durable = inode.current.clone();
                inode.unsynced.clear();
            }
            Op::Rename { from, to } => {
                let (from, to) = (Replay::name(from, folder), Replay::name(to, folder));
                let i = self
                    .current
                    .remove(&from)
                    .expect("renaming a file that exists");
                self.current.insert(to.clone(), i);
                self.unsynced.push(Entry::Rename(from, to));
            }
            Op::Remove(path) => {
                let name = Replay::name(path, folder);
                self.current.remove(&name);
                self.unsynced.push(Entry::Unlink(name));
            }
            Op::SyncFolder(path) => {
                assert_eq!(path, folder, "a folder other than the session's synced");
                self.durable = self.current.clone();
                self.unsynced.clear();
            }
        }
    }

    /// The folder's entries on the disk with the first `n` unsynced changes made too.
    fn entries(&self, n: usize) -> BTreeMap<String, usize> {
        let mut names = self.durable.clone();
        for entry in &self.unsynced[..n] {
            match entry {
                Entry::Link(name, i) => {
                    names.insert(name.clone(), *i);
                }
                Entry::Rename(from, to) => {
                    if let Some(i) = names.remove(from) {
                        names.insert(to.clone(), i);
                    }
                }
                Entry::Unlink(name) => {
                    names.remove(name);
                }
            }
        }
        names
    }
}

impl Inode {
    /// The file's bytes with some of its unsynced writes on the disk: the first few
    /// whole, then the next torn, or with one sector of it never written.
    fn partial(&self, tears: Tears) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut bytes = self.durable.clone();
        for write in &self.unsynced {
            out.push(bytes.clone());
            match write {
                Write::SetLen(len) => bytes.resize(*len as usize, 0),
                Write::Append(data) => {
                    for cut in tear_points(data, tears) {
                        let mut torn = bytes.clone();
                        torn.extend_from_slice(&data[..cut]);
                        out.push(torn);
                    }
                    // The file grew to its new size, but one sector of the write is zeros.
                    let at = bytes.len();
                    let end = at + data.len();
                    let mut sector = at / SECTOR * SECTOR;
                    while sector < end {
                        let mut holed = bytes.clone();
                        holed.extend_from_slice(data);
                        for b in &mut holed[sector.max(at)..(sector + SECTOR).min(end)] {
                            *b = 0;
                        }
                        out.push(holed);
                        sector += SECTOR;
                    }
                    bytes.extend_from_slice(data);
                }
            }
        }
        out.push(bytes);
        out
    }
}

/// Lengths a torn write of `data` may stop at, between nothing and all of it.
fn tear_points(data: &[u8], tears: Tears) -> BTreeSet<usize> {
    let len = data.len();
    let mut points = BTreeSet::new();
    match tears {
        Tears::Every => points.extend(1..len),
        Tears::Some => {
            points.extend([1, len / 2, len.saturating_sub(1)]);
            // At line ends and just before: the first and last few, and a few between.
            let ends: Vec<usize> = (0..len).filter(|&i| data[i] == b'\n').collect();
            let step = (ends.len() / LINE_ENDS).max(1);
            for (k, &i) in ends.iter().enumerate() {
                if k < 4 || k + 4 >= ends.len() || k % step == 0 {
                    points.extend([i, i + 1]);
                }
            }
        }
    }
    points.retain(|&p| p > 0 && p < len);
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op_append(folder: &Path, name: &str, bytes: &[u8]) -> Op {
        Op::Append {
            path: folder.join(name),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn only_what_was_synced_is_sure_to_survive() {
        let folder = Path::new("/m");
        let disk = Disk {
            folder: folder.to_path_buf(),
            start: Folder::from([("a".to_string(), b"old".to_vec())]),
        };
        let ops = vec![
            Op::Create(folder.join("t")),
            op_append(folder, "t", b"new\n"),
            Op::Sync(folder.join("t")),
            Op::Rename {
                from: folder.join("t"),
                to: folder.join("a"),
            },
            Op::SyncFolder(folder.to_path_buf()),
        ];
        let states = |cut| disk.after_cut(&ops, cut, Tears::Every);
        // Before the folder sync the rename may or may not be on the disk; the temp file's
        // entry may be there, with any part of its unsynced data before its sync.
        let before_sync = states(2);
        assert!(before_sync.contains(&Folder::from([("a".into(), b"old".to_vec())])));
        assert!(before_sync.contains(&Folder::from([
            ("a".into(), b"old".to_vec()),
            ("t".into(), b"ne".to_vec())
        ])));
        let renamed = states(4);
        assert!(renamed.iter().all(|f| f.contains_key("a")));
        assert!(renamed.contains(&Folder::from([("a".into(), b"new\n".to_vec())])));
        assert!(renamed.contains(&Folder::from([("a".into(), b"old".to_vec())])));
        assert_eq!(
            states(5),
            vec![Folder::from([("a".into(), b"new\n".to_vec())])]
        );
    }

    #[test]
    fn an_unsynced_append_may_be_torn_or_holed() {
        let inode = Inode {
            durable: b"x".to_vec(),
            current: vec![],
            unsynced: vec![Write::Append(vec![b'y'; 600])],
        };
        let states = inode.partial(Tears::Some);
        assert!(states.contains(&b"x".to_vec()));
        assert!(
            states
                .iter()
                .any(|s| s.len() == 601 && s[1..512].iter().all(|&b| b == 0))
        );
        assert!(
            states
                .iter()
                .any(|s| s.len() == 601 && s[512..].iter().all(|&b| b == 0))
        );
        assert!(states.iter().any(|s| s.len() == 301));
    }
}
