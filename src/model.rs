//! The session model: groups, roster, priorities, interventions and notes.
//!
//! Plain data with no I/O, serialised to RON by [`crate::storage`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::clock::Clock;

/// Version of the session file schema written by this build.
pub const SCHEMA_VERSION: u32 = 1;

/// Id of a group, a participant or a priority: a short slug such as `recruitment`.
pub type Slug = String;

/// Numeric id of an intervention or a note, unique within a session.
pub type Serial = u64;

/// One meeting as the rapporteur records it: one RON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Schema version of the file, [`SCHEMA_VERSION`] when written by this build.
    pub version: u32,
    /// Title, theme, date and format of the meeting.
    #[serde(default)]
    pub meta: Meta,
    /// Constituency groups, in the order the report lists them.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// The roster.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// The priorities notes can be tagged with.
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// The meeting's turns, in order, each holding its notes.
    #[serde(default)]
    pub interventions: Vec<Intervention>,
    /// Ids of the participants a registration or attendee export says attended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attended: Vec<Slug>,
    /// Ids of the participants an attendee export says registered but did not attend.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<Slug>,
    /// The rapporteur's own words: never a note of an intervention, never counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<Remark>,
    /// The rapporteur's choices for the report, made in the review.
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
    /// Fingerprints of the chat messages imported so far, so that importing the same
    /// chat again adds nothing twice, even after an imported note was edited or deleted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chat_imported: Vec<String>,
    /// Next free serial for interventions and notes, so ids are never reused.
    #[serde(default)]
    pub next_serial: Serial,
    /// Sequence number of the last journal entry folded into this file.
    #[serde(default)]
    pub journal_seq: u64,
}

/// A name found in a note's text and kept there after review.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NameReviewed {
    /// Id of the note.
    pub note: Serial,
    /// The words found, as the lint wrote them ("Bristol", "the Alliance").
    pub words: String,
}

impl Review {
    /// Whether the rapporteur kept `words` in note `note`; words compare as names do
    /// ([`crate::names::name_key`]), so "bristol" is "Bristol".
    pub fn name_reviewed(&self, note: Serial, words: &str) -> bool {
        let key = crate::names::name_key(words);
        self.names_reviewed
            .iter()
            .any(|r| r.note == note && crate::names::name_key(&r.words) == key)
    }
}

/// Descriptive facts about the meeting, used by the report's introduction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Title of the meeting, e.g. "Breakout session 2".
    #[serde(default)]
    pub title: String,
    /// Theme under discussion, e.g. "Addressing Gaps in Migrant Protection".
    #[serde(default)]
    pub theme: String,
    /// Date of the meeting, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    /// Format, e.g. "two-hour on-line breakout session".
    #[serde(default)]
    pub format: String,
    /// Languages of the meeting or of interpretation.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Focus areas listed in the introduction.
    #[serde(default)]
    pub focus_areas: Vec<String>,
    /// When the meeting opened, if recorded (the report's duration and open-exchange share).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<Clock>,
    /// When the meeting closed, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes: Option<Clock>,
    /// The meeting's own words in the other languages a report can be written in, by
    /// language tag (`fr`): what `export --lang fr` says in place of the English.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
}

impl Meta {
    /// Takes out of the translations the title, theme and format whose English changed
    /// since `before`: they no longer say it. Returns what was taken out, as (language
    /// tag, `title` | `theme` | `format`).
    pub fn forget_stale_translations(&mut self, before: &Meta) -> Vec<(String, &'static str)> {
        let mut forgotten = Vec::new();
        for (tag, t) in &mut self.translations {
            for (field, now, then, what) in [
                (&mut t.title, &self.title, &before.title, "title"),
                (&mut t.theme, &self.theme, &before.theme, "theme"),
                (&mut t.format, &self.format, &before.format, "format"),
            ] {
                if now != then && !field.is_empty() {
                    field.clear();
                    forgotten.push((tag.clone(), what));
                }
            }
        }
        forgotten
    }
}

