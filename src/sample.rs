//! Deterministic large sessions for benchmarks and tests.
//!
//! A seeded generator of realistic meetings: many groups and participants,
//! multi-line notes with quotes, backslashes, accents, CJK and emoji, several
//! tags each. The same seed and size always give the same session.

use crate::clock::Clock;
use crate::model::{
    Channel, Group, Intervention, Meta, Note, NoteKind, Participant, Priority, Session,
};

/// Fragments of what rapporteurs write, in the languages they meet in.
const PHRASES: &[&str] = &[
    "fair recruitment must be enforceable",
    "cities are the first responders",
    "« l'intégration est locale »",
    "data on arrivals is missing",
    "a path\\to\\regularization",
    "移民の保護を強化する",
    "保护移民权益",
    "الهجرة الآمنة",
    "partners ready to move 🚀",
    "Zürich, Dakar and São Paulo",
    "the \"whole of society\" approach",
    "health care without fear 🏥",
    "social protection across borders",
];

const GROUP_NAMES: &[(&str, &str, &str)] = &[
    ("States", "State", "States"),
    (
        "Civil society",
        "civil society organization",
        "civil society organizations",
    ),
    ("Business", "business", "businesses"),
    ("Mayors", "Mayor", "Mayors"),
    ("Trade unions", "trade union", "trade unions"),
    ("Academia", "university", "universities"),
    (
        "Observers",
        "observer organization",
        "observer organizations",
    ),
];

/// The session sizes every benchmark measures, in notes.
pub const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

/// People on the roster of a [`standard`] session: a large conference.
pub const PARTICIPANTS: usize = 2_000;

/// Priorities of a [`standard`] session.
pub const PRIORITIES: usize = 200;

/// The seed of a [`standard`] session.
pub const SEED: u64 = 1;

/// The session the benchmarks share: `notes` notes, [`PARTICIPANTS`] people,
/// [`PRIORITIES`] priorities, seed [`SEED`].
pub fn standard(notes: usize) -> Session {
    session(notes, PARTICIPANTS, PRIORITIES, SEED)
}

/// `session` with French words for each of its groups (feminine nouns, so that agreement
/// has work to do) and priorities, as `edit --in fr` gives them: the report in French
/// against the same report in English.
pub fn with_french(mut session: Session) -> Session {
    let french = crate::model::Translation {
        title: "Réunion".into(),
        format: "la réunion".into(),
        groups: session
            .groups
            .iter()
            .map(|g| {
                let words = crate::model::GroupWords {
                    name: format!("les {}", g.name.to_lowercase()),
                    singular: format!("{} (fr)", g.singular),
                    plural: format!("{} (fr)", g.plural),
                    gender: crate::model::Gender::Feminine,
                };
                (g.id.clone(), words)
            })
            .collect(),
        priorities: session
            .priorities
            .iter()
            .map(|p| (p.id.clone(), format!("{} (fr)", p.title)))
            .collect(),
        ..Default::default()
    };
    session.meta.translations.insert("fr".into(), french);
    session
}

