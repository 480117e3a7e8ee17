//! Merging any number of sessions of one meeting: the two-session rules applied in
//! order, each input merged into what the ones before it made.

use super::merge;
use super::report::MergeReport;
use crate::model::Session;

/// Several sessions merged in order, with what each step did.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedMany {
    /// The first session with every later one merged in, in order.
    pub session: Session,
    /// One report per input after the first: what merging it into the ones before did.
    pub steps: Vec<MergeReport>,
}

/// Merges `sessions` in order: the first is the base, each later one is merged into
/// the result of the ones before it with [`merge`]. `None` for no sessions.
///
/// Deterministic, and idempotent as the two-session merge is: merging the result
/// again with any of its inputs, or an input given twice, changes nothing.
pub fn merge_all(sessions: &[Session]) -> Option<MergedMany> {
    let (first, rest) = sessions.split_first()?;
    let mut session = first.clone();
    let mut steps = Vec::with_capacity(rest.len());
    for next in rest {
        let merged = merge(&session, next);
        session = merged.session;
        steps.push(merged.report);
    }
    Some(MergedMany { session, steps })
}

/// The letter naming input `index` in messages: A, B, … Z, then 27, 28…
pub fn input_label(index: usize) -> String {
    match u8::try_from(index) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => (index + 1).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_lettered_then_numbered() {
        assert_eq!(input_label(0), "A");
        assert_eq!(input_label(25), "Z");
        assert_eq!(input_label(26), "27");
    }

    #[test]
    fn one_session_is_itself_and_none_is_nothing() {
        let s = crate::templates::built_in("gfmd").unwrap();
        assert_eq!(merge_all(std::slice::from_ref(&s)).unwrap().session, s);
        assert!(merge_all(&[]).is_none());
    }
}
