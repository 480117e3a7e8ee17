//! `import chat`: Zoom's saved chat files, each message a chat input.
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
//! anyone but everyone) are counted and left out. Each remaining message is read
//! as the text of a capture line, so `#tags`, a leading `!` and a message
//! wrapped in quotes mean what they mean when typed. A tag that matches no
//! priority does not stop the import: the `#word` stays in the text and is
//! reported as a warning, since people in the chat do not know the priority ids.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use super::roster::find_group;
use super::{ImportProblem, text_of};
use crate::capture::{self, CaptureLine, TagRef};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::model::{Channel, Intervention, Note, NoteKind, Participant, Session, Slug};
use crate::recorder::{Problem, resolve_tags};
use crate::resolve::{Resolution, Resolver};

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

/// What the user tells the chat importer beyond the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChatOptions {
    /// `ZOOM NAME=PARTICIPANT` pairs; an empty participant skips that person's messages.
    pub map: Vec<String>,
    /// A group to add people the roster does not know to, instead of stopping.
    pub add_unknown: Option<String>,
    /// Wall-clock time a cloud recording started: a cloud chat's times count from it.
    pub starts_at: Option<Clock>,
}

/// What an import found and added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChatImported {
    /// The layouts found in the file, in the order first seen.
    pub formats: Vec<ChatFormat>,
    /// Messages to everyone in the file (reactions left out).
    pub messages: usize,
    /// New chat inputs in the session.
    pub added: usize,
    /// Messages left out because they were imported before.
    pub already: usize,
    /// Reactions, left out.
    pub reactions: usize,
    /// Replies: kept, without their `Replying to "…"` line.
    pub replies: usize,
    /// Private messages, left out.
    pub private: usize,
    /// Messages with no text, left out.
    pub empty: usize,
    /// Messages of people mapped to nobody with `--map "NAME="`, left out.
    pub skipped: usize,
    /// Chat names matched to the roster by similarity rather than exactly, for checking.
    pub similar: Vec<(String, Slug)>,
    /// People added to the roster with `--add-unknown`.
    pub new_participants: Vec<Slug>,
    /// Things that did not stop the import: tags that match no priority, odd times.
    pub warnings: Vec<ImportProblem>,
}

/// A chat name that matches nobody, or several people, on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The name as written in the chat.
    pub name: String,
    /// Line of its first message.
    pub line: usize,
    /// How many of its messages would be imported.
    pub messages: usize,
    /// The matching participants when several match; the nearest when none does.
    pub candidates: Vec<Slug>,
    /// Whether several participants match.
    pub ambiguous: bool,
}

/// Why a chat import wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatError {
    /// The file is not a chat this importer reads.
    Unreadable(ImportProblem),
    /// Some names in the chat match nobody, or several people, on the roster.
    Unmatched {
        /// The chat file.
        path: std::path::PathBuf,
        /// Each unmatched name.
        names: Vec<Unmatched>,
    },
    /// A `--map`, `--add-unknown` or `--starts-at` option is wrong.
    BadOption(String),
}

impl fmt::Display for ChatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChatError::Unreadable(problem) => problem.fmt(f),
            ChatError::BadOption(message) => f.write_str(message),
            ChatError::Unmatched { path, names } => {
                for (i, u) in names.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    let messages = match u.messages {
                        1 => "1 message".to_string(),
                        n => format!("{n} messages"),
                    };
                    write!(
                        f,
                        "{}:{}: {:?} ({messages}) ",
                        path.display(),
                        u.line,
                        u.name
                    )?;
                    match (u.ambiguous, u.candidates.is_empty()) {
                        (true, _) => write!(
                            f,
                            "matches several participants: {}",
                            u.candidates.join(", ")
                        )?,
                        (false, true) => f.write_str("matches nobody on the roster")?,
                        (false, false) => write!(
                            f,
                            "matches nobody on the roster (nearest: {})",
                            u.candidates.join(", ")
                        )?,
                    }
                }
                write!(
                    f,
                    "\nmap each name with --map \"NAME=PARTICIPANT ID\" (or \"NAME=\" to leave their messages out), \
                     or add the unknown ones with --add-unknown GROUP"
                )
            }
        }
    }
}

