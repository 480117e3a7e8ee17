//! The screen from start to end: the terminal set up, the event loop, and the terminal
//! restored and the session closed however the screen ends (quit, signal, hang-up).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event;

use super::input::{self, Input};
use super::latency::{self, LatencyLog};
use super::{App, terminal};
use crate::clock::Clock;
use crate::keymap::Key;

/// Environment variable naming a key that makes the screen panic, to test that a panic
/// restores the terminal and rescues the unfinished line.
const PANIC_KEY_VARIABLE: &str = "RAPPORTEUR_PANIC_KEY";

/// How the screen ended.
#[derive(Debug)]
pub struct Ended {
    /// The file the session is in after closing, or why it could not be saved.
    pub closed: Result<Option<PathBuf>, String>,
    /// Where the unfinished line was kept, if there was one.
    pub rescue: Option<PathBuf>,
    /// The signal that stopped the screen, if one did.
    pub signal: Option<i32>,
    /// Whether the terminal was closed under the screen (nobody reads standard error).
    pub hung_up: bool,
    /// What went wrong with the terminal, if anything.
    pub failure: Option<String>,
}

/// Why the screen could not start; nothing was drawn.
#[derive(Debug)]
pub struct NotStarted(pub String);

/// Runs the screen on `app` until the user quits or a signal stops it, then restores
/// the terminal, closes the session and writes the rescue file.
pub fn screen(mut app: App, latency: Option<LatencyLog>) -> Result<Ended, NotStarted> {
    terminal::install_panic_hook();
    terminal::watch_signals().map_err(|e| NotStarted(format!("cannot watch for signals: {e}")))?;
    let mut screen =
        terminal::init().map_err(|e| NotStarted(format!("cannot set up the terminal: {e}")))?;
    let result = run_loop(&mut screen, &mut app, latency);
    let signal = terminal::stop_signal();
    let hung_up = signal == Some(terminal::HANG_UP);
    if hung_up {
        terminal::detach();
    }
    let restored = terminal::restore();
    drop(screen);
    // Closed before the rescue is written: keeping a copy moves the session, and its rescue file.
    let closed = app.close();
    let rescue = terminal::write_rescue();
    terminal::closed();
    let mut failure = None;
    if !hung_up {
        if let Err(e) = restored {
            failure = Some(format!("cannot restore the terminal: {e}"));
        }
        if let Err(e) = result {
            failure = Some(format!("terminal error: {e}"));
        }
    }
    Ok(Ended {
        closed,
        rescue: rescue.ok().flatten(),
        signal,
        hung_up,
        failure,
    })
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
        terminal::draw(screen, |frame| super::render(app, frame))?;
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
            if let Some(input) = input::from_event(event) {
                if let Input::Key(key) = &input
                    && panic_key.as_ref() == Some(key)
                {
                    panic!("{PANIC_KEY_VARIABLE} pressed");
                }
                app.handle(input);
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
