//! The layouts of Zoom's saved chat files, read into messages.
//!
//! Three layouts are read, and told apart line by line rather than asked for:
//!
//! ```text
//! 10:15:03 From  Amina Diallo : fair recruitment #recruitment       (local, one line)
//! 10:15:03<TAB> From  Amina Diallo  to  Everyone : fair recruitment (local, one line)
//! 10:15:03 From Amina Diallo to Everyone:                           (local, newer)
//! <TAB>fair recruitment #recruitment
//! <TAB>and a second line of the same message
//! 00:15:03<TAB>Amina Diallo:<TAB>fair recruitment                   (cloud recording)
//! ```
//!
//! Reactions (`Reacted to "…" with 👍`, `Removed a 👍 reaction from "…"`) are
//! counted and left out; a reply keeps its text and drops its `Replying to "…"`
//! line; private messages (`to NAME (Direct Message)`, `(Privately)`, or to
//! anyone but everyone) are counted and left out.

use std::fmt;
use std::path::Path;

use crate::clock::Clock;
use crate::import::ImportProblem;
use crate::names::collapsed;

/// The layouts of Zoom chat files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChatFormat {
    /// Saved on a computer by older Zoom: `HH:MM:SS From NAME : message`, one line each.
    LocalOneLine,
    /// Saved on a computer by newer Zoom: `HH:MM:SS From NAME to Everyone:` then indented lines.
    LocalBlock,
    /// Downloaded with a cloud recording: `HH:MM:SS<TAB>NAME:<TAB>message`.
    Cloud,
}

impl fmt::Display for ChatFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChatFormat::LocalOneLine => "Zoom chat saved on a computer, one line per message",
            ChatFormat::LocalBlock => "Zoom chat saved on a computer, newer layout",
            ChatFormat::Cloud => "Zoom chat of a cloud recording",
        })
    }
}

/// One message to everyone, as read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// Line of the message's first line.
    pub line: usize,
    /// When it was sent.
    pub time: Clock,
    /// The sender's name, spaces collapsed.
    pub sender: String,
    /// The text, its lines joined with ` / `.
    pub text: String,
    /// The layout it was written in.
    pub format: ChatFormat,
    /// Whether it was a reply (its `Replying to "…"` line is not in `text`).
    pub reply: bool,
    /// File position (line, column) of each character of `text`.
    origins: Vec<(usize, usize)>,
}

impl ChatMessage {
    /// File position (line, column) of the character at `index` of `text`; the
    /// message's first line for a position past its end.
    pub fn position(&self, index: usize) -> (usize, usize) {
        self.origins.get(index).copied().unwrap_or((self.line, 1))
    }
}

/// A chat file read into messages, before names are matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChatTranscript {
    /// Messages to everyone, in file order.
    pub messages: Vec<ChatMessage>,
    /// Layouts found, in the order first seen.
    pub formats: Vec<ChatFormat>,
    /// Reactions left out.
    pub reactions: usize,
    /// Private messages left out.
    pub private: usize,
    /// Messages with no text left out.
    pub empty: usize,
}

/// A piece of a message's text and where it starts in the file.
#[derive(Debug, Clone)]
struct Piece {
    line: usize,
    column: usize,
    text: String,
}

/// A message header and its lines, before reactions and replies are told apart.
#[derive(Debug, Clone)]
struct Raw {
    line: usize,
    time: Clock,
    who: String,
    format: ChatFormat,
    pieces: Vec<Piece>,
}

/// Latest start of a first message that still looks like a clock time, not a recording offset.
const OFFSET_LOOKING: Clock = Clock(3600);

impl ChatTranscript {
    /// The first message of a cloud recording's chat when its time looks like an offset
    /// from the start of the recording rather than a clock time.
    pub fn first_offset(&self) -> Option<&ChatMessage> {
        self.messages
            .iter()
            .find(|m| m.format == ChatFormat::Cloud)
            .filter(|first| first.time < OFFSET_LOOKING)
    }
}

