//! Zoom chat files in the three layouts Zoom writes, with odd senders, recipients,
//! replies, reactions, blank and multi-line messages, times that run past midnight.
//!
//! The shape knows what each message is, so the check compares the parse message by
//! message (sender, text, time, counts), then imports the file into the example
//! roster and checks the session: one chat input per message, in time order, saved
//! and loaded back equal, and nothing added by importing the same file again.

use std::path::Path;

use arbitrary::Arbitrary;
use rapporteur::clock::Clock;
use rapporteur::import::chat::{self, ChatError, ChatFormat, ChatOptions};
use rapporteur::model::Channel;
use rapporteur::names::collapsed;

use crate::text::{self, Text, pick};

/// Most messages a file holds, so that a run stays quick.
const MESSAGES: usize = 40;
/// Most words in one line of a message.
const WORDS: usize = 12;

/// A Zoom chat file.
#[derive(Arbitrary, Debug)]
pub struct Chat {
    messages: Vec<Message>,
    /// Windows line ends.
    crlf: bool,
    /// Whether the last line ends with a line break.
    final_newline: bool,
    /// Blank lines before the first message.
    blank_first: u8,
    /// `--starts-at`, in minutes after midnight.
    starts_at: Option<u16>,
    /// `--add-unknown observers`.
    add_unknown: bool,
    /// `--map "NAME="` for the first sender: their messages left out.
    skip_first_sender: bool,
    /// Local clock time of the first local message, in seconds.
    local_start: u32,
    /// Offset of the first cloud message from the recording's start, in seconds.
    cloud_start: u16,
}

/// One message as Zoom writes it.
#[derive(Arbitrary, Debug)]
struct Message {
    layout: Layout,
    /// Seconds since the message before in the same clock (less than 12 hours).
    gap: u16,
    sender: Sender,
    to: To,
    body: Body,
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `HH:MM:SS From NAME : text`.
    OneLine,
    /// `HH:MM:SS<TAB> From  NAME  to  Everyone : text`.
    OneLineTab,
    /// `HH:MM:SS From NAME to Everyone:` then indented lines.
    Block,
    /// `HH:MM:SS<TAB>NAME:<TAB>text`, times from the recording's start.
    Cloud,
}

impl Layout {
    fn format(self) -> ChatFormat {
        match self {
            Layout::OneLine | Layout::OneLineTab => ChatFormat::LocalOneLine,
            Layout::Block => ChatFormat::LocalBlock,
            Layout::Cloud => ChatFormat::Cloud,
        }
    }
}