impl std::error::Error for ChatError {}

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

/// Reads a chat file's text into messages.
///
/// `starts_at` is added to the times of cloud-recording messages. Times that run
/// past midnight in a local chat keep counting (`24:05:00`).
pub fn parse(
    text: &str,
    path: &Path,
    starts_at: Option<Clock>,
) -> Result<ChatTranscript, ImportProblem> {
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
        let mut pieces: Vec<Piece> = raw.pieces;
        if pieces.len() == 1 && is_reaction(&pieces[0].text) {
            transcript.reactions += 1;
            continue;
        }
        let mut reply = false;
        if let Some(first) = pieces.first_mut()
            && let Some(rest) = reply_rest(&first.text)
        {
            reply = true;
            let skipped = first.text.chars().count() - rest.chars().count();
            first.column += skipped;
            first.text = rest.to_string();
            if first.text.is_empty() {
                pieces.remove(0);
            }
        }
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
            who: collapse(name),
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
                who: collapse(&who_text[..at]),
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
            who: collapse(who),
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

/// Runs of whitespace as single spaces, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(line: &str) -> String {
    let mut short: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        short.push('…');
    }
    short
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
    if quoted.ends_with('"') {
        return Some("");
    }
    // Some versions put the reply on the same line, after the quoted snippet.
    quoted.find("\" ").map(|at| quoted[at + 2..].trim_start())
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

/// A stable 64-bit FNV-1a hash, written in hex: the same on every build and platform.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0x1f]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// `text` in lower case with runs of whitespace as single spaces: how names are compared.
pub fn name_key(text: &str) -> String {
    collapse(text).to_lowercase()
}

/// A chat name without the `(she/her)`, `(Host)` or `[Org]` that Zoom names often carry.
fn without_brackets(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    collapse(&out)
}

/// Who a chat name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sender {
    /// A participant, and whether the match was exact.
    Participant(Slug, bool),
    /// Mapped to nobody: leave the messages out.
    Skip,
    /// Nobody on the roster; the nearest ids.
    Unknown(Vec<Slug>),
    /// Several people; their ids.
    Ambiguous(Vec<Slug>),
}

fn parse_map(
    session: &Session,
    resolver: &Resolver,
    specs: &[String],
) -> Result<Vec<(String, Option<Slug>)>, ChatError> {
    let mut map = Vec::new();
    for spec in specs {
        let Some((name, target)) = spec.rsplit_once('=') else {
            return Err(ChatError::BadOption(format!(
                "--map {spec:?}: expected \"ZOOM NAME=PARTICIPANT ID\""
            )));
        };
        if name.trim().is_empty() {
            return Err(ChatError::BadOption(format!(
                "--map {spec:?}: the Zoom name before `=` is empty"
            )));
        }
        let target = target.trim();
        let id = if target.is_empty() {
            None
        } else {
            match resolver.participant(session, target) {
                Resolution::Found(p) => Some(p.id.clone()),
                Resolution::Ambiguous(c) => {
                    return Err(ChatError::BadOption(format!(
                        "--map {spec:?}: {target:?} matches several participants: {}",
                        ids(&c)
                    )));
                }
                Resolution::Unknown(c) if c.is_empty() => {
                    return Err(ChatError::BadOption(format!(
                        "--map {spec:?}: there is no participant {target:?}"
                    )));
                }
                Resolution::Unknown(c) => {
                    return Err(ChatError::BadOption(format!(
                        "--map {spec:?}: there is no participant {target:?} (nearest: {})",
                        ids(&c)
                    )));
                }
            }
        };
        map.push((name_key(name), id));
    }
    Ok(map)
}