/// The meeting's details, groups and priorities in one report language. What is left
/// empty is said as the session has it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Translation {
    /// Title of the meeting.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Theme under discussion.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theme: String,
    /// Format, with its article as it reads in a sentence: "la séance en ligne".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub format: String,
    /// Focus areas, replacing the list when given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus_areas: Vec<String>,
    /// Groups' names and nouns, by group id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<Slug, GroupWords>,
    /// Priorities' titles, by priority id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub priorities: BTreeMap<Slug, String>,
}

/// A group's name and nouns in a report language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupWords {
    /// The name with its article, as it reads in a sentence: "la société civile", "les États".
    pub name: String,
    /// Noun for one entity: "organisation de la société civile"; empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub singular: String,
    /// Noun for several entities: "organisations de la société civile".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plural: String,
    /// The grammatical gender of the nouns, which words agreeing with them follow.
    #[serde(default)]
    pub gender: Gender,
}

/// Grammatical gender, for languages whose words agree with their nouns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    /// "un État", "le seul État qui s'est exprimé".
    #[default]
    Masculine,
    /// "une organisation", "la seule organisation qui s'est exprimée".
    Feminine,
}

/// A constituency group: States, civil society, business, mayors, observers…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Short id, e.g. `states`.
    pub id: Slug,
    /// Display name, e.g. "States".
    pub name: String,
    /// Noun for one entity of this group, e.g. "State", "civil society organization";
    /// empty when the group has none, and the report then counts its people instead.
    #[serde(default)]
    pub singular: String,
    /// Noun for several entities, e.g. "States", "civil society organizations"; empty when none.
    #[serde(default)]
    pub plural: String,
    /// Whether this group counts toward convergence ("all 4 groups" leaves observers out).
    #[serde(default = "yes")]
    pub counts_for_convergence: bool,
}

fn yes() -> bool {
    true
}

/// A person on the roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// Stable id, a slug of the name.
    pub id: Slug,
    /// Full name as the rapporteur knows it.
    pub name: String,
    /// The State, organization or city represented: the entity.
    #[serde(default)]
    pub affiliation: String,
    /// Id of the participant's group.
    pub group: Slug,
    /// Optional role, e.g. "Mayor" or "Head of delegation".
    #[serde(default)]
    pub role: Option<String>,
    /// Marked as chairing the meeting, whatever the role says (see [`Participant::chairs`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub chair: bool,
}

fn is_false(flag: &bool) -> bool {
    !*flag
}

/// Words of a role that make its holder a chair of the meeting.
const CHAIR_WORDS: &[&str] = &[
    "chair",
    "chairs",
    "chairperson",
    "chairman",
    "chairwoman",
    "co-chair",
    "cochair",
    "vice-chair",
    "moderator",
    "co-moderator",
    "facilitator",
    "co-facilitator",
    "host",
    "co-host",
    "cohost",
];

/// Whether a role names someone who chairs: it holds the word chair, co-chair,
/// vice-chair, moderator, facilitator or host (`Vice Chair`, `Co-Host`,
/// `Committee chairperson`), but not `Hostage negotiator` nor `Chair's adviser`.
pub fn is_chair_role(role: &str) -> bool {
    role.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
        // "Chairman's adviser" serves the chair, and is none.
        .filter(|word| !word.ends_with("'s") && !word.ends_with("’s"))
        .any(|word| CHAIR_WORDS.contains(&word.trim_matches(['-', '\'', '’'])))
}

impl Participant {
    /// Whether this participant chairs the meeting: marked so, or by their role.
    pub fn chairs(&self) -> bool {
        self.chair || self.role.as_deref().is_some_and(is_chair_role)
    }
}

impl Group {
    /// Whether the group has nouns for its entities ("State"/"States").
    pub fn has_nouns(&self) -> bool {
        !self.singular.trim().is_empty() && !self.plural.trim().is_empty()
    }
}

/// A priority that notes can be tagged with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Priority {
    /// Tag id, e.g. `recruitment`.
    pub id: Slug,
    /// Title used in the report, e.g. "Fix recruitment practices".
    pub title: String,
    /// Optional longer description.
    #[serde(default)]
    pub description: Option<String>,
}

/// Where an intervention was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// Spoken on the floor.
    #[default]
    Floor,
    /// Written in the chat.
    Chat,
}