/// Who sent a message.
#[derive(Arbitrary, Debug)]
enum Sender {
    /// Someone on the example roster, written as `style` says.
    Roster(u8, Style),
    /// Someone nobody registered.
    New(u8, u8),
    /// A name with Zoom's additions: pronouns, an organization, `(Host)`.
    Decorated(u8, Style, Decoration),
    /// No name at all.
    Nameless,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Style {
    AsIs,
    Lower,
    Upper,
    /// Accents dropped, as Zoom names often lose them.
    Plain,
    /// Spaces doubled.
    Spaced,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Decoration {
    Pronouns,
    Organization,
    Host,
    Brackets,
}

/// Whom a message was sent to.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum To {
    /// No recipient written (one-line layout); everyone.
    Nobody,
    Everyone,
    EveryoneShouted,
    Panelists,
    /// A private message to someone on the roster.
    Person(u8),
    DirectMessage(u8),
    Privately(u8),
}

impl To {
    fn is_private(self) -> bool {
        matches!(
            self,
            To::Person(_) | To::DirectMessage(_) | To::Privately(_)
        )
    }
}

#[derive(Arbitrary, Debug)]
enum Body {
    /// Lines of text, the first on the header line where the layout puts it there.
    Text(Text, Vec<(Text, Indent)>),
    /// `Reacted to "…" with 👍`, or `Removed a 👍 reaction from "…"`.
    Reaction(Text, u8, bool),
    /// `Replying to "…"` and the reply, on the same line or below.
    Reply(Text, bool, Text, Vec<Text>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Indent {
    None,
    Tab,
    Spaces,
}

const EMOJI: &[&str] = &["👍", "❤️", "😂", "👏🏽", "🎉"];

/// What the parse must find for one message.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expected {
    Message {
        sender: String,
        text: String,
        time: Clock,
        format: ChatFormat,
        reply: bool,
    },
    Private,
    Reaction,
    Empty,
    /// A message from nobody, on this line: the file is refused there.
    Nameless(usize),
}

/// A chat file and what it holds.
pub struct Rendered {
    /// The file.
    pub text: String,
    expected: Vec<Expected>,
    /// The layouts of all messages, in the order first seen.
    formats: Vec<ChatFormat>,
    /// The rendered name of each message's sender, public or not.
    senders: Vec<String>,
}

impl Chat {
    /// The file as Zoom would have written it, and what it holds.
    pub fn render(&self) -> Rendered {
        let roster = &crate::ROSTER.participants;
        let end = if self.crlf { "\r\n" } else { "\n" };
        let mut lines: Vec<String> = vec![String::new(); usize::from(self.blank_first % 3)];
        let mut expected = Vec::new();
        let mut formats = Vec::new();
        let mut senders = Vec::new();
        let mut local = self.local_start % 86_400;
        let mut cloud = u32::from(self.cloud_start);
        let mut first_local = true;
        let mut first_cloud = true;
        for m in self.messages.iter().take(MESSAGES) {
            let gap = u32::from(m.gap) % 43_200;
            let time = if m.layout == Layout::Cloud {
                if !std::mem::take(&mut first_cloud) {
                    cloud += gap;
                }
                cloud
            } else {
                if !std::mem::take(&mut first_local) {
                    local += gap;
                }
                local
            };
            let shown = Clock(if m.layout == Layout::Cloud {
                time
            } else {
                time % 86_400
            });
            let (first, more) = m.body.lines();
            let name = m.sender.render(roster, m.layout);
            let to = match (m.layout, m.to) {
                // A cloud chat names no recipient; a block header always does.
                (Layout::Cloud, _) => To::Nobody,
                (Layout::Block, To::Nobody) => To::Everyone,
                // A nameless sender with a recipient reads as a name: Zoom never writes it.
                (_, to) if name.is_empty() => {
                    let _ = to;
                    To::Nobody
                }
                (_, to) => to,
            };
            let who = match to {
                To::Nobody => name.clone(),
                To::Everyone => format!("{name}  to  Everyone"),
                To::EveryoneShouted => format!("{name} to EVERYONE"),
                To::Panelists => format!("{name} to All Panelists and Attendees"),
                To::Person(i) => format!("{name}  to  {}", pick(roster, i).name),
                To::DirectMessage(i) => {
                    format!("{name} to {} (Direct Message)", pick(roster, i).name)
                }
                To::Privately(i) => format!("{name}  to  {}(Privately)", pick(roster, i).name),
            };
            let mut pieces: Vec<String> = Vec::new();
            let header = lines.len() + 1;
            match m.layout {
                Layout::OneLine => lines.push(format!("{shown} From  {who} : {first}")),
                Layout::OneLineTab => lines.push(format!("{shown}\t From  {who} : {first}")),
                Layout::Cloud => lines.push(format!("{shown}\t{who}:\t{first}")),
                Layout::Block => {
                    lines.push(format!("{shown} From {who}:"));
                    lines.push(format!("\t{first}"));
                }
            }
            pieces.push(first);
            for line in more {
                let indented = match (m.layout, line.1) {
                    (Layout::Block, _) => format!("\t{}", line.0),
                    (_, Indent::None) => line.0.clone(),
                    (_, Indent::Tab) => format!("\t{}", line.0),
                    (_, Indent::Spaces) => format!("    {}", line.0),
                };
                lines.push(indented);
                pieces.push(line.0);
            }
            let format = m.layout.format();
            if !formats.contains(&format) {
                formats.push(format);
            }
            senders.push(collapsed(&name));
            let time = Clock(match m.layout {
                Layout::Cloud => time + self.starts_at().map_or(0, Clock::seconds),
                _ => time,
            });
            expected.push(if to.is_private() {
                Expected::Private
            } else if collapsed(&name).is_empty() {
                Expected::Nameless(header)
            } else {
                m.body.expected(&pieces, collapsed(&name), time, format)
            });
        }
        let mut text = lines.join(end);
        if self.final_newline && !lines.is_empty() {
            text.push_str(end);
        }
        Rendered {
            text,
            expected,
            formats,
            senders,
        }
    }

