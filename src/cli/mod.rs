//! The command line: argument definitions and one file per command; `setup`
//! holds the set-up options `new` and `edit` share.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod check;
mod docs;
mod edit;
mod export;
mod git_setup;
mod import;
mod merge;
mod merge_driver;
mod new;
mod open;
mod parse;
mod review;
mod sessions;
mod setup;
mod streams;
mod tally;
mod translate;
mod values;

pub use parse::{parse, try_parse_from};
pub use setup::SetupArgs;

/// A terminal note-taker for the rapporteur of a multi-stakeholder meeting.
#[derive(Debug, Parser)]
#[command(
    name = "rapporteur",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Session file to open in the screen (created if missing).
    pub file: Option<PathBuf>,
    /// Keymap to use in the screen: a name in keymaps/ (default, vim, emacs) or a path.
    #[arg(long, value_name = "NAME|PATH")]
    pub keymap: Option<String>,
    /// What to do instead of opening the screen.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new session file from a template, or from the groups given alone.
    New(NewArgs),
    /// Change the meeting's details, groups, priorities and chairs of a session, and the
    /// review's choices for its report, as one change.
    Edit {
        /// The session file.
        file: PathBuf,
        /// What to change.
        #[command(flatten)]
        setup: SetupArgs,
        /// The review's choices for the report.
        #[command(flatten)]
        review: review::ReviewArgs,
    },
    /// Import a roster, notes or a chat transcript into a session.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: Import,
    },
    /// Print the convergence tally of a session, or the roll-up of several.
    Tally {
        /// The session file (`-` reads it from standard input); several files, or a folder
        /// (its `*.ron` sessions), give the roll-up across sessions.
        #[arg(required = true, num_args = 1.., value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TallyFormat::Table)]
        format: TallyFormat,
    },
    /// Write the report of a session, or the synthesis of several.
    Export {
        /// The session file (`-` reads it from standard input); several files, or a folder
        /// (its `*.ron` sessions), give the synthesis across sessions.
        #[arg(required = true, num_args = 1.., value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// How speakers are attributed in the report.
        #[arg(long, value_enum, default_value_t = Attribution::Group)]
        attribution: Attribution,
        /// Fewest distinct entities of a group on a priority before the group is named (from 1).
        #[arg(long, value_name = "K", default_value_t = 2, value_parser = values::at_least_one)]
        min_group: usize,
        /// The language the report is written in (default: English, or French when the
        /// meeting's languages list French and not English).
        #[arg(long, value_enum, value_name = "LANG")]
        lang: Option<ReportLanguage>,
        /// Report template to use instead of the built-in one.
        #[arg(long, value_name = "PATH")]
        template: Option<PathBuf>,
        /// For docx: take the styles of this Word document (an organisation's own).
        #[arg(long, value_name = "PATH")]
        reference_docx: Option<PathBuf>,
        /// Write to this file instead of standard output (`-` is standard output); never
        /// over an existing file unless --force. Required for docx.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Export even though notes name participants or their entities (see `check`).
        #[arg(long)]
        allow_names: bool,
    },
    /// Validate a session file and lint its notes; the findings go to standard output.
    Check {
        /// The session file (`-` reads it from standard input).
        file: PathBuf,
    },
    /// Merge rapporteurs' sessions of the same meeting into a new session file.
    Merge {
        /// The sessions in order: the first is the base, whose ids and wording are kept, and
        /// each later one is merged into those before it (one of them may be `-`, standard input).
        #[arg(required = true, num_args = 2.., value_name = "SESSION")]
        sessions: Vec<PathBuf>,
        /// The merged session file to create; never overwritten.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Merge two versions of a session file for git (`git config merge.rapporteur.driver`).
    ///
    /// Writes the merged session over OURS and exits 0, or lists the conflicts and exits 1
    /// with the file marked as conflicted. `rapporteur git-setup` configures it.
    MergeDriver {
        /// The common ancestor's version (git's %O).
        base: PathBuf,
        /// Our version (%A); the merged session is written over it.
        ours: PathBuf,
        /// Their version (%B).
        theirs: PathBuf,
        /// The file's path in the work tree (%P): its journal must hold no unsaved notes.
        path: Option<PathBuf>,
        /// Which side was already pushed and keeps its ids (default: theirs, or ours while
        /// git rebases).
        #[arg(long, value_enum)]
        pushed: Option<PushedSide>,
    },
    /// Set up the git repository here for session files: the merge driver in its
    /// configuration, `*.ron merge=rapporteur` in .gitattributes, the side files in .gitignore.
    GitSetup,
    /// Print a shell completion script.
    ///
    /// For example `rapporteur completions bash > ~/.local/share/bash-completion/completions/rapporteur`,
    /// or `rapporteur completions zsh > ~/.zfunc/_rapporteur`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page in roff: rapporteur's, or a subcommand's.
    ///
    /// `rapporteur man | man -l -` reads the main page, `rapporteur man import roster | man -l -`
    /// one subcommand's; `rapporteur man export > rapporteur-export.1` installs one.
    Man {
        /// The subcommand whose page to print; none for the main page.
        #[arg(value_name = "SUBCOMMAND")]
        subcommand: Vec<String>,
    },
}