fn ids(people: &[&Participant]) -> String {
    people
        .iter()
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Matches one chat name against the roster: the map, then exact, then unique fuzzy.
fn match_sender(
    session: &Session,
    resolver: &Resolver,
    map: &[(String, Option<Slug>)],
    name: &str,
) -> Sender {
    let key = name_key(name);
    let bare = without_brackets(name);
    for (mapped, id) in map {
        if *mapped == key || *mapped == name_key(&bare) {
            return match id {
                Some(id) => Sender::Participant(id.clone(), true),
                None => Sender::Skip,
            };
        }
    }
    let bare_key = name_key(&bare);
    let exact = |p: &Participant| {
        let name = name_key(&p.name);
        name == key || name == bare_key || p.id.to_lowercase() == key
    };
    let mut outcome = resolver.participant(session, name);
    if matches!(outcome, Resolution::Unknown(_)) && !bare.is_empty() && bare != name {
        outcome = resolver.participant(session, &bare);
    }
    if let Resolution::Unknown(_) = outcome {
        // Zoom names often lose their accents: `Keita` for `Keïta`.
        let plain = folded(&bare_key);
        let same: Vec<&Participant> = session
            .participants
            .iter()
            .filter(|p| folded(&name_key(&p.name)) == plain)
            .collect();
        match same.as_slice() {
            [one] => return Sender::Participant(one.id.clone(), false),
            [] => {}
            several => return Sender::Ambiguous(several.iter().map(|p| p.id.clone()).collect()),
        }
    }
    match outcome {
        Resolution::Found(p) => Sender::Participant(p.id.clone(), exact(p)),
        Resolution::Ambiguous(c) => Sender::Ambiguous(c.iter().map(|p| p.id.clone()).collect()),
        Resolution::Unknown(c) => Sender::Unknown(c.iter().map(|p| p.id.clone()).collect()),
    }
}

/// `text` with the accents of Latin letters dropped, for comparing names.
pub fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ł' | 'ľ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ř' => "r",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'ť' | 'ţ' | 'ț' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'æ' => "ae",
            'œ' => "oe",
            'ß' => "ss",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

/// A chat message as a note: `#tags`, `!` and quotes read as the capture line reads them.
///
/// Tags that match no priority, or several, stay in the text as written and
/// come back as warnings.
fn note_of(
    session: &Session,
    resolver: &Resolver,
    message: &ChatMessage,
    path: &Path,
    warnings: &mut Vec<ImportProblem>,
) -> (String, Vec<Slug>, NoteKind, bool) {
    // The speaker prefix keeps a message starting with `@`, `[` or `//` a plain note.
    let prefix = "@chat (chat): ";
    let prefix_len = prefix.chars().count();
    let at = |column: usize| {
        message
            .origins
            .get(column.saturating_sub(prefix_len + 1))
            .copied()
            .unwrap_or((message.line, 1))
    };
    let mut line: Vec<char> = format!("{prefix}{}", message.text).chars().collect();
    let draft = |line: &[char]| match capture::parse(&line.iter().collect::<String>()) {
        Ok(CaptureLine::Entry(capture)) => capture.note,
        _ => None,
    };
    let Some(first) = draft(&line) else {
        return (message.text.clone(), Vec::new(), NoteKind::Point, false);
    };
    let mut unresolved: Vec<&TagRef> = Vec::new();
    for tag in &first.tags {
        if let Err(e) = resolve_tags(session, resolver, std::slice::from_ref(tag)) {
            let why = match e.problem {
                Problem::UnknownTag { suggestions, .. } if suggestions.is_empty() => {
                    "matches no priority".to_string()
                }
                Problem::UnknownTag { suggestions, .. } => {
                    format!("matches no priority (nearest: {})", suggestions.join(", "))
                }
                Problem::AmbiguousTag { candidates, .. } => {
                    format!("matches several priorities: {}", candidates.join(", "))
                }
                other => other.to_string(),
            };
            let (l, c) = at(tag.column);
            warnings.push(ImportProblem::new(
                path,
                l,
                Some(c),
                format!("`#{}` {why}; kept in the text, untagged", tag.name),
            ));
            unresolved.push(tag);
        }
    }
    let draft_used = if unresolved.is_empty() {
        first.clone()
    } else {
        line = with_unresolved_as_text(&line, &first.tags, &unresolved, &draft);
        let stand_in = stand_in(&message.text);
        let mut second = draft(&line).expect("hiding tags keeps the note");
        second.text = second.text.replace(stand_in, "#");
        second
    };
    let tags = resolve_tags(session, resolver, &draft_used.tags).unwrap_or_default();
    (draft_used.text, tags, draft_used.kind, draft_used.emphasis)
}

/// A character `text` does not hold, to stand in for the `#` of a tag kept as text.
fn stand_in(text: &str) -> char {
    ('\u{e000}'..='\u{f8ff}')
        .find(|c| !text.contains(*c))
        .expect("a message cannot hold every private-use character")
}

/// `line` with the unresolved tags turned into plain `#words` that the capture
/// grammar leaves in the text, every other tag keeping the place it had as typed.
///
/// A run of tags at the end of a note or clause is a label and leaves the text; a
/// run inside a sentence keeps its words. An unresolved tag inside a sentence just
/// loses its `#` to a stand-in; one in a label run moves in front of the run, so
/// the run's other tags stay labels and its own word stays where it was written.
fn with_unresolved_as_text(
    line: &[char],
    tags: &[TagRef],
    unresolved: &[&TagRef],
    draft: &impl Fn(&[char]) -> Option<capture::NoteDraft>,
) -> Vec<char> {
    let text: String = line.iter().collect();
    let stand_in = stand_in(&text);
    // Each tag's span in `line`: its `#` and every tag character after it.
    let span = |tag: &TagRef| {
        let start = tag.column - 1;
        let len = line[start + 1..]
            .iter()
            .take_while(|&&c| capture::is_tag_char(c))
            .count();
        (start, start + 1 + len)
    };
    let mut runs: Vec<Vec<&TagRef>> = Vec::new();
    for tag in tags {
        let (start, _) = span(tag);
        match runs.last_mut() {
            Some(run)
                if line[span(run[run.len() - 1]).1..start]
                    .iter()
                    .all(|c| c.is_whitespace()) =>
            {
                run.push(tag)
            }
            _ => runs.push(vec![tag]),
        }
    }
    let is_unresolved = |tag: &TagRef| unresolved.iter().any(|u| u.column == tag.column);
    let mut out: Vec<char> = Vec::with_capacity(line.len());
    let mut next = 0;
    for run in runs {
        let Some(probe_tag) = run.iter().find(|t| is_unresolved(t)) else {
            continue;
        };
        // Whether the run is a label: its word leaves the text when renamed to a marker.
        let marker = (0..)
            .map(|n| format!("zqmarker{n}zq"))
            .find(|m| !text.contains(m.as_str()))
            .expect("some marker is free");
        let (p_start, p_end) = span(probe_tag);
        let mut probe: Vec<char> = line[..p_start + 1].to_vec();
        probe.extend(marker.chars());
        probe.extend(&line[p_end..]);
        let label = draft(&probe).is_some_and(|d| !d.text.contains(marker.as_str()));
        let (run_start, run_end) = (span(run[0]).0, span(run[run.len() - 1]).1);
        out.extend(&line[next..run_start]);
        if label {
            let (moved, kept): (Vec<&&TagRef>, Vec<&&TagRef>) =
                run.iter().partition(|t| is_unresolved(t));
            let mut words: Vec<String> = Vec::new();
            for tag in moved {
                let (start, end) = span(tag);
                words.push(
                    std::iter::once(stand_in)
                        .chain(line[start + 1..end].iter().copied())
                        .collect(),
                );
            }
            for tag in kept {
                let (start, end) = span(tag);
                words.push(line[start..end].iter().collect());
            }
            out.extend(words.join(" ").chars());
        } else {
            for (i, c) in line[run_start..run_end].iter().enumerate() {
                let at = run_start + i;
                let hidden =
                    *c == '#' && run.iter().any(|t| t.column - 1 == at && is_unresolved(t));
                out.push(if hidden { stand_in } else { *c });
            }
        }
        next = run_end;
    }
    out.extend(&line[next..]);
    out
}

/// Imports a Zoom chat file into `session`: one chat intervention per message.
///
/// Names must all match the roster (or the map), or the import stops with
/// the list of those that do not, and `session` is unchanged.
pub fn import(
    session: &mut Session,
    bytes: &[u8],
    path: &Path,
    options: &ChatOptions,
) -> Result<ChatImported, ChatError> {
    let text = text_of(bytes, path).map_err(ChatError::Unreadable)?;
    let transcript = parse(text, path, options.starts_at).map_err(ChatError::Unreadable)?;
    let resolver = Resolver::default();
    let map = parse_map(session, &resolver, &options.map)?;
    let new_group = match &options.add_unknown {
        None => None,
        Some(text) => Some(find_group(&session.groups, text).ok_or_else(|| {
            let known: Vec<&str> = session.groups.iter().map(|g| g.id.as_str()).collect();
            ChatError::BadOption(format!(
                "--add-unknown {text:?}: there is no such group (groups: {})",
                known.join(", ")
            ))
        })?),
    };
    let mut report = ChatImported {
        formats: transcript.formats.clone(),
        messages: transcript.messages.len(),
        reactions: transcript.reactions,
        private: transcript.private,
        empty: transcript.empty,
        replies: transcript.messages.iter().filter(|m| m.reply).count(),
        ..ChatImported::default()
    };
    if options.starts_at.is_some() && !transcript.formats.contains(&ChatFormat::Cloud) {
        report.warnings.push(ImportProblem::new(
            path,
            1,
            None,
            "--starts-at was not used: this chat was saved on a computer and its times are clock times",
        ));
    }
    if options.starts_at.is_none()
        && let Some(first) = transcript
            .messages
            .iter()
            .find(|m| m.format == ChatFormat::Cloud)
        && first.time < OFFSET_LOOKING
    {
        return Err(ChatError::BadOption(format!(
            "{}:{}: this is a cloud recording's chat, whose times count from the start of the recording \
             (the first is {}): give --starts-at HH:MM, the time the recording started, \
             or --starts-at 00:00 to take the times as they are",
            path.display(),
            first.line,
            first.time
        )));
    }

    // Fingerprints of this file's messages; the nth copy of a message has its own.
    let mut seen: HashMap<(Clock, &str, &str), usize> = HashMap::new();
    let fingerprints: Vec<String> = transcript
        .messages
        .iter()
        .map(|m| {
            let n = seen.entry((m.time, &m.sender, &m.text)).or_default();
            *n += 1;
            fingerprint(&[&m.time.to_string(), &m.sender, &m.text, &n.to_string()])
        })
        .collect();
    let recorded: HashSet<&str> = session.chat_imported.iter().map(String::as_str).collect();
    let fresh: Vec<usize> = (0..transcript.messages.len())
        .filter(|&i| !recorded.contains(fingerprints[i].as_str()))
        .collect();
    report.already = transcript.messages.len() - fresh.len();

    // Match each distinct name once, against the roster as it was before this import.
    let mut senders: HashMap<String, Sender> = HashMap::new();
    let mut unmatched: Vec<Unmatched> = Vec::new();
    for &i in &fresh {
        let m = &transcript.messages[i];
        let key = name_key(&m.sender);
        let sender = senders.entry(key).or_insert_with(|| {
            let sender = match_sender(session, &resolver, &map, &m.sender);
            if let Sender::Participant(id, false) = &sender {
                report.similar.push((m.sender.clone(), id.clone()));
            }
            sender
        });
        let (candidates, ambiguous) = match sender {
            Sender::Unknown(_) if new_group.is_some() => continue,
            Sender::Unknown(nearest) => (nearest, false),
            Sender::Ambiguous(candidates) => (candidates, true),
            Sender::Participant(..) | Sender::Skip => continue,
        };
        match unmatched
            .iter_mut()
            .find(|u| name_key(&u.name) == name_key(&m.sender))
        {
            Some(u) => u.messages += 1,
            None => unmatched.push(Unmatched {
                name: m.sender.clone(),
                line: m.line,
                messages: 1,
                candidates: candidates.clone(),
                ambiguous,
            }),
        }
    }
    if !unmatched.is_empty() {
        return Err(ChatError::Unmatched {
            path: path.to_path_buf(),
            names: unmatched,
        });
    }
    for (i, (mapped, _)) in map.iter().enumerate() {
        let used = transcript.messages.iter().any(|m| {
            name_key(&m.sender) == *mapped || name_key(&without_brackets(&m.sender)) == *mapped
        });
        if !used {
            report.warnings.push(ImportProblem::new(
                path,
                1,
                None,
                format!("--map {:?} matches no name in the chat", options.map[i]),
            ));
        }
    }

    let mut working = session.clone();
    if let Some(group) = &new_group {
        for &i in &fresh {
            let m = &transcript.messages[i];
            let key = name_key(&m.sender);
            if !matches!(senders.get(&key), Some(Sender::Unknown(_))) {
                continue;
            }
            let name = match without_brackets(&m.sender) {
                bare if bare.is_empty() => m.sender.clone(),
                bare => bare,
            };
            let id = working.fresh_participant_id(&name);
            working
                .apply(Edit::AddParticipant(Participant {
                    id: id.clone(),
                    name,
                    affiliation: String::new(),
                    group: group.clone(),
                    role: None,
                }))
                .map_err(|e| ChatError::BadOption(e.to_string()))?;
            report.new_participants.push(id.clone());
            senders.insert(key, Sender::Participant(id, true));
        }
    }
    // Chat inputs already in the session (typed by hand, or merged in), each absorbing one message.
    let mut by_hand: Vec<(&str, Clock, &str)> = session
        .interventions
        .iter()
        .filter(|i| i.channel == Channel::Chat)
        .flat_map(|i| {
            i.notes
                .iter()
                .map(move |n| (i.participant.as_str(), i.start, n.text.as_str()))
        })
        .collect();
    for &i in &fresh {
        let m = &transcript.messages[i];
        working.chat_imported.push(fingerprints[i].clone());
        let participant = match senders.get(&name_key(&m.sender)) {
            Some(Sender::Participant(id, _)) => id.clone(),
            Some(Sender::Skip) => {
                report.skipped += 1;
                continue;
            }
            _ => unreachable!("every fresh sender was matched or reported above"),
        };
        let (text, tags, kind, emphasis) =
            note_of(&working, &resolver, m, path, &mut report.warnings);
        let typed = by_hand
            .iter()
            .position(|(who, time, t)| *who == participant && *time == m.time && *t == text);
        if let Some(at) = typed {
            by_hand.swap_remove(at);
            report.already += 1;
            continue;
        }
        let id = working.take_serial();
        let note = Note {
            id: working.take_serial(),
            text,
            tags,
            kind,
            emphasis,
            time: m.time,
        };
        // Chat inputs run alongside the floor: each goes in at its time, closing no turn.
        let at = working.interventions.partition_point(|i| i.start <= m.time);
        working.interventions.insert(
            at,
            Intervention {
                id,
                participant,
                channel: Channel::Chat,
                start: m.time,
                end: None,
                notes: vec![note],
            },
        );
        report.added += 1;
    }
    *session = working;
    Ok(report)
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
        assert_eq!(
            without_brackets("Amina Diallo (she/her) [ILO]"),
            "Amina Diallo"
        );
    }

    fn note(text: &str) -> (String, Vec<Slug>, usize) {
        let session = crate::templates::built_in("gfmd").unwrap();
        let t = read(&format!("10:00:00 From A : {text}\n"));
        let mut warnings = Vec::new();
        let (text, tags, _, _) = note_of(
            &session,
            &Resolver::default(),
            &t.messages[0],
            Path::new("c.txt"),
            &mut warnings,
        );
        (text, tags, warnings.len())
    }

    #[test]
    fn unknown_tags_stay_as_written_and_known_ones_keep_their_place() {
        let own = |t: &str, tags: &[&str], w: usize| {
            (
                t.to_string(),
                tags.iter().map(|s| s.to_string()).collect(),
                w,
            )
        };
        assert_eq!(
            note("they must pay #recruitment #GFMD2020"),
            own("they must pay #GFMD2020", &["recruitment"], 1)
        );
        assert_eq!(
            note("they must pay #GFMD2020 #recruitment"),
            own("they must pay #GFMD2020", &["recruitment"], 1)
        );
        assert_eq!(
            note("pay #GFMD2020. Then more"),
            own("pay #GFMD2020. Then more", &[], 1)
        );
        assert_eq!(
            note("we need #GFMD2020 follow-up on #recruitment"),
            own("we need #GFMD2020 follow-up on", &["recruitment"], 1)
        );
        assert_eq!(
            note("better #data and #zz1 for cities"),
            own("better data and #zz1 for cities", &["data"], 1)
        );
        assert_eq!(
            note("#recruitment #zz1 #data / next line"),
            own("#zz1 / next line", &["recruitment", "data"], 1)
        );
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(&["a"]), fingerprint(&["a"]));
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab"]));
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
    }
}
