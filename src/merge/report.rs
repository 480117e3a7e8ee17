//! What a merge did and what the two sessions disagree on, for the user to check.

use std::fmt;

use crate::model::{Session, Slug};

/// Something the two sessions disagree on, kept as A has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Where: `participant amina`, `note 40 (10:15:03)`, `meta title`…
    pub place: String,
    /// What differs and what was kept.
    pub message: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// What a merge did, for the user to check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// B's participants found on A's roster.
    pub participants_matched: usize,
    /// Ids of B's participants added to the roster.
    pub participants_added: Vec<Slug>,
    /// Ids of B's groups added.
    pub groups_added: Vec<Slug>,
    /// Ids of B's priorities added.
    pub priorities_added: Vec<Slug>,
    /// Interventions in A.
    pub interventions_a: usize,
    /// Interventions in B.
    pub interventions_b: usize,
    /// B's interventions folded into one of A's, or whose notes A held already.
    pub interventions_folded: usize,
    /// B's interventions added.
    pub interventions_added: usize,
    /// Notes in A.
    pub notes_a: usize,
    /// Notes in B.
    pub notes_b: usize,
    /// B's notes that A held already.
    pub notes_duplicate: usize,
    /// B's notes added.
    pub notes_added: usize,
    /// Everything the two sessions disagree on.
    pub conflicts: Vec<Conflict>,
}

/// The merged session and what the merge did.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// A with B merged in.
    pub session: Session,
    /// Counts and conflicts.
    pub report: MergeReport,
}

/// Adds a conflict at `place` to the report.
pub(super) fn conflict(
    report: &mut MergeReport,
    place: impl Into<String>,
    message: impl Into<String>,
) {
    report.conflicts.push(Conflict {
        place: place.into(),
        message: message.into(),
    });
}
