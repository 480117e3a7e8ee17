//! The review's choices from the command line, for `edit`: the report's order, its
//! section headings, the quote that speaks for a priority, notes left out or folded,
//! names in notes kept once read.
//! Notes are named by id or by the start of their text; all the choices are one change.

use crate::edit::Edit;
use crate::model::{Folded, GENERAL_POINTS, NameReviewed, NoteKind, Review, Serial, Session, Slug};
use crate::resolve::{Matched, Resolution, Resolver};

use super::Failure;
use super::setup::Plan;

/// The review's choices, as `edit` takes them.
#[derive(Debug, Default, clap::Args)]
pub struct ReviewArgs {
    /// The report's order of priorities, ids or titles separated by commas; those not
    /// given follow by convergence (`--order=` alone goes back to convergence).
    #[arg(long = "order", value_name = "PRIORITY,…", value_delimiter = ',')]
    pub order: Vec<String>,
    /// A section heading of the report before a priority, as PRIORITY:TITLE (repeatable);
    /// `*` for the points that raised no priority, which the section then opens the key
    /// emphases with; an empty TITLE takes the heading away.
    #[arg(long = "section", value_name = "PRIORITY:TITLE")]
    pub sections: Vec<String>,
    /// The quote that speaks for a priority, as PRIORITY:NOTE, NOTE a note's id or the start
    /// of its text (repeatable); an empty NOTE takes the choice back.
    #[arg(long = "quote", value_name = "PRIORITY:NOTE")]
    pub quotes: Vec<String>,
    /// Leave a note out of the report (its id or the start of its text; repeatable).
    #[arg(long = "leave-out", value_name = "NOTE")]
    pub leave_out: Vec<String>,
    /// Fold a note into another that says the same, as NOTE=INTO (repeatable): the report
    /// prints only INTO, and the figures still count both.
    #[arg(long = "fold", value_name = "NOTE=INTO")]
    pub folds: Vec<String>,
    /// Put a note left out or folded back into the report (repeatable).
    #[arg(long = "put-back", value_name = "NOTE")]
    pub put_back: Vec<String>,
    /// Keep a name the lint finds in a note, as NOTE:WORDS ("24:IOM"), once read and found
    /// to identify no speaker: `export` no longer refuses over it (repeatable).
    #[arg(long = "keep-name", value_name = "NOTE:WORDS")]
    pub keep_names: Vec<String>,
}