    /// Renders the chat, reads and imports it, and checks every message came through.
    pub fn check(&self) {
        let rendered = self.render();
        let path = Path::new("chat.txt");
        let transcript = chat::parse(&rendered.text, path, self.starts_at());
        let nameless = rendered.expected.iter().find_map(|e| match e {
            Expected::Nameless(line) => Some(*line),
            _ => None,
        });
        let transcript = match (transcript, nameless) {
            (Ok(transcript), None) => transcript,
            (Err(problem), Some(line)) => {
                assert_eq!(problem.line, line, "{problem}");
                return;
            }
            (Err(problem), None) => {
                assert!(
                    rendered.expected.is_empty(),
                    "a chat of {} messages did not parse: {problem}",
                    rendered.expected.len()
                );
                return;
            }
            (Ok(_), Some(line)) => panic!("the message from nobody on line {line} was read"),
        };
        let found: Vec<Expected> = transcript
            .messages
            .iter()
            .map(|m| Expected::Message {
                sender: m.sender.clone(),
                text: m.text.clone(),
                time: m.time,
                format: m.format,
                reply: m.reply,
            })
            .collect();
        let messages: Vec<Expected> = rendered
            .expected
            .iter()
            .filter(|e| matches!(e, Expected::Message { .. }))
            .cloned()
            .collect();
        assert_eq!(found, messages, "the messages read from\n{}", rendered.text);
        let count = |kind: Expected| rendered.expected.iter().filter(|e| **e == kind).count();
        assert_eq!(transcript.private, count(Expected::Private), "private");
        assert_eq!(transcript.reactions, count(Expected::Reaction), "reactions");
        assert_eq!(transcript.empty, count(Expected::Empty), "empty");
        assert_eq!(transcript.formats, rendered.formats, "formats");
        self.check_import(&rendered, &messages);
    }

    fn starts_at(&self) -> Option<Clock> {
        self.starts_at
            .map(|minutes| Clock(u32::from(minutes % 1440) * 60))
    }

