//! Lint of a session's notes: text that would identify a speaker under the
//! Chatham House rule, flagged before a report is exported.
//!
//! A note is flagged where it writes, from the roster, a participant's full name or a
//! distinctive part of it (a first name, a surname), an affiliation, one of its
//! distinctive words ("Bristol" for Bristol City Council), its acronym ("OHCHR") or
//! its short form ("the Alliance" when only one entity on the roster is an alliance).
//! Words are compared folded as [`crate::names`] folds names. What identifies nobody
//! is left alone: common words of organizations' names ("Ministry", "Council",
//! "Network"), a word the notes also write in lower case when it only starts a
//! sentence ("Border police…"), and places named after someone ("St Paul Street").

#[cfg(test)]
mod cases;
mod terms;
mod words;

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;

use crate::clock::Clock;
use crate::model::{Serial, Session, Slug};
use crate::names::{name_key, text_key};

use terms::{Case, Owner, Terms, after_article, in_a_longer_name, names_a_place};
use words::{Word, all_capitals, capitalised, words};

/// Whom a note's text reveals.
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

/// How the note's text writes what it reveals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LintForm {
    /// A participant's full name: "Amara Diallo".
    FullName,
    /// A distinctive part of a participant's name: "Amara", "Diallo".
    NamePart,
    /// An affiliation as the roster writes it: "Bristol City Council".
    Affiliation,
    /// A distinctive word of an affiliation: "Bristol".
    AffiliationWord,
    /// An affiliation's acronym: "OHCHR".
    Acronym,
    /// An affiliation's kind of organization, when it is the only one of its kind: "the Alliance".
    ShortForm,
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
    /// Whom it reveals.
    pub kind: LintKind,
    /// How the text writes it.
    pub form: LintForm,
    /// The words found in the text.
    pub found: String,
    /// Id of the participant the words point to.
    pub participant: Slug,
    /// The affiliation the words point to, when they name an entity.
    pub entity: Option<String>,
}

impl LintWarning {
    /// What the words are of the entity, for an entity found by more than its name.
    fn as_what(&self) -> String {
        let entity = self.entity.as_deref().unwrap_or_default();
        match self.form {
            LintForm::Acronym => format!("{entity:?} by its acronym {:?}", self.found),
            _ => format!("{entity:?} as {:?}", self.found),
        }
    }
}

impl fmt::Display for LintWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "note {} (intervention {} at {}, column {}): ",
            self.note, self.position, self.time, self.column
        )?;
        let by_part = self.form == LintForm::NamePart;
        match (self.kind, self.form) {
            (LintKind::SpeakerName, _) if by_part => {
                write!(
                    f,
                    "names its own speaker by a part of the name, {:?}",
                    self.found
                )
            }
            (LintKind::SpeakerName, _) => write!(f, "names its own speaker, {:?}", self.found),
            (LintKind::ParticipantName, _) if by_part => write!(
                f,
                "names participant {} by a part of the name, {:?}",
                self.participant, self.found
            ),
            (LintKind::ParticipantName, _) => write!(
                f,
                "names participant {} as {:?}",
                self.participant, self.found
            ),
            (LintKind::SpeakerEntity, LintForm::Affiliation) => {
                write!(f, "names its speaker's entity, {:?}", self.found)
            }
            (LintKind::SpeakerEntity, _) => {
                write!(f, "names its speaker's entity, {}", self.as_what())
            }
            (LintKind::Entity, LintForm::Affiliation) => write!(
                f,
                "names {:?}, the entity of {}",
                self.found, self.participant
            ),
            (LintKind::Entity, _) => write!(
                f,
                "names {}, the entity of {}",
                self.as_what(),
                self.participant
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

/// A term found in a note: where, and whom it points to.
struct Found {
    start: usize,
    end: usize,
    term: usize,
}

/// Where term `t` of `terms` is written from word `at` of `text`: its byte span.
fn matches(
    note: &str,
    text: &[Word],
    at: usize,
    t: &terms::Term,
    lower: &HashSet<String>,
) -> Option<(usize, usize)> {
    let n = t.keys.len();
    let last = at + n - 1;
    let words = text.get(at..=last)?;
    let first = &words[0];
    // The first word may carry an elision in front, the last a possessive behind.
    let start = if first.key == t.keys[0]
        || n == 1 && first.possessive.as_ref().is_some_and(|p| p.1 == t.keys[0])
    {
        first.start
    } else {
        first.elided.as_ref().filter(|e| e.1 == t.keys[0])?.0
    };
    for (k, w) in words.iter().enumerate().skip(1) {
        let tail = k == n - 1 && w.possessive.as_ref().is_some_and(|p| p.1 == t.keys[k]);
        if w.key != t.keys[k] && !tail {
            return None;
        }
        // Words of one name stand together: "Ben Salah", "Nzé-Ondo", not "Ben, Salah".
        let between = &note[words[k - 1].start + words[k - 1].text.len()..w.start];
        if !between
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '.' | '\u{2010}'..='\u{2015}'))
        {
            return None;
        }
    }
    let lw = &words[n - 1];
    let end = match &lw.possessive {
        Some((len, key)) if *key == t.keys[n - 1] && lw.key != *key => lw.start + len,
        _ => lw.start + lw.text.len(),
    };
    let written = &note[start..end];
    let shown = match t.case {
        Case::Any => true,
        Case::Capital => capitalised(written),
        Case::Capitals => all_capitals(written),
    };
    // A capitalised word that the notes also write in lower case is common when it starts a sentence.
    let common_start =
        t.case == Case::Capital && n == 1 && first.sentence_start && lower.contains(&t.keys[0]);
    let place = t.form != LintForm::Acronym && names_a_place(text, at, last + 1);
    (shown && !common_start && !place).then_some((start, end))
}

