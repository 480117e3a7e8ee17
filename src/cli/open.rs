//! `rapporteur [FILE]`: the live screen.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use directories::ProjectDirs;

use super::Failure;
use crate::clock::Clock;
use crate::keymap::Keymap;
use crate::meeting::Meeting;
use crate::model::Session;
use crate::storage;
use crate::ui::latency::{self, LatencyLog};
use crate::ui::{self, App, terminal};

/// Opens the screen on `file`, or on a new session from the default template.
pub fn run(file: Option<PathBuf>, keymap: Option<String>) -> Result<ExitCode, Failure> {
    let dirs = ProjectDirs::from("", "", "rapporteur");
    // A keymap that does not parse stops here, before the terminal is touched.
    let keymap = Keymap::load(
        keymap.as_deref(),
        dirs.as_ref().map(ProjectDirs::config_dir),
    )?;
    // Checked before anything is created: without a terminal the screen cannot start.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure(NO_TERMINAL.into()));
    }
    let new_session = file.is_none();
    let path = match file {
        Some(path) => path,
        None => new_session_path(dirs.as_ref())?,
    };
    let (meeting, notice, created) = open_or_create(&path)?;
    // A session that contradicts itself would show contradictory figures: refuse it first.
    if let Err(failure) = super::check::refuse_errors(meeting.session(), &path, "the screen") {
        meeting.release();
        return Err(failure);
    }
    let mut app = App::on(meeting, keymap);
    app.set_now(Clock::now());
    // Time while the session was closed is nobody's turn.
    let resumed = app.resume();
    let notice = match (notice, resumed) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    let rescued = terminal::take_rescue(&path)
        .map_err(|e| Failure(format!("{}: {e}", terminal::rescue_path(&path).display())))?;
    if !rescued.is_empty() {
        let n = rescued.len();
        app.restore_lines(rescued);
        let lines = super::count(n, "unfinished line", "unfinished lines");
        let are = if n == 1 { "is" } else { "are" };
        app.say(
            format!("{lines} from last time {are} back in the capture line"),
            false,
        );
    } else if let Some(notice) = notice {
        app.say(notice, false);
    }

    let latency =
        LatencyLog::from_env().map_err(|e| Failure(format!("{}: {e}", latency::VARIABLE)))?;
    let ended = match ui::run::screen(app, latency) {
        Ok(ended) => ended,
        Err(not_started) => {
            // The screen never started: the session it was given goes, untouched.
            if let Some(created) = &created {
                let _ = storage::discard_untouched(&path, created);
            }
            return Err(Failure(not_started.0));
        }
    };
    // After a hang-up nobody reads standard error, and writing to it may fail.
    let say = |text: String| {
        let _ = writeln!(
            std::io::stderr(),
            "rapporteur: {}",
            crate::visible::visible_lines(&text)
        );
    };
    let mut failure = ended.failure;
    let closed = match ended.closed {
        Ok(closed) => closed,
        Err(e) => {
            failure = Some(e);
            None
        }
    };
    if let Some(kept) = closed.as_ref().filter(|kept| **kept != path) {
        say(format!(
            "this session is now in {} ({} was changed by another program)",
            kept.display(),
            path.display()
        ));
    }
    if let Some(rescue) = &ended.rescue {
        say(format!(
            "your unfinished line is kept in {}; it comes back next time",
            rescue.display()
        ));
    }
    if let Some(signal) = ended.signal {
        say(format!("stopped by {}", signal_name(signal)));
    }
    if let Some(failure) = failure {
        say(failure);
        return Ok(ExitCode::FAILURE);
    }
    if new_session {
        // A new session in the data folder that records nothing leaves nothing behind.
        let untouched = ended.rescue.is_none()
            && closed.as_ref().is_none_or(|kept| *kept == path)
            && created
                .as_ref()
                .is_some_and(|created| storage::discard_untouched(&path, created).unwrap_or(false));
        if untouched {
            say("nothing was recorded, so no session was kept".into());
        } else {
            let _ = writeln!(std::io::stdout(), "{}", closed.unwrap_or(path).display());
        }
    }
    // A signal is reported the shell's way, 128 + its number, after a clean close.
    Ok(ended
        .signal
        .map_or(ExitCode::SUCCESS, |s| ExitCode::from(128 + s as u8)))
}

fn signal_name(signal: i32) -> String {
    match signal_hook::low_level::signal_name(signal) {
        Some("SIGHUP") => "SIGHUP (the terminal was closed)".to_string(),
        Some(name) => name.to_string(),
        None => format!("signal {signal}"),
    }
}

/// Why the screen does not start without a terminal.
const NO_TERMINAL: &str = "the screen needs a terminal, and standard input or output is not one; \
     nothing was created (rapporteur import notes FILE NOTES.txt records from a file)";

/// Opens `path`, or creates it from the default template when it does not exist; the
/// session created, if it was, comes third.
fn open_or_create(path: &Path) -> Result<(Meeting, Option<String>, Option<Session>), Failure> {
    if path.exists() {
        let (meeting, recovery) = Meeting::open(path)?;
        let mut notes = Vec::new();
        // The take-over first: it says why there is something to recover.
        if let Some(holder) = recovery.stale_lock {
            notes.push(format!("took over from {holder}, which had stopped"));
        }
        if recovery.replayed > 0 {
            notes.push(format!(
                "recovered {} from the journal",
                super::count(recovery.replayed, "change", "changes")
            ));
        }
        let notice = (!notes.is_empty()).then(|| notes.join("; "));
        return Ok((meeting, notice, None));
    }
    let created = crate::templates::default_template();
    let meeting = Meeting::create(path, created.clone())?;
    let notice = format!("new session {}", path.display());
    Ok((meeting, Some(notice), Some(created)))
}

/// A fresh file in the user's data directory, named after the date and time.
fn new_session_path(dirs: Option<&ProjectDirs>) -> Result<PathBuf, Failure> {
    let dirs =
        dirs.ok_or_else(|| Failure("cannot find your data directory; give a FILE".into()))?;
    let folder = dirs.data_dir().join("sessions");
    // The folder names every meeting by date and time: keep it to its owner.
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&folder)
        .map_err(|e| Failure(format!("{}: {e}", folder.display())))?;
    let stamp = jiff::Zoned::now().strftime("%Y-%m-%d-%H%M").to_string();
    let mut path = folder.join(format!("{stamp}.ron"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{stamp}-{n}.ron"));
        n += 1;
    }
    Ok(path)
}
