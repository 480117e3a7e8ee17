//! The real binary in a real terminal: a pseudo-terminal read through a vt100 parser.
//!
//! The screen wraps each frame in a synchronized update (`CSI ? 2026 h` … `CSI ? 2026 l`),
//! so the reader knows when a frame is whole: [`Pty::frame`] is the last whole frame, never
//! one half drawn, and a hook set with [`Pty::on_frame`] sees every one of them.

#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Rows of the pseudo-terminal unless a test asks otherwise.
pub const ROWS: u16 = 30;
/// Columns of the pseudo-terminal unless a test asks otherwise.
pub const COLS: u16 = 110;

/// The end of a synchronized update: a frame is whole.
const FRAME_END: &[u8] = b"\x1b[?2026l";

/// Called with each whole frame's rows, in the reader thread.
pub type FrameHook = Box<dyn FnMut(&[String]) + Send>;

/// What the reader thread shares with the test.
struct Shared {
    parser: vt100::Parser,
    /// Rows of the last whole frame.
    frame: Vec<String>,
    /// Everything the binary wrote, when recording.
    raw: Vec<u8>,
    hook: Option<FrameHook>,
}

/// How to start the binary.
#[derive(Debug, Clone)]
pub struct Options {
    /// Terminal size (rows, columns).
    pub size: (u16, u16),
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
    /// Run the child as this user id (from a root test run, to get real permission errors).
    pub uid: Option<u32>,
    /// Keep every byte the binary writes, for tests of what reaches the terminal.
    pub record: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            size: (ROWS, COLS),
            env: Vec::new(),
            uid: None,
            record: false,
        }
    }
}