/// Reads a chat file's text into messages.
///
/// `starts_at` is added to the times of cloud-recording messages. Times that run
/// past midnight in a local chat keep counting (`24:05:00`).
pub fn parse(
    text: &str,
    path: &Path,
    starts_at: Option<Clock>,
) -> Result<ChatTranscript, ImportProblem> {
    let raws = raw_messages(text, path)?;
    let mut transcript = ChatTranscript::default();
    let mut day = 0;
    let mut previous: Option<u32> = None;
    for raw in raws {
        if !transcript.formats.contains(&raw.format) {
            transcript.formats.push(raw.format);
        }
        let mut time = raw.time.seconds();
        if raw.format == ChatFormat::Cloud {
            time += starts_at.map_or(0, Clock::seconds);
        } else {
            // A local chat's clock wraps at midnight; a meeting's does not.
            time += day;
            if previous.is_some_and(|p| time + 12 * 3600 < p) {
                day += 86_400;
                time += 86_400;
            }
            previous = Some(time);
        }
        let Some(sender) = public_sender(&raw.who) else {
            transcript.private += 1;
            continue;
        };
        // A message from nobody would put a nameless person on the roster.
        if sender.is_empty() {
            return Err(ImportProblem::new(
                path,
                raw.line,
                None,
                "a message with no sender: expected a name before `:`",
            ));
        }
        let mut pieces: Vec<Piece> = raw.pieces;
        if pieces.len() == 1 && is_reaction(&pieces[0].text) {
            transcript.reactions += 1;
            continue;
        }
        let reply = drop_reply_line(&mut pieces);
        if pieces.is_empty() {
            transcript.empty += 1;
            continue;
        }
        let (text, origins) = join(&pieces);
        transcript.messages.push(ChatMessage {
            line: raw.line,
            time: Clock(time),
            sender,
            text,
            format: raw.format,
            reply,
            origins,
        });
    }
    Ok(transcript)
}

/// The file's message headers, each with the lines that follow it.
fn raw_messages(text: &str, path: &Path) -> Result<Vec<Raw>, ImportProblem> {
    let mut raws: Vec<Raw> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim_end_matches('\r');
        if let Some(raw) = header(line, number) {
            raws.push(raw);
            continue;
        }
        match raws.last_mut() {
            Some(current) => {
                if let Some(piece) = piece_of(line, number, 0) {
                    current.pieces.push(piece);
                }
            }
            None if line.trim().is_empty() => {}
            None => {
                return Err(ImportProblem::new(
                    path,
                    number,
                    Some(1),
                    format!(
                        "expected a Zoom chat message starting with its time, as in \
                         `10:15:03 From Amina Diallo to Everyone:` or `00:15:03<TAB>Amina Diallo:<TAB>text`, found {:?}",
                        shorten(line)
                    ),
                ));
            }
        }
    }
    if raws.is_empty() {
        return Err(ImportProblem::new(
            path,
            1,
            None,
            "no chat messages found: expected lines such as `10:15:03 From Amina Diallo to Everyone:`",
        ));
    }
    Ok(raws)
}

/// Drops a reply's `Replying to "…"` from its first piece; returns whether it was a reply.
fn drop_reply_line(pieces: &mut Vec<Piece>) -> bool {
    let Some(first) = pieces.first_mut() else {
        return false;
    };
    let Some(rest) = reply_rest(&first.text) else {
        return false;
    };
    let skipped = first.text.chars().count() - rest.chars().count();
    first.column += skipped;
    first.text = rest.to_string();
    if first.text.is_empty() {
        pieces.remove(0);
    }
    true
}

