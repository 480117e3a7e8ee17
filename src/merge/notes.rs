//! Merging the notes: each of B's notes is a duplicate of A's note by the same
//! speaker, on the same channel, with the same text (ignoring case and spacing)
//! within [`WINDOW`], or fresh. A duplicate's tags and emphasis join A's note.

use std::collections::HashMap;

use super::report::{MergeReport, conflict};
use super::roster::Ids;
use crate::clock::Clock;
use crate::model::{Channel, Note, NoteKind, Serial, Session, Slug};
use crate::names::text_key;

/// How far apart, in seconds, two records of the same intervention or note may be.
pub const WINDOW: u32 = 120;

/// B's notes that A holds already: (B's intervention index, note index) to A's note id.
pub(super) type Duplicates = HashMap<(usize, usize), Serial>;

/// One of B's notes, placed: which intervention and note of B, its key and time.
struct Theirs {
    intervention: usize,
    note: usize,
    key: (Slug, Channel, String),
    time: Clock,
}

/// Pairs B's notes with A's: same time first, then the earliest A note within the
/// window, B's notes taken in time order; on a line this pairs as many notes as any
/// pairing could, so a second merge finds them all.
pub(super) fn duplicates(a: &Session, b: &Session, ids: &Ids) -> Duplicates {
    // A's notes by speaker, channel and text, each with its time, earliest first.
    type Slot = (Clock, Serial, bool);
    let mut pool: HashMap<(Slug, Channel, String), Vec<Slot>> = HashMap::new();
    for i in &a.interventions {
        for n in &i.notes {
            pool.entry((i.participant.clone(), i.channel, text_key(&n.text)))
                .or_default()
                .push((n.time, n.id, false));
        }
    }
    for notes in pool.values_mut() {
        notes.sort_by_key(|&(time, id, _)| (time, id));
    }
    let mut theirs: Vec<Theirs> = Vec::new();
    for (ii, i) in b.interventions.iter().enumerate() {
        for (ni, n) in i.notes.iter().enumerate() {
            theirs.push(Theirs {
                intervention: ii,
                note: ni,
                key: (ids.speaker(&i.participant), i.channel, text_key(&n.text)),
                time: n.time,
            });
        }
    }
    let mut duplicate_of = Duplicates::new();
    for t in &theirs {
        if let Some(slot) = pool.get_mut(&t.key).and_then(|ours| {
            ours.iter_mut()
                .find(|(time, _, used)| !used && *time == t.time)
        }) {
            slot.2 = true;
            duplicate_of.insert((t.intervention, t.note), slot.1);
        }
    }
    let mut by_time: Vec<&Theirs> = theirs
        .iter()
        .filter(|t| !duplicate_of.contains_key(&(t.intervention, t.note)))
        .collect();
    by_time.sort_by_key(|t| t.time);
    for t in by_time {
        let earliest = Clock(t.time.seconds().saturating_sub(WINDOW));
        let latest = Clock(t.time.seconds() + WINDOW);
        if let Some(slot) = pool.get_mut(&t.key).and_then(|ours| {
            ours.iter_mut()
                .find(|(time, _, used)| !used && *time >= earliest && *time <= latest)
        }) {
            slot.2 = true;
            duplicate_of.insert((t.intervention, t.note), slot.1);
        }
    }
    duplicate_of
}

/// Joins each duplicate's tags and emphasis to A's note in the merged session, in B's order.
pub(super) fn join_duplicates(
    m: &mut Session,
    b: &Session,
    ids: &Ids,
    duplicate_of: &Duplicates,
    report: &mut MergeReport,
) {
    let mut pairs: Vec<((usize, usize), Serial)> =
        duplicate_of.iter().map(|(&k, &v)| (k, v)).collect();
    pairs.sort_unstable();
    for ((ii, ni), ours) in pairs {
        let (i, n) = m
            .note_position(ours)
            .expect("A's notes are in the merged session");
        join_note(
            &mut m.interventions[i].notes[n],
            &b.interventions[ii].notes[ni],
            ids,
            report,
        );
    }
}

/// Joins B's `note` into A's `target`: B's tags added, strong voice kept; each difference reported.
fn join_note(target: &mut Note, note: &Note, ids: &Ids, report: &mut MergeReport) {
    let place = format!("note {} ({})", target.id, target.time);
    let theirs = ids.tags_of(note);
    let extra: Vec<&Slug> = theirs.iter().filter(|t| !target.tags.contains(t)).collect();
    if !extra.is_empty() {
        conflict(
            report,
            place.clone(),
            format!(
                "B tags it also {}; kept A's tags and B's",
                extra
                    .iter()
                    .map(|t| format!("#{t}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        );
    }
    for tag in theirs {
        if !target.tags.contains(&tag) {
            target.tags.push(tag);
        }
    }
    if note.emphasis && !target.emphasis {
        target.emphasis = true;
        conflict(
            report,
            place.clone(),
            "B marks it strongly voiced, A does not; marked strongly voiced",
        );
    }
    if target.kind != note.kind {
        let kind = |k: NoteKind| match k {
            NoteKind::Point => "a point",
            NoteKind::Quote => "a verbatim quote",
        };
        conflict(
            report,
            place,
            format!(
                "A has it as {}, B as {}; kept A's",
                kind(target.kind),
                kind(note.kind)
            ),
        );
    }
}

/// B's notes that are not duplicates, by B's intervention.
pub(super) fn fresh_notes<'b>(b: &'b Session, duplicate_of: &Duplicates) -> Vec<Vec<&'b Note>> {
    b.interventions
        .iter()
        .enumerate()
        .map(|(ii, i)| {
            i.notes
                .iter()
                .enumerate()
                .filter(|(ni, _)| !duplicate_of.contains_key(&(ii, *ni)))
                .map(|(_, n)| n)
                .collect()
        })
        .collect()
}
