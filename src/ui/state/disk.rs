//! The session file changed under the screen: the choice between keeping both versions
//! (yours saved as a copy beside it) and writing yours over theirs.
//!
//! Nothing is decided for the user: another program's version is never overwritten
//! without the explicit key, and the copy never replaces an existing file.

use std::path::{Path, PathBuf};

use crate::clock::Clock;

/// Key that saves your version as a copy beside the file.
pub const COPY_KEY: char = 'c';
/// Key that writes your version over the file.
pub const OVERWRITE_KEY: char = 'o';

/// What happens once the choice is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterChoice {
    /// Back to the meeting.
    Stay,
    /// The user was quitting: quit.
    Quit,
}

/// The open choice: keep both versions, or overwrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskChoice {
    /// What to do afterwards.
    pub then: AfterChoice,
    /// The name the copy would get.
    pub copy: PathBuf,
    /// Why the last attempt failed, if it did.
    pub error: Option<String>,
}

/// `FILE.mine-HHMMSS.ron` beside `session` (with `-N` after the time for the `n`th try),
/// the name under which your version is kept when another program changed the file.
pub fn copy_path(session: &Path, now: Clock, n: usize) -> PathBuf {
    let stem = session
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let extension = session
        .extension()
        .map_or_else(|| "ron".to_string(), |e| e.to_string_lossy().into_owned());
    let time = now.to_string().replace(':', "");
    let suffix = if n == 0 {
        String::new()
    } else {
        format!("-{}", n + 1)
    };
    session.with_file_name(format!("{stem}.mine-{time}{suffix}.{extension}"))
}

/// The first `FILE.mine-HHMMSS.ron` beside `path` that does not exist yet.
pub fn free_copy_path(path: &Path, now: Clock) -> PathBuf {
    (0..)
        .map(|n| copy_path(path, now, n))
        .find(|p| !p.exists())
        .expect("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_after_the_file_and_the_time() {
        let now = Clock(10 * 3600 + 35 * 60 + 12);
        assert_eq!(
            copy_path(Path::new("/m/meeting.ron"), now, 0),
            Path::new("/m/meeting.mine-103512.ron")
        );
        assert_eq!(
            copy_path(Path::new("notes"), now, 2),
            Path::new("notes.mine-103512-3.ron")
        );
    }
}
