//! Merging two rapporteurs' versions of one session file that grew from a common
//! base: what git's merge driver does on `git pull`.
//!
//! The base tells each side's changes apart: a note in the base that one side
//! edited, retagged or deleted and the other left alone takes that side's change;
//! what both sides changed differently is a conflict, listed and never settled
//! silently. What either side added is joined by the two-session rules (the same
//! person, priority, turn or note added by both is kept once).
//!
//! Ids: the side already pushed keeps every id it has, so ids never change once
//! other clones may hold them; the other side's additions keep theirs unless the
//! pushed side uses them too, and are renumbered then, above every serial either
//! side has used.

mod roster;
mod turns;

use std::collections::HashMap;

use super::report::Conflict;
use crate::model::{Serial, Session, Slug};

/// Which side of a three-way merge was already pushed, and so keeps its ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The current side (`%A`): the upstream while `git rebase` replays local commits.
    Ours,
    /// The other side (`%B`): what `git pull` brings in a merge.
    Theirs,
}

/// What a three-way merge made of the two sides.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreeWay {
    /// Both sides' changes in one session; where they conflict, ours is kept.
    pub session: Session,
    /// What both sides changed differently: the merge cannot settle these.
    pub conflicts: Vec<Conflict>,
    /// What was joined by rule, for the user to know: tags of a note both sides added…
    pub notices: Vec<Conflict>,
    /// Serials of the side not pushed whose additions were renumbered: (old, new).
    pub renumbered: Vec<(Serial, Serial)>,
    /// Notes the side not pushed added, as kept in the merged session (joined ones included).
    pub notes_added: usize,
    /// Of those, notes the pushed side had added too, joined into one.
    pub notes_joined: usize,
}

/// Merges `ours` and `theirs`, two versions of `base`; `pushed` says whose ids are kept.
pub fn merge3(base: &Session, ours: &Session, theirs: &Session, pushed: Pushed) -> ThreeWay {
    let (kept, other) = match pushed {
        Pushed::Ours => (ours, theirs),
        Pushed::Theirs => (theirs, ours),
    };
    let mut m = Merge3 {
        base,
        k: kept,
        x: other,
        k_is_ours: pushed == Pushed::Ours,
        r: kept.clone(),
        conflicts: Vec::new(),
        notices: Vec::new(),
        groups: HashMap::new(),
        people: HashMap::new(),
        priorities: HashMap::new(),
        renumbered: Vec::new(),
        notes_added: 0,
        notes_joined: 0,
    };
    // One side unchanged, or both alike: the other side's session is the answer as it stands.
    let other_added = || {
        other
            .interventions
            .iter()
            .flat_map(|i| &i.notes)
            .filter(|n| base.note(n.id).is_none())
            .count()
    };
    if same_content(other, base) || same_content(other, kept) {
        m.notes_added = other_added();
        m.notes_joined = m.notes_added;
        m.finish_counters();
        return m.done();
    }
    if same_content(kept, base) {
        m.r = other.clone();
        m.notes_added = other_added();
        m.finish_counters();
        return m.done();
    }
    m.merge_meta();
    m.merge_groups();
    m.merge_priorities();
    m.merge_participants();
    m.merge_attendance();
    for fingerprint in &other.chat_imported {
        if !m.r.chat_imported.contains(fingerprint) {
            m.r.chat_imported.push(fingerprint.clone());
        }
    }
    m.merge_turns();
    m.repair_references();
    m.finish_counters();
    m.done()
}

/// Whether two sessions hold the same meeting, whatever their journal counters say.
fn same_content(a: &Session, b: &Session) -> bool {
    a.version == b.version
        && a.meta == b.meta
        && a.groups == b.groups
        && a.participants == b.participants
        && a.priorities == b.priorities
        && a.interventions == b.interventions
        && a.attended == b.attended
        && a.absent == b.absent
        && a.chat_imported == b.chat_imported
}

/// The merge in progress: the base, the side whose ids are kept (K), the other (X),
/// and the result, which starts as K.
pub(super) struct Merge3<'a> {
    base: &'a Session,
    k: &'a Session,
    x: &'a Session,
    k_is_ours: bool,
    r: Session,
    conflicts: Vec<Conflict>,
    notices: Vec<Conflict>,
    /// X's group, participant and priority ids as the result has them.
    groups: HashMap<Slug, Slug>,
    people: HashMap<Slug, Slug>,
    priorities: HashMap<Slug, Slug>,
    renumbered: Vec<(Serial, Serial)>,
    notes_added: usize,
    notes_joined: usize,
}

