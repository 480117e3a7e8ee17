//! Merging the interventions: each of B's interventions is folded into A's by the
//! same speaker on the same channel whose span, widened by [`WINDOW`], overlaps its
//! own, or added at its time; floor turns then end where the next one starts.

use std::collections::{HashMap, HashSet};

use super::notes::WINDOW;
use super::report::{MergeReport, conflict};
use super::roster::Ids;
use crate::clock::Clock;
use crate::model::{Channel, Intervention, Note, Serial, Session};

/// An intervention's start and its last note's time (its start when it has none).
pub(super) fn span(i: &Intervention) -> (Clock, Clock) {
    let last = i.notes.iter().map(|n| n.time).fold(i.start, Clock::max);
    (i.start, last)
}

/// Whether two spans, each widened by the window, overlap.
pub(super) fn overlaps((lo, hi): (Clock, Clock), (x_lo, x_hi): (Clock, Clock)) -> bool {
    lo.seconds() <= x_hi.seconds() + WINDOW && x_lo.seconds() <= hi.seconds() + WINDOW
}

/// For each of B's interventions, the index of A's intervention it folds into, if any.
///
/// `fresh` holds B's notes that are not duplicates, by B's intervention.
pub(super) fn targets(
    a: &Session,
    b: &Session,
    ids: &Ids,
    fresh: &[Vec<&Note>],
) -> Vec<Option<usize>> {
    // Each of B's interventions goes into A's nearest by the same speaker whose span,
    // widened by the window, overlaps its own.
    let mut into: Vec<Option<usize>> = b
        .interventions
        .iter()
        .map(|i| {
            let who = ids.speaker(&i.participant);
            a.interventions
                .iter()
                .enumerate()
                .filter(|(_, x)| x.participant == who && x.channel == i.channel)
                .filter(|(_, x)| overlaps(span(i), span(x)))
                .min_by_key(|(_, x)| x.start.seconds().abs_diff(i.start.seconds()))
                .map(|(at, _)| at)
        })
        .collect();
    // Notes folded in move a turn's start; an intervention the moved turn no longer
    // overlaps stays apart, so that merging the result again finds the same turns.
    while keep_overlapping(a, b, fresh, &mut into) {}
    into
}

/// Frees each of B's interventions from a target that, widened by the notes folded
/// into it, no longer overlaps it; returns whether any was freed.
fn keep_overlapping(
    a: &Session,
    b: &Session,
    fresh: &[Vec<&Note>],
    into: &mut [Option<usize>],
) -> bool {
    let mut widened: HashMap<usize, (Clock, Option<Clock>)> = HashMap::new();
    for (ii, target) in into.iter().enumerate() {
        let Some(x) = *target else { continue };
        let (lo, last) = widened.entry(x).or_insert_with(|| {
            let x = &a.interventions[x];
            (x.start, x.notes.iter().map(|n| n.time).max())
        });
        for n in &fresh[ii] {
            *lo = (*lo).min(n.time);
            *last = Some(last.map_or(n.time, |l| l.max(n.time)));
        }
    }
    let mut changed = false;
    for (ii, target) in into.iter_mut().enumerate() {
        let Some(x) = *target else { continue };
        let (lo, last) = widened[&x];
        if !overlaps(
            span(&b.interventions[ii]),
            (lo, last.map_or(lo, |l| l.max(lo))),
        ) {
            *target = None;
            changed = true;
        }
    }
    changed
}

/// Folds each of B's interventions into its target in the merged session `m`, or
/// adds it, with its fresh notes; an intervention whose notes A all holds is folded.
pub(super) fn add_interventions(
    m: &mut Session,
    a: &Session,
    b: &Session,
    ids: &Ids,
    fresh: &[Vec<&Note>],
    into: &[Option<usize>],
    report: &mut MergeReport,
) {
    for (ii, i) in b.interventions.iter().enumerate() {
        let fresh = &fresh[ii];
        let into = into[ii].map(|at| a.interventions[at].id);
        let all_held = fresh.is_empty() && !i.notes.is_empty();
        if into.is_some() || all_held {
            report.interventions_folded += 1;
        }
        let target = match into {
            Some(id) => id,
            None if all_held => continue,
            None => {
                let id = m.take_serial();
                m.interventions.push(Intervention {
                    id,
                    participant: ids.speaker(&i.participant),
                    channel: i.channel,
                    start: i.start,
                    end: i.end,
                    notes: Vec::new(),
                });
                report.interventions_added += 1;
                id
            }
        };
        for &note in fresh {
            add_note(m, target, note, ids);
            report.notes_added += 1;
        }
    }
}

/// Adds B's `note` to intervention `target` of the merged session, in time order, under a new id.
fn add_note(m: &mut Session, target: Serial, note: &Note, ids: &Ids) {
    let id = m.take_serial();
    let at = m
        .intervention_index(target)
        .expect("the target is in the merged session");
    let x = &mut m.interventions[at];
    // The turn stretches to hold a note B saw a little before or after A did.
    x.start = x.start.min(note.time);
    if let Some(end) = x.end
        && note.time > end
    {
        x.end = Some(note.time);
    }
    let position = x.notes.partition_point(|n| n.time <= note.time);
    x.notes.insert(
        position,
        Note {
            id,
            tags: ids.tags_of(note),
            ..note.clone()
        },
    );
}

/// A floor turn ends when the next floor turn starts, as on the screen: one left
/// open, or running past a turn the other rapporteur saw, ends there (never
/// before its own last note).
pub(super) fn end_floor_turns(m: &mut Session) {
    let floor: Vec<usize> = (0..m.interventions.len())
        .filter(|&i| m.interventions[i].channel == Channel::Floor)
        .collect();
    for pair in floor.windows(2) {
        let next_start = m.interventions[pair[1]].start;
        let turn = &mut m.interventions[pair[0]];
        if turn.end.is_none_or(|end| end > next_start) {
            let last = turn
                .notes
                .iter()
                .map(|n| n.time)
                .fold(turn.start, Clock::max);
            turn.end = Some(next_start.max(last));
        }
    }
}

/// Pairs of consecutive floor turns (by start) where the first ends after the second
/// starts, in meeting order.
pub(super) fn floor_overlaps(s: &Session) -> Vec<(Serial, Serial)> {
    let mut floor: Vec<&Intervention> = s
        .interventions
        .iter()
        .filter(|i| i.channel == Channel::Floor)
        .collect();
    floor.sort_by_key(|i| i.start);
    floor
        .windows(2)
        .filter(|w| w[0].end.is_some_and(|end| end > w[1].start))
        .map(|w| (w[0].id, w[1].id))
        .collect()
}

/// Reports each pair of floor turns of the merged session `m` that overlap when they did not in A.
pub(super) fn report_new_overlaps(m: &Session, a: &Session, report: &mut MergeReport) {
    let before: HashSet<(Serial, Serial)> = floor_overlaps(a).into_iter().collect();
    for (first, second) in floor_overlaps(m) {
        if before.contains(&(first, second)) {
            continue;
        }
        let turn = |id: Serial| {
            let i = &m.interventions[m.intervention_index(id).expect("listed above")];
            let end = i.end.map_or(String::new(), |e| format!("–{e}"));
            format!("{} ({}{end})", i.participant, i.start)
        };
        conflict(
            report,
            format!("intervention {first}"),
            format!(
                "floor turns overlap: {} has notes after intervention {second}, {}, starts",
                turn(first),
                turn(second)
            ),
        );
    }
}
