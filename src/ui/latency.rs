//! The latency log: for each key, how long the screen took to handle it and to draw
//! the frame that shows it. Off unless `RAPPORTEUR_LATENCY_LOG` names a file.
//!
//! One line per key or paste, tab-separated: the kind of key (the action it is bound
//! to, `char` for a typed character, `paste`), the microseconds spent handling it,
//! drawing the next frame, and from reading it to that frame being on the terminal.
//! Only kinds and timings are written, never what was typed.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind};

use crate::keymap::Keymap;

/// Environment variable naming the file the latency log is written to.
pub const VARIABLE: &str = "RAPPORTEUR_LATENCY_LOG";

/// The first line of the log, naming its columns.
pub const HEADER: &str = "# kind\thandle_us\tdraw_us\tkey_to_frame_us";

/// A key handled but not yet drawn.
struct Handled {
    kind: String,
    read: Instant,
    handle: Duration,
}

/// An open latency log.
pub struct LatencyLog {
    out: BufWriter<File>,
    waiting: Vec<Handled>,
}

impl std::fmt::Debug for LatencyLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LatencyLog")
    }
}

impl LatencyLog {
    /// Opens the log named by [`VARIABLE`], if it is set; the file is replaced.
    pub fn from_env() -> io::Result<Option<LatencyLog>> {
        match std::env::var_os(VARIABLE) {
            Some(path) if !path.is_empty() => LatencyLog::create(Path::new(&path)).map(Some),
            _ => Ok(None),
        }
    }

    /// Creates (or empties) the log at `path`, readable by its owner only.
    pub fn create(path: &Path) -> io::Result<LatencyLog> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut out = BufWriter::new(options.open(path)?);
        writeln!(out, "{HEADER}")?;
        out.flush()?;
        Ok(LatencyLog {
            out,
            waiting: Vec::new(),
        })
    }

    /// Records that an event of `kind`, read at `read`, was handled by now.
    pub fn handled(&mut self, kind: String, read: Instant) {
        self.waiting.push(Handled {
            kind,
            read,
            handle: read.elapsed(),
        });
    }

    /// Records a frame drawn in `draw`, just finished: it shows every key handled since
    /// the last frame. The lines are flushed to the file (after the frame, outside it).
    pub fn drawn(&mut self, draw: Duration) -> io::Result<()> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        let now = Instant::now();
        for key in self.waiting.drain(..) {
            writeln!(
                self.out,
                "{}\t{:.1}\t{:.1}\t{:.1}",
                key.kind,
                micros(key.handle),
                micros(draw),
                micros(now.duration_since(key.read)),
            )?;
        }
        self.out.flush()
    }
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// The kind of an event for the log, or `None` for events that are not typing
/// (releases, resizes, focus): the bound action's name, `char`, `paste` or `key`.
pub fn kind(event: &Event, keymap: &Keymap) -> Option<String> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            let Some(key) = super::input::key_of(key) else {
                return Some("key".into());
            };
            Some(match keymap.action(&key) {
                Some(action) => action.name(),
                None if key.typed_char().is_some() => "char".into(),
                None => "key".into(),
            })
        }
        Event::Paste(_) => Some("paste".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn the_log_holds_kinds_and_timings_never_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latency.tsv");
        let keymap = Keymap::default();
        let mut log = LatencyLog::create(&path).unwrap();
        let typed = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE));
        let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        let paste = Event::Paste("secret words".into());
        for event in [&typed, &enter, &paste] {
            log.handled(kind(event, &keymap).unwrap(), Instant::now());
        }
        log.drawn(Duration::from_micros(250)).unwrap();
        // Nothing waits: no line for a frame without keys.
        log.drawn(Duration::from_micros(9)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], HEADER);
        let kinds: Vec<&str> = lines[1..]
            .iter()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(kinds, ["char", "confirm", "paste"]);
        for line in &lines[1..] {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{line}");
            assert_eq!(fields[2], "250.0");
            assert!(
                fields[1..].iter().all(|f| f.parse::<f64>().is_ok()),
                "{line}"
            );
        }
        assert!(!text.contains("secret") && !text.contains('z'));
        let resize = Event::Resize(80, 24);
        assert_eq!(kind(&resize, &keymap), None);
    }
}