/// The priority `typed` names, by the one rule; a match that was not exact is said.
fn priority(
    session: &Session,
    flag: &str,
    typed: &str,
    chose: &mut Vec<String>,
) -> Result<Slug, Failure> {
    let typed = typed.trim().trim_start_matches('#');
    match Resolver::default().priority(session, typed) {
        Resolution::Found(p, Matched::Exact) => Ok(p.id.clone()),
        Resolution::Found(p, _) => {
            chose.push(format!("{flag} {typed:?} taken as #{} “{}”", p.id, p.title));
            Ok(p.id.clone())
        }
        Resolution::Ambiguous(c) => Err(Failure(format!(
            "{flag} {typed:?} matches several priorities: {}; give the id",
            c.iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        Resolution::Unknown(_) => Err(Failure(format!(
            "{flag} {typed:?}: the session has no such priority"
        ))),
    }
}

/// The note `typed` names: its id, or the start of its text (quote marks left out).
fn note(session: &Session, flag: &str, typed: &str) -> Result<Serial, Failure> {
    let typed = typed.trim();
    if let Ok(id) = typed.parse::<Serial>() {
        return session
            .note(id)
            .map(|n| n.id)
            .ok_or_else(|| Failure(format!("{flag} {typed:?}: the session has no note {id}")));
    }
    let start = typed.trim_matches(['"', '“', '”']);
    let found: Vec<(Serial, &str)> = session
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .filter(|n| !start.is_empty() && n.text.trim().starts_with(start))
        .map(|n| (n.id, n.text.as_str()))
        .collect();
    match found.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(Failure(format!(
            "{flag} {typed:?}: no note starts with that text; give more of it as typed, or the note's id"
        ))),
        several => Err(Failure(format!(
            "{flag} {typed:?} starts several notes ({}); give more of the text, or the id",
            several
                .iter()
                .map(|(id, _)| id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Adds the review's choices of `args` to `plan`, as one change.
pub fn plan(plan: &mut Plan, args: &ReviewArgs) -> Result<(), Failure> {
    let session = &plan.session;
    let mut review: Review = session.review.clone();
    let mut said: Vec<String> = Vec::new();
    let mut chose: Vec<String> = Vec::new();
    if !args.order.is_empty() {
        let mut order = Vec::new();
        for typed in args.order.iter().filter(|t| !t.trim().is_empty()) {
            let id = priority(session, "--order", typed, &mut chose)?;
            if order.contains(&id) {
                return Err(Failure(format!("--order names #{id} twice")));
            }
            order.push(id);
        }
        if order != review.order {
            said.push(if order.is_empty() {
                "ordered the report by convergence".to_string()
            } else {
                format!("ordered the report: {}", order.join(", "))
            });
            review.order = order;
        }
    }
    for spec in &args.sections {
        let (typed, title) = spec.split_once(':').ok_or_else(|| {
            Failure(format!(
                "--section {spec:?}: expected PRIORITY:TITLE (`*` for the points that raised no priority)"
            ))
        })?;
        let before = if typed.trim() == GENERAL_POINTS {
            GENERAL_POINTS.to_string()
        } else {
            priority(session, "--section", typed, &mut chose)?
        };
        let title = title.trim();
        let place = if before == GENERAL_POINTS {
            "the points that raised no priority".to_string()
        } else {
            format!("#{before}")
        };
        review.sections.retain(|s| s.before != before);
        if title.is_empty() {
            said.push(format!("took the heading before {place} away"));
        } else {
            review.sections.push(crate::model::Section {
                title: title.to_string(),
                before,
            });
            said.push(format!("put the heading “{title}” before {place}"));
        }
    }
    for spec in &args.quotes {
        let (typed, which) = spec
            .split_once(':')
            .ok_or_else(|| Failure(format!("--quote {spec:?}: expected PRIORITY:NOTE")))?;
        let p = priority(session, "--quote", typed, &mut chose)?;
        review.quotes.retain(|c| c.priority != p);
        if which.trim().is_empty() {
            said.push(format!("took back the quote chosen for #{p}"));
            continue;
        }
        let id = note(session, "--quote", which)?;
        if session.note(id).is_some_and(|n| n.kind != NoteKind::Quote) {
            return Err(Failure(format!(
                "--quote {spec:?}: note {id} is a point, not a verbatim quote"
            )));
        }
        review.quotes.push(crate::model::Chosen {
            priority: p.clone(),
            note: id,
        });
        said.push(format!("chose note {id} as the quote for #{p}"));
    }
    for typed in &args.leave_out {
        let id = note(session, "--leave-out", typed)?;
        if !review.left_out.contains(&id) {
            review.left_out.push(id);
            review.left_out.sort_unstable();
            said.push(format!("left note {id} out of the report"));
        }
    }
    for spec in &args.folds {
        let (from, into) = spec
            .split_once('=')
            .ok_or_else(|| Failure(format!("--fold {spec:?}: expected NOTE=INTO")))?;
        let (from, into) = (
            note(session, "--fold", from)?,
            note(session, "--fold", into)?,
        );
        if from == into {
            return Err(Failure(format!(
                "--fold {spec:?}: a note cannot fold into itself"
            )));
        }
        review.folded.retain(|f| f.note != from);
        review.folded.push(Folded { note: from, into });
        said.push(format!("folded note {from} into note {into}"));
    }
    for typed in &args.put_back {
        let id = note(session, "--put-back", typed)?;
        let before = (review.left_out.len(), review.folded.len());
        review.left_out.retain(|n| *n != id);
        review.folded.retain(|f| f.note != id);
        if before != (review.left_out.len(), review.folded.len()) {
            said.push(format!("put note {id} back into the report"));
        }
    }
    for spec in &args.keep_names {
        let (which, words) = spec
            .rsplit_once(':')
            .filter(|(_, w)| !w.trim().is_empty())
            .ok_or_else(|| Failure(format!("--keep-name {spec:?}: expected NOTE:WORDS")))?;
        let (id, words) = (note(session, "--keep-name", which)?, words.trim());
        let text = session
            .note(id)
            .map(|n| n.text.to_lowercase())
            .unwrap_or_default();
        if !text.contains(&words.to_lowercase()) {
            return Err(Failure(format!(
                "--keep-name {spec:?}: note {id} does not say {words:?}"
            )));
        }
        if !review.name_reviewed(id, words) {
            review.names_reviewed.push(NameReviewed {
                note: id,
                words: words.to_string(),
            });
            review.names_reviewed.sort();
            said.push(format!("kept the name {words:?} in note {id}"));
        }
    }
    plan.chose.extend(chose);
    if review != plan.session.review {
        let mut said = said.into_iter();
        let first = said.next().unwrap_or_else(|| "changed the review".into());
        plan.apply(Edit::UpdateReview(review), first)?;
        plan.said.extend(said);
    }
    Ok(())
}
