//! Where each note goes in the report: under the priorities it is tagged with, printed
//! in full under the first of them in report order (or under the priority that chose it
//! as its quote) and referred to from the others; an untagged note that follows a tagged
//! one in the same turn is part of that point and goes with it; the points of turns that
//! raised nothing are the general points. The review's notes left out and folded
//! repeats are not printed; the figures never change with any of this.

use std::collections::{HashMap, HashSet};

use crate::model::{Intervention, Note, Serial, Session, Slug};
use crate::tally::Tally;

use super::attribution::Attributor;
use super::data::ReportNote;

/// A note tagged with priorities, and the untagged notes that follow it in its turn.
struct Point<'a> {
    intervention: &'a Intervention,
    note: &'a Note,
    /// Priorities it is tagged with, each once, and whether it opposes each.
    marks: Vec<(&'a str, bool)>,
    /// The untagged notes that follow it in its turn.
    context: Vec<&'a Note>,
}

/// The notes of one priority as the report prints them.
#[derive(Debug, Default)]
pub(super) struct Placed {
    /// The quote the rapporteur chose for it, printed first.
    pub(super) quote: Option<ReportNote>,
    /// Its notes in meeting order, each with the notes of its context.
    pub(super) notes: Vec<ReportNote>,
    /// Its notes printed under another priority: that priority, and whether the note opposes this one.
    pub(super) also: Vec<(Slug, bool)>,
}

/// Every note's place: per priority raised, and the general points.
#[derive(Debug, Default)]
pub(super) struct Placement {
    /// The notes of each priority raised, by id.
    pub(super) priorities: HashMap<Slug, Placed>,
    /// The points of turns that raised nothing, and those said before a turn's first tag.
    pub(super) general: Vec<ReportNote>,
}

/// Places the notes of `session` under the raised priorities of `order` (report order).
pub(super) fn place(
    session: &Session,
    tally: &Tally,
    order: &[Slug],
    attributor: &Attributor,
) -> Placement {
    let review = &session.review;
    let known: HashSet<&str> = tally.priorities.iter().map(|p| p.id.as_str()).collect();
    let position: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut points: Vec<Point> = Vec::new();
    let mut general: Vec<(&Intervention, &Note)> = Vec::new();
    for i in &session.interventions {
        if tally.is_procedural(i.id) {
            continue;
        }
        let mut anchor: Option<usize> = None;
        for n in &i.notes {
            let mut marks: Vec<(&str, bool)> = Vec::new();
            let stances = n
                .tags
                .iter()
                .map(|t| (t, false))
                .chain(n.opposes.iter().map(|t| (t, true)));
            for (t, opposes) in stances {
                if known.contains(t.as_str()) && !marks.iter().any(|(m, _)| m == t) {
                    marks.push((t.as_str(), opposes));
                }
            }
            if !marks.is_empty() {
                anchor = Some(points.len());
                points.push(Point {
                    intervention: i,
                    note: n,
                    marks,
                    context: Vec::new(),
                });
            } else if n.is_tagged() {
                // Tagged only with priorities the session lacks: check reports it; a point of its own.
                general.push((i, n));
            } else if let Some(a) = anchor {
                points[a].context.push(n);
            } else {
                general.push((i, n));
            }
        }
    }

    // The chosen quotes claim their notes first, in report order.
    let mut chosen: Vec<(&str, Serial)> = review
        .quotes
        .iter()
        .filter(|c| position.contains_key(c.priority.as_str()) && !review.leaves_out(c.note))
        .map(|c| (c.priority.as_str(), c.note))
        .collect();
    chosen.sort_by_key(|(p, _)| position[p]);
    let mut claimed: HashMap<Serial, &str> = HashMap::new();
    for (p, note) in chosen {
        if session.note(note).is_some() {
            claimed.entry(note).or_insert(p);
        }
    }

    let mut placement = Placement::default();
    let scope = |p: &str| tally.priority(p);
    for point in &points {
        let home = claimed.get(&point.note.id).copied().unwrap_or_else(|| {
            point
                .marks
                .iter()
                .map(|(p, _)| *p)
                .min_by_key(|p| position.get(p).copied().unwrap_or(usize::MAX))
                .expect("a point has a priority")
        });
        let stance = |p: &str| point.marks.iter().any(|(m, o)| *m == p && *o);
        let left_out = review.leaves_out(point.note.id);
        for (p, opposes) in &point.marks {
            if *p != home && !left_out {
                let placed = placement.priorities.entry(p.to_string()).or_default();
                placed.also.push((home.to_string(), *opposes));
            }
        }
        let p_row = scope(home);
        let mut context: Vec<ReportNote> = Vec::new();
        for c in &point.context {
            if review.leaves_out(c.id) {
                continue;
            }
            match claimed.get(&c.id) {
                // A quote in this point's context chosen for a priority goes there.
                Some(q) => {
                    let quote = attributor.note(point.intervention, c, scope(q), false);
                    placement.priorities.entry(q.to_string()).or_default().quote = Some(quote);
                }
                None => context.push(attributor.note(point.intervention, c, p_row, false)),
            }
        }
        let placed = placement.priorities.entry(home.to_string()).or_default();
        if left_out {
            placed.notes.extend(context);
            continue;
        }
        let mut note = attributor.note(point.intervention, point.note, p_row, stance(home));
        if claimed.get(&point.note.id) == Some(&home) {
            placed.quote = Some(note);
            placed.notes.extend(context);
        } else {
            note.context = context;
            placed.notes.push(note);
        }
    }
    for (i, n) in general {
        if review.leaves_out(n.id) {
            continue;
        }
        match claimed.get(&n.id) {
            Some(q) => {
                let quote = attributor.note(i, n, scope(q), false);
                placement.priorities.entry(q.to_string()).or_default().quote = Some(quote);
            }
            None => placement.general.push(attributor.note(i, n, None, false)),
        }
    }
    placement
}
