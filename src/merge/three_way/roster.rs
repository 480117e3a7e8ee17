//! The rosters of a three-way merge: groups, priorities and participants of the
//! base merged field by field; those one side added matched to the other side's
//! by id or name, as the two-session merge does, or added.

use super::Merge3;
use crate::model::{Group, Participant, Priority, SlugMaker};
use crate::names::{name_key, text_key};

/// What one side did to an item of the base.
enum Fate<T> {
    /// Both sides still have it.
    Kept(T, T),
    /// K has it, X deleted it.
    DeletedByX(T),
    /// X has it, K deleted it.
    DeletedByK(T),
    /// Both deleted it.
    Gone,
}

fn fate<T: Clone>(k: Option<&T>, x: Option<&T>) -> Fate<T> {
    match (k, x) {
        (Some(k), Some(x)) => Fate::Kept(k.clone(), x.clone()),
        (Some(k), None) => Fate::DeletedByX(k.clone()),
        (None, Some(x)) => Fate::DeletedByK(x.clone()),
        (None, None) => Fate::Gone,
    }
}

fn quoted(s: &String) -> String {
    format!("{s:?}")
}

impl Merge3<'_> {
    /// Says that one side deleted what the other changed; the item is kept.
    pub(super) fn deleted_but_changed(&mut self, place: &str, deleted_by_k: bool) {
        let (k, x) = self.names();
        let (deleter, changer) = if deleted_by_k { (k, x) } else { (x, k) };
        self.conflict(
            place,
            format!("deleted in {deleter}, changed in {changer}; kept, as {changer} has it"),
        );
    }

    /// Groups of the base field by field; X's own groups matched by id or name, or added.
    pub(super) fn merge_groups(&mut self) {
        let base = self.base;
        for o in &base.groups {
            let place = format!("group {}", o.id);
            match fate(self.r.group(&o.id), self.x.group(&o.id)) {
                Fate::Kept(k, x) => {
                    let merged = Group {
                        id: o.id.clone(),
                        name: self.pick(&o.name, &k.name, &x.name, &place, "its name", quoted),
                        singular: self.pick(
                            &o.singular,
                            &k.singular,
                            &x.singular,
                            &place,
                            "its singular noun",
                            quoted,
                        ),
                        plural: self.pick(
                            &o.plural,
                            &k.plural,
                            &x.plural,
                            &place,
                            "its plural noun",
                            quoted,
                        ),
                        counts_for_convergence: self.pick(
                            &o.counts_for_convergence,
                            &k.counts_for_convergence,
                            &x.counts_for_convergence,
                            &place,
                            "whether it counts toward convergence",
                            bool::to_string,
                        ),
                    };
                    if let Some(g) = self.r.groups.iter_mut().find(|g| g.id == o.id) {
                        *g = merged;
                    }
                }
                Fate::DeletedByX(k) if k == *o => self.r.groups.retain(|g| g.id != o.id),
                Fate::DeletedByX(_) => self.deleted_but_changed(&place, false),
                Fate::DeletedByK(x) if x != *o => {
                    self.deleted_but_changed(&place, true);
                    self.r.groups.push(x);
                }
                Fate::DeletedByK(_) | Fate::Gone => {}
            }
            self.groups.insert(o.id.clone(), o.id.clone());
        }
        let x = self.x;
        for g in x.groups.iter().filter(|g| base.group(&g.id).is_none()) {
            let found = self
                .r
                .groups
                .iter()
                .find(|ours| ours.id == g.id)
                .or_else(|| {
                    self.r
                        .groups
                        .iter()
                        .find(|ours| text_key(&ours.name) == text_key(&g.name))
                })
                .cloned();
            let id = match found {
                Some(ours) => {
                    let describe = |g: &Group| {
                        (
                            g.name.clone(),
                            g.singular.clone(),
                            g.plural.clone(),
                            g.counts_for_convergence,
                        )
                    };
                    if describe(&ours) != describe(g) {
                        self.conflict(
                            format!("group {}", ours.id),
                            "added on both sides, described differently; kept the pushed side's",
                        );
                    }
                    ours.id
                }
                None => {
                    let id = if self.r.group(&g.id).is_some() {
                        SlugMaker::default().make(&g.name, "group", |s| self.r.group(s).is_some())
                    } else {
                        g.id.clone()
                    };
                    self.r.groups.push(Group {
                        id: id.clone(),
                        ..g.clone()
                    });
                    id
                }
            };
            self.groups.insert(g.id.clone(), id);
        }
    }

    /// Priorities of the base field by field; X's own matched by id or title, or added.
    pub(super) fn merge_priorities(&mut self) {
        let base = self.base;
        for o in &base.priorities {
            let place = format!("priority {}", o.id);
            match fate(self.r.priority(&o.id), self.x.priority(&o.id)) {
                Fate::Kept(k, x) => {
                    let shown = |d: &Option<String>| d.as_ref().map_or("none".to_string(), quoted);
                    let merged = Priority {
                        id: o.id.clone(),
                        title: self.pick(&o.title, &k.title, &x.title, &place, "its title", quoted),
                        description: self.pick(
                            &o.description,
                            &k.description,
                            &x.description,
                            &place,
                            "its description",
                            shown,
                        ),
                    };
                    if let Some(p) = self.r.priorities.iter_mut().find(|p| p.id == o.id) {
                        *p = merged;
                    }
                }
                Fate::DeletedByX(k) if k == *o => self.r.priorities.retain(|p| p.id != o.id),
                Fate::DeletedByX(_) => self.deleted_but_changed(&place, false),
                Fate::DeletedByK(x) if x != *o => {
                    self.deleted_but_changed(&place, true);
                    self.r.priorities.push(x);
                }
                Fate::DeletedByK(_) | Fate::Gone => {}
            }
            self.priorities.insert(o.id.clone(), o.id.clone());
        }
        let x = self.x;
        for p in x
            .priorities
            .iter()
            .filter(|p| base.priority(&p.id).is_none())
        {
            let found = self
                .r
                .priorities
                .iter()
                .position(|ours| ours.id == p.id)
                .or_else(|| {
                    self.r
                        .priorities
                        .iter()
                        .position(|ours| text_key(&ours.title) == text_key(&p.title))
                });
            let id = match found {
                Some(at) => {
                    let ours = &mut self.r.priorities[at];
                    if ours.description.is_none() {
                        ours.description.clone_from(&p.description);
                    }
                    let (id, differs) = (ours.id.clone(), ours.title != p.title);
                    if differs {
                        self.conflict(
                            format!("priority {id}"),
                            "added on both sides with different titles; kept the pushed side's",
                        );
                    }
                    id
                }
                None => {
                    let id = if self.r.priority(&p.id).is_some() {
                        self.r.fresh_priority_id(&p.title)
                    } else {
                        p.id.clone()
                    };
                    self.r.priorities.push(Priority {
                        id: id.clone(),
                        ..p.clone()
                    });
                    id
                }
            };
            self.priorities.insert(p.id.clone(), id);
        }
    }

    /// Participants of the base field by field; X's own matched by name (or id), or added.
    pub(super) fn merge_participants(&mut self) {
        let base = self.base;
        for o in &base.participants {
            let place = format!("participant {}", o.id);
            match fate(self.r.participant(&o.id), self.x.participant(&o.id)) {
                Fate::Kept(k, x) => {
                    let role = |r: &Option<String>| r.as_ref().map_or("none".to_string(), quoted);
                    let x_group = self.group_id(&x.group);
                    let merged = Participant {
                        id: o.id.clone(),
                        name: self.pick(&o.name, &k.name, &x.name, &place, "the name", quoted),
                        affiliation: self.pick(
                            &o.affiliation,
                            &k.affiliation,
                            &x.affiliation,
                            &place,
                            "the affiliation",
                            quoted,
                        ),
                        group: self.pick(
                            &o.group,
                            &k.group,
                            &x_group,
                            &place,
                            "the group",
                            Clone::clone,
                        ),
                        role: self.pick(&o.role, &k.role, &x.role, &place, "the role", role),
                        chair: self.pick(
                            &o.chair,
                            &k.chair,
                            &x.chair,
                            &place,
                            "the chair mark",
                            |c| if *c { "chairs" } else { "does not chair" }.to_string(),
                        ),
                    };
                    if let Some(p) = self.r.participants.iter_mut().find(|p| p.id == o.id) {
                        *p = merged;
                    }
                }
                Fate::DeletedByX(k) if k == *o => self.r.participants.retain(|p| p.id != o.id),
                Fate::DeletedByX(_) => self.deleted_but_changed(&place, false),
                Fate::DeletedByK(x) if x != *o => {
                    self.deleted_but_changed(&place, true);
                    let group = self.group_id(&x.group);
                    self.r.participants.push(Participant { group, ..x });
                }
                Fate::DeletedByK(_) | Fate::Gone => {}
            }
            self.people.insert(o.id.clone(), o.id.clone());
        }
        let x = self.x;
        for p in x
            .participants
            .iter()
            .filter(|p| base.participant(&p.id).is_none())
        {
            let group = self.group_id(&p.group);
            let id = match self.match_person(p) {
                Some(at) => self.join_person(at, p, &group),
                None => {
                    let id = if self.r.participant(&p.id).is_some() {
                        self.r.fresh_participant_id(&p.name)
                    } else {
                        p.id.clone()
                    };
                    self.r.participants.push(Participant {
                        id: id.clone(),
                        group,
                        ..p.clone()
                    });
                    id
                }
            };
            self.people.insert(p.id.clone(), id);
        }
    }

    /// Where in the result's roster X's new participant `p` already is: the same id and
    /// name, else the one person of that name (among namesakes, the same affiliation).
    fn match_person(&self, p: &Participant) -> Option<usize> {
        let roster = &self.r.participants;
        let key = name_key(&p.name);
        let by_id = roster.iter().position(|q| q.id == p.id);
        let namesakes: Vec<usize> = (0..roster.len())
            .filter(|&i| name_key(&roster[i].name) == key)
            .collect();
        match (by_id, namesakes.as_slice()) {
            (Some(at), _) if name_key(&roster[at].name) == key => Some(at),
            (_, [one]) => Some(*one),
            (_, []) => None,
            (_, several) => Some(
                several
                    .iter()
                    .copied()
                    .find(|&i| text_key(&roster[i].affiliation) == text_key(&p.affiliation))
                    .unwrap_or(several[0]),
            ),
        }
    }

    /// Joins X's `p` into the result's participant at `at`; returns that participant's id.
    fn join_person(&mut self, at: usize, p: &Participant, group: &str) -> String {
        let ours = &mut self.r.participants[at];
        let id = ours.id.clone();
        if ours.affiliation.is_empty() {
            ours.affiliation.clone_from(&p.affiliation);
        }
        if ours.role.is_none() {
            ours.role.clone_from(&p.role);
        }
        let affiliation_differs =
            !p.affiliation.is_empty() && text_key(&ours.affiliation) != text_key(&p.affiliation);
        let group_differs = ours.group != group;
        if affiliation_differs || group_differs {
            self.conflict(
                format!("participant {id}"),
                "added on both sides with a different affiliation or group; kept the pushed side's",
            );
        }
        id
    }

    /// Puts back what one side deleted while the other still uses it: a participant who
    /// speaks, a priority a note is tagged with, a group someone is in.
    pub(super) fn repair_references(&mut self) {
        let (base, x) = (self.base, self.x);
        let spoke: Vec<String> = self
            .r
            .interventions
            .iter()
            .map(|i| i.participant.clone())
            .collect();
        for id in spoke {
            if self.r.participant(&id).is_some() {
                continue;
            }
            let Some(p) = x.participant(&id).or(base.participant(&id)).cloned() else {
                continue;
            };
            self.conflict(
                format!("participant {id}"),
                "deleted on one side, speaking on the other; kept",
            );
            let group = self.group_id(&p.group);
            self.r.participants.push(Participant { group, ..p });
        }
        let tags: Vec<String> = self
            .r
            .interventions
            .iter()
            .flat_map(|i| &i.notes)
            .flat_map(|n| n.tags.clone())
            .collect();
        for tag in tags {
            if self.r.priority(&tag).is_some() {
                continue;
            }
            let restored = x.priority(&tag).or(base.priority(&tag)).cloned();
            self.conflict(
                format!("priority {tag}"),
                "deleted on one side, tagging notes on the other; kept",
            );
            self.r.priorities.push(restored.unwrap_or(Priority {
                id: tag.clone(),
                title: tag.clone(),
                description: None,
            }));
        }
        let used: Vec<String> = self
            .r
            .participants
            .iter()
            .map(|p| p.group.clone())
            .collect();
        for id in used {
            if id.is_empty() || self.r.group(&id).is_some() {
                continue;
            }
            if let Some(g) = x.group(&id).or(base.group(&id)).cloned() {
                self.conflict(
                    format!("group {id}"),
                    "deleted on one side, holding participants on the other; kept",
                );
                self.r.groups.push(g);
            }
        }
    }
}
