//! Helpers shared by the merge tests: sessions built through edits as typing would
//! build them, and the checks every merged session must pass.

#![allow(dead_code)]

use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::merge::WINDOW;
use rapporteur::model::{Channel, Note, NoteKind, Participant, Priority, Session};
use rapporteur::tally::Tally;
use rapporteur::templates;

/// `text` as the merge compares it: case and runs of spaces folded.
pub fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Builds a valid session through edits, as typing would.
pub struct Rapporteur {
    /// The session so far.
    pub session: Session,
}

impl Rapporteur {
    /// A session from the gfmd template.
    pub fn new() -> Rapporteur {
        // The example meeting as set up before its roster and notes: details and priorities.
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sessions/gfmd-2020-migrant-protection.ron");
        let mut session =
            templates::resolve(&path.to_string_lossy()).expect("the example session loads");
        session.participants.clear();
        Rapporteur { session }
    }

    /// Adds a participant.
    pub fn person(&mut self, id: &str, name: &str, affiliation: &str, group: &str) {
        self.session
            .apply(Edit::AddParticipant(Participant {
                id: id.into(),
                name: name.into(),
                affiliation: affiliation.into(),
                group: group.into(),
                role: None,
                chair: false,
            }))
            .unwrap();
    }

    /// Adds a priority.
    pub fn priority(&mut self, id: &str, title: &str) {
        self.session
            .apply(Edit::AddPriority(Priority {
                id: id.into(),
                title: title.into(),
                description: None,
            }))
            .unwrap();
    }

    /// Starts a turn at `start` seconds.
    pub fn turn(&mut self, who: &str, channel: Channel, start: u32) {
        let id = self.session.take_serial();
        self.session
            .apply(Edit::StartIntervention {
                id,
                participant: who.into(),
                channel,
                start: Clock(start),
            })
            .unwrap();
    }

    /// Adds a note to the last turn.
    pub fn note(&mut self, text: &str, tags: &[String], kind: NoteKind, emphasis: bool, time: u32) {
        let id = self.session.take_serial();
        let intervention = self.session.interventions.last().unwrap().id;
        self.session
            .apply(Edit::InsertNote {
                intervention,
                index: None,
                note: Note {
                    id,
                    text: text.into(),
                    tags: tags.to_vec(),
                    kind,
                    emphasis,
                    time: Clock(time),
                    opposes: Vec::new(),
                },
            })
            .unwrap();
    }
}

/// `tags` with each tag once, in order.
pub fn dedup(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Every note of `from` has its own counterpart in `merged`: same speaker (by name),
/// channel and text, within the window, with at least its tags. Checked as a
/// matching, so two equal notes need two counterparts.
pub fn holds_every_note(from: &Session, merged: &Session) {
    type Place = (String, Channel, String, u32, Vec<String>);
    let places = |s: &Session| -> Vec<Place> {
        s.interventions
            .iter()
            .flat_map(|i| {
                i.notes.iter().map(move |n| {
                    (
                        s.participant(&i.participant).unwrap().name.clone(),
                        i.channel,
                        key(&n.text),
                        n.time.seconds(),
                        n.tags.clone(),
                    )
                })
            })
            .collect()
    };
    let (ours, theirs) = (places(from), places(merged));
    let fits = |x: &Place, y: &Place| {
        (&x.0, x.1, &x.2) == (&y.0, y.1, &y.2)
            && x.3.abs_diff(y.3) <= WINDOW
            && x.4.iter().all(|t| y.4.contains(t))
    };
    let edges: Vec<Vec<usize>> = ours
        .iter()
        .map(|x| (0..theirs.len()).filter(|&j| fits(x, &theirs[j])).collect())
        .collect();
    // Kuhn's augmenting paths: small inputs, exact answer.
    fn augment(
        i: usize,
        edges: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &j in &edges[i] {
            if !seen[j] {
                seen[j] = true;
                if owner[j].is_none_or(|k| augment(k, edges, seen, owner)) {
                    owner[j] = Some(i);
                    return true;
                }
            }
        }
        false
    }
    let mut owner = vec![None; theirs.len()];
    for (i, place) in ours.iter().enumerate() {
        let mut seen = vec![false; theirs.len()];
        assert!(
            augment(i, &edges, &mut seen, &mut owner),
            "{place:?} has no counterpart of its own in the merged session"
        );
    }
}

/// The tally's figures counted the obvious way.
pub fn recount(session: &Session) {
    let tally = Tally::compute(session);
    let turns = &session.interventions;
    assert_eq!(tally.totals.interventions, turns.len());
    let chat = turns.iter().filter(|i| i.channel == Channel::Chat).count();
    assert_eq!(
        (tally.totals.chat, tally.totals.floor),
        (chat, turns.len() - chat)
    );
    assert_eq!(tally.totals.notes, session.note_count());
    for p in &session.priorities {
        let raising = turns
            .iter()
            .filter(|i| i.notes.iter().any(|n| n.tags.contains(&p.id)))
            .count();
        assert_eq!(
            tally.priority(&p.id).unwrap().interventions,
            raising,
            "{}",
            p.id
        );
    }
}