/// One turn by one participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    /// Serial id, unique in the session.
    pub id: Serial,
    /// Id of the participant who spoke.
    pub participant: Slug,
    /// Floor or chat.
    #[serde(default)]
    pub channel: Channel,
    /// When the turn started.
    pub start: Clock,
    /// When it ended (when the next turn started), if known.
    #[serde(default)]
    pub end: Option<Clock>,
    /// The points the rapporteur noted during this turn.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// What kind of note a note is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteKind {
    /// A point in the rapporteur's words.
    #[default]
    Point,
    /// A verbatim quote of the speaker.
    Quote,
}

/// A point typed by the rapporteur inside an intervention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Serial id, unique in the session.
    pub id: Serial,
    /// The text, without its `#tags`, quote marks or leading `!`.
    pub text: String,
    /// Ids of the priorities this note supports (`#tag`).
    #[serde(default)]
    pub tags: Vec<Slug>,
    /// Ids of the priorities this note opposes (`#-tag`); never one it also supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opposes: Vec<Slug>,
    /// Point or verbatim quote.
    #[serde(default)]
    pub kind: NoteKind,
    /// Whether the point was strongly voiced.
    #[serde(default)]
    pub emphasis: bool,
    /// When it was noted.
    pub time: Clock,
}

/// The rapporteur's remark: their own words, tied to a priority (it leads that priority's
/// section in the report) or to the meeting (the introduction); never attributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remark {
    /// Serial id, unique in the session.
    pub id: Serial,
    /// The remark, as typed.
    pub text: String,
    /// The priority it leads, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Slug>,
    /// When it was typed.
    pub time: Clock,
}

/// The rapporteur's choices for the report, made in the review before exporting: the
/// order of the priorities, the sections they go under, and which notes the report uses.
/// The figures never change with them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Priorities in the order the report presents them; those not listed follow, by convergence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<Slug>,
    /// Headings the rapporteur names, each opening a section before one priority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Notes left out of the report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<Serial>,
    /// The quote chosen to speak for a priority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Chosen>,
    /// Notes that say again what another says, folded into it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folded: Vec<Folded>,
    /// Names found in notes that the rapporteur read and keeps in the report, in the
    /// order of their notes: export no longer refuses over them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names_reviewed: Vec<NameReviewed>,
}

impl Review {
    /// Whether the rapporteur has chosen nothing yet.
    pub fn is_empty(&self) -> bool {
        *self == Review::default()
    }

    /// Whether the note is left out of the report, or folded into another.
    pub fn leaves_out(&self, note: Serial) -> bool {
        self.left_out.contains(&note) || self.folded.iter().any(|f| f.note == note)
    }

    /// The quote chosen for a priority.
    pub fn quote_for(&self, priority: &str) -> Option<Serial> {
        self.quotes
            .iter()
            .find(|c| c.priority == priority)
            .map(|c| c.note)
    }

    /// The heading that opens a section before the priority, if one does.
    pub fn heading_before(&self, priority: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| s.before == priority)
            .map(|s| s.title.as_str())
    }
}

/// A section heading of the report, before the priority that opens the section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading, in the rapporteur's words ("WHO should be partners?").
    pub title: String,
    /// The priority the section opens with, or [`GENERAL_POINTS`] for the points that
    /// raised no priority, which the section then holds at the top of the key emphases.
    pub before: Slug,
}

/// The `before` of a [`Section`] holding the points that raised no priority; no priority
/// id can be it, as ids are slugs.
pub const GENERAL_POINTS: &str = "*";

/// The quote chosen for a priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chosen {
    /// The priority.
    pub priority: Slug,
    /// The note quoted.
    pub note: Serial,
}

/// A note folded into another that says the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Folded {
    /// The duplicate, left out of the report.
    pub note: Serial,
    /// The note that stands for both.
    pub into: Serial,
}

/// Whether a note supports or opposes a priority it is tagged with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    /// `#tag`: supports (or raises) the priority.
    #[default]
    Support,
    /// `#-tag`: opposes it.
    Oppose,
}

impl Note {
    /// Whether the note is tagged with any priority, supporting or opposing it.
    pub fn is_tagged(&self) -> bool {
        !self.tags.is_empty() || !self.opposes.is_empty()
    }