/// A small deterministic random source (xorshift), so no crate is needed for fixtures.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A session with `notes` notes, `participants` people and `priorities` priorities.
pub fn session(notes: usize, participants: usize, priorities: usize, seed: u64) -> Session {
    let mut dice = Dice(seed.max(1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut s = Session {
        meta: Meta {
            title: format!("Generated meeting with {notes} notes"),
            theme: "Addressing Gaps in Migrant Protection".into(),
            date: "2020-06-02".into(),
            format: "multi-day consultation".into(),
            languages: vec!["English".into(), "French".into(), "Arabic".into()],
            focus_areas: vec!["transit".into(), "admission".into(), "labour".into()],
            ..Meta::default()
        },
        ..Session::default()
    };
    for (i, (name, singular, plural)) in GROUP_NAMES.iter().enumerate() {
        s.groups.push(Group {
            id: crate::model::slugify(name),
            name: name.to_string(),
            singular: singular.to_string(),
            plural: plural.to_string(),
            counts_for_convergence: i + 1 < GROUP_NAMES.len(),
        });
    }
    for i in 0..participants.max(1) {
        let group = &s.groups[i % s.groups.len()].id;
        s.participants.push(Participant {
            id: format!("p{i}"),
            name: format!("Participant {i} Ñandú-Østergård"),
            affiliation: format!("Entity {}", i / 2),
            group: group.clone(),
            role: (i % 3 == 0).then(|| "Delegate".to_string()),
            chair: false,
        });
    }
    for i in 0..priorities.max(1) {
        s.priorities.push(Priority {
            id: format!("priority-{i}"),
            title: format!("Priority {i}: {}", PHRASES[i % PHRASES.len()]),
            description: None,
        });
    }
    let mut time = 9 * 3600;
    let mut written = 0;
    while written < notes {
        let id = s.take_serial();
        let turn_notes = (1 + dice.below(4)).min(notes - written);
        let channel = if dice.below(4) == 0 {
            Channel::Chat
        } else {
            Channel::Floor
        };
        let participant = s.participants[dice.below(s.participants.len())].id.clone();
        let start = Clock(time);
        let mut list = Vec::with_capacity(turn_notes);
        for _ in 0..turn_notes {
            time += 5 + dice.below(60) as u32;
            let words = 1 + dice.below(4);
            let mut text = String::new();
            for w in 0..words {
                if w > 0 {
                    text.push_str(if dice.below(5) == 0 { "\n" } else { "; " });
                }
                text.push_str(PHRASES[dice.below(PHRASES.len())]);
            }
            let tags = (0..dice.below(4))
                .map(|_| s.priorities[dice.below(s.priorities.len())].id.clone())
                .fold(Vec::new(), |mut tags, t| {
                    if !tags.contains(&t) {
                        tags.push(t);
                    }
                    tags
                });
            list.push(Note {
                id: s.take_serial(),
                text,
                tags,
                kind: if dice.below(6) == 0 {
                    NoteKind::Quote
                } else {
                    NoteKind::Point
                },
                emphasis: dice.below(8) == 0,
                time: Clock(time),
                opposes: Vec::new(),
            });
        }
        written += turn_notes;
        let end = (channel == Channel::Floor).then_some(Clock(time));
        s.interventions.push(Intervention {
            id,
            participant,
            channel,
            start,
            end,
            notes: list,
        });
    }
    s
}

/// People on the roster of each session of a [`conference`].
pub const BREAKOUT_PARTICIPANTS: usize = 100;

/// Priorities of each session of a [`conference`].
pub const BREAKOUT_PRIORITIES: usize = 40;

/// A conference of `sessions` breakouts of `notes` notes each: each breakout's
/// [`BREAKOUT_PARTICIPANTS`] people and [`BREAKOUT_PRIORITIES`] priorities are drawn
/// from the conference's [`PARTICIPANTS`] people and [`PRIORITIES`] priorities, so
/// people attend several breakouts and priorities recur across them. Deterministic.
pub fn conference(sessions: usize, notes: usize) -> Vec<Session> {
    (0..sessions)
        .map(|k| {
            let mut s = session(
                notes,
                BREAKOUT_PARTICIPANTS,
                BREAKOUT_PRIORITIES,
                k as u64 + 1,
            );
            s.meta.title = format!("Breakout session {}", k + 1);
            let person = |i: usize| (k * 259 + i * 7) % PARTICIPANTS;
            let priority = |j: usize| (k * 30 + j * 3) % PRIORITIES;
            let people: std::collections::HashMap<String, String> = s
                .participants
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), format!("p{}", person(i))))
                .collect();
            for (i, p) in s.participants.iter_mut().enumerate() {
                let n = person(i);
                p.id = format!("p{n}");
                p.name = format!("Participant {n} Ñandú-Østergård");
                p.affiliation = format!("Entity {}", n / 2);
                p.group = s.groups[n % s.groups.len()].id.clone();
            }
            let tags: std::collections::HashMap<String, String> = s
                .priorities
                .iter()
                .enumerate()
                .map(|(j, p)| (p.id.clone(), format!("priority-{}", priority(j))))
                .collect();
            for (j, p) in s.priorities.iter_mut().enumerate() {
                let n = priority(j);
                p.id = format!("priority-{n}");
                p.title = format!("Priority {n}: {}", PHRASES[n % PHRASES.len()]);
            }
            for i in &mut s.interventions {
                i.participant = people[&i.participant].clone();
                for n in &mut i.notes {
                    for t in &mut n.tags {
                        *t = tags[t.as_str()].clone();
                    }
                }
            }
            s
        })
        .collect()
}

