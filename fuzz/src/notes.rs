//! Notes files in the capture syntax: floor turns and chat inputs by people on the
//! roster written every way the rule folds (case, accents, spaces), lines for
//! whoever has the floor, `[HH:MM]` and `[HH:MM:SS]` times going forward and back,
//! labels and tags inside sentences, quotes and emphasis, comments, blank lines, and
//! now and then a line that cannot be recorded (an unknown name or tag, a bad time,
//! a note for nobody).
//!
//! The shape knows each line, so the check compares the import with it: the notes
//! (their words, kind, emphasis and tags), or an error on a line that could fail
//! after lines that all record; the projections kept by the meeting equal those
//! computed afresh, and undo takes the whole import back.

use std::path::Path;

use arbitrary::Arbitrary;
use rapporteur::clock::Clock;
use rapporteur::import::notes;
use rapporteur::meeting::{Meeting, SpeakerCounts};
use rapporteur::model::{NoteKind, Session};
use rapporteur::names::accent_key;
use rapporteur::tally::{self, Tally};
use rapporteur::timeline::Timeline;

use crate::text::{Text, pick};

/// Most lines in a file, so that a run stays quick.
const LINES: usize = 60;
/// Most words in a note.
const WORDS: usize = 10;

/// A notes file.
#[derive(Arbitrary, Debug)]
pub struct Notes {
    lines: Vec<Line>,
    crlf: bool,
    final_newline: bool,
}

/// One line of notes, as typed.
#[derive(Arbitrary, Debug)]
pub struct Line {
    time: Option<Time>,
    what: What,
}

impl Line {
    /// The line as typed against `session`'s roster and priorities.
    pub fn typed(&self, session: &Session) -> String {
        Notes::render_line(self, session, &mut Context::default()).0
    }
}

/// What the lines before tell about the next one.
#[derive(Debug, Default)]
struct Context {
    /// Someone was given the floor.
    floor_given: bool,
    /// The latest time typed.
    latest: Clock,
    /// A time went back, so whose turn runs then is the placing rule's to say.
    gone_back: bool,
}

/// `[HH:MM]`, `[HH:MM:SS]`, with spaces inside, or with minutes past 59.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Time {
    Minutes(u8, u8),
    Seconds(u8, u8, u8),
    Spaced(u8, u8),
    Bad(u8, u8),
}

#[derive(Arbitrary, Debug)]
enum What {
    /// `@NAME: note`, or `@NAME` alone: the floor.
    Floor(Who, Option<NoteShape>, bool),
    /// `@NAME (chat): note`.
    Chat(Who, NoteShape),
    /// A note for whoever has the floor.
    Continue(NoteShape),
    /// `// comment`.
    Comment(Text),
    /// Spaces only.
    Blank(u8),
}