/// The binary running on the slave side of a pseudo-terminal.
pub struct Pty {
    /// The running binary.
    pub child: Child,
    master: Option<File>,
    shared: Arc<Mutex<Shared>>,
    frames: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Pty {
    /// Starts the binary with `args` in a 30x110 terminal; `home` holds its config and data.
    pub fn spawn(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let options = Options {
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Options::default()
        };
        Pty::spawn_with(home, args, &options)
    }

    /// Starts the binary with `args` as `options` say.
    pub fn spawn_with(home: &Path, args: &[&str], options: &Options) -> Pty {
        Pty::spawn_program(
            Path::new(env!("CARGO_BIN_EXE_rapporteur")),
            home,
            args,
            options,
        )
    }

    fn spawn_program(program: &Path, home: &Path, args: &[&str], options: &Options) -> Pty {
        let (rows, cols) = options.size;
        let (mut master, mut slave) = (0, 0);
        let size = winsize(rows, cols);
        // SAFETY: openpty writes two new descriptors into the integers we pass.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(opened, 0, "openpty failed");
        // Other tests' children must not inherit them: a master held open elsewhere would
        // keep the terminal from hanging up, a slave would keep the reader from ending.
        for fd in [master, slave] {
            // SAFETY: setting a flag on descriptors we just opened.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        // SAFETY: both descriptors were just opened and are owned here alone.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut command = Command::new(program);
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TERM", "xterm-256color")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .envs(options.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        if let Some(uid) = options.uid {
            command.uid(uid).gid(uid);
        }
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(|| {
                // A session of its own with the pseudo-terminal as controlling terminal.
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("the binary starts");
        let master = File::from(master);
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(rows, cols, 0),
            frame: Vec::new(),
            raw: Vec::new(),
            hook: None,
        }));
        let frames = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let output = master.try_clone().unwrap();
            let shared = Arc::clone(&shared);
            let frames = Arc::clone(&frames);
            let stop = Arc::clone(&stop);
            let record = options.record;
            thread::spawn(move || read_frames(output, &shared, &frames, &stop, record))
        };
        Pty {
            child,
            master: Some(master),
            shared,
            frames,
            stop,
            reader: Some(reader),
        }
    }

    /// The process id of the binary.
    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    fn master(&mut self) -> &mut File {
        self.master.as_mut().expect("the terminal is still open")
    }

    /// Writes bytes as if typed (or pasted) into the terminal.
    pub fn send(&mut self, bytes: &str) {
        self.send_bytes(bytes.as_bytes());
    }

    /// Writes raw bytes into the terminal.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let master = self.master();
        master.write_all(bytes).unwrap();
        master.flush().unwrap();
    }

    /// Writes `bytes` from another thread (a large paste blocks until the binary reads it).
    pub fn send_in_background(&mut self, bytes: Vec<u8>) -> thread::JoinHandle<()> {
        let mut master = self.master().try_clone().unwrap();
        thread::spawn(move || {
            master.write_all(&bytes).unwrap();
            master.flush().unwrap();
        })
    }

    /// Pastes `text` the way a terminal with bracketed paste does.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// The screen as the parser holds it now (possibly mid-frame).
    pub fn contents(&self) -> String {
        self.shared.lock().unwrap().parser.screen().contents()
    }

    /// The last whole frame, row by row.
    pub fn frame(&self) -> Vec<String> {
        self.shared.lock().unwrap().frame.clone()
    }

    /// The last whole frame as one text.
    pub fn frame_text(&self) -> String {
        self.frame().join("\n")
    }

    /// How many whole frames the binary has drawn.
    pub fn frames(&self) -> usize {
        self.frames.load(Ordering::SeqCst)
    }

    /// Runs `f` on the parser (modes, title, cursor).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.shared.lock().unwrap().parser.screen())
    }

    /// Everything written so far (with [`Options::record`]).
    pub fn raw(&self) -> Vec<u8> {
        self.shared.lock().unwrap().raw.clone()
    }

    /// Calls `hook` with every whole frame from now on.
    pub fn on_frame(&mut self, hook: FrameHook) {
        self.shared.lock().unwrap().hook = Some(hook);
    }

    /// Waits until a whole frame shows `text`.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?}"), |frame| frame.contains(text));
    }

    /// Waits until `test` holds for a whole frame's text; panics after 20 seconds.
    pub fn wait_until(&mut self, what: &str, test: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let frame = self.frame_text();
            if test(&frame) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the binary ended ({status}) before showing {what}; it shows:\n{frame}");
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {what}; it shows:\n{frame}"
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for a whole frame drawn after this call.
    pub fn next_frame(&self) {
        let seen = self.frames();
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.frames() <= seen {
            assert!(Instant::now() < deadline, "no new frame");
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Types a line and presses Enter, then waits until the screen shows `shown`.
    pub fn commit(&mut self, line: &str, shown: &str) {
        self.send(line);
        self.send("\r");
        self.wait_for(shown);
    }

    /// Resizes the terminal: the kernel sends SIGWINCH to the binary.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        // vt100 underflows printing a wide character (left over from a larger frame) in one
        // column: the parser keeps at least two; the binary gets the real size.
        self.shared
            .lock()
            .unwrap()
            .parser
            .set_size(rows.max(2), cols.max(2));
        let size = winsize(rows, cols);
        // SAFETY: TIOCSWINSZ reads a winsize struct we own.
        let r = unsafe { libc::ioctl(self.master().as_raw_fd(), libc::TIOCSWINSZ, &size) };
        assert_eq!(r, 0, "TIOCSWINSZ failed");
    }

    /// Sends `signal` to the binary.
    pub fn signal(&self, signal: i32) {
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(self.pid(), signal) };
    }

    /// Closes the terminal, as when its window is closed: the kernel hangs up the session.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.master = None;
    }

    /// Waits for the process to end (at most 20 seconds) and the reader to drain what it wrote.
    pub fn finish(mut self) -> (ExitStatus, vt100::Parser, Option<File>) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "the binary did not end within 20 s; it shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(10));
        };
        if let Some(reader) = self.reader.take() {
            let deadline = Instant::now() + Duration::from_secs(10);
            while !reader.is_finished() && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(10));
            }
            self.stop.store(true, Ordering::SeqCst);
            let _ = reader.join();
        }
        let parser = std::mem::replace(
            &mut self.shared.lock().unwrap().parser,
            vt100::Parser::new(1, 1, 0),
        );
        (status, parser, self.master.take())
    }

    /// Kills the binary with SIGKILL and waits for it.
    pub fn kill(self) -> ExitStatus {
        self.signal(libc::SIGKILL);
        self.finish().0
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failing test must not leave the binary running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn winsize(rows: u16, cols: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

/// Feeds the binary's output to the parser; publishes each whole frame.
fn read_frames(
    mut output: File,
    shared: &Mutex<Shared>,
    frames: &AtomicUsize,
    stop: &AtomicBool,
    record: bool,
) {
    let mut buf = vec![0u8; 1 << 16];
    // Bytes of a frame marker split across two reads.
    let mut carry: Vec<u8> = Vec::new();
    while !stop.load(Ordering::SeqCst) {
        let mut poll = libc::pollfd {
            fd: output.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: polling one descriptor we own, with a timeout so `stop` is seen.
        let ready = unsafe { libc::poll(&mut poll, 1, 50) };
        if ready <= 0 {
            continue;
        }
        // Ends with an error (EIO) once the child has gone and the slave is closed.
        let n = match output.read(&mut buf) {
            Ok(n @ 1..) => n,
            _ => break,
        };
        let mut shared = shared.lock().unwrap();
        if record {
            shared.raw.extend_from_slice(&buf[..n]);
        }
        carry.extend_from_slice(&buf[..n]);
        let mut start = 0;
        while let Some(at) = find(&carry[start..], FRAME_END) {
            let end = start + at + FRAME_END.len();
            process(&mut shared.parser, &carry[start..end]);
            start = end;
            let (_, cols) = shared.parser.screen().size();
            let rows: Vec<String> = shared.parser.screen().rows(0, cols).collect();
            if let Some(hook) = shared.hook.as_mut() {
                hook(&rows);
            }
            shared.frame = rows;
            frames.fetch_add(1, Ordering::SeqCst);
        }
        // Keep back only what could be the start of a marker.
        let rest = &carry[start..];
        let keep = (1..FRAME_END.len())
            .rev()
            .find(|&k| rest.len() >= k && FRAME_END.starts_with(&rest[rest.len() - k..]))
            .unwrap_or(0);
        let process_to = rest.len() - keep;
        process(&mut shared.parser, &rest[..process_to]);
        carry = rest[process_to..].to_vec();
    }
}

/// Feeds bytes to the parser. vt100 0.15 can panic on a wide character cut by a resize;
/// the parser then starts afresh at its size (the binary redraws everything after a resize).
fn process(parser: &mut vt100::Parser, bytes: &[u8]) {
    let (rows, cols) = parser.screen().size();
    let fed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.process(bytes)));
    if fed.is_err() {
        *parser = vt100::Parser::new(rows, cols, 0);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A copy of the example session in `dir`, as `meeting.ron`.
pub fn example(dir: &Path) -> PathBuf {
    let path = dir.join("meeting.ron");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-migrant-protection.ron");
    std::fs::copy(example, &path).unwrap();
    path
}

/// The texts of every note in the session file (journal replayed).
pub fn note_texts(path: &Path) -> Vec<String> {
    rapporteur::storage::load(path)
        .unwrap()
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .map(|n| n.text.clone())
        .collect()
}

/// The terminal's line discipline settings (raw mode or not).
pub fn termios(master: &File) -> libc::termios {
    // SAFETY: tcgetattr fills the struct for the terminal behind the descriptor.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::tcgetattr(master.as_raw_fd(), &mut termios) },
        0
    );
    termios
}