/// Every term of `terms` that `text` writes, overlapping or not.
fn find_terms(text: &str, terms: &Terms, lower: &HashSet<String>) -> Vec<Found> {
    let ws = words(text);
    let mut found = Vec::new();
    for (at, w) in ws.iter().enumerate() {
        let keys = [
            Some(&w.key),
            w.elided.as_ref().map(|e| &e.1),
            w.possessive.as_ref().map(|p| &p.1),
        ];
        let mut seen: Vec<usize> = Vec::new();
        for &ti in keys
            .into_iter()
            .flatten()
            .filter_map(|k| terms.by_first.get(k))
            .flatten()
        {
            if seen.contains(&ti) {
                continue;
            }
            seen.push(ti);
            let t = &terms.terms[ti];
            let Some((mut start, end)) = matches(text, &ws, at, t, lower) else {
                continue;
            };
            if t.form == LintForm::ShortForm {
                let elided_article = w.elided.as_ref().is_some_and(|e| e.0 == start);
                if !(after_article(&ws, at) || elided_article) || in_a_longer_name(&ws, at + 1) {
                    continue;
                }
                // The article is part of what was found: "the Alliance", "l'Alliance".
                start = if elided_article {
                    w.start
                } else {
                    ws[at - 1].start
                };
            }
            found.push(Found {
                start,
                end,
                term: ti,
            });
        }
    }
    found
}

/// Whom a term found in a note of `speaker` points to: kind, participant, entity.
fn whom(
    session: &Session,
    terms: &Terms,
    term: &terms::Term,
    speaker: &str,
) -> (LintKind, Slug, Option<String>) {
    match term.owner {
        Owner::Person(i) => {
            let id = &session.participants[i].id;
            let kind = if id == speaker {
                LintKind::SpeakerName
            } else {
                LintKind::ParticipantName
            };
            (kind, id.clone(), None)
        }
        Owner::Entity(e) => {
            let e = &terms.entities[e];
            let own = session
                .participant(speaker)
                .is_some_and(|s| text_key(&s.affiliation) == e.key);
            if own {
                (
                    LintKind::SpeakerEntity,
                    speaker.to_string(),
                    Some(e.name.clone()),
                )
            } else {
                let first = &session.participants[e.people[0]].id;
                (LintKind::Entity, first.clone(), Some(e.name.clone()))
            }
        }
    }
}

/// Warnings for every note whose own text names a participant or the entity
/// of one, in the order of the meeting, reviewed or not.
pub fn lint(session: &Session) -> Vec<LintWarning> {
    let terms = Terms::of(session);
    let lower = lower_case_words(session);
    let mut warnings = Vec::new();
    for (position, intervention) in session.interventions.iter().enumerate() {
        for note in &intervention.notes {
            let text = note.text.as_str();
            let mut found: Vec<_> = find_terms(text, &terms, &lower)
                .into_iter()
                .map(|f| {
                    let t = &terms.terms[f.term];
                    (
                        f,
                        t.form,
                        whom(session, &terms, t, &intervention.participant),
                    )
                })
                .collect();
            // The longest match at a place wins, the speaker's own before others'.
            found.sort_by_key(|(f, _, (kind, ..))| {
                let own = matches!(kind, LintKind::SpeakerName | LintKind::SpeakerEntity);
                (f.start, std::cmp::Reverse(f.end), !own)
            });
            let mut taken: Vec<(usize, usize)> = Vec::new();
            let mut kept: Vec<LintWarning> = Vec::new();
            for (f, form, (kind, participant, entity)) in found {
                if taken.iter().any(|&(s, e)| f.start < e && s < f.end) {
                    continue;
                }
                taken.push((f.start, f.end));
                let words = text[f.start..f.end].to_string();
                // A name written twice in one note is one finding, at its first place.
                let key = name_key(&words);
                let again = kept.iter().any(|k| {
                    k.kind == kind && k.participant == participant && name_key(&k.found) == key
                });
                if again {
                    continue;
                }
                kept.push(LintWarning {
                    note: note.id,
                    intervention: intervention.id,
                    position: position + 1,
                    time: note.time,
                    column: text[..f.start].chars().count() + 1,
                    kind,
                    form,
                    found: words,
                    participant,
                    entity,
                });
            }
            warnings.extend(kept);
        }
    }
    warnings
}

/// The warnings the rapporteur has not marked reviewed: what export refuses over.
pub fn standing(session: &Session) -> Vec<LintWarning> {
    lint(session)
        .into_iter()
        .filter(|w| !session.review.name_reviewed(w.note, &w.found))
        .collect()
}

/// Folded words the session writes in lower case somewhere: in notes, priorities' titles
/// and descriptions. Such a word is common, whatever a roster calls itself.
fn lower_case_words(session: &Session) -> HashSet<String> {
    let notes = session
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .map(|n| n.text.as_str());
    let priorities = session
        .priorities
        .iter()
        .flat_map(|p| std::iter::once(p.title.as_str()).chain(p.description.as_deref()));
    let mut lower = HashSet::new();
    for text in notes.chain(priorities) {
        for w in words(text) {
            if w.text.chars().any(char::is_lowercase) && !w.text.chars().any(char::is_uppercase) {
                lower.insert(w.key);
            }
        }
    }
    lower
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
