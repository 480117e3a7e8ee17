//! `rapporteur git-setup`: a git repository made ready for two rapporteurs' session
//! files: the merge driver configured, `*.ron` routed to it, the side files ignored.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::Failure;

/// The attribute that sends session files to the driver.
const ATTRIBUTES: &[&str] = &["*.ron merge=rapporteur"];

/// What rapporteur keeps beside a session and no one else needs: journals, locks,
/// rescued lines and the temp files of a save in progress.
const IGNORED: &[&str] = &["*.journal", "*.lock", "*.rescue.txt", ".*.tmp-*"];

/// Sets up the repository holding the current folder.
pub fn run() -> Result<ExitCode, Failure> {
    let top = git(&["rev-parse", "--show-toplevel"]).map_err(|e| {
        Failure(format!(
            "not in a git repository ({}); run git init or git clone first",
            e.0
        ))
    })?;
    let top = PathBuf::from(top);
    let exe = std::env::current_exe()
        .map_err(|e| Failure(format!("cannot tell where rapporteur is: {e}")))?;
    let driver = format!(
        "{} merge-driver %O %A %B %P",
        shell_word(&exe.to_string_lossy())
    );
    git(&[
        "config",
        "merge.rapporteur.name",
        "rapporteur session files",
    ])?;
    git(&["config", "merge.rapporteur.driver", &driver])?;
    println!("git config merge.rapporteur.driver: {driver}");
    for (file, lines) in [(".gitattributes", ATTRIBUTES), (".gitignore", IGNORED)] {
        let added = add_lines(&top.join(file), lines)?;
        if added.is_empty() {
            println!("{file}: already set up");
        } else {
            println!("{file}: added {}", added.join(", "));
        }
    }
    println!(
        "commit .gitattributes and .gitignore; every rapporteur runs rapporteur git-setup once in their clone"
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs git with `args`; its output, trimmed, or what it said on failure.
fn git(args: &[&str]) -> Result<String, Failure> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| Failure(format!("cannot run git: {e}")))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        return Err(Failure(format!(
            "git {}: {}",
            args.join(" "),
            said.lines().next().unwrap_or("failed").trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Appends to `file` each of `lines` it lacks; returns those added.
fn add_lines<'a>(file: &Path, lines: &[&'a str]) -> Result<Vec<&'a str>, Failure> {
    let existing = match fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Failure(format!("{}: {e}", file.display()))),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !existing.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(missing);
    }
    let mut text = String::new();
    if !existing.is_empty() && !existing.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("# rapporteur session files\n");
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    Ok(missing)
}

/// `word` as one word for the shell git runs the driver with.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_and_quotes_stay_one_word() {
        assert_eq!(shell_word("/usr/bin/rapporteur"), "/usr/bin/rapporteur");
        assert_eq!(shell_word("/my tools/rapporteur"), "'/my tools/rapporteur'");
        assert_eq!(shell_word("/it's/r"), r"'/it'\''s/r'");
    }

    #[test]
    fn lines_are_added_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".gitignore");
        fs::write(&file, "target").unwrap();
        assert_eq!(add_lines(&file, IGNORED).unwrap(), IGNORED);
        assert!(add_lines(&file, IGNORED).unwrap().is_empty());
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("target\n# rapporteur session files\n*.journal\n"),
            "{text}"
        );
    }
}