/// Parses a message's first line, in any of the three layouts.
fn header(line: &str, number: usize) -> Option<Raw> {
    let time_len = line
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b':')
        .count();
    let token = &line[..time_len];
    if token.split(':').count() != 3 {
        return None;
    }
    let time: Clock = token.parse().ok()?;
    let rest = &line[time_len..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    // Cloud: a tab, the name (not starting with a space), `:` and a tab, the text.
    if let Some(after_tab) = rest.strip_prefix('\t')
        && !after_tab.starts_with(char::is_whitespace)
        && let Some(colon) = after_tab.find(":\t")
        && !after_tab[..colon].contains('\t')
    {
        let name = &after_tab[..colon];
        let text_at = line.len() - after_tab.len() + colon + 2;
        return Some(Raw {
            line: number,
            time,
            who: collapsed(name),
            format: ChatFormat::Cloud,
            pieces: piece_of(&line[text_at..], number, column_of(line, text_at) - 1)
                .into_iter()
                .collect(),
        });
    }
    let trimmed = rest.trim_start();
    let from = trimmed.strip_prefix("From")?;
    if !from.starts_with(char::is_whitespace) {
        return None;
    }
    let who_text = from.trim_start();
    let who_at = line.len() - who_text.len();
    let one_line = |separator: &str| {
        who_text.find(separator).map(|at| {
            let text_at = who_at + at + separator.len();
            Raw {
                line: number,
                time,
                who: collapsed(&who_text[..at]),
                format: ChatFormat::LocalOneLine,
                pieces: piece_of(&line[text_at..], number, column_of(line, text_at) - 1)
                    .into_iter()
                    .collect(),
            }
        })
    };
    if let Some(raw) = one_line(" : ") {
        return Some(raw);
    }
    if let Some(who) = who_text.trim_end().strip_suffix(':') {
        return Some(Raw {
            line: number,
            time,
            who: collapsed(who),
            format: ChatFormat::LocalBlock,
            pieces: Vec::new(),
        });
    }
    one_line(": ")
}

/// A non-blank piece of text, trimmed, with the 1-based column it starts at.
fn piece_of(text: &str, line: usize, column_before: usize) -> Option<Piece> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let lead = text.len() - text.trim_start().len();
    Some(Piece {
        line,
        column: column_before + text[..lead].chars().count() + 1,
        text: trimmed.to_string(),
    })
}