/// A speaker as typed.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Who {
    /// Someone on the roster, in one of the ways the rule folds to the same name.
    Roster(u8, Style),
    /// The first word of someone's name: a prefix, which may match several people.
    Prefix(u8),
    /// Someone nobody registered.
    Unknown(u8, u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Style {
    AsIs,
    Lower,
    Upper,
    /// Accents dropped.
    Plain,
    /// Runs of spaces.
    Spaced,
    /// Dashes as spaces (`Jean Baptiste` for `Jean-Baptiste`).
    Undashed,
}

/// A note as typed.
#[derive(Arbitrary, Debug)]
struct NoteShape {
    emphasis: bool,
    quote: Option<bool>,
    text: Text,
    /// A tag inside the sentence, which keeps its word.
    inline: Option<Tag>,
    /// Tags at the end: labels.
    labels: Vec<Tag>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Tag {
    Known(u8),
    Shouted(u8),
    /// A prefix of a priority's id, which may match several.
    Prefix(u8),
    Unknown(u8),
}

/// What one line must come to.
#[derive(Debug)]
struct Expect {
    /// The note the line records: its words (no spaces), whether a quote, emphasis, and
    /// its tags (sorted) unless the resolver picks them.
    note: Option<(String, bool, bool, Option<Vec<String>>)>,
    /// Whether the line may be refused.
    may_fail: bool,
}

impl Notes {
    /// The file, and what each of its lines must come to.
    fn render(&self, roster: &Session) -> (String, Vec<Expect>) {
        let end = if self.crlf { "\r\n" } else { "\n" };
        let mut lines = Vec::new();
        let mut expected = Vec::new();
        let mut context = Context::default();
        for line in self.lines.iter().take(LINES) {
            let (typed, expect) = Self::render_line(line, roster, &mut context);
            lines.push(typed);
            expected.push(expect);
        }
        let mut text = lines.join(end);
        if self.final_newline && !lines.is_empty() {
            text.push_str(end);
        }
        (text, expected)
    }

    /// One line as typed, and what it must come to after the lines before.
    fn render_line(line: &Line, roster: &Session, context: &mut Context) -> (String, Expect) {
        // After a time, `//` is a note's text, and spaces alone are refused: times go on notes.
        let noting = !matches!(line.what, What::Comment(_) | What::Blank(_));
        let (time_text, time, bad_time) = match line.time {
            Some(t) if noting => t.render(),
            _ => (String::new(), None, false),
        };
        if let Some(time) = time {
            context.gone_back |= time < context.latest;
            context.latest = context.latest.max(time);
        }
        let mut may_fail = bad_time;
        let (body, note) = match &line.what {
            What::Floor(who, note, explicit) => {
                let (name, risky) = who.render(roster);
                may_fail |= risky;
                context.floor_given = true;
                let channel = if *explicit { " (floor)" } else { "" };
                match note {
                    Some(note) => {
                        let (text, expect, risky) = note.render(roster);
                        may_fail |= risky;
                        (format!("@{name}{channel}: {text}"), expect)
                    }
                    None => (format!("@{name}{channel}"), None),
                }
            }
            What::Chat(who, note) => {
                let (name, risky) = who.render(roster);
                let (text, expect, risky_note) = note.render(roster);
                // A chat input with nothing in it gives nobody the floor and records nothing.
                may_fail |= risky || risky_note || expect.is_none();
                (format!("@{name} (chat): {text}"), expect)
            }
            What::Continue(note) => {
                let (text, expect, risky) = note.render(roster);
                // Whose turn it is once times went back is the placing rule's to say.
                may_fail |=
                    risky || (expect.is_some() && (!context.floor_given || context.gone_back));
                (text, expect)
            }
            What::Comment(text) => (format!("// {}", text.render(WORDS)), None),
            What::Blank(n) => (" ".repeat(usize::from(n % 3)), None),
        };
        // A time alone on a line is refused.
        may_fail |= !time_text.is_empty() && body.trim().is_empty();
        let typed = format!("{time_text}{body}").replace(['\n', '\r'], " ");
        (typed, Expect { note, may_fail })
    }

    /// Imports the file into the example roster through a meeting in memory and checks it.
    pub fn check(&self) {
        let roster = &*crate::ROSTER;
        let (text, expected) = self.render(roster);
        let path = Path::new("notes.txt");
        let mut meeting = Meeting::in_memory(roster.clone());
        let imported = {
            let mut staged = meeting.stage();
            let imported = notes::import_into(&mut staged, text.as_bytes(), path);
            if imported.is_ok() {
                let _ = staged.commit();
            }
            imported
        };
        assert_projections_fresh(&meeting);
        match imported {
            Ok(imported) => {
                let session = meeting.session();
                let mut wanted: Vec<_> = expected.iter().filter_map(|e| e.note.clone()).collect();
                assert_eq!(imported.notes, wanted.len(), "notes recorded from\n{text}");
                let mut found: Vec<_> = session
                    .interventions
                    .iter()
                    .flat_map(|i| &i.notes)
                    .map(|n| {
                        let mut tags = n.tags.clone();
                        tags.sort();
                        (
                            squeeze(&n.text),
                            n.kind == NoteKind::Quote,
                            n.emphasis,
                            Some(tags),
                        )
                    })
                    .collect();
                // Tags the resolver picked are its own: compare those notes without them.
                if wanted.iter().any(|w| w.3.is_none()) {
                    for note in found.iter_mut().chain(wanted.iter_mut()) {
                        note.3 = None;
                    }
                }
                found.sort();
                wanted.sort();
                assert_eq!(found, wanted, "the notes of\n{text}");
                for (line, _) in &imported.chose {
                    assert!((1..=expected.len()).contains(line));
                }
                crate::assert_round_trips(&crate::added_since(roster, session));
                // Undo takes the whole import back.
                if imported.notes + imported.interventions > 0 {
                    let _ = meeting.undo().expect("the import is one change");
                    let mut back = meeting.session().clone();
                    back.next_serial = roster.next_serial;
                    assert_eq!(&back, roster, "undo left something of the import");
                    assert_projections_fresh(&meeting);
                }
            }
            Err(problem) => {
                assert_eq!(
                    meeting.session(),
                    roster,
                    "a failed import changed the session"
                );
                let line = problem.line;
                assert!((1..=expected.len().max(1)).contains(&line), "{problem}");
                assert!(
                    expected[line - 1].may_fail,
                    "line {line} of\n{text}\nwas refused: {problem}"
                );
                let column = problem.column.unwrap_or(1);
                let length = text.lines().nth(line - 1).map_or(0, |l| l.chars().count());
                assert!((1..=length + 1).contains(&column), "{problem}");
                // Every line before it records.
                let before: Vec<&str> = text.lines().take(line - 1).collect();
                let mut session = roster.clone();
                notes::import(&mut session, before.join("\n").as_bytes(), path)
                    .expect("the lines before the refused one record");
            }
        }
    }
}

/// The tally, timeline and speaker counts kept edit by edit equal those counted afresh.
pub fn assert_projections_fresh(meeting: &Meeting) {
    let session = meeting.session();
    assert_eq!(
        tally::to_json(meeting.tally()),
        tally::to_json(&Tally::compute(session)),
        "the tally kept edit by edit"
    );
    assert_eq!(meeting.timeline(), &Timeline::new(session), "the timeline");
    assert_eq!(
        meeting.speakers(),
        &SpeakerCounts::new(session),
        "the speaker counts"
    );
}

/// `text` without its whitespace: the words, whatever spaces the parser kept.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Time {
    /// The time as typed, the time it stands for, and whether it is refused.
    fn render(self) -> (String, Option<Clock>, bool) {
        match self {
            Time::Minutes(h, m) => {
                let (h, m) = (u32::from(h % 24), u32::from(m % 60));
                (
                    format!("[{h:02}:{m:02}] "),
                    Some(Clock::hms(h, m, 0)),
                    false,
                )
            }
            Time::Seconds(h, m, s) => {
                let (h, m, s) = (u32::from(h % 24), u32::from(m % 60), u32::from(s % 60));
                (
                    format!("[{h:02}:{m:02}:{s:02}]"),
                    Some(Clock::hms(h, m, s)),
                    false,
                )
            }
            Time::Spaced(h, m) => {
                let (h, m) = (u32::from(h % 24), u32::from(m % 60));
                (
                    format!("[ {h}:{m:02} ]  "),
                    Some(Clock::hms(h, m, 0)),
                    false,
                )
            }
            Time::Bad(h, m) => (format!("[{}:{}] ", h % 24, 60 + m % 40), None, true),
        }
    }
}

impl Who {
    /// The name as typed, and whether it may match nobody or several people.
    fn render(self, roster: &Session) -> (String, bool) {
        let who = match self {
            Who::Roster(i, _) | Who::Prefix(i) if roster.participants.is_empty() => {
                Who::Unknown(i, i)
            }
            who => who,
        };
        match who {
            Who::Roster(i, style) => {
                let name = &pick(&roster.participants, i).name;
                let typed = match style {
                    Style::AsIs => name.clone(),
                    Style::Lower => name.to_lowercase(),
                    Style::Upper => name.to_uppercase(),
                    Style::Plain => accent_key(name),
                    Style::Spaced => name.replace(' ', "   "),
                    Style::Undashed => name.replace('-', " "),
                };
                (typed, false)
            }
            Who::Prefix(i) => {
                let name = &pick(&roster.participants, i).name;
                let first = name.split([' ', '-']).next().unwrap_or(name);
                (first.to_string(), true)
            }
            Who::Unknown(g, f) => (
                format!(
                    "{} {}",
                    pick(crate::text::GIVEN, g),
                    pick(crate::text::FAMILY, f)
                ),
                true,
            ),
        }
    }
}

impl Tag {
    /// The tag as typed (without `#`), its priority if known for sure, and whether it may fail.
    fn render(self, roster: &Session) -> (String, Option<String>, bool) {
        let priority = |i: u8| pick(&roster.priorities, i).id.clone();
        let tag = match self {
            Tag::Known(i) | Tag::Shouted(i) | Tag::Prefix(i) if roster.priorities.is_empty() => {
                Tag::Unknown(i)
            }
            tag => tag,
        };
        match tag {
            Tag::Known(i) => (priority(i), Some(priority(i)), false),
            Tag::Shouted(i) => (priority(i).to_uppercase(), Some(priority(i)), false),
            Tag::Prefix(i) => {
                let id = priority(i);
                (id.chars().take(3).collect(), None, true)
            }
            Tag::Unknown(i) => (
                format!("zz{}", crate::text::letters(usize::from(i))),
                None,
                true,
            ),
        }
    }
}

impl NoteShape {
    /// The note as typed, what it records (if anything), and whether it may fail.
    fn render(
        &self,
        roster: &Session,
    ) -> (
        String,
        Option<(String, bool, bool, Option<Vec<String>>)>,
        bool,
    ) {
        // Quote marks, `@`, `[`, `!` and `//` at the start mean something (and a byte-order
        // mark at the start of a file is none of its text): keep them out
        // of the words, and a quote mark out of everywhere, so the kind is the shape's.
        let words = self
            .text
            .render(WORDS)
            .replace(['"', '“', '”', '#'], "'")
            .trim_start_matches(|c: char| c.is_whitespace() || "@[!/'\u{feff}".contains(c))
            .to_string();
        let mut risky = false;
        let mut tags: Vec<String> = Vec::new();
        let mut known = true;
        let mut text = words.clone();
        let mut kept = squeeze(&words);
        if let Some(tag) = self.inline {
            let (typed, id, may_fail) = tag.render(roster);
            risky |= may_fail;
            known &= id.is_some();
            tags.extend(id);
            // A tag between words is inside the sentence: its word stays.
            text = format!("{text} so #{typed} now");
            kept = format!("{kept}so{}now", squeeze(&typed));
        }
        // Labels go after the closing quote mark: inside it they would be words.
        let mut typed = match self.quote {
            None => text.clone(),
            Some(false) => format!("\"{}\"", text.trim()),
            Some(true) => format!("“{}”", text.trim()),
        };
        if self.emphasis {
            typed = format!("!{typed}");
        }
        for tag in self.labels.iter().take(3) {
            let (label, id, may_fail) = tag.render(roster);
            risky |= may_fail;
            known &= id.is_some();
            tags.extend(id);
            typed = format!("{typed} #{label}");
        }
        tags.sort();
        tags.dedup();
        let no_tags = self.inline.is_none() && self.labels.is_empty();
        // A quote's labels are inside its marks, and so are words: quoted tags stay tags.
        let quote = self.quote.is_some() && !(kept.is_empty() && no_tags);
        if typed.trim().is_empty() {
            return (typed, None, risky);
        }
        // `!` or quote marks around nothing are refused.
        if kept.is_empty() && no_tags {
            return (typed, None, true);
        }
        // A tag that may resolve to any priority leaves the tags to the resolver.
        let expect = (kept, quote, self.emphasis, known.then_some(tags));
        (typed, Some(expect), risky)
    }
}
