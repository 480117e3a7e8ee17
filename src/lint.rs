//! Lint of a session's notes: text that would identify a speaker under the
//! Chatham House rule, flagged before a report is exported.

use std::fmt;

use serde::Serialize;

use crate::clock::Clock;
use crate::model::{Participant, Serial, Session, Slug};

/// What a note's text reveals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LintKind {
    /// The note names the participant who said it.
    SpeakerName,
    /// The note names the entity of the participant who said it.
    SpeakerEntity,
    /// The note names another participant.
    ParticipantName,
    /// The note names the entity of another participant.
    Entity,
}

/// A note whose own text names a participant or an entity on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintWarning {
    /// Id of the note.
    pub note: Serial,
    /// Id of the intervention holding it.
    pub intervention: Serial,
    /// Position of that intervention in the meeting, from 1.
    pub position: usize,
    /// When the note was taken.
    pub time: Clock,
    /// Column of the name in the note's text, from 1, in characters.
    pub column: usize,
    /// What is revealed.
    pub kind: LintKind,
    /// The words found in the text.
    pub found: String,
    /// Id of the participant the words point to.
    pub participant: Slug,
}

impl fmt::Display for LintWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "note {} (intervention {} at {}, column {}): ",
            self.note, self.position, self.time, self.column
        )?;
        match self.kind {
            LintKind::SpeakerName => write!(f, "names its own speaker, {:?}", self.found),
            LintKind::SpeakerEntity => write!(f, "names its speaker's entity, {:?}", self.found),
            LintKind::ParticipantName => {
                write!(
                    f,
                    "names participant {} as {:?}",
                    self.participant, self.found
                )
            }
            LintKind::Entity => write!(
                f,
                "names {:?}, the entity of {}",
                self.found, self.participant
            ),
        }?;
        f.write_str(match self.kind {
            LintKind::SpeakerName | LintKind::SpeakerEntity => {
                "; it would identify its speaker under the Chatham House rule"
            }
            LintKind::ParticipantName | LintKind::Entity => {
                "; check that it does not identify a speaker"
            }
        })
    }
}

