//! `import chat`: Zoom's saved chat files, each message a chat input.
//!
//! The file is read in any of Zoom's layouts (`layouts.rs`), each sender is
//! matched to the roster (`senders.rs`), and each remaining message is read as
//! the text of a capture line, so `#tags`, a leading `!` and a message wrapped
//! in quotes mean what they mean when typed (`tags.rs`). The import is one
//! transaction: its new people and chat inputs are edits applied all or none
//! with [`Session::apply_all`], as the screen applies what is typed; a message
//! imported once is never imported again.

mod layouts;
mod senders;
mod tags;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

pub use layouts::{ChatFormat, ChatMessage, ChatTranscript, parse};
pub use senders::Unmatched;

use super::groups::option_group;
use super::{ImportProblem, text_of};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::model::{Channel, Intervention, Note, Participant, Session, Slug, SlugMaker};
use crate::resolve::Resolver;
use senders::{NameMap, Sender, Senders, roster_name};
use tags::note_of;

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
    let (edits, report) = plan(session, bytes, path, options)?;
    session
        .apply_all(edits)
        .map_err(|e| ChatError::BadOption(e.to_string()))?;
    Ok(report)
}

/// The edits that record the chat's messages not imported before as chat inputs at
/// their times (and their fingerprints), with what they do, without changing anything:
/// the caller commits them.
pub fn plan(
    session: &Session,
    bytes: &[u8],
    path: &Path,
    options: &ChatOptions,
) -> Result<(Vec<Edit>, ChatImported), ChatError> {
    let text = text_of(bytes, path).map_err(ChatError::Unreadable)?;
    let transcript = parse(text, path, options.starts_at).map_err(ChatError::Unreadable)?;
    let resolver = Resolver::default();
    let map = NameMap::parse(session, &resolver, &options.map).map_err(ChatError::BadOption)?;
    let new_group = match &options.add_unknown {
        None => None,
        Some(text) => Some(
            option_group(&session.groups, "--add-unknown", text).map_err(ChatError::BadOption)?,
        ),
    };
    let mut report = ChatImported::of(&transcript);
    check_times(&transcript, path, options, &mut report)?;

    let fingerprints = fingerprints(&transcript);
    let recorded: HashSet<&str> = session.chat_imported.iter().map(String::as_str).collect();
    let fresh: Vec<usize> = (0..transcript.messages.len())
        .filter(|&i| !recorded.contains(fingerprints[i].as_str()))
        .collect();
    report.already = transcript.messages.len() - fresh.len();
    let fresh_messages = || fresh.iter().map(|&i| &transcript.messages[i]);

    // Each distinct name is matched once, against the roster as it was before this import.
    let mut senders = Senders::match_all(
        session,
        &resolver,
        &map,
        fresh_messages(),
        new_group.is_some(),
    );
    report.similar = std::mem::take(&mut senders.similar);
    if !senders.unmatched.is_empty() {
        return Err(ChatError::Unmatched {
            path: path.to_path_buf(),
            names: senders.unmatched,
        });
    }
    for i in map.unused(&transcript.messages) {
        report.warnings.push(ImportProblem::new(
            path,
            1,
            None,
            format!("--map {:?} matches no name in the chat", options.map[i]),
        ));
    }

    let mut edits = match &new_group {
        Some(group) => new_people(session, group, &mut senders, fresh_messages(), &mut report),
        None => Vec::new(),
    };
    let inputs = ChatInputs {
        session,
        resolver: &resolver,
        senders: &senders,
        path,
    };
    edits.extend(inputs.edits(fresh_messages(), &mut report));
    // Every fresh message is recorded, even one left out, so that it stays out next time.
    let mut imported = session.chat_imported.clone();
    imported.extend(fresh.iter().map(|&i| fingerprints[i].clone()));
    edits.push(Edit::SetChatImported(imported));
    Ok((edits, report))
}

impl ChatImported {
    /// The counts the file alone tells, before anything is matched or added.
    fn of(transcript: &ChatTranscript) -> ChatImported {
        ChatImported {
            formats: transcript.formats.clone(),
            messages: transcript.messages.len(),
            reactions: transcript.reactions,
            private: transcript.private,
            empty: transcript.empty,
            replies: transcript.messages.iter().filter(|m| m.reply).count(),
            ..ChatImported::default()
        }
    }
}