/// Two rapporteurs' versions of one session after both pulled `base`, for the three-way
/// merge at scale: each of `notes` notes, of which a tenth are their own new turns after
/// the base (the floor for ours, the chat for theirs), and each has retagged every
/// hundredth note of the base (not the same ones). Returns (base, ours, theirs).
pub fn two_rapporteurs(notes: usize) -> (Session, Session, Session) {
    let added = notes / 10;
    let base = session(notes - added, PARTICIPANTS, PRIORITIES, SEED);
    let side = |seed: u64, offset: usize, channel: Channel| {
        let mut s = base.clone();
        let mut dice = Dice(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        for (k, n) in s
            .interventions
            .iter_mut()
            .flat_map(|i| i.notes.iter_mut())
            .enumerate()
        {
            if k % 100 == offset {
                n.tags = vec![format!("priority-{}", dice.below(PRIORITIES))];
            }
        }
        let mut time = s
            .interventions
            .iter()
            .flat_map(|i| i.end.into_iter().chain(i.notes.iter().map(|n| n.time)))
            .max()
            .map_or(9 * 3600, |c| c.seconds() + 60);
        let mut written = 0;
        while written < added {
            let id = s.take_serial();
            let participant = s.participants[dice.below(s.participants.len())].id.clone();
            let start = Clock(time);
            let count = (1 + dice.below(4)).min(added - written);
            let mut list = Vec::with_capacity(count);
            for _ in 0..count {
                time += 5 + dice.below(60) as u32;
                list.push(Note {
                    id: s.take_serial(),
                    text: PHRASES[dice.below(PHRASES.len())].to_string(),
                    tags: vec![format!("priority-{}", dice.below(PRIORITIES))],
                    kind: NoteKind::Point,
                    emphasis: false,
                    time: Clock(time),
                    opposes: Vec::new(),
                });
            }
            written += count;
            let end = (channel == Channel::Floor).then_some(Clock(time));
            s.interventions.push(Intervention {
                id,
                participant,
                channel,
                start,
                end,
                notes: list,
            });
        }
        s
    };
    let ours = side(2, 0, Channel::Floor);
    let theirs = side(3, 50, Channel::Chat);
    (base, ours, theirs)
}

/// Lines a rapporteur types during a meeting on `session`, in the capture syntax:
/// floor turns and chat inputs given by participant id, follow-up notes, quotes,
/// strong points, accents, CJK and emoji, tags by priority id. Deterministic.
pub fn typed_lines(session: &Session, lines: usize, seed: u64) -> Vec<String> {
    let mut dice = Dice(seed.max(1).wrapping_mul(0xd1b5_4a32_d192_ed03) | 1);
    let mut out = Vec::with_capacity(lines);
    for i in 0..lines {
        let mut line = String::new();
        // A new speaker every few lines; the first line always gives the floor.
        if i == 0 || dice.below(3) == 0 {
            let p = &session.participants[dice.below(session.participants.len().max(1))];
            line.push('@');
            line.push_str(&p.id);
            if dice.below(5) == 0 {
                line.push_str(" (chat)");
            }
            line.push_str(": ");
        }
        let quote = dice.below(6) == 0;
        if dice.below(8) == 0 {
            line.push('!');
        }
        if quote {
            line.push('"');
        }
        for w in 0..1 + dice.below(3) {
            if w > 0 {
                line.push_str(", ");
            }
            // Typed text carries no backslash or straight quote: the capture line reads those.
            let phrase = PHRASES[dice.below(PHRASES.len())];
            line.extend(phrase.chars().filter(|c| !matches!(c, '\\' | '"')));
        }
        if quote {
            line.push('"');
        }
        for _ in 0..dice.below(3) {
            if session.priorities.is_empty() {
                break;
            }
            line.push_str(" #");
            line.push_str(&session.priorities[dice.below(session.priorities.len())].id);
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_exact_and_seeds_repeat() {
        let a = session(1000, 200, 20, 7);
        assert_eq!(a.note_count(), 1000);
        assert_eq!(a, session(1000, 200, 20, 7));
        assert_ne!(a, session(1000, 200, 20, 8));
        assert!(crate::check::validate(&a).is_empty());
    }

    #[test]
    fn a_conference_shares_people_and_priorities() {
        let c = conference(3, 200);
        assert_eq!(c.len(), 3);
        for s in &c {
            assert_eq!(s.note_count(), 200);
            assert!(crate::check::validate(s).is_empty());
        }
        let shared = c[0]
            .participants
            .iter()
            .filter(|p| c[1].participant(&p.id).is_some())
            .count();
        assert!(shared > 0 && shared < BREAKOUT_PARTICIPANTS, "{shared}");
        assert!(
            c[0].priorities
                .iter()
                .any(|p| c[2].priority(&p.id).is_some())
        );
    }

    #[test]
    fn two_rapporteurs_have_their_notes_and_merge_cleanly() {
        let (base, ours, theirs) = two_rapporteurs(2_000);
        assert_eq!((ours.note_count(), theirs.note_count()), (2_000, 2_000));
        for s in [&base, &ours, &theirs] {
            assert!(crate::check::validate(s).is_empty());
        }
        let merged = crate::merge::merge3(&base, &ours, &theirs, crate::merge::Pushed::Theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert!(
            crate::check::validate(&merged.session)
                .iter()
                .all(|f| f.severity == crate::check::Severity::Warning)
        );
    }

    #[test]
    fn typed_lines_record_against_their_session() {
        let mut s = standard(100);
        let resolver = crate::resolve::Resolver::default();
        let lines = typed_lines(&s, 200, 3);
        assert_eq!(lines, typed_lines(&s, 200, 3));
        for line in &lines {
            let how = crate::recorder::Recording::strict();
            let recorded = crate::recorder::record(&s, &resolver, line, Clock::hms(23, 0, 0), &how)
                .unwrap_or_else(|e| panic!("{line}: {e}"));
            assert!(!recorded.edits.is_empty(), "{line}");
            s.apply_all(recorded.edits).unwrap();
        }
        assert_eq!(s.note_count(), 300);
    }
}