    /// Imports the chat into the example roster and checks the session it makes.
    fn check_import(&self, rendered: &Rendered, messages: &[Expected]) {
        let path = Path::new("chat.txt");
        let skipped_name = rendered
            .senders
            .first()
            .filter(|name| self.skip_first_sender && !name.is_empty());
        let options = ChatOptions {
            map: skipped_name
                .map(|name| vec![format!("{name}=")])
                .unwrap_or_default(),
            add_unknown: self.add_unknown.then(|| "observers".to_string()),
            starts_at: self.starts_at(),
        };
        let roster = &*crate::ROSTER;
        let mut session = roster.clone();
        let lines = rendered.text.lines().count().max(1);
        let offset_first = messages.iter().find_map(|m| match m {
            Expected::Message {
                format: ChatFormat::Cloud,
                time,
                ..
            } => Some(*time),
            _ => None,
        });
        let needs_start = self.starts_at.is_none() && offset_first.is_some_and(|t| t.0 < 3600);
        match chat::import(&mut session, rendered.text.as_bytes(), path, &options) {
            Ok(report) => {
                assert!(!needs_start, "a cloud chat's offsets taken as clock times");
                assert_eq!(report.messages, messages.len());
                assert_eq!(
                    report.added + report.already + report.skipped,
                    report.messages,
                    "{report:?}"
                );
                assert_eq!(
                    report.replies,
                    messages
                        .iter()
                        .filter(|m| matches!(m, Expected::Message { reply: true, .. }))
                        .count()
                );
                for warning in &report.warnings {
                    let (line, column) = warning.position().unwrap_or((warning.line, 1));
                    assert!((1..=lines).contains(&line), "{warning}");
                    assert!(column >= 1, "{warning}");
                }
                for id in &report.new_participants {
                    let person = session
                        .participant(id)
                        .expect("an added person is on the roster");
                    assert!(
                        !person.name.trim().is_empty(),
                        "a nameless person was added: {person:?}"
                    );
                }
                let added: Vec<_> = session
                    .interventions
                    .iter()
                    .filter(|i| !roster.interventions.iter().any(|r| r.id == i.id))
                    .collect();
                assert_eq!(added.len(), report.added);
                for i in &added {
                    assert_eq!(i.channel, Channel::Chat);
                    assert_eq!(i.notes.len(), 1);
                    assert_eq!(i.notes[0].time, i.start);
                    assert!(session.participant(&i.participant).is_some());
                }
                let starts: Vec<Clock> = session.interventions.iter().map(|i| i.start).collect();
                assert!(
                    starts.is_sorted(),
                    "chat inputs out of time order: {starts:?}"
                );
                if report.skipped == 0 {
                    let mut times: Vec<Clock> = messages
                        .iter()
                        .map(|m| match m {
                            Expected::Message { time, .. } => *time,
                            _ => unreachable!("only messages"),
                        })
                        .collect();
                    times.sort_unstable();
                    assert_eq!(starts, times, "the times of the chat inputs");
                }
                crate::assert_round_trips(&crate::added_since(roster, &session));
                let _ = rapporteur::tally::Tally::compute(&session);
                // The same chat again adds nothing.
                let once = session.clone();
                let again = chat::import(&mut session, rendered.text.as_bytes(), path, &options)
                    .expect("a chat imported once imports again");
                assert_eq!(again.added, 0, "{again:?}");
                assert_eq!(
                    session, once,
                    "importing the same chat again changed the session"
                );
            }
            Err(error) => {
                let _ = error.to_string();
                assert_eq!(session, *roster, "a failed import changed the session");
                match &error {
                    ChatError::Unmatched { names, .. } => {
                        for name in names {
                            assert!(
                                name.ambiguous || !self.add_unknown,
                                "unknown people were to be added: {error}"
                            );
                            assert!((1..=lines).contains(&name.line), "{error}");
                        }
                    }
                    ChatError::BadOption(_) => assert!(needs_start, "{error}"),
                    ChatError::Unreadable(_) => panic!("a well-formed chat is unreadable: {error}"),
                }
            }
        }
    }
}

impl Sender {
    /// The name as Zoom writes it in `layout`.
    fn render(&self, roster: &[rapporteur::model::Participant], layout: Layout) -> String {
        let styled = |i: u8, style: Style| {
            let name = &pick(roster, i).name;
            match style {
                Style::AsIs => name.clone(),
                Style::Lower => name.to_lowercase(),
                Style::Upper => name.to_uppercase(),
                Style::Plain => rapporteur::names::accent_key(name),
                Style::Spaced => name.replace(' ', "  "),
            }
        };
        match *self {
            Sender::Roster(i, style) => styled(i, style),
            Sender::New(given, family) => format!(
                "{} {}",
                pick(text::GIVEN, given),
                pick(text::FAMILY, family)
            ),
            Sender::Decorated(i, style, decoration) => {
                let name = styled(i, style);
                match decoration {
                    Decoration::Pronouns => format!("{name} (she/her)"),
                    Decoration::Organization => format!("{name} - IOM"),
                    Decoration::Host => format!("{name} (Host)"),
                    Decoration::Brackets => format!("[UNHCR] {name}"),
                }
            }
            // `From  : text` has no name to tell from a block header's: Zoom never writes it.
            Sender::Nameless if layout != Layout::Cloud => styled(0, Style::AsIs),
            Sender::Nameless => String::new(),
        }
    }
}

impl Body {
    /// The message's first line, and the lines below it.
    fn lines(&self) -> (String, Vec<(String, Indent)>) {
        match self {
            Body::Text(first, more) => (
                first.render(WORDS),
                more.iter()
                    .take(4)
                    .map(|(t, indent)| (t.render(WORDS), *indent))
                    .collect(),
            ),
            Body::Reaction(snippet, emoji, removed) => {
                let snippet = snippet.render(4);
                let emoji = pick(EMOJI, *emoji);
                let line = if *removed {
                    format!("Removed a {emoji} reaction from \"{snippet}\"")
                } else {
                    format!("Reacted to \"{snippet}\" with {emoji}")
                };
                (line, Vec::new())
            }
            Body::Reply(snippet, same_line, text, more) => {
                // Zoom cuts the quoted message short; a quote mark inside it would end it early.
                let snippet = snippet.render(4).replace('"', "");
                let quoted = format!("Replying to \"{snippet}...\"");
                let more: Vec<(String, Indent)> = more
                    .iter()
                    .take(3)
                    .map(|t| (t.render(WORDS), Indent::None))
                    .collect();
                if *same_line {
                    (format!("{quoted} {}", text.render(WORDS)), more)
                } else {
                    let mut lines = vec![(text.render(WORDS), Indent::None)];
                    lines.extend(more);
                    (quoted, lines)
                }
            }
        }
    }

    /// What the parse makes of this body, read from `pieces` (its first line, then the others).
    fn expected(
        &self,
        pieces: &[String],
        sender: String,
        time: Clock,
        format: ChatFormat,
    ) -> Expected {
        let mut kept: Vec<String> = pieces
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        let reply = matches!(self, Body::Reply(..));
        match self {
            Body::Reaction(..) => return Expected::Reaction,
            Body::Reply(_, same_line, text, _) => {
                kept.remove(0);
                let rest = text.render(WORDS).trim().to_string();
                if *same_line && !rest.is_empty() {
                    kept.insert(0, rest);
                }
            }
            Body::Text(..) => {}
        }
        if kept.is_empty() {
            return Expected::Empty;
        }
        Expected::Message {
            sender,
            text: kept.join(" / ").replace('\t', " "),
            time,
            format,
            reply,
        }
    }
}
