//! Every key the three keymaps bind reaches its action through the bytes a real
//! terminal (xterm, and tmux in its default mode) sends for it.
//!
//! The binary runs in a pseudo-terminal with its latency log on: the log names the
//! action each key was read as, so a key the terminal sends in a way the screen cannot
//! read (or reads as another key) shows as a missing or wrong line.

#![cfg(unix)]

mod e2e_support;

use std::time::Duration;

use e2e_support::{Pty, example};
use rapporteur::action::Action;
use rapporteur::keymap::{Key, KeyName, Keymap};

/// The xterm modifier parameter: 1 + shift + 2·alt + 4·ctrl.
fn modifier(key: &Key) -> u8 {
    1 + u8::from(key.shift) + 2 * u8::from(key.alt) + 4 * u8::from(key.ctrl)
}

/// The bytes xterm sends for `key`.
fn bytes_of(key: &Key) -> Vec<u8> {
    let m = modifier(key);
    let plain_mods = m == 1;
    let csi = |end: &str| -> Vec<u8> {
        if plain_mods {
            format!("\x1b[{end}").into_bytes()
        } else {
            format!("\x1b[1;{m}{end}").into_bytes()
        }
    };
    let tilde = |n: u8| -> Vec<u8> {
        if plain_mods {
            format!("\x1b[{n}~").into_bytes()
        } else {
            format!("\x1b[{n};{m}~").into_bytes()
        }
    };
    let alt = |mut rest: Vec<u8>| {
        if key.alt {
            rest.insert(0, 0x1b);
        }
        rest
    };
    match key.code {
        KeyName::Char(c) if key.ctrl => {
            let byte = match c {
                'a'..='z' => c as u8 - b'a' + 1,
                ' ' | '@' | '2' => 0,
                '/' | '_' | '7' => 0x1f,
                '\\' | '4' => 0x1c,
                ']' | '5' => 0x1d,
                '^' | '6' => 0x1e,
                other => panic!("no control byte for ctrl-{other}"),
            };
            alt(vec![byte])
        }
        KeyName::Char(c) => alt(c.to_string().into_bytes()),
        KeyName::Enter => alt(b"\r".to_vec()),
        KeyName::Tab => alt(b"\t".to_vec()),
        KeyName::BackTab => b"\x1b[Z".to_vec(),
        KeyName::Esc => b"\x1b".to_vec(),
        // xterm sends DEL for Backspace and BS for Ctrl-Backspace.
        KeyName::Backspace if key.ctrl => vec![0x08],
        KeyName::Backspace => alt(vec![0x7f]),
        KeyName::Up => csi("A"),
        KeyName::Down => csi("B"),
        KeyName::Right => csi("C"),
        KeyName::Left => csi("D"),
        KeyName::Home => csi("H"),
        KeyName::End => csi("F"),
        KeyName::Insert => tilde(2),
        KeyName::Delete => tilde(3),
        KeyName::PageUp => tilde(5),
        KeyName::PageDown => tilde(6),
        KeyName::F(n @ 1..=4) => {
            let end = ["P", "Q", "R", "S"][usize::from(n - 1)];
            if plain_mods {
                format!("\x1bO{end}").into_bytes()
            } else {
                format!("\x1b[1;{m}{end}").into_bytes()
            }
        }
        KeyName::F(n) => {
            let code = match n {
                5 => 15,
                6 => 17,
                7 => 18,
                8 => 19,
                9 => 20,
                10 => 21,
                11 => 23,
                12 => 24,
                other => panic!("no sequence for f{other}"),
            };
            tilde(code)
        }
    }
}

/// Presses every key `keymap` binds (quitting last) and returns, per key, what the screen
/// logged it as.
fn read_back(keymap: &str) -> Vec<(String, Action, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let log = dir.path().join("keys.log");
    let keys = Keymap::load(Some(keymap), None).unwrap();
    let mut bindings: Vec<(Key, Action)> = Action::ALL
        .iter()
        .filter(|a| **a != Action::Ignore)
        .flat_map(|a| keys.keys_for(*a).iter().map(move |k| (*k, *a)))
        .collect();
    // Quitting ends the run, so it goes last, once.
    bindings.sort_by_key(|(_, a)| *a == Action::Quit);
    let quit_keys = bindings.iter().filter(|(_, a)| *a == Action::Quit).count();
    bindings.truncate(bindings.len() - quit_keys + 1);
    let mut pty = Pty::spawn(
        dir.path(),
        &["--keymap", keymap, path.to_str().unwrap()],
        &[("RAPPORTEUR_LATENCY_LOG", log.to_str().unwrap())],
    );
    pty.wait_for("Note for");
    for (key, _) in &bindings {
        pty.send_bytes(&bytes_of(key));
        // Esc alone and Alt-x differ only in timing: leave the terminal time to tell them apart.
        std::thread::sleep(Duration::from_millis(60));
    }
    let (status, _, _) = pty.finish();
    assert!(status.success(), "{keymap}: the screen did not end cleanly");
    let logged: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
    bindings
        .iter()
        .enumerate()
        .map(|(i, (key, action))| {
            (
                key.to_string(),
                *action,
                logged.get(i).cloned().unwrap_or_default(),
            )
        })
        .collect()
}

fn check(keymap: &str) {
    let results = read_back(keymap);
    // The quit key comes last: that the screen ended cleanly shows it arrived (the log
    // writes a key's line with the frame that follows it, and quitting draws none).
    let (last, others) = results.split_last().expect("keys were pressed");
    assert_eq!(last.1, Action::Quit);
    let wrong: Vec<String> = others
        .iter()
        .filter(|(_, action, logged)| action.name() != *logged)
        .map(|(key, action, logged)| format!("{key} → {} read as {logged:?}", action.name()))
        .collect();
    assert!(
        wrong.is_empty(),
        "{keymap}: keys that do not reach their action: {wrong:#?}"
    );
}

#[test]
fn every_default_key_reaches_its_action() {
    check("default");
}

#[test]
fn every_vim_key_reaches_its_action() {
    check("vim");
}

#[test]
fn every_emacs_key_reaches_its_action() {
    check("emacs");
}