    /// The note's stance on priority `id`, if it is tagged with it.
    pub fn stance_on(&self, id: &str) -> Option<Stance> {
        if self.tags.iter().any(|t| t == id) {
            Some(Stance::Support)
        } else if self.opposes.iter().any(|t| t == id) {
            Some(Stance::Oppose)
        } else {
            None
        }
    }
}

impl Default for Session {
    fn default() -> Self {
        Session {
            version: SCHEMA_VERSION,
            meta: Meta::default(),
            groups: Vec::new(),
            participants: Vec::new(),
            priorities: Vec::new(),
            interventions: Vec::new(),
            remarks: Vec::new(),
            review: Review::default(),
            attended: Vec::new(),
            absent: Vec::new(),
            chat_imported: Vec::new(),
            next_serial: 1,
            journal_seq: 0,
        }
    }
}

impl Session {
    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The participant with this id.
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// Whether the participant attended: `None` when no export said.
    pub fn attendance(&self, id: &str) -> Option<bool> {
        if self.attended.iter().any(|a| a == id) {
            Some(true)
        } else if self.absent.iter().any(|a| a == id) {
            Some(false)
        } else {
            None
        }
    }

    /// Records whether the participant attended, replacing what was recorded before.
    pub fn set_attendance(&mut self, id: &str, attended: bool) {
        self.attended.retain(|a| a != id);
        self.absent.retain(|a| a != id);
        let list = if attended {
            &mut self.attended
        } else {
            &mut self.absent
        };
        list.push(id.to_string());
    }

    /// The priority with this id.
    pub fn priority(&self, id: &str) -> Option<&Priority> {
        self.priorities.iter().find(|p| p.id == id)
    }

    /// Index of the intervention with this id.
    pub fn intervention_index(&self, id: Serial) -> Option<usize> {
        // Interventions are appended in serial order, so a binary search usually hits.
        match self.interventions.binary_search_by_key(&id, |i| i.id) {
            Ok(i) => Some(i),
            Err(_) => self.interventions.iter().position(|i| i.id == id),
        }
    }

    /// Position (intervention index, note index) of the note with this id.
    pub fn note_position(&self, id: Serial) -> Option<(usize, usize)> {
        // Serials grow through the meeting, so the note is normally in the last
        // intervention opened before it; a hand-edited file falls back to a scan.
        let guess = self.interventions.partition_point(|i| i.id < id);
        let in_guess = guess.checked_sub(1).and_then(|i| {
            Some((
                i,
                self.interventions[i]
                    .notes
                    .binary_search_by_key(&id, |n| n.id)
                    .ok()?,
            ))
        });
        in_guess.or_else(|| {
            self.interventions
                .iter()
                .enumerate()
                .find_map(|(i, intervention)| {
                    Some((i, intervention.notes.iter().position(|n| n.id == id)?))
                })
        })
    }

    /// The note with this id.
    pub fn note(&self, id: Serial) -> Option<&Note> {
        self.note_position(id)
            .map(|(i, n)| &self.interventions[i].notes[n])
    }

    /// Number of notes in the session.
    pub fn note_count(&self) -> usize {
        self.interventions.iter().map(|i| i.notes.len()).sum()
    }

    /// The intervention currently holding the floor (the last one), if any.
    pub fn current_intervention(&self) -> Option<&Intervention> {
        self.interventions.last()
    }

    /// The remark with this id.
    pub fn remark(&self, id: Serial) -> Option<&Remark> {
        self.remarks.iter().find(|r| r.id == id)
    }

    /// The next free serial, without taking it.
    pub fn peek_serial(&self) -> Serial {
        let highest = self
            .interventions
            .last()
            .map(|i| i.id.max(i.notes.last().map_or(0, |n| n.id)))
            .unwrap_or(0)
            .max(self.remarks.iter().map(|r| r.id).max().unwrap_or(0));
        // A hand-edited file may carry a stale counter: never hand out a used id.
        self.next_serial.max(highest + 1).max(1)
    }

    /// Takes the next free serial.
    pub fn take_serial(&mut self) -> Serial {
        let serial = self.peek_serial();
        self.next_serial = serial + 1;
        serial
    }

