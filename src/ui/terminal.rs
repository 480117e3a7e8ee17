//! Terminal set-up and restore in one place, the panic hook, stop signals, and the
//! rescue file.
//!
//! The panic hook is installed before the terminal is touched, so a panic at
//! any point leaves a usable shell and writes the unfinished line beside the
//! session. SIGTERM, SIGHUP (the terminal closed) and SIGINT end the screen the
//! way quitting does; the screen waits for input with [`wait`], which wakes on
//! them, on a resize, and when the terminal goes away.

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
        // The session can move to another file (a copy kept beside a changed one).
        Some(u)
            if u.lines.iter().map(String::as_str).eq(lines.iter().copied())
                && u.rescue == rescue_path(session) => {}
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

// ---- stop signals ----------------------------------------------------------------------------

/// The signal of a closed terminal (SIGHUP).
#[cfg(unix)]
pub const HANG_UP: i32 = libc::SIGHUP;
/// The signal of a closed terminal (SIGHUP).
#[cfg(not(unix))]
pub const HANG_UP: i32 = 1;

/// Why [`wait`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Input or a resize may be waiting, or the time is up: read events without blocking.
    Ready,
    /// The screen must stop: this signal came (SIGHUP also when the terminal went away).
    Stop(i32),
}

#[cfg(unix)]
mod signals {
    use std::io;
    use std::os::fd::{AsRawFd, RawFd};
    use std::os::unix::net::UnixStream;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::time::{Duration, Instant};

    use io::Read;
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};

    use super::Wake;

    /// Signals that end the screen as quitting does.
    pub const STOP_SIGNALS: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

    /// How long the screen gets to close after a stop signal before it is stopped anyway.
    const GRACE: Duration = Duration::from_secs(3);

    /// The stop signal received, 0 for none.
    static STOP: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
    /// Set once the screen has closed, so the grace timer lets the process end by itself.
    static CLOSED: AtomicBool = AtomicBool::new(false);
    /// Read end of the pipe the signal handlers write to, to wake [`wait`].
    static WAKE_PIPE: OnceLock<UnixStream> = OnceLock::new();
    /// The terminal's descriptor, as crossterm reads it.
    static TTY: OnceLock<RawFd> = OnceLock::new();

    pub fn watch() -> io::Result<()> {
        let stop = STOP.get_or_init(Arc::default);
        let (read, write) = UnixStream::pair()?;
        read.set_nonblocking(true)?;
        write.set_nonblocking(true)?;
        for signal in STOP_SIGNALS {
            signal_hook::flag::register_usize(signal, Arc::clone(stop), signal as usize)?;
        }
        for signal in STOP_SIGNALS.into_iter().chain([SIGWINCH]) {
            signal_hook::low_level::pipe::register(signal, write.try_clone()?)?;
        }
        let _ = WAKE_PIPE.set(read);
        // crossterm reads standard input when it is the terminal, else /dev/tty.
        // SAFETY: isatty only inspects the descriptor.
        let tty = if unsafe { libc::isatty(0) } == 1 {
            0
        } else {
            let file = std::fs::File::open("/dev/tty")?;
            std::os::fd::IntoRawFd::into_raw_fd(file)
        };
        let _ = TTY.set(tty);
        // If the screen is stuck and never gets to close, the rescue file is still written.
        let mut signals = signal_hook::iterator::Signals::new(STOP_SIGNALS)?;
        std::thread::Builder::new()
            .name("stop-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let started = Instant::now();
                    while started.elapsed() < GRACE {
                        if CLOSED.load(Ordering::SeqCst) {
                            return;
                        }
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    let _ = super::restore();
                    let _ = super::write_rescue();
                    std::process::exit(128 + signal);
                }
            })?;
        Ok(())
    }

    pub fn stop_signal() -> Option<i32> {
        match STOP.get()?.load(Ordering::SeqCst) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }

    pub fn closed() {
        CLOSED.store(true, Ordering::SeqCst);
    }

    pub fn wait(timeout: Duration) -> io::Result<Wake> {
        if let Some(signal) = stop_signal() {
            return Ok(Wake::Stop(signal));
        }
        let Some(&tty) = TTY.get() else {
            // Not watching: let crossterm wait.
            crossterm::event::poll(timeout)?;
            return Ok(Wake::Ready);
        };
        let pipe = WAKE_PIPE.get().map_or(-1, AsRawFd::as_raw_fd);
        let mut fds = [
            libc::pollfd {
                fd: tty,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: pipe,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: poll reads and writes the two pollfd structs we own.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if ready < 0 {
            let error = io::Error::last_os_error();
            if error.kind() != io::ErrorKind::Interrupted {
                return Err(error);
            }
        }
        if fds[1].revents != 0
            && let Some(mut pipe) = WAKE_PIPE.get()
        {
            let mut drain = [0u8; 64];
            while matches!(pipe.read(&mut drain), Ok(1..)) {}
        }
        if let Some(signal) = stop_signal() {
            return Ok(Wake::Stop(signal));
        }
        // The terminal went away: reading it now would never return an event.
        if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            if let Some(stop) = STOP.get() {
                stop.store(SIGHUP as usize, Ordering::SeqCst);
            }
            return Ok(Wake::Stop(SIGHUP));
        }
        Ok(Wake::Ready)
    }
}

/// Points standard input, output and error at the null device once the terminal is gone,
/// so that nothing (a library's message on the way out included) fails writing to it.
pub fn detach() {
    #[cfg(unix)]
    if let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        use std::os::fd::AsRawFd;
        for fd in 0..=2 {
            // SAFETY: dup2 onto the standard descriptors, which stay open.
            unsafe { libc::dup2(null.as_raw_fd(), fd) };
        }
    }
}

/// Makes SIGTERM, SIGHUP and SIGINT stop the screen cleanly instead of killing the
/// process: [`wait`] returns [`Wake::Stop`], and the caller restores the terminal, writes
/// the rescue file and closes the session. Should the screen not close within a few
/// seconds, the terminal is restored, the rescue file written and the process ends.
pub fn watch_signals() -> io::Result<()> {
    #[cfg(unix)]
    return signals::watch();
    #[cfg(not(unix))]
    Ok(())
}

/// The stop signal received, if any.
pub fn stop_signal() -> Option<i32> {
    #[cfg(unix)]
    return signals::stop_signal();
    #[cfg(not(unix))]
    None
}

/// Tells the signal watch that the screen has closed cleanly.
pub fn closed() {
    #[cfg(unix)]
    signals::closed();
}

/// Waits up to `timeout` for input, a resize or a stop signal; wakes at once on any of them.
pub fn wait(timeout: std::time::Duration) -> io::Result<Wake> {
    #[cfg(unix)]
    return signals::wait(timeout);
    #[cfg(not(unix))]
    {
        crossterm::event::poll(timeout)?;
        Ok(Wake::Ready)
    }
}
