//! The real binary in a real terminal: a pseudo-terminal read through a vt100 parser.
//!
//! Types notes, kills the process with SIGKILL, and finds every committed note on
//! reopening; makes it panic and finds the terminal restored and the line rescued.

#![cfg(unix)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const ROWS: u16 = 30;
const COLS: u16 = 110;

/// The binary running on the slave side of a pseudo-terminal.
struct Pty {
    child: Child,
    master: File,
    screen: Arc<Mutex<vt100::Parser>>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Pty {
    fn spawn(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
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
        // SAFETY: both descriptors were just opened and are owned here alone.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TERM", "xterm-256color")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .envs(env.iter().copied())
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
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
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut output = master.try_clone().unwrap();
        let parser = Arc::clone(&screen);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Ends with an error (EIO) once the child has gone and the slave is closed.
            while let Ok(n @ 1..) = output.read(&mut buf) {
                parser.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            child,
            master,
            screen,
            reader: Some(reader),
        }
    }

    fn send(&mut self, bytes: &str) {
        self.master.write_all(bytes.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.contents().contains(text) {
            assert!(
                Instant::now() < deadline,
                "the screen never showed {text:?}; it shows:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types a line and presses Enter, then waits until the screen shows `shown`.
    fn commit(&mut self, line: &str, shown: &str) {
        self.send(line);
        self.send("\r");
        self.wait_for(shown);
    }

    /// Waits for the process to end and the reader to drain what it wrote.
    fn finish(mut self) -> (std::process::ExitStatus, vt100::Parser, File) {
        let status = self.child.wait().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let reader = self.reader.take().unwrap();
        while !reader.is_finished() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(20));
        }
        let parser = std::mem::replace(
            &mut *self.screen.lock().unwrap(),
            vt100::Parser::new(1, 1, 0),
        );
        (status, parser, self.master)
    }
}

fn example(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("meeting.ron");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-migrant-protection.ron");
    std::fs::copy(example, &path).unwrap();
    path
}

#[test]
fn notes_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let before = rapporteur::storage::load(&path).unwrap().note_count();

    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("Note for");
    let notes = [
        (
            "@Amine Haddad: youth networks can reach the unregistered #data",
            "youth networks can reach",
        ),
        ("cities need the data first", "cities need the data first"),
        (
            "@Ndèye Diop (chat): \"Dakar is ready\" #local-partners",
            "Dakar is ready",
        ),
        ("!nobody left behind", "nobody left behind"),
    ];
    for (line, shown) in notes {
        pty.commit(line, shown);
    }
    pty.send("typed but never committed");
    pty.wait_for("typed but never committed");
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(pty.child.id() as i32, libc::SIGKILL) };
    let (status, _, _) = pty.finish();
    assert!(!status.success());

    let session = rapporteur::storage::load(&path).unwrap();
    assert_eq!(session.note_count(), before + notes.len());
    let texts: Vec<&str> = session
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .map(|n| n.text.as_str())
        .collect();
    for expected in [
        "youth networks can reach the unregistered",
        "cities need the data first",
        "Dakar is ready",
        "nobody left behind",
    ] {
        assert!(texts.contains(&expected), "{expected:?} was lost");
    }

    // The real binary opens it again (the dead process's lock does not stand in the way).
    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("nobody left behind");
    pty.send("\x03");
    let (status, screen, _) = pty.finish();
    assert!(status.success(), "{}", screen.screen().contents());
    assert_eq!(
        rapporteur::storage::read_file(&path).unwrap().note_count(),
        before + notes.len()
    );
}

#[test]
fn a_panic_restores_the_terminal_and_rescues_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let mut pty = Pty::spawn(
        dir.path(),
        &[path.to_str().unwrap()],
        &[("RAPPORTEUR_PANIC_KEY", "f12")],
    );
    pty.wait_for("Note for");
    {
        let parser = pty.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(
            screen.alternate_screen() && screen.bracketed_paste(),
            "the screen was set up"
        );
    }
    pty.commit(
        "@Amine Haddad: committed before the panic",
        "committed before the panic",
    );
    pty.send("half a thought");
    pty.wait_for("half a thought");
    pty.send("\x1b[24~"); // F12
    let (status, parser, master) = pty.finish();
    assert_eq!(status.code(), Some(101), "the process panicked");

    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "back on the main screen");
    assert!(!screen.hide_cursor(), "cursor shown");
    assert!(!screen.bracketed_paste(), "bracketed paste off");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(
        screen.contents().contains("RAPPORTEUR_PANIC_KEY pressed"),
        "{}",
        screen.contents()
    );
    // Raw mode is off again: the line discipline echoes and edits lines.
    // SAFETY: tcgetattr fills the struct for the terminal behind the descriptor.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::tcgetattr(master.as_raw_fd(), &mut termios) },
        0
    );
    assert_ne!(termios.c_lflag & libc::ICANON, 0, "canonical mode restored");
    assert_ne!(termios.c_lflag & libc::ECHO, 0, "echo restored");

    let rescue = std::fs::read_to_string(dir.path().join("meeting.ron.rescue.txt")).unwrap();
    assert!(rescue.lines().any(|l| l == "half a thought"), "{rescue}");
    let session = rapporteur::storage::load(&path).unwrap();
    assert!(
        session
            .interventions
            .iter()
            .flat_map(|i| &i.notes)
            .any(|n| n.text == "committed before the panic")
    );
}
