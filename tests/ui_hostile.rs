//! Hostile and odd input in the screen: names and notes in every script, pastes that
//! carry terminal escape sequences or ten megabytes, and terminals of any size.
//!
//! Headless screens ([`App`] on a `TestBackend`) check the layout cell by cell; the
//! binary in a pseudo-terminal checks what actually reaches the terminal.

#![cfg(unix)]

mod e2e_support;
mod ui_support;

mod cli_support;

use std::time::{Duration, Instant};

use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::{Participant, Priority, Session};
use rapporteur::ui::{App, Overlay};
use ratatui::backend::TestBackend;
use ui_support::{app, draw, line, press, type_text};

/// The meeting's clock in these tests.
const NOW: Clock = Clock(10 * 3600 + 30 * 60);

/// People named in Arabic, Hebrew, Chinese, Japanese, Devanagari, with emoji, and with
/// combining accents (decomposed), as a roster export from anywhere may hold them.
const PEOPLE: [(&str, &str, &str, &str); 8] = [
    ("fatima", "فاطمة الزهراء", "المغرب", "states"),
    ("noa", "נועה כהן", "עיריית חיפה", "mayors"),
    ("wang", "王小明", "中国移民研究中心", "civil-society"),
    ("hanako", "田中 花子", "東京都", "mayors"),
    ("priya", "प्रिया शर्मा", "भारत", "states"),
    (
        "climate",
        "🌍 Climate Youth 👩🏽‍💻",
        "🇰🇪 Nairobi",
        "civil-society",
    ),
    (
        "zoe",
        "Zoe\u{308} Ngu\u{303}gi\u{303}",
        "Ke\u{301}nya",
        "states",
    ),
    ("mixed", "Amina אמינה أمينة 阿米娜", "Σύνδεσμος", "business"),
];

/// Priorities whose titles are in the same scripts.
const PRIORITIES: [(&str, &str); 4] = [
    ("tahmi", "حماية العمال المهاجرين في كل مكان"),
    ("hagana", "הגנה על מהגרי עבודה בערים"),
    ("baohu", "保护所有移民工人的权利和尊严"),
    ("emoji", "🌱 Green jobs for 👷🏾‍♀️ migrants ✊🏿"),
];

/// Lines typed into the capture line, one note each.
const NOTES: [&str; 9] = [
    "@فاطمة: يجب أن نحمي جميع العمال المهاجرين #tahmi",
    "@noa: כל עובד זכאי להגנה, בלי קשר למעמדו #hagana",
    "@王小明 (chat): 我们需要更好的数据来保护移民 #baohu",
    "@hanako: 「移住者の声を聞く」ことが大切です",
    "@priya: सभी प्रवासी श्रमिकों के लिए सुरक्षा #tahmi",
    "@climate: 🌍🔥 the climate is a migration issue 👩🏽‍💻🧕🏾👨‍👩‍👧‍👦 #emoji",
    "@zoe: Zoe\u{308} says: cafe\u{301}, nai\u{308}ve, Z\u{335}\u{321}\u{31b}a\u{334}\u{30f}l\u{336}\u{35d}g\u{337}o\u{338} text",
    "@mixed: mixing עברית and العربية and 中文 in one note #hagana #baohu",
    "\"a quote with a tab\tand a bell\u{7} and an escape \u{1b}[2J\"",
];

fn polyglot() -> Session {
    let mut session = cli_support::gfmd_2020();
    for (id, name, affiliation, group) in PEOPLE {
        session
            .apply(Edit::AddParticipant(Participant {
                id: id.into(),
                name: name.into(),
                affiliation: affiliation.into(),
                group: group.into(),
                role: None,
                chair: false,
            }))
            .unwrap();
    }
    for (id, title) in PRIORITIES {
        session
            .apply(Edit::AddPriority(Priority {
                id: id.into(),
                title: title.into(),
                description: None,
            }))
            .unwrap();
    }
    session
}

