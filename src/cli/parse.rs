//! Reading the command line, with a better word for the usual slips.
//!
//! `rapporteur [FILE]` opens the screen, so clap reads a mistyped subcommand as
//! FILE and then stumbles on the next word. When that happens, the line is read
//! again as a subcommand line: clap's "did you mean" for a mistyped subcommand,
//! or "put the subcommand first" for `rapporteur h2.ron tally`.

use std::ffi::{OsStr, OsString};
use std::path::Path;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use super::Cli;

/// Parses the process's arguments, or prints clap's message and exits.
pub fn parse() -> Cli {
    try_parse_from(std::env::args_os()).unwrap_or_else(|error| error.exit())
}

/// Parses `args` (the program name first), with hints for a misplaced or mistyped subcommand.
pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    Cli::try_parse_from(&args).map_err(|error| better_error(&args, error))
}

/// clap's error, or a clearer one when a word stands before the subcommand.
fn better_error(args: &[OsString], error: clap::Error) -> clap::Error {
    let words = positional_words(args.get(1..).unwrap_or_default());
    let [first, second, ..] = words[..] else {
        return error;
    };
    if is_subcommand(first) {
        return error;
    }
    let first_is_file = Path::new(first).is_file();
    if first_is_file && is_subcommand(second) {
        return put_first(args, first, second, None);
    }
    if first_is_file {
        // `rapporteur h2.ron tallly`: say what the second word should be, and where.
        if let Some(mistyped) = suggestion_for(&[&args[0], second]) {
            return put_first(args, first, second, Some(mistyped));
        }
    } else if let Some(mistyped) = suggestion_for(args) {
        return mistyped;
    } else if is_subcommand(second) {
        return put_first(args, first, second, None);
    }
    Cli::command().error(
        ErrorKind::UnknownArgument,
        format!(
            "unexpected argument '{}': FILE alone opens the screen, and a subcommand comes before its files",
            second.to_string_lossy()
        ),
    )
}

/// The words that are neither options nor their values: FILE and subcommand names.
fn positional_words(args: &[OsString]) -> Vec<&OsStr> {
    let mut words = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            words.extend(iter.map(OsString::as_os_str));
            break;
        }
        if text.starts_with('-') && text != "-" {
            // The screen's one option that takes a separate value.
            if text == "--keymap" {
                iter.next();
            }
            continue;
        }
        words.push(arg.as_os_str());
    }
    words
}

/// Whether `word` names a subcommand of rapporteur (or `help`).
fn is_subcommand(word: &OsStr) -> bool {
    let Some(word) = word.to_str() else {
        return false;
    };
    word == "help" || Cli::command().find_subcommand(word).is_some()
}

/// clap's "unrecognized subcommand … a similar subcommand exists" for `args` read as a
/// subcommand line, if clap finds a similar subcommand.
fn suggestion_for<T: AsRef<OsStr>>(args: &[T]) -> Option<clap::Error> {
    let full = Cli::command();
    let subcommands_only = clap::Command::new("rapporteur")
        .args(
            full.get_arguments()
                .filter(|a| a.get_id() != "file")
                .cloned(),
        )
        .subcommands(full.get_subcommands().cloned())
        .subcommand_required(true);
    let error = subcommands_only
        .try_get_matches_from(args.iter().map(|a| a.as_ref().to_os_string()))
        .err()?;
    let similar = matches!(
        error.get(ContextKind::SuggestedSubcommand),
        Some(ContextValue::Strings(names)) if !names.is_empty()
    );
    (error.kind() == ErrorKind::InvalidSubcommand && similar).then_some(error)
}

/// "put the subcommand first", with the line as it should be; added as a tip to `mistyped`.
fn put_first(
    args: &[OsString],
    file: &OsStr,
    word: &OsStr,
    mistyped: Option<clap::Error>,
) -> clap::Error {
    let mut rest: Vec<&OsString> = args[1..].iter().collect();
    // The subcommand moves to the front; everything else keeps its order.
    let at = rest.iter().position(|a| a.as_os_str() == word);
    if let Some(at) = at.filter(|_| rest.iter().any(|a| a.as_os_str() == file)) {
        rest.remove(at);
    }
    // A mistyped subcommand is written as clap's suggestion.
    let name = match mistyped
        .as_ref()
        .map(|e| e.get(ContextKind::SuggestedSubcommand))
    {
        Some(Some(ContextValue::Strings(names))) if !names.is_empty() => names[0].clone(),
        _ => word.to_string_lossy().into_owned(),
    };
    let reordered: Vec<String> = ["rapporteur".into(), name]
        .into_iter()
        .chain(rest.iter().map(|a| a.to_string_lossy().into_owned()))
        .collect();
    let tip = format!(
        "put the subcommand first: '{}' (FILE alone opens the screen)",
        reordered.join(" ")
    );
    match mistyped {
        Some(mut error) => {
            let mut tips = match error.get(ContextKind::Suggested) {
                Some(ContextValue::StyledStrs(tips)) => tips.clone(),
                _ => Vec::new(),
            };
            tips.push(StyledStr::from(tip));
            error.insert(ContextKind::Suggested, ContextValue::StyledStrs(tips));
            error
        }
        None => Cli::command().error(ErrorKind::ArgumentConflict, tip),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(args: &[&str]) -> String {
        try_parse_from(args).unwrap_err().to_string()
    }

    #[test]
    fn a_mistyped_subcommand_gets_did_you_mean() {
        let text = message(&["rapporteur", "tallly", "h2.ron"]);
        assert!(text.contains("unrecognized subcommand 'tallly'"), "{text}");
        assert!(
            text.contains("a similar subcommand exists: 'tally'"),
            "{text}"
        );
    }

    #[test]
    fn a_file_before_its_subcommand_is_told_to_move() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("h2.ron");
        std::fs::write(&file, "").unwrap();
        let file = file.to_string_lossy().into_owned();
        let text = message(&["rapporteur", &file, "tally", "--format", "json"]);
        assert!(
            text.contains(&format!(
                "put the subcommand first: 'rapporteur tally {file} --format json'"
            )),
            "{text}"
        );
        let text = message(&["rapporteur", &file, "tallly"]);
        assert!(
            text.contains("similar subcommand exists: 'tally'"),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "put the subcommand first: 'rapporteur tally {file}'"
            )),
            "{text}"
        );
        let text = message(&["rapporteur", &file, "other.ron"]);
        assert!(text.contains("unexpected argument 'other.ron'"), "{text}");
    }

    #[test]
    fn lines_that_parse_are_left_alone() {
        assert!(try_parse_from(["rapporteur", "tally", "h2.ron"]).is_ok());
        assert!(try_parse_from(["rapporteur", "--keymap", "vim", "h2.ron"]).is_ok());
        assert!(try_parse_from(["rapporteur"]).is_ok());
    }
}
