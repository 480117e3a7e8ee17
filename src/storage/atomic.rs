//! Atomic file writes: temp file in the same folder, fsync, rename, fsync of the folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::faults::{self, Faults, Op, Step};

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file, whole.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, &Faults::NONE).map_err(|(error, _)| error)
}

/// [`write_atomically`], with storage faults injected by `faults`.
#[cfg(any(test, feature = "testing"))]
pub fn write_atomically_with(path: &Path, bytes: &[u8], faults: &Faults) -> io::Result<()> {
    replace(path, bytes, faults).map_err(|(error, _)| error)
}

/// Replaces `path` with `bytes`; on error, also says whether the rename had happened,
/// so the caller knows whether the file on disk is the new one.
pub(super) fn replace(path: &Path, bytes: &[u8], faults: &Faults) -> Result<(), (io::Error, bool)> {
    let temp = write_temp_beside(path, bytes, faults).map_err(|e| (e, false))?;
    if let Err(error) = faults::run(faults, Step::Rename, || fs::rename(&temp, path)) {
        remove_temp(&temp, faults);
        return Err((error, false));
    }
    faults::done(faults, || Op::Rename {
        from: temp.clone(),
        to: path.to_path_buf(),
    });
    faults::run(faults, Step::FolderSync, || sync_folder_of(path)).map_err(|e| (e, true))?;
    faults::done(faults, || Op::SyncFolder(folder_of(path).to_path_buf()));
    Ok(())
}

/// Removes a temp file that did not become the session.
fn remove_temp(temp: &Path, faults: &Faults) {
    if fs::remove_file(temp).is_ok() {
        faults::done(faults, || Op::Remove(temp.to_path_buf()));
    }
}

/// Writes `bytes` to `path` only if no file is there, atomically.
pub fn create_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp_beside(path, bytes, &Faults::NONE)?;
    // A hard link fails if the target exists, so a file created meanwhile is never clobbered.
    let linked = fs::hard_link(&temp, path);
    let _ = fs::remove_file(&temp);
    linked?;
    sync_folder_of(path)
}

/// Opens `path` for writing with owner-only permissions on Unix.
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

fn write_temp_beside(path: &Path, bytes: &[u8], faults: &Faults) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let temp = path.with_file_name(format!(
        ".{}.tmp-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = private_options().create_new(true).open(&temp)?;
        faults::done(faults, || Op::Create(temp.clone()));
        faults::write(faults, Step::TempWrite, bytes, |b| file.write_all(b))?;
        faults::done(faults, || Op::Append {
            path: temp.clone(),
            bytes: bytes.to_vec(),
        });
        faults::run(faults, Step::TempSync, || file.sync_all())?;
        faults::done(faults, || Op::Sync(temp.clone()));
        Ok(())
    })();
    if let Err(error) = written {
        remove_temp(&temp, faults);
        return Err(error);
    }
    Ok(temp)
}

/// The folder holding `path`.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Flushes the folder entry of `path`, so a rename survives a power loss.
pub fn sync_folder_of(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(folder_of(path))?.sync_all()?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn create_never_clobbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        create_atomically(&path, b"one").unwrap();
        let error = create_atomically(&path, b"two").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
