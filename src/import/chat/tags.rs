//! A chat message as a note: its `#tags`, a leading `!` and quotes read as the
//! capture line reads them.
//!
//! People in the chat do not know the priority ids, so a tag that matches no
//! priority, or several, does not stop the import: its `#word` stays in the text
//! as written and comes back as a warning, while the tags that resolve become the
//! note's tags and keep the place they have when typed.

use std::path::Path;

use super::layouts::ChatMessage;
use crate::capture::{self, CaptureLine, NoteDraft, TagRef};
use crate::import::ImportProblem;
use crate::model::{NoteKind, Session, Slug};
use crate::recorder::{Problem, resolve_tags};
use crate::resolve::Resolver;

/// The speaker prefix keeps a message starting with `@`, `[` or `//` a plain note.
const PREFIX: &str = "@chat (chat): ";

/// What a chat message says as a note, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ChatNote {
    /// The text, with the tags that match no priority still in it.
    pub(super) text: String,
    /// The priorities the message supports (`#tag`).
    pub(super) tags: Vec<Slug>,
    /// The priorities the message opposes (`#-tag`).
    pub(super) opposes: Vec<Slug>,
    /// Point or verbatim quote.
    pub(super) kind: NoteKind,
    /// Whether the message began with `!`.
    pub(super) emphasis: bool,
}

/// Reads `message` as a note; each tag that matches no priority, or several, is
/// left in the text and added to `warnings` with its place in the file.
pub(super) fn note_of(
    session: &Session,
    resolver: &Resolver,
    message: &ChatMessage,
    path: &Path,
    warnings: &mut Vec<ImportProblem>,
) -> ChatNote {
    let line = format!("{PREFIX}{}", message.text);
    let plain = || ChatNote {
        text: message.text.clone(),
        tags: Vec::new(),
        opposes: Vec::new(),
        kind: NoteKind::Point,
        emphasis: false,
    };
    let Some(first) = draft(&line, &|_| false) else {
        return plain();
    };
    let mut unresolved: Vec<usize> = Vec::new();
    for tag in &first.tags {
        if let Some(why) = unresolved_because(session, resolver, tag) {
            let (l, c) = message.position(tag.column.saturating_sub(PREFIX.len() + 1));
            warnings.push(ImportProblem::new(
                path,
                l,
                Some(c),
                format!("`#{}` {why}; kept in the text, untagged", tag.name),
            ));
            unresolved.push(tag.column);
        }
    }
    let draft = if unresolved.is_empty() {
        first
    } else {
        match draft(&line, &|tag| unresolved.contains(&tag.column)) {
            Some(draft) => draft,
            None => return plain(),
        }
    };
    let stances = resolve_tags(session, resolver, &draft.tags).unwrap_or_default();
    ChatNote {
        tags: stances.tags,
        opposes: stances.opposes,
        text: draft.text,
        kind: draft.kind,
        emphasis: draft.emphasis,
    }
}

/// The note of a capture line, the tags `leave` picks left in its text.
fn draft(line: &str, leave: &dyn Fn(&TagRef) -> bool) -> Option<NoteDraft> {
    match capture::parse_leaving_tags(line, leave) {
        Ok(CaptureLine::Entry(capture)) => capture.note,
        _ => None,
    }
}

/// Why `tag` matches no single priority, or `None` when it does.
fn unresolved_because(session: &Session, resolver: &Resolver, tag: &TagRef) -> Option<String> {
    let e = resolve_tags(session, resolver, std::slice::from_ref(tag)).err()?;
    Some(match e.problem {
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::chat::parse;

    fn note(text: &str) -> (String, Vec<Slug>, usize) {
        let session = crate::templates::gfmd_2020();
        let t = parse(
            &format!("10:00:00 From A : {text}\n"),
            Path::new("c.txt"),
            None,
        )
        .unwrap();
        let mut warnings = Vec::new();
        let note = note_of(
            &session,
            &Resolver::default(),
            &t.messages[0],
            Path::new("c.txt"),
            &mut warnings,
        );
        (note.text, note.tags, warnings.len())
    }

    fn own(t: &str, tags: &[&str], w: usize) -> (String, Vec<Slug>, usize) {
        (
            t.to_string(),
            tags.iter().map(|s| s.to_string()).collect(),
            w,
        )
    }

    #[test]
    fn unknown_tags_stay_as_written_and_known_ones_keep_their_place() {
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
    fn a_tag_left_as_text_keeps_the_characters_around_it() {
        assert_eq!(note("see #zz1/ #data"), own("see #zz1/", &["data"], 1));
        assert_eq!(note("see #zz1- now"), own("see #zz1- now", &[], 1));
        assert_eq!(note("!#zz1 #zz2"), own("#zz1 #zz2", &[], 2));
        assert_eq!(note("\"a #zz1\""), own("a #zz1", &[], 1));
    }

    #[test]
    fn private_use_characters_are_text_like_any_other() {
        // Every private-use character and a tag that matches no priority: all kept as written.
        let text: String = ('\u{e000}'..='\u{f8ff}').collect::<String>() + " #zz1 #data";
        let expected: String = ('\u{e000}'..='\u{f8ff}').collect::<String>() + " #zz1";
        assert_eq!(note(&text), own(&expected, &["data"], 1));
    }
}
