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
}