    /// A fresh participant id derived from `name`, unique in the roster.
    pub fn fresh_participant_id(&self, name: &str) -> Slug {
        unique_slug(name, "participant", |s| self.participant(s).is_some())
    }

    /// A fresh priority id derived from `title`, unique among priorities.
    pub fn fresh_priority_id(&self, title: &str) -> Slug {
        unique_slug(title, "priority", |s| self.priority(s).is_some())
    }
}

/// `text` as a lowercase ASCII-ish slug: letters and digits joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
        } else {
            dash = true;
        }
    }
    slug
}

fn unique_slug(text: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> Slug {
    SlugMaker::default().make(text, fallback, taken)
}

/// Makes unique slugs for many names in a row, remembering the last suffix used
/// for each base so that n namesakes cost n look-ups, not n².
#[derive(Debug, Default)]
pub struct SlugMaker {
    next_suffix: std::collections::HashMap<String, usize>,
}

impl SlugMaker {
    /// A slug of `text` (or `fallback`) for which `taken` is false.
    pub fn make(&mut self, text: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> Slug {
        let base = match slugify(text) {
            s if s.is_empty() => fallback.to_string(),
            s => s,
        };
        let next = self.next_suffix.entry(base.clone()).or_insert(1);
        if *next == 1 && !taken(&base) {
            *next = 2;
            return base;
        }
        let start = (*next).max(2);
        let (n, slug) = (start..)
            .map(|n| (n, format!("{base}-{n}")))
            .find(|(_, s)| !taken(s))
            .expect("an unbounded range always yields a free slug");
        *next = n + 1;
        slug
    }
}

/// Small pieces of sessions shared by the unit tests.
#[cfg(test)]
pub(crate) mod fixture {
    use super::{Group, Participant};

    /// The States group, counting toward convergence.
    pub fn states() -> Group {
        Group {
            id: "states".into(),
            name: "States".into(),
            singular: "State".into(),
            plural: "States".into(),
            counts_for_convergence: true,
        }
    }

    /// A participant of the States group.
    pub fn person(id: &str, name: &str, affiliation: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            affiliation: affiliation.into(),
            group: "states".into(),
            role: None,
            chair: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_join_words_with_dashes() {
        assert_eq!(slugify("Amina  Diallo-Sy"), "amina-diallo-sy");
        assert_eq!(slugify("  Élise Müller "), "élise-müller");
        assert_eq!(slugify("!!"), "");
    }

    #[test]
    fn fresh_ids_never_collide() {
        let mut s = Session::default();
        s.participants.push(Participant {
            id: "ana".into(),
            name: "Ana".into(),
            affiliation: String::new(),
            group: "g".into(),
            role: None,
            chair: false,
        });
        assert_eq!(s.fresh_participant_id("Ana"), "ana-2");
        assert_eq!(s.fresh_participant_id("***"), "participant");
    }

    #[test]
    fn chairs_by_role_or_by_mark() {
        for role in [
            "Chair",
            "co-chair",
            "Vice Chair",
            "Vice-Chair of the committee",
            "Committee chairperson",
            "Moderator",
            "Co-facilitator",
            "Host",
            "co-host (Zoom)",
        ] {
            assert!(is_chair_role(role), "{role}");
        }
        for role in [
            "Hostage negotiator",
            "Chairman's adviser",
            "Chair’s office",
            "Delegate",
            "Ghost writer",
            "",
        ] {
            assert!(!is_chair_role(role), "{role}");
        }
        let mut p = fixture::person("ana", "Ana", "Chile");
        assert!(!p.chairs());
        p.chair = true;
        assert!(p.chairs());
        p.chair = false;
        p.role = Some("Facilitator".into());
        assert!(p.chairs());
    }

    #[test]
    fn serials_skip_ids_already_in_the_file() {
        let mut s = Session {
            next_serial: 1,
            ..Session::default()
        };
        s.interventions.push(Intervention {
            id: 5,
            participant: "a".into(),
            channel: Channel::Floor,
            start: Clock::default(),
            end: None,
            notes: vec![],
        });
        assert_eq!(s.take_serial(), 6);
        assert_eq!(s.take_serial(), 7);
    }
}