/// A screen on the polyglot meeting with every note typed.
fn polyglot_meeting() -> App {
    let mut app = app(polyglot(), NOW);
    for text in NOTES {
        line(&mut app, text);
        assert!(
            app.capture_text().is_empty(),
            "{text:?} was not committed: {:?}",
            app.message()
        );
    }
    app
}

/// The rows of a drawn screen, one string per row (a wide character's second cell empty).
fn rows(backend: &TestBackend) -> Vec<Vec<String>> {
    let buffer = backend.buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

fn is_border(symbol: &str) -> bool {
    matches!(
        symbol,
        "│" | "┌" | "┐" | "└" | "┘" | "─" | "├" | "┤" | "┬" | "┴" | "┼"
    )
}

/// The columns where a pane's left or right border runs in a screen of ASCII names: the
/// places the borders must stay whatever the text.
fn border_columns(reference: &[Vec<String>]) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    for (y, row) in reference.iter().enumerate() {
        for (x, symbol) in row.iter().enumerate() {
            if matches!(symbol.as_str(), "│" | "┌" | "┐" | "└" | "┘") {
                cells.push((x, y));
            }
        }
    }
    cells
}

/// Checks that every border cell of the reference is a border cell of `screen` too, and
/// that no cell holds a control character.
fn assert_aligned(reference: &TestBackend, screen: &TestBackend, what: &str) {
    let reference = rows(reference);
    let screen = rows(screen);
    for (x, y) in border_columns(&reference) {
        assert!(
            is_border(&screen[y][x]),
            "{what}: the border at column {x}, row {y} moved; row {y} is:\n{}",
            screen[y].concat()
        );
    }
    for (y, row) in screen.iter().enumerate() {
        for symbol in row {
            assert!(
                !symbol.chars().any(|c| c.is_control()),
                "{what}: a control character reached row {y}: {symbol:?}"
            );
        }
    }
}

/// The same meeting with plain ASCII names, notes and titles of the same shape.
fn ascii_meeting() -> App {
    let mut session = polyglot();
    for (i, p) in session.participants.iter_mut().enumerate() {
        p.name = format!("Person {i}");
        p.affiliation = "Somewhere".into();
    }
    for p in &mut session.priorities {
        p.title = "A plain title".into();
    }
    let mut app = app(session, NOW);
    for i in 0..PEOPLE.len() {
        line(&mut app, &format!("@Person {i}: a plain note"));
    }
    app
}

#[test]
fn every_script_keeps_the_borders_aligned() {
    let mut app = polyglot_meeting();
    let mut plain = ascii_meeting();
    for (w, h) in [(80, 24), (120, 35)] {
        let screen = draw(&mut app, w, h);
        assert_aligned(&draw(&mut plain, w, h), &screen, &format!("{w}x{h}"));
        insta::assert_snapshot!(format!("polyglot_{w}x{h}"), screen);
    }
}

#[test]
fn every_script_in_popups_search_and_the_voice_balance() {
    let mut plain = ascii_meeting();
    let mut app = polyglot_meeting();
    press(&mut app, &["f2"]);
    assert_aligned(
        &draw(&mut plain, 80, 24),
        &draw(&mut app, 80, 24),
        "voice balance",
    );
    press(&mut app, &["f2"]);

    type_text(&mut app, "@ا");
    assert!(app.completion().is_some());
    insta::assert_snapshot!("polyglot_speaker_popup_80x24", draw(&mut app, 80, 24));
    press(&mut app, &["esc", "ctrl-u"]);

    type_text(&mut app, "@Zoe: a note #");
    insta::assert_snapshot!("polyglot_tag_popup_120x35", draw(&mut app, 120, 35));
    press(&mut app, &["esc", "ctrl-u"]);

    press(&mut app, &["ctrl-f"]);
    type_text(&mut app, "移民");
    assert!(matches!(app.overlay, Overlay::Search(_)));
    insta::assert_snapshot!("polyglot_search_80x24", draw(&mut app, 80, 24));
    press(&mut app, &["esc"]);

    press(&mut app, &["ctrl-p"]);
    type_text(&mut app, "כהן");
    insta::assert_snapshot!("polyglot_speaker_filter_80x24", draw(&mut app, 80, 24));
}