/// What `rapporteur new` takes.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The session file to create; never overwritten.
    pub file: Option<PathBuf>,
    /// Template: a built-in name (`--template list` shows them), or a path to a session
    /// file (its groups, roster and priorities, without its notes). Without it, the
    /// default template, or only the groups given with --group.
    #[arg(long, value_name = "NAME|PATH|list")]
    pub template: Option<String>,
    /// The meeting's details, groups, priorities and chairs.
    #[command(flatten)]
    pub setup: SetupArgs,
}

/// The things `rapporteur import` reads.
#[derive(Debug, Subcommand)]
pub enum Import {
    /// A roster CSV (name, affiliation, group, optional role), or a Zoom or Eventbrite
    /// registration or attendee export (First Name, Last Name, Organization…).
    Roster {
        /// The session file.
        file: PathBuf,
        /// The CSV file (`-` reads standard input).
        csv: PathBuf,
        /// The group of the people it adds (id, name or noun); a mapped group column wins where not empty.
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Read a field from a column rapporteur does not know, as FIELD=HEADER
        /// (fields: name, first-name, last-name, affiliation, group, role, attended; repeatable).
        #[arg(long = "column", value_name = "FIELD=HEADER")]
        columns: Vec<String>,
    },
    /// Notes in the capture syntax, one line at a time, as if typed.
    Notes {
        /// The session file.
        file: PathBuf,
        /// The notes file (`-` reads standard input).
        notes: PathBuf,
    },
    /// A Zoom chat file (saved on a computer or with a cloud recording): each message a chat input.
    Chat {
        /// The session file.
        file: PathBuf,
        /// The chat file (`-` reads standard input).
        chat: PathBuf,
        /// Match a chat name to a participant, as "ZOOM NAME=PARTICIPANT ID";
        /// "ZOOM NAME=" leaves that person's messages out (repeatable).
        #[arg(long, value_name = "NAME=ID")]
        map: Vec<String>,
        /// Add chat names that match nobody on the roster to this group instead of stopping.
        #[arg(long, value_name = "GROUP")]
        add_unknown: Option<String>,
        /// When a cloud recording started, 00:00 to 23:59[:59]: its chat's times count from it.
        #[arg(long, value_name = "HH:MM[:SS]", value_parser = values::time_of_day)]
        starts_at: Option<crate::clock::Clock>,
    },
}

/// Formats of `rapporteur tally`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TallyFormat {
    /// An aligned table for people.
    Table,
    /// JSON for scripts.
    Json,
}

/// Formats of `rapporteur export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown.
    Markdown,
    /// Plain text wrapped at 72 columns.
    Text,
    /// One self-contained HTML file.
    Html,
    /// JSON.
    Json,
    /// A Word document (binary: give -o FILE.docx).
    Docx,
}

/// Languages of `rapporteur export --lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportLanguage {
    /// English.
    En,
    /// French.
    Fr,
}

/// How the report attributes what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Attribution {
    /// Group labels when enough entities of the group spoke, else "one participant".
    Group,
    /// No name, affiliation or group of any individual speaker.
    Chatham,
    /// Names and affiliations, for internal minutes.
    Named,
}

/// `n` and the noun that agrees with it: "1 error", "2 errors".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Which side of a git merge was already pushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PushedSide {
    /// Ours (%A): the upstream, while git rebases local commits onto it.
    Ours,
    /// Theirs (%B): what `git pull` merges in.
    Theirs,
}

/// An error for the user: one clear line on stderr and a non-zero exit.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure(error.to_string())
    }
}

/// Runs the command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        None => match cli.file.as_deref().map(streams::session_file) {
            Some(Err(failure)) => Err(failure),
            _ => open::run(cli.file, cli.keymap),
        },
        Some(Command::New(args)) => new::run(args),
        Some(Command::Edit {
            file,
            setup,
            review,
        }) => edit::run(&file, &setup, &review),
        Some(Command::Import { what }) => import::run(what),
        Some(Command::Tally { files, format }) => tally::run(&files, format),
        Some(Command::Export {
            files,
            format,
            attribution,
            min_group,
            lang,
            template,
            reference_docx,
            output,
            force,
            allow_names,
        }) => export::run(
            &files,
            format,
            attribution,
            min_group,
            lang,
            template.as_deref(),
            reference_docx.as_deref(),
            output.as_deref(),
            force,
            allow_names,
        ),
        Some(Command::Check { file }) => check::run(&file),
        Some(Command::Merge { sessions, output }) => merge::run(&sessions, &output),
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
            pushed,
        }) => merge_driver::run(&base, &ours, &theirs, path.as_deref(), pushed),
        Some(Command::GitSetup) => git_setup::run(),
        Some(Command::Completions { shell }) => docs::completions(shell),
        Some(Command::Man { subcommand }) => docs::man(&subcommand),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            // Messages quote file contents and typed names: never let them act on the terminal.
            for line in message.lines() {
                eprintln!("rapporteur: {}", crate::visible::picture_controls(line));
            }
            ExitCode::FAILURE
        }
    }
}