/// 1-based character column of byte `at` in `line`.
fn column_of(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

/// The start of a line, to quote in a message about it.
fn shorten(line: &str) -> String {
    crate::shorten::truncate_graphemes(line, 60).into_owned()
}

/// The sender of a message to everyone; `None` for a private message.
fn public_sender(who: &str) -> Option<String> {
    let lower = who.to_ascii_lowercase();
    for marker in ["(direct message)", "(privately)", "(private)"] {
        if lower.trim_end().ends_with(marker) {
            return None;
        }
    }
    // The last " to " separates the sender from the recipient; names rarely hold one.
    match lower.rfind(" to ") {
        Some(at) => {
            let recipient = lower[at + 4..].trim();
            let public = ["everyone", "all panelists and attendees"].contains(&recipient);
            public.then(|| who[..at].trim().to_string())
        }
        None => Some(who.trim().to_string()),
    }
}

/// `Reacted to "…" with 👍` and `Removed a 👍 reaction from "…"`.
fn is_reaction(text: &str) -> bool {
    (text.starts_with("Reacted to \"") && text.contains("\" with "))
        || (text.starts_with("Removed a ") && text.contains(" reaction from \""))
}

/// The text after a reply's `Replying to "…"`, if `text` starts with one.
fn reply_rest(text: &str) -> Option<&str> {
    let quoted = text.strip_prefix("Replying to \"")?;
    // Zoom cuts the quoted message short with an ellipsis: a line ending so is all quote.
    if quoted.ends_with("...\"") || quoted.ends_with("…\"") {
        return Some("");
    }
    // Some versions put the reply on the same line, after the quoted snippet; the
    // ellipsis marks the snippet's end even when the reply ends with a quote mark.
    for close in ["...\" ", "…\" ", "\" "] {
        if let Some(at) = quoted.find(close) {
            return Some(quoted[at + close.len()..].trim_start());
        }
    }
    quoted.ends_with('"').then_some("")
}

/// Joins a message's lines with ` / `, as quoted verse is, remembering each character's
/// file position: a note is one line, and the break still shows.
fn join(pieces: &[Piece]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut origins = Vec::new();
    for piece in pieces {
        if !text.is_empty() {
            text.push_str(" / ");
            origins.extend([(piece.line, piece.column); 3]);
        }
        for (i, c) in piece.text.chars().enumerate() {
            // Tabs inside a message are spaces to the note.
            text.push(if c == '\t' { ' ' } else { c });
            origins.push((piece.line, piece.column + i));
        }
    }
    (text, origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ChatTranscript {
        parse(text, Path::new("chat.txt"), None).unwrap()
    }

    #[test]
    fn one_line_layouts() {
        let t = read(
            "10:15:03 From  Amina Diallo : hello: see https://x.org/a#b\n\
             10:16:00\t From  Omar  to  Everyone : yes #recruitment\n\
             10:17:00 From Omar to Lena(Privately) : psst\n",
        );
        assert_eq!(t.formats, vec![ChatFormat::LocalOneLine]);
        assert_eq!(t.messages.len(), 2);
        assert_eq!(t.messages[0].sender, "Amina Diallo");
        assert_eq!(t.messages[0].text, "hello: see https://x.org/a#b");
        assert_eq!(t.messages[1].sender, "Omar");
        assert_eq!(t.messages[1].time, Clock::hms(10, 16, 0));
        assert_eq!(t.private, 1);
    }

    #[test]
    fn block_layout_with_replies_and_reactions() {
        let t = read(
            "10:15:03 From Amina Diallo to Everyone:\n\
             \tfirst line\n\
             \tsecond line\n\
             10:16:00 From Omar to Everyone:\n\
             \tReplying to \"first line...\"\n\
             \t\n\
             \tagreed\n\
             10:16:30 From Lena to Everyone:\n\
             \tReacted to \"agreed\" with 👍\n\
             10:17:00 From Lena to Omar (Direct Message):\n\
             \tpsst\n",
        );
        assert_eq!(t.formats, vec![ChatFormat::LocalBlock]);
        assert_eq!(t.messages.len(), 2);
        assert_eq!(t.messages[0].text, "first line / second line");
        assert_eq!(t.messages[0].origins[13], (3, 2));
        assert!(t.messages[1].reply);
        assert_eq!(t.messages[1].text, "agreed");
        assert_eq!((t.reactions, t.private), (1, 1));
    }

    #[test]
    fn a_reply_on_the_quoted_line_keeps_its_text_even_ending_with_a_quote() {
        let t = read(
            "10:15:03 From Omar to Everyone:\n\
             \tReplying to \"We need the data...\" I agree with \"data first\"\n\
             10:16:00 From Lena : Replying to \"short\" yes \"indeed\"\n\
             10:17:00 From Lena to Everyone:\n\
             \tReplying to \"He said \"no\" to...\"\n\
             \tstill no\n",
        );
        let texts: Vec<&str> = t.messages.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                r#"I agree with "data first""#,
                r#"yes "indeed""#,
                "still no"
            ]
        );
        assert!(t.messages.iter().all(|m| m.reply));
    }

    #[test]
    fn cloud_layout_and_offset() {
        let t = parse(
            "00:05:00\tAmina Diallo:\tsee: this\n00:06:00\tOmar:\t\n",
            Path::new("c.txt"),
            Some(Clock::hms(10, 0, 0)),
        )
        .unwrap();
        assert_eq!(t.formats, vec![ChatFormat::Cloud]);
        assert_eq!(t.messages[0].time, Clock::hms(10, 5, 0));
        assert_eq!(t.messages[0].text, "see: this");
        assert_eq!(t.empty, 1);
    }

    #[test]
    fn a_message_from_nobody_is_refused_with_its_line() {
        let e = parse(
            "00:05:00\tAna:\tfine\n00:06:00\t:\twho said this?\n",
            Path::new("c.txt"),
            None,
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("no sender"), "{e}");
    }

    #[test]
    fn midnight_keeps_counting() {
        let t = read("23:59:00 From A : one\n00:01:00 From A : two\n");
        assert_eq!(t.messages[1].time, Clock::hms(24, 1, 0));
    }

    #[test]
    fn garbage_is_refused_with_its_line() {
        let e = parse("hello\n", Path::new("c.txt"), None).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("expected a Zoom chat message"), "{e}");
        let e = parse("\n\n", Path::new("c.txt"), None).unwrap_err();
        assert!(e.message.contains("no chat messages"), "{e}");
    }

    #[test]
    fn senders_and_recipients() {
        assert_eq!(public_sender("Ana to Everyone").as_deref(), Some("Ana"));
        assert_eq!(public_sender("Ana To EVERYONE").as_deref(), Some("Ana"));
        assert_eq!(public_sender("Ana"), Some("Ana".into()));
        assert_eq!(public_sender("Ana to Bo (Direct Message)"), None);
        assert_eq!(public_sender("Ana to Bo(privately)"), None);
        assert_eq!(public_sender("Ana to All Panelists"), None);
    }
}