#[test]
fn any_size_from_one_by_one_draws_without_panicking() {
    let mut app = polyglot_meeting();
    let overlays: [&[&str]; 5] = [&[], &["f1"], &["esc", "up", "up"], &["ctrl-f"], &["esc"]];
    for keys in overlays {
        press(&mut app, keys);
        for w in (1..=130).step_by(7).chain([59, 60, 61, 119, 120]) {
            for h in (1..=40).step_by(3).chain([15, 16, 17]) {
                draw(&mut app, w, h);
            }
        }
    }
    // The popup's last row adds the person through a form, opened only when chosen.
    type_text(&mut app, "@new person");
    press(&mut app, &["up", "tab"]);
    assert!(matches!(app.overlay, Overlay::Form(_)));
    for (w, h) in [(1, 1), (2, 1), (1, 2), (20, 5), (59, 15), (60, 16)] {
        draw(&mut app, w, h);
    }
    insta::assert_snapshot!("one_by_one", draw(&mut app, 1, 1));
    insta::assert_snapshot!("too_small_30x6", draw(&mut app, 30, 6));
}

// ---- pastes ----------------------------------------------------------------------------------

/// Escape sequences a pasted text may carry: a window title (OSC 0), a hyperlink and a
/// clipboard write (OSC 8, OSC 52), a clear screen and a colour (CSI), a device control
/// string, bells, the 8-bit CSI, and a line that ends a bracketed paste early.
const ESCAPES: [&str; 9] = [
    "title \u{1b}]0;owned title\u{7} after",
    "link \u{1b}]8;;http://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\ after",
    "clipboard \u{1b}]52;c;b3duZWQ=\u{7} after",
    "clear \u{1b}[2J\u{1b}[H screen \u{1b}[31;1;4;5;7mred\u{1b}[0m after",
    "dcs \u{1b}P1$qm\u{1b}\\ after",
    "bells \u{7}\u{7}\u{7} after",
    "c1 \u{9b}31m csi after",
    "apc \u{1b}_hidden\u{1b}\\ and pm \u{1b}^hidden\u{1b}\\ after",
    "cursor \u{1b}[10A\u{1b}[999C\u{1b}[s\u{1b}[u after",
];

