//! The order of the report's priorities, shared by the report and the screen's review:
//! the rapporteur's order first, then the rest as the report groups them (raised more
//! than once, once, opposed only, not raised), each group by convergence.

use std::collections::HashSet;

use crate::model::{Session, Slug};
use crate::tally::{PriorityTally, Tally};

/// How the report presents a priority, by how it was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Raised {
    /// In several interventions.
    Several,
    /// In a single intervention: "suggested just once".
    Once,
    /// Opposed, and supported in none.
    OpposedOnly,
    /// Neither supported nor opposed.
    NotRaised,
}

impl Raised {
    /// How `p` was raised.
    pub fn of(p: &PriorityTally) -> Raised {
        match (p.interventions, p.opposed) {
            (0, 0) => Raised::NotRaised,
            (0, _) => Raised::OpposedOnly,
            (1, _) => Raised::Once,
            _ => Raised::Several,
        }
    }
}

/// The priorities in report order: those the rapporteur ordered in the review, then the
/// others, raised more than once first, then once, opposed only and not raised, each by
/// convergence.
pub fn report_order(session: &Session, tally: &Tally) -> Vec<Slug> {
    let mut order: Vec<Slug> = Vec::with_capacity(tally.priorities.len());
    let mut listed: HashSet<&str> = HashSet::new();
    for id in &session.review.order {
        if tally.priority(id).is_some() && listed.insert(id.as_str()) {
            order.push(id.clone());
        }
    }
    let mut rest: Vec<&PriorityTally> = tally
        .ranked()
        .filter(|p| !listed.contains(p.id.as_str()))
        .collect();
    // A stable sort keeps the ranking within each group.
    rest.sort_by_key(|p| Raised::of(p));
    order.extend(rest.into_iter().map(|p| p.id.clone()));
    order
}