impl Merge3<'_> {
    fn done(self) -> ThreeWay {
        ThreeWay {
            session: self.r,
            conflicts: self.conflicts,
            notices: self.notices,
            renumbered: self.renumbered,
            notes_added: self.notes_added,
            notes_joined: self.notes_joined,
        }
    }

    /// Counters past everything either side used, so no serial or journal entry is reused.
    fn finish_counters(&mut self) {
        let sessions = [self.base, self.k, self.x];
        let highest = sessions
            .iter()
            .map(|s| s.next_serial)
            .chain(std::iter::once(self.r.peek_serial()))
            .max()
            .unwrap_or(1);
        let used = self
            .r
            .interventions
            .iter()
            .flat_map(|i| std::iter::once(i.id).chain(i.notes.iter().map(|n| n.id)))
            .max()
            .map_or(1, |id| id + 1);
        self.r.next_serial = highest.max(used);
        self.r.journal_seq = sessions.iter().map(|s| s.journal_seq).max().unwrap_or(0);
        self.r.version = sessions.iter().map(|s| s.version).max().unwrap_or(1);
    }

    fn conflict(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.conflicts.push(Conflict {
            place: place.into(),
            message: message.into(),
        });
    }

    fn notice(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.notices.push(Conflict {
            place: place.into(),
            message: message.into(),
        });
    }

    /// The side called "ours" and the one called "theirs", from K's and X's.
    fn ours_theirs<'t, T>(&self, k: &'t T, x: &'t T) -> (&'t T, &'t T) {
        if self.k_is_ours { (k, x) } else { (x, k) }
    }

    /// K's name for the side it is: "ours" or "theirs"; and X's.
    fn names(&self) -> (&'static str, &'static str) {
        if self.k_is_ours {
            ("ours", "theirs")
        } else {
            ("theirs", "ours")
        }
    }

    /// The three-way choice for one value: the side that changed it, or a conflict that keeps ours.
    fn pick<T: PartialEq + Clone>(
        &mut self,
        base: &T,
        k: &T,
        x: &T,
        place: &str,
        what: &str,
        show: impl Fn(&T) -> String,
    ) -> T {
        if k == x || x == base {
            return k.clone();
        }
        if k == base {
            return x.clone();
        }
        let (ours, theirs) = self.ours_theirs(k, x);
        let message = format!(
            "{what} changed on both sides: ours {}, theirs {}, before {}; kept ours",
            show(ours),
            show(theirs),
            show(base)
        );
        let kept = ours.clone();
        self.conflict(place, message);
        kept
    }

    /// The result's id of X's participant `id`.
    fn person(&self, id: &str) -> Slug {
        self.people
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The result's id of X's group `id`.
    fn group_id(&self, id: &str) -> Slug {
        self.groups
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// X's tags as the result's priority ids, each once.
    fn tags(&self, tags: &[Slug]) -> Vec<Slug> {
        let mut out: Vec<Slug> = Vec::with_capacity(tags.len());
        for tag in tags {
            let id = self
                .priorities
                .get(tag)
                .cloned()
                .unwrap_or_else(|| tag.clone());
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    /// Title, theme, date, format and times by the three-way rule; lists joined.
    fn merge_meta(&mut self) {
        let (o, k, x) = (&self.base.meta, &self.k.meta, &self.x.meta);
        let quoted = |s: &String| format!("{s:?}");
        let mut meta = k.clone();
        meta.title = self.pick(&o.title, &k.title, &x.title, "meta", "the title", quoted);
        meta.theme = self.pick(&o.theme, &k.theme, &x.theme, "meta", "the theme", quoted);
        meta.date = self.pick(&o.date, &k.date, &x.date, "meta", "the date", quoted);
        meta.format = self.pick(
            &o.format,
            &k.format,
            &x.format,
            "meta",
            "the format",
            quoted,
        );
        let time =
            |t: &Option<crate::clock::Clock>| t.map_or("none".to_string(), |t| t.to_string());
        meta.opens = self.pick(
            &o.opens,
            &k.opens,
            &x.opens,
            "meta",
            "the opening time",
            time,
        );
        meta.closes = self.pick(
            &o.closes,
            &k.closes,
            &x.closes,
            "meta",
            "the closing time",
            time,
        );
        let show = |t: &std::collections::BTreeMap<String, crate::model::Translation>| {
            format!("in {}", t.keys().cloned().collect::<Vec<_>>().join(", "))
        };
        meta.translations = self.pick(
            &o.translations,
            &k.translations,
            &x.translations,
            "meta",
            "the translations",
            show,
        );
        meta.languages = join_lists(&o.languages, &k.languages, &x.languages);
        meta.focus_areas = join_lists(&o.focus_areas, &k.focus_areas, &x.focus_areas);
        self.r.meta = meta;
    }

    /// Attendance by the three-way rule, participant by participant.
    fn merge_attendance(&mut self) {
        let said = |a: &Option<bool>| match a {
            Some(true) => "attended".to_string(),
            Some(false) => "did not attend".to_string(),
            None => "not recorded".to_string(),
        };
        let x = self.x;
        for p in &x.participants {
            let id = self.person(&p.id);
            let base = self.base.attendance(&p.id);
            let ours = self.r.attendance(&id);
            let place = format!("participant {id}");
            let value = self.pick(
                &base,
                &ours,
                &x.attendance(&p.id),
                &place,
                "attendance",
                said,
            );
            if value != ours {
                match value {
                    Some(attended) => self.r.set_attendance(&id, attended),
                    None => {
                        self.r.attended.retain(|a| *a != id);
                        self.r.absent.retain(|a| *a != id);
                    }
                }
            }
        }
    }
}

/// K's list, less what X removed from the base, plus what X added.
fn join_lists(base: &[String], k: &[String], x: &[String]) -> Vec<String> {
    let mut out: Vec<String> = k
        .iter()
        .filter(|item| !base.contains(item) || x.contains(item))
        .cloned()
        .collect();
    for item in x {
        if !base.contains(item) && !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_take_both_sides_changes() {
        let s = |items: &[&str]| items.iter().map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(
            join_lists(
                &s(&["en", "fr"]),
                &s(&["en", "fr", "ar"]),
                &s(&["en", "es"])
            ),
            s(&["en", "ar", "es"])
        );
    }
}