fn note_texts(app: &App) -> Vec<String> {
    app.session()
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn pasted_escape_sequences_become_visible_symbols() {
    let mut app = polyglot_meeting();
    let before = app.session().note_count();
    app.handle_paste(&ESCAPES.join("\n"));
    assert_eq!(app.session().note_count(), before + ESCAPES.len());
    let texts = note_texts(&app);
    assert!(
        texts.contains(&"title ␛]0;owned title␇ after".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"c1 �31m csi after".to_string()),
        "{texts:?}"
    );
    for text in &texts {
        assert!(!text.chars().any(char::is_control), "{text:?}");
    }
    let mut plain = ascii_meeting();
    for (w, h) in [(80, 24), (120, 35)] {
        assert_aligned(
            &draw(&mut plain, w, h),
            &draw(&mut app, w, h),
            &format!("{w}x{h}"),
        );
    }
    insta::assert_snapshot!("escapes_120x35", draw(&mut app, 120, 35));
}

#[test]
fn a_short_paste_is_recorded_at_once_and_undone_at_once() {
    let mut app = polyglot_meeting();
    let before = app.session().note_count();
    let lines: Vec<String> = (1..=20).map(|i| format!("pasted point {i}")).collect();
    app.handle_paste(&lines.join("\r\n"));
    assert_eq!(app.session().note_count(), before + 20);
    assert!(app.capture_text().is_empty());
    assert!(app.unsaved_lines().is_empty());
    let message = app.message().unwrap().text.clone();
    assert!(
        message.starts_with("recorded 20 pasted lines as notes"),
        "{message}"
    );
    press(&mut app, &["ctrl-z"]);
    assert_eq!(
        app.session().note_count(),
        before,
        "one undo takes the paste back"
    );
    press(&mut app, &["ctrl-y"]);
    assert_eq!(app.session().note_count(), before + 20);
}

#[test]
fn a_long_paste_waits_for_enter_and_esc_drops_it() {
    let mut app = polyglot_meeting();
    let before = app.session().note_count();
    type_text(&mut app, "typed before the paste");
    let lines: Vec<String> = (1..=21).map(|i| format!("pasted point {i}")).collect();
    app.handle_paste(&lines.join("\n"));
    assert_eq!(app.session().note_count(), before, "nothing recorded yet");
    assert_eq!(app.capture_text(), "typed before the paste");
    assert_eq!(
        app.message().unwrap().text,
        "21 pasted lines wait: enter records them all as notes · esc drops them"
    );
    assert!(app.capture_title().0.contains("21 pasted lines waiting"));
    insta::assert_snapshot!("paste_waiting_80x24", draw(&mut app, 80, 24));
    press(&mut app, &["esc"]);
    assert_eq!(app.unsaved_lines(), ["typed before the paste"]);
    assert_eq!(app.session().note_count(), before);

    // The biggest paste taken: recorded as one change, in one go.
    let lines: Vec<String> = (1..=rapporteur::ui::PASTE_MAX_LINES)
        .map(|i| format!("@Zoe: pasted point {i} #hagana"))
        .collect();
    press(&mut app, &["ctrl-u"]);
    app.handle_paste(&lines.join("\n"));
    assert!(
        app.message()
            .unwrap()
            .text
            .starts_with("5,000 pasted lines wait")
    );
    let started = Instant::now();
    press(&mut app, &["enter"]);
    eprintln!("5,000 pasted lines recorded in {:?}", started.elapsed());
    assert_eq!(app.session().note_count(), before + 5_000);
    assert!(app.unsaved_lines().is_empty());
    assert_eq!(
        app.tally(),
        &rapporteur::tally::Tally::compute(app.session()),
        "the live tally took every pasted line in"
    );
    press(&mut app, &["ctrl-z"]);
    assert_eq!(app.session().note_count(), before);
}

#[test]
fn a_paste_stops_at_its_first_problem_with_the_rest_waiting() {
    let mut app = polyglot_meeting();
    let before = app.session().note_count();
    let mut lines: Vec<String> = (1..=30).map(|i| format!("pasted point {i}")).collect();
    lines[10] = "[10:6x] a time that is no time".into();
    app.handle_paste(&lines.join("\n"));
    press(&mut app, &["enter"]);
    assert_eq!(app.session().note_count(), before + 10);
    assert!(
        matches!(app.overlay, Overlay::None),
        "no form opens by itself"
    );
    assert_eq!(app.capture_text(), "[10:6x] a time that is no time");
    assert_eq!(app.unsaved_lines().len(), 20);
}

#[test]
fn pastes_too_large_to_be_notes_are_refused_whole() {
    let ten_mb = "a long line of text, ".repeat(10 * 1024 * 1024 / 21);
    let many_lines = "a short line\n".repeat(rapporteur::ui::PASTE_MAX_LINES + 1);
    let long_line = format!(
        "fine\n{}\nfine",
        "x".repeat(rapporteur::ui::NOTE_MAX_CHARS + 1)
    );
    let ten_mb_of_lines = "@Zoe: one line of a huge paste\n".repeat(10 * 1024 * 1024 / 31);
    let mut app = polyglot_meeting();
    type_text(&mut app, "typed");
    let before = app.session().note_count();
    for (paste, said) in [
        (
            &ten_mb,
            "paste of 10.0 MB refused: more than 1.0 MB at once; nothing was added",
        ),
        (&ten_mb_of_lines, "paste of 10.0 MB refused"),
        (
            &many_lines,
            "paste of 5,001 lines refused: more than 5,000 at once; nothing was added",
        ),
        (
            &long_line,
            "paste refused: its line 2 has 10,001 characters, more than a note holds (10,000)",
        ),
    ] {
        let started = Instant::now();
        app.handle_paste(paste);
        let took = started.elapsed();
        let message = app.message().unwrap();
        assert!(
            message.error && message.text.starts_with(said),
            "{}",
            message.text
        );
        assert_eq!(app.session().note_count(), before);
        assert_eq!(app.unsaved_lines(), ["typed"]);
        // Not a timing assertion: a hint for whoever reads a failure of the lines above.
        eprintln!("{said:.30}: {took:?}");
    }
    // Still typing and committing as before.
    type_text(&mut app, " after the refusals");
    press(&mut app, &["enter"]);
    assert_eq!(app.session().note_count(), before + 1);

    press(&mut app, &["ctrl-f"]);
    app.handle_paste(&"x".repeat(rapporteur::ui::FIELD_MAX_CHARS + 1));
    assert_eq!(
        app.message().unwrap().text,
        "paste of 1,001 characters refused: a search holds 1,000 at most"
    );
    assert_eq!(app.active_input().text(), "");
}

// ---- the binary in a terminal ------------------------------------------------------------------

use e2e_support::{Options, Pty};

/// A session file holding the polyglot roster, in `dir`.
fn polyglot_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("meeting.ron");
    rapporteur::storage::SessionFile::create(&path, &polyglot())
        .unwrap()
        .release();
    path
}