/// Refuses a cloud chat whose times count from the recording's start without
/// `--starts-at`, and warns about a `--starts-at` that a local chat does not use.
fn check_times(
    transcript: &ChatTranscript,
    path: &Path,
    options: &ChatOptions,
    report: &mut ChatImported,
) -> Result<(), ChatError> {
    if options.starts_at.is_some() && !transcript.formats.contains(&ChatFormat::Cloud) {
        report.warnings.push(ImportProblem::new(
            path,
            1,
            None,
            "--starts-at was not used: this chat was saved on a computer and its times are clock times",
        ));
    }
    if options.starts_at.is_none()
        && let Some(first) = transcript.first_offset()
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
    Ok(())
}

/// Fingerprints of the transcript's messages; the nth copy of a message has its own.
fn fingerprints(transcript: &ChatTranscript) -> Vec<String> {
    let mut seen: HashMap<(Clock, &str, &str), usize> = HashMap::new();
    transcript
        .messages
        .iter()
        .map(|m| {
            let n = seen.entry((m.time, &m.sender, &m.text)).or_default();
            *n += 1;
            fingerprint(&[&m.time.to_string(), &m.sender, &m.text, &n.to_string()])
        })
        .collect()
}

/// Edits adding to `group` each sender of `messages` whom nobody on the roster matches.
fn new_people<'m>(
    session: &Session,
    group: &Slug,
    senders: &mut Senders,
    messages: impl Iterator<Item = &'m ChatMessage>,
    report: &mut ChatImported,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut ids = SlugMaker::default();
    let mut added: HashSet<Slug> = HashSet::new();
    for m in messages {
        if !matches!(senders.get(&m.sender), Some(Sender::Unknown(_))) {
            continue;
        }
        let name = roster_name(&m.sender);
        let id = ids.make(&name, "participant", |s| {
            session.participant(s).is_some() || added.contains(s)
        });
        added.insert(id.clone());
        edits.push(Edit::AddParticipant(Participant {
            id: id.clone(),
            name,
            affiliation: String::new(),
            group: group.clone(),
            role: None,
            chair: false,
        }));
        report.new_participants.push(id.clone());
        senders.added(&m.sender, id);
    }
    edits
}

/// What turning messages into chat inputs reads: the session before the import and who wrote what.
struct ChatInputs<'a> {
    session: &'a Session,
    resolver: &'a Resolver,
    senders: &'a Senders,
    path: &'a Path,
}

impl ChatInputs<'_> {
    /// An edit inserting each of `messages` as a chat input at its time, but for those
    /// of people mapped to nobody and those already typed by hand.
    fn edits<'m>(
        &self,
        messages: impl Iterator<Item = &'m ChatMessage>,
        report: &mut ChatImported,
    ) -> Vec<Edit> {
        let session = self.session;
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
        // The starts of the interventions as the edits leave them, to place each input at its time.
        let mut starts: Vec<Clock> = session.interventions.iter().map(|i| i.start).collect();
        let mut serial = session.peek_serial();
        let mut edits = Vec::new();
        for m in messages {
            let participant = match self.senders.get(&m.sender) {
                Some(Sender::Participant(id, _)) => id.clone(),
                Some(Sender::Skip) => {
                    report.skipped += 1;
                    continue;
                }
                _ => unreachable!("every fresh sender was matched or reported"),
            };
            let note = note_of(session, self.resolver, m, self.path, &mut report.warnings);
            let typed = by_hand.iter().position(|(who, time, t)| {
                *who == participant && *time == m.time && *t == note.text
            });
            if let Some(at) = typed {
                by_hand.swap_remove(at);
                report.already += 1;
                continue;
            }
            // Chat inputs run alongside the floor: each goes in at its time, closing no turn.
            let index = starts.partition_point(|start| *start <= m.time);
            starts.insert(index, m.time);
            edits.push(Edit::InsertIntervention {
                index,
                intervention: Intervention {
                    id: serial,
                    participant,
                    channel: Channel::Chat,
                    start: m.time,
                    end: None,
                    notes: vec![Note {
                        id: serial + 1,
                        text: note.text,
                        tags: note.tags,
                        opposes: note.opposes,
                        kind: note.kind,
                        emphasis: note.emphasis,
                        time: m.time,
                    }],
                },
            });
            serial += 2;
            report.added += 1;
        }
        edits
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(&["a"]), fingerprint(&["a"]));
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab"]));
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
    }
}