/// Where `needle` (already lowercase) occurs in `haystack` (lowercase) as
/// whole words: the byte offset of the first such match.
fn find_words(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(at) = haystack[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let before = haystack[..start].chars().next_back();
        let after = haystack[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(start);
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Like [`find_words`] but case-sensitive, for a single capitalised name part.
fn find_name_part(text: &str, part: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(part) {
        let start = from + at;
        let end = start + part.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(start);
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Parts of a name that identify a person on their own: capitalised words of
/// three letters or more ("Essono", "Njeri"), not particles like "de" or "El".
fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
}

/// Where `text` names participant `p`: by full name, or by a part of it.
fn names_person(text: &str, lower: &str, p: &Participant) -> Option<(usize, String)> {
    let full = p.name.trim().to_lowercase();
    // Lowercasing can change byte lengths; offsets into `lower` then do not fit `text`.
    if lower.len() == text.len()
        && let Some(at) = find_words(lower, &full)
    {
        return Some((at, text[at..at + full.len()].to_string()));
    }
    name_parts(&p.name).find_map(|part| find_name_part(text, part).map(|at| (at, part.to_string())))
}

/// Warnings for every note whose own text names a participant or the entity
/// of one, in the order of the meeting.
pub fn lint(session: &Session) -> Vec<LintWarning> {
    let entities: Vec<(String, &Participant)> = session
        .participants
        .iter()
        .filter(|p| !p.affiliation.trim().is_empty())
        .map(|p| (p.affiliation.trim().to_lowercase(), p))
        .collect();
    let mut warnings = Vec::new();
    for (position, intervention) in session.interventions.iter().enumerate() {
        let speaker = session.participant(&intervention.participant);
        let speaker_entity = speaker.map(|s| s.affiliation.trim().to_lowercase());
        for note in &intervention.notes {
            let text = note.text.as_str();
            let lower = text.to_lowercase();
            let same_offsets = lower.len() == text.len();
            let mut found = Vec::new();
            for p in &session.participants {
                if let Some((at, words)) = names_person(text, &lower, p) {
                    let kind = if p.id == intervention.participant {
                        LintKind::SpeakerName
                    } else {
                        LintKind::ParticipantName
                    };
                    found.push((at, kind, words, p.id.clone()));
                }
            }
            let mut seen_entities: Vec<&str> = Vec::new();
            for (entity, p) in &entities {
                if seen_entities.contains(&entity.as_str()) {
                    continue;
                }
                let Some(at) = find_words(&lower, entity) else {
                    continue;
                };
                seen_entities.push(entity);
                let own = speaker_entity.as_deref() == Some(entity.as_str());
                let (kind, who) = if own {
                    (LintKind::SpeakerEntity, intervention.participant.clone())
                } else {
                    (LintKind::Entity, p.id.clone())
                };
                let words = if same_offsets {
                    text[at..at + entity.len()].to_string()
                } else {
                    p.affiliation.trim().to_string()
                };
                found.push((if same_offsets { at } else { 0 }, kind, words, who));
            }
            found.sort_by_key(|(at, kind, ..)| (*at, *kind as u8));
            for (at, kind, words, participant) in found {
                warnings.push(LintWarning {
                    note: note.id,
                    intervention: intervention.id,
                    position: position + 1,
                    time: note.time,
                    column: text[..at].chars().count() + 1,
                    kind,
                    found: words,
                    participant,
                });
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::person;
    use crate::model::{Channel, Intervention, Note, NoteKind, fixture};

    fn session(notes: &[(&str, &str)]) -> Session {
        let mut s = Session::default();
        s.groups.push(fixture::states());
        s.participants = vec![
            person("leila", "Leïla Ben Salah", "Tunisia"),
            person("thierry", "Thierry Essono", "Border Dialogue Platform"),
            person("ana", "ana lópez", ""),
        ];
        for (i, (who, text)) in notes.iter().enumerate() {
            let id = 2 * i as u64 + 1;
            s.interventions.push(Intervention {
                id,
                participant: who.to_string(),
                channel: Channel::Floor,
                start: Clock::hms(10, i as u32, 0),
                end: None,
                notes: vec![Note {
                    id: id + 1,
                    text: text.to_string(),
                    tags: vec![],
                    kind: NoteKind::Quote,
                    emphasis: false,
                    time: Clock::hms(10, i as u32, 30),
                    opposes: Vec::new(),
                }],
            });
        }
        s
    }

    fn kinds(s: &Session) -> Vec<(LintKind, String, usize)> {
        lint(s)
            .into_iter()
            .map(|w| (w.kind, w.found, w.column))
            .collect()
    }

    #[test]
    fn flags_the_speakers_own_name_and_entity() {
        let s = session(&[("leila", "As Tunisia, I, Leïla Ben Salah, insist")]);
        assert_eq!(
            kinds(&s),
            [
                (LintKind::SpeakerEntity, "Tunisia".into(), 4),
                (LintKind::SpeakerName, "Leïla Ben Salah".into(), 16),
            ]
        );
    }

    #[test]
    fn flags_other_participants_by_surname_and_entity() {
        let s = session(&[(
            "leila",
            "I agree with Essono and the border dialogue platform.",
        )]);
        assert_eq!(
            kinds(&s),
            [
                (LintKind::ParticipantName, "Essono".into(), 14),
                (LintKind::Entity, "border dialogue platform".into(), 29),
            ]
        );
    }

    #[test]
    fn matches_whole_words_only() {
        // "Tunisian" is not "Tunisia", and "salah" in lower case is not the name part "Salah".
        let s = session(&[("thierry", "Tunisian workers and salah-like meals")]);
        assert!(lint(&s).is_empty());
        // A capitalised part of three letters or more counts on its own.
        let s = session(&[("thierry", "Ben said so")]);
        assert_eq!(kinds(&s), [(LintKind::ParticipantName, "Ben".into(), 1)]);
    }

    #[test]
    fn a_lowercase_roster_name_matches_only_in_full() {
        let s = session(&[("leila", "Ana López spoke"), ("leila", "ana said")]);
        assert_eq!(
            kinds(&s),
            [(LintKind::ParticipantName, "Ana López".into(), 1)]
        );
    }

    #[test]
    fn displays_one_line_with_note_intervention_and_time() {
        let s = session(&[("thierry", "x"), ("thierry", "Thierry Essono here")]);
        let line = lint(&s)[0].to_string();
        assert_eq!(
            line,
            "note 4 (intervention 2 at 10:01:30, column 1): names its own speaker, \"Thierry Essono\"; \
             it would identify its speaker under the Chatham House rule"
        );
        assert!(!line.contains('\n'));
    }
}