/// Every escape sequence in `output`, as the text after ESC up to its final byte.
fn escape_sequences(output: &str) -> Vec<String> {
    let mut sequences = Vec::new();
    let mut chars = output.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            continue;
        }
        let mut sequence = String::new();
        if let Some(kind) = chars.next() {
            sequence.push(kind);
            if kind == '[' {
                // CSI: parameters and intermediates up to a final byte in @..~.
                for c in chars.by_ref() {
                    sequence.push(c);
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        }
        sequences.push(sequence);
    }
    sequences
}

#[test]
fn escape_sequences_pasted_into_the_terminal_stay_inert() {
    let dir = tempfile::tempdir().unwrap();
    let path = polyglot_file(dir.path());
    let options = Options {
        record: true,
        ..Options::default()
    };
    let mut pty = Pty::spawn_with(dir.path(), &[path.to_str().unwrap()], &options);
    pty.wait_for("No notes yet.");
    pty.commit("@Zoe: the floor is hers", "the floor is hers");
    // A terminal that filters nothing passes the bytes through inside the paste brackets.
    pty.paste(&ESCAPES.join("\r"));
    pty.wait_for("cursor ␛[10A␛[999C␛[s␛[u after");
    pty.wait_for("title ␛]0;owned title␇ after");

    let output = String::from_utf8_lossy(&pty.raw()).into_owned();
    let sequences = escape_sequences(&output);
    for sequence in &sequences {
        let kind = sequence.chars().next().unwrap_or(' ');
        assert_eq!(
            kind, '[',
            "only CSI sequences are written, not ESC {sequence:?}"
        );
        let last = sequence.chars().last().unwrap();
        // What the screen itself writes: colours and styles, cursor position, erase,
        // modes (alternate screen, bracketed paste, cursor, synchronized update).
        assert!(
            matches!(last, 'm' | 'H' | 'J' | 'K' | 'h' | 'l' | 'G' | 'C' | 'X'),
            "unexpected CSI {sequence:?}"
        );
        assert!(
            !sequence.contains("31;1;4;5;7") && !sequence.contains("999"),
            "a pasted sequence reached the terminal: {sequence:?}"
        );
    }
    for c in output.chars() {
        assert!(
            c == '\u{1b}' || c == '\r' || c == '\n' || !c.is_control(),
            "control character {c:?} written to the terminal"
        );
    }
    pty.with_screen(|screen| {
        assert_eq!(screen.title(), "", "the window title is untouched");
        assert_eq!(screen.icon_name(), "");
        assert_eq!(screen.audible_bell_count(), 0, "no bell rang");
        assert!(screen.alternate_screen() && screen.bracketed_paste());
    });
    pty.send("\x11");
    assert!(pty.finish().0.success());
    let notes = e2e_support::note_texts(&path);
    assert!(
        notes.contains(&"clipboard ␛]52;c;b3duZWQ=␇ after".to_string()),
        "{notes:?}"
    );
}

