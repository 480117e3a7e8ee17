//! Terminal set-up and restore in one place, the panic hook, and the rescue file.
//!
//! The panic hook is installed before the terminal is touched, so a panic at
//! any point leaves a usable shell and writes the unfinished line beside the
//! session.

use std::io::{self, Stdout, Write};
use std::panic;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal the screen draws on.
pub type Screen = Terminal<CrosstermBackend<Stdout>>;

/// What the panic hook needs to save: the rescue file and the lines not yet committed.
struct Unsaved {
    rescue: PathBuf,
    lines: Vec<String>,
}

static UNSAVED: Mutex<Option<Unsaved>> = Mutex::new(None);

/// Path of the rescue file of a session: `FILE.rescue.txt`, in the capture syntax.
pub fn rescue_path(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".rescue.txt");
    session.with_file_name(name)
}

/// Records the lines typed but not committed, for the panic hook to rescue.
pub fn remember_unsaved(session: &Path, lines: &[&str]) {
    let mut unsaved = UNSAVED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    match unsaved.as_mut() {
        Some(u) if u.lines.iter().map(String::as_str).eq(lines.iter().copied()) => {}
        _ => {
            *unsaved = Some(Unsaved {
                rescue: rescue_path(session),
                lines: lines.iter().map(|l| l.to_string()).collect(),
            })
        }
    }
}

/// Writes the remembered unsaved lines to the rescue file; returns its path if anything was written.
pub fn write_rescue() -> io::Result<Option<PathBuf>> {
    // try_lock: a panic inside remember_unsaved must not deadlock the hook on its own lock.
    let unsaved = match UNSAVED.try_lock() {
        Ok(guard) => guard,
        Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return Ok(None),
    };
    let Some(u) = unsaved.as_ref() else {
        return Ok(None);
    };
    let lines: Vec<&String> = u.lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return Ok(None);
    }
    let mut text = String::from(
        "// Lines typed in rapporteur but not committed when it stopped.\n\
         // They come back in the capture line when the session is reopened.\n",
    );
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    crate::storage::write_atomically(&u.rescue, text.as_bytes())?;
    Ok(Some(u.rescue.clone()))
}

/// Reads and removes the rescue file of a session: the lines it kept, without comments.
pub fn take_rescue(session: &Path) -> io::Result<Vec<String>> {
    let path = rescue_path(session);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    std::fs::remove_file(&path)?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with("//") && !l.trim().is_empty())
        .map(str::to_string)
        .collect())
}

/// Chains a panic hook that restores the terminal and writes the rescue file before the
/// default report. Call it before [`init`].
pub fn install_panic_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let _ = restore();
        match write_rescue() {
            Ok(Some(path)) => {
                eprintln!("rapporteur: your unfinished line is in {}", path.display())
            }
            Ok(None) => {}
            Err(e) => eprintln!("rapporteur: could not write the rescue file: {e}"),
        }
        previous(info);
    }));
}

/// Enters raw mode, the alternate screen and bracketed paste.
pub fn init() -> io::Result<Screen> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        let _ = restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout))
}

/// Draws one frame as a synchronized update, so the terminal shows it whole (no tearing
/// while a pane is half redrawn; terminals that do not know the mode ignore it).
pub fn draw(screen: &mut Screen, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
    queue!(screen.backend_mut(), BeginSynchronizedUpdate)?;
    let drawn = screen.draw(render).map(|_| ());
    // Ends the update even after a failed draw, so the terminal never stays frozen.
    let ended = execute!(screen.backend_mut(), EndSynchronizedUpdate);
    drawn.and(ended)
}

/// Ends a synchronized update, leaves the alternate screen, undoes bracketed paste and
/// mouse capture, shows the cursor and leaves raw mode. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let mut stdout = io::stdout();
    // Each step runs even if an earlier one failed, so the shell gets as much back as possible.
    let steps = [
        // A panic inside a draw leaves its synchronized update open: end it first.
        execute!(stdout, EndSynchronizedUpdate),
        execute!(stdout, DisableBracketedPaste),
        execute!(stdout, DisableMouseCapture),
        execute!(stdout, LeaveAlternateScreen),
        execute!(stdout, cursor::Show),
        disable_raw_mode(),
    ];
    stdout.flush()?;
    steps.into_iter().collect()
}
