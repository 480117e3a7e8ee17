//! `rapporteur [FILE]`: the live screen.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use directories::ProjectDirs;

use super::Failure;
use crate::clock::Clock;
use crate::keymap::{Key, Keymap};
use crate::storage::SessionFile;
use crate::ui::latency::{self, LatencyLog};
use crate::ui::{self, App, terminal};

/// Environment variable naming a key that makes the screen panic, to test that a panic
/// restores the terminal and rescues the unfinished line.
const PANIC_KEY_VARIABLE: &str = "RAPPORTEUR_PANIC_KEY";

/// Opens the screen on `file`, or on a new session from the default template.
pub fn run(file: Option<PathBuf>, keymap: Option<String>) -> Result<ExitCode, Failure> {
    let dirs = ProjectDirs::from("", "", "rapporteur");
    // A keymap that does not parse stops here, before the terminal is touched.
    let keymap = Keymap::load(
        keymap.as_deref(),
        dirs.as_ref().map(ProjectDirs::config_dir),
    )?;
    let new_session = file.is_none();
    let path = match file {
        Some(path) => path,
        None => new_session_path(dirs.as_ref())?,
    };
    let (store, session, notice) = open_or_create(&path)?;
    let mut app = App::with_file(store, session, keymap);
    app.set_now(Clock::now());
    let rescued = terminal::take_rescue(&path)
        .map_err(|e| Failure(format!("{}: {e}", terminal::rescue_path(&path).display())))?;
    if !rescued.is_empty() {
        let n = rescued.len();
        app.restore_lines(rescued);
        app.say(
            format!("{n} unfinished line(s) from last time are back in the capture line"),
            false,
        );
    } else if let Some(notice) = notice {
        app.say(notice, false);
    }

    let latency =
        LatencyLog::from_env().map_err(|e| Failure(format!("{}: {e}", latency::VARIABLE)))?;

    terminal::install_panic_hook();
    terminal::watch_signals().map_err(|e| Failure(format!("cannot watch for signals: {e}")))?;
    let mut screen =
        terminal::init().map_err(|e| Failure(format!("cannot set up the terminal: {e}")))?;
    let result = run_loop(&mut screen, &mut app, latency);
    let signal = terminal::stop_signal();
    if signal == Some(terminal::HANG_UP) {
        terminal::detach();
    }
    let restored = terminal::restore();
    drop(screen);
    // Closed before the rescue is written: keeping a copy moves the session, and its rescue file.
    let closed = app.close();
    let rescue = terminal::write_rescue();
    terminal::closed();
    // After a hang-up nobody reads standard error, and writing to it may fail.
    let say = |text: String| {
        let _ = writeln!(
            std::io::stderr(),
            "rapporteur: {}",
            crate::visible::visible_lines(&text)
        );
    };
    let mut failure = None;
    if signal != Some(terminal::HANG_UP) {
        if let Err(e) = restored {
            failure = Some(format!("cannot restore the terminal: {e}"));
        }
        if let Err(e) = result {
            failure = Some(format!("terminal error: {e}"));
        }
    }
    let closed = match closed {
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
    if let Ok(Some(rescue)) = rescue {
        say(format!(
            "your unfinished line is kept in {}; it comes back next time",
            rescue.display()
        ));
    }
    if let Some(signal) = signal {
        say(format!("stopped by {}", signal_name(signal)));
    }
    if let Some(failure) = failure {
        say(failure);
        return Ok(ExitCode::FAILURE);
    }
    if new_session {
        let _ = writeln!(std::io::stdout(), "{}", closed.unwrap_or(path).display());
    }
    // A signal is reported the shell's way, 128 + its number, after a clean close.
    Ok(signal.map_or(ExitCode::SUCCESS, |s| ExitCode::from(128 + s as u8)))
}

fn signal_name(signal: i32) -> String {
    match signal_hook::low_level::signal_name(signal) {
        Some("SIGHUP") => "SIGHUP (the terminal was closed)".to_string(),
        Some(name) => name.to_string(),
        None => format!("signal {signal}"),
    }
}

/// Reads and handles events until the user quits; every key is handled (and any note it
/// commits is on disk) before the next is read, and the screen is drawn once the queue is empty.
fn run_loop(
    screen: &mut terminal::Screen,
    app: &mut App,
    mut latency: Option<LatencyLog>,
) -> std::io::Result<()> {
    // Fault injection for the end-to-end test of the panic path: this key panics.
    let panic_key: Option<Key> = std::env::var(PANIC_KEY_VARIABLE)
        .ok()
        .and_then(|k| k.parse().ok());
    loop {
        app.set_now(Clock::now());
        // Once a second at most: has another program changed, moved or deleted the file?
        app.tick();
        let drawing = Instant::now();
        terminal::draw(screen, |frame| ui::render(app, frame))?;
        if let Some(log) = &mut latency {
            log.drawn(drawing.elapsed())?;
        }
        // Wake at the next second at the latest, so the running timers tick; at once when
        // work waits (a long search scans between keys, a slice per frame).
        let wait = if app.has_work() {
            Duration::ZERO
        } else {
            Duration::from_millis(1000)
        };
        // Wakes on input, a resize or a stop signal; a stop ends the screen as quitting does.
        if let terminal::Wake::Stop(_) = terminal::wait(wait)? {
            return Ok(());
        }
        let mut handled = false;
        while event::poll(Duration::ZERO)? {
            handled = true;
            app.set_now(Clock::now());
            let event = event::read()?;
            let kind = latency
                .as_ref()
                .and_then(|_| latency::kind(&event, &app.keymap));
            let read = Instant::now();
            match event {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    if panic_key.is_some() && ui::input::key_of(&key) == panic_key {
                        panic!("{PANIC_KEY_VARIABLE} pressed");
                    }
                    app.handle_key(key)
                }
                Event::Paste(text) => app.handle_paste(&text),
                _ => {}
            }
            if let (Some(log), Some(kind)) = (&mut latency, kind) {
                log.handled(kind, read);
            }
            if app.should_quit() || terminal::stop_signal().is_some() {
                return Ok(());
            }
        }
        // The frame that shows the keys comes first; waiting work goes on once it is drawn.
        if app.has_work() && !handled {
            app.work(Duration::from_millis(8));
        }
    }
}

/// Opens `path`, or creates it from the default template when it does not exist.
fn open_or_create(
    path: &Path,
) -> Result<(SessionFile, crate::model::Session, Option<String>), Failure> {
    if path.exists() {
        let (store, session, recovery) = SessionFile::open(path)?;
        let mut notes = Vec::new();
        // The take-over first: it says why there is something to recover.
        if let Some(holder) = recovery.stale_lock {
            notes.push(format!("took over from {holder}, which had stopped"));
        }
        if recovery.replayed > 0 {
            notes.push(format!(
                "recovered {} change(s) from the journal",
                recovery.replayed
            ));
        }
        let notice = (!notes.is_empty()).then(|| notes.join("; "));
        return Ok((store, session, notice));
    }
    let session = crate::templates::default_template();
    let store = SessionFile::create(path, &session)?;
    Ok((
        store,
        session,
        Some(format!("new session {}", path.display())),
    ))
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