#[test]
fn a_ten_megabyte_paste_is_refused_and_the_screen_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = polyglot_file(dir.path());
    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("No notes yet.");
    pty.commit("@Zoe: before the paste", "before the paste");
    let line = "@Zoe: a line of a paste far too big to be notes \u{1b}]0;x\u{7}\r";
    let paste = format!(
        "\x1b[200~{}\x1b[201~",
        line.repeat(10 * 1024 * 1024 / line.len())
    );
    let started = Instant::now();
    let writer = pty.send_in_background(paste.into_bytes());
    pty.wait_for("paste of 10.0 MB refused");
    writer.join().unwrap();
    let refused = started.elapsed();
    pty.commit("typed right after the paste", "typed right after the paste");
    let answered = started.elapsed();
    eprintln!("10 MB paste: refused after {refused:?}, next note shown after {answered:?}");
    pty.send("\x11");
    assert!(pty.finish().0.success());
    let notes = e2e_support::note_texts(&path);
    assert_eq!(notes, ["before the paste", "typed right after the paste"]);
}

#[test]
fn every_script_keeps_the_borders_aligned_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = polyglot_file(dir.path());
    let (rows_count, cols) = (35, 120);
    let options = Options {
        size: (rows_count, cols),
        ..Options::default()
    };
    let mut pty = Pty::spawn_with(dir.path(), &[path.to_str().unwrap()], &options);
    pty.wait_for("No notes yet.");
    pty.paste(&NOTES.join("\n"));
    pty.wait_for("␛[2J”");
    let reference = rows(&draw(&mut ascii_meeting(), cols, rows_count));
    let frame = pty.frame();
    pty.with_screen(|screen| {
        for (x, y) in border_columns(&reference) {
            let cell = screen.cell(y as u16, x as u16).unwrap();
            assert!(
                is_border(&cell.contents()),
                "the border at column {x}, row {y} moved; the screen shows:\n{}",
                frame.join("\n")
            );
        }
    });
    pty.send("\x11");
    assert!(pty.finish().0.success());
}

#[test]
fn a_storm_of_resizes_down_to_one_by_one_ends_on_a_whole_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = polyglot_file(dir.path());
    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("No notes yet.");
    pty.paste(&NOTES.join("\n"));
    pty.wait_for("␛[2J”");
    // Timers tick while the storm blows: compare where the borders are and the text
    // without its digits and spaces.
    let blank = |frame: &str| -> Vec<(Vec<usize>, String)> {
        frame
            .lines()
            .map(|row| {
                let borders = row
                    .chars()
                    .enumerate()
                    .filter(|(_, c)| matches!(c, '│' | '┌' | '┐' | '└' | '┘'))
                    .map(|(x, _)| x)
                    .collect();
                let text = row
                    .chars()
                    .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
                    .collect();
                (borders, text)
            })
            .collect()
    };
    let before = blank(&pty.frame_text());
    let mut seed = 0x2545_f491_u64;
    let mut sizes = vec![(1, 1), (2, 1), (1, 2), (16, 60), (15, 59), (24, 80)];
    for _ in 0..200 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        sizes.push(((seed % 60 + 1) as u16, ((seed >> 8) % 200 + 1) as u16));
    }
    for (rows, cols) in sizes {
        pty.resize(rows, cols);
        std::thread::sleep(Duration::from_micros(300));
    }
    pty.resize(e2e_support::ROWS, e2e_support::COLS);
    pty.wait_until("the screen as before the storm", |frame| {
        blank(frame) == before
    });
    // Still alive and typing.
    pty.commit("after the storm", "after the storm");
    pty.send("\x11");
    assert!(pty.finish().0.success());
}
