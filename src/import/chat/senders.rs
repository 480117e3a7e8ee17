//! Who wrote each chat message: Zoom names, the `--map` the user gives, and
//! matching them to the roster.
//!
//! Each distinct name is matched once, against the roster as it was before the
//! import: first the map, then the rule every name goes through
//! ([`Resolver::participant`]), then the same name with its accents dropped, since
//! Zoom names often lose them (`Keita` for `Keïta`).

use std::collections::HashMap;

use super::layouts::ChatMessage;
use crate::model::{Participant, Session, Slug};
use crate::names::{accent_key, collapsed, text_key};
use crate::resolve::{Resolution, Resolver};

/// A chat name that matches nobody, or several people, on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The name as written in the chat.
    pub name: String,
    /// Line of its first message.
    pub line: usize,
    /// How many of its messages would be imported.
    pub messages: usize,
    /// The matching participants when several match; the nearest when none does.
    pub candidates: Vec<Slug>,
    /// Whether several participants match.
    pub ambiguous: bool,
}

/// Who a chat name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Sender {
    /// A participant, and whether the match was exact.
    Participant(Slug, bool),
    /// Mapped to nobody: leave the messages out.
    Skip,
    /// Nobody on the roster; the nearest ids.
    Unknown(Vec<Slug>),
    /// Several people; their ids.
    Ambiguous(Vec<Slug>),
}

/// The `--map "ZOOM NAME=PARTICIPANT"` pairs: each chat name's key and the participant, if any.
#[derive(Debug, Clone, Default)]
pub(super) struct NameMap {
    pairs: Vec<(String, Option<Slug>)>,
}

impl NameMap {
    /// Reads the `--map` options, each participant resolved on the roster; `Err` says what is wrong.
    pub(super) fn parse(
        session: &Session,
        resolver: &Resolver,
        specs: &[String],
    ) -> Result<NameMap, String> {
        let mut pairs = Vec::new();
        for spec in specs {
            let bad = |why: String| format!("--map {spec:?}: {why}");
            let Some((name, target)) = spec.rsplit_once('=') else {
                return Err(bad("expected \"ZOOM NAME=PARTICIPANT ID\"".into()));
            };
            if name.trim().is_empty() {
                return Err(bad("the Zoom name before `=` is empty".into()));
            }
            let target = target.trim();
            let id = match target {
                "" => None,
                _ => Some(participant_id(session, resolver, target).map_err(bad)?),
            };
            pairs.push((text_key(name), id));
        }
        Ok(NameMap { pairs })
    }

    /// Who the map says `name` is, if it names them.
    fn get(&self, name: &str) -> Option<Sender> {
        let (_, id) = self.pairs.iter().find(|(mapped, _)| names(mapped, name))?;
        Some(match id {
            Some(id) => Sender::Participant(id.clone(), true),
            None => Sender::Skip,
        })
    }

    /// Positions of the pairs that match no sender of `messages`, to warn about.
    pub(super) fn unused(&self, messages: &[ChatMessage]) -> Vec<usize> {
        (0..self.pairs.len())
            .filter(|&i| !messages.iter().any(|m| names(&self.pairs[i].0, &m.sender)))
            .collect()
    }
}

/// Whether a mapped name's key names the chat sender `name`, with or without its decorations.
fn names(mapped: &str, name: &str) -> bool {
    mapped == text_key(name) || mapped == text_key(&without_brackets(name))
}

/// The participant a `--map` target resolves to, or why none does.
fn participant_id(session: &Session, resolver: &Resolver, target: &str) -> Result<Slug, String> {
    match resolver.participant(session, target) {
        Resolution::Found(p, _) => Ok(p.id.clone()),
        Resolution::Ambiguous(c) => Err(format!(
            "{target:?} matches several participants: {}",
            ids(&c)
        )),
        Resolution::Unknown(c) if c.is_empty() => {
            Err(format!("there is no participant {target:?}"))
        }
        Resolution::Unknown(c) => Err(format!(
            "there is no participant {target:?} (nearest: {})",
            ids(&c)
        )),
    }
}

/// The chat names of an import matched to the roster.
#[derive(Debug, Clone, Default)]
pub(super) struct Senders {
    /// Who each name stands for, by the name's [`text_key`].
    by_name: HashMap<String, Sender>,
    /// Names matched by similarity rather than exactly, in the order first seen.
    pub(super) similar: Vec<(String, Slug)>,
    /// Names that match nobody (unless unknown people are added) or several people.
    pub(super) unmatched: Vec<Unmatched>,
}

impl Senders {
    /// Matches the sender of each of `messages` once per name; people nobody matches
    /// are unmatched unless `adding` them to the roster.
    pub(super) fn match_all<'m>(
        session: &Session,
        resolver: &Resolver,
        map: &NameMap,
        messages: impl Iterator<Item = &'m ChatMessage>,
        adding: bool,
    ) -> Senders {
        let mut senders = Senders::default();
        for m in messages {
            let key = text_key(&m.sender);
            let sender = senders.by_name.entry(key).or_insert_with(|| {
                let sender = match_sender(session, resolver, map, &m.sender);
                if let Sender::Participant(id, false) = &sender {
                    senders.similar.push((m.sender.clone(), id.clone()));
                }
                sender
            });
            let (candidates, ambiguous) = match sender {
                Sender::Unknown(_) if adding => continue,
                Sender::Unknown(nearest) => (nearest, false),
                Sender::Ambiguous(candidates) => (candidates, true),
                Sender::Participant(..) | Sender::Skip => continue,
            };
            let key = text_key(&m.sender);
            match senders
                .unmatched
                .iter_mut()
                .find(|u| text_key(&u.name) == key)
            {
                Some(u) => u.messages += 1,
                None => senders.unmatched.push(Unmatched {
                    name: m.sender.clone(),
                    line: m.line,
                    messages: 1,
                    candidates: candidates.clone(),
                    ambiguous,
                }),
            }
        }
        senders
    }

    /// Who the chat name `name` stands for.
    pub(super) fn get(&self, name: &str) -> Option<&Sender> {
        self.by_name.get(&text_key(name))
    }

    /// Records that `name` stands for participant `id`, just added to the roster.
    pub(super) fn added(&mut self, name: &str, id: Slug) {
        self.by_name
            .insert(text_key(name), Sender::Participant(id, true));
    }
}

/// The name a chat sender nobody matches goes on the roster under: without Zoom's decorations.
pub(super) fn roster_name(sender: &str) -> String {
    match without_brackets(sender) {
        bare if bare.is_empty() => sender.to_string(),
        bare => bare,
    }
}

/// A chat name without the `(she/her)`, `(Host)` or `[Org]` that Zoom names often carry.
fn without_brackets(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    collapsed(&out)
}

/// The ids of `people`, comma-separated.
fn ids(people: &[&Participant]) -> String {
    people
        .iter()
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Matches one chat name against the roster: the map, then exact, then unique fuzzy.
fn match_sender(session: &Session, resolver: &Resolver, map: &NameMap, name: &str) -> Sender {
    if let Some(sender) = map.get(name) {
        return sender;
    }
    let key = text_key(name);
    let bare = without_brackets(name);
    let bare_key = text_key(&bare);
    let exact = |p: &Participant| {
        let name = text_key(&p.name);
        name == key || name == bare_key || p.id.to_lowercase() == key
    };
    let mut outcome = resolver.participant(session, name);
    if matches!(outcome, Resolution::Unknown(_)) && !bare.is_empty() && bare != name {
        outcome = resolver.participant(session, &bare);
    }
    if let Resolution::Unknown(_) = outcome {
        // Zoom names often lose their accents: `Keita` for `Keïta`.
        let plain = accent_key(&bare);
        let same: Vec<&Participant> = session
            .participants
            .iter()
            .filter(|p| accent_key(&p.name) == plain)
            .collect();
        match same.as_slice() {
            [one] => return Sender::Participant(one.id.clone(), false),
            [] => {}
            several => return Sender::Ambiguous(several.iter().map(|p| p.id.clone()).collect()),
        }
    }
    match outcome {
        Resolution::Found(p, _) => Sender::Participant(p.id.clone(), exact(p)),
        Resolution::Ambiguous(c) => Sender::Ambiguous(c.iter().map(|p| p.id.clone()).collect()),
        Resolution::Unknown(c) => Sender::Unknown(c.iter().map(|p| p.id.clone()).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture;

    #[test]
    fn zoom_decorations_are_not_part_of_a_name() {
        assert_eq!(
            without_brackets("Amina Diallo (she/her) [ILO]"),
            "Amina Diallo"
        );
        assert_eq!(roster_name("Jo Bloggs (Host)"), "Jo Bloggs");
        assert_eq!(roster_name("(Host)"), "(Host)");
    }

    #[test]
    fn names_match_through_the_map_then_the_roster_then_without_accents() {
        let mut s = Session::default();
        s.groups.push(fixture::states());
        s.participants
            .push(fixture::person("fatoumata", "Fatoumata Keïta", "Mali"));
        s.participants
            .push(fixture::person("amina", "Amina Diallo", "Senegal"));
        let r = Resolver::default();
        let map = NameMap::parse(&s, &r, &["Host=".into(), "Ami D=amina".into()]).unwrap();
        let sender = |name| match_sender(&s, &r, &map, name);
        assert_eq!(sender("host (Host)"), Sender::Skip);
        assert_eq!(sender("AMI  d"), Sender::Participant("amina".into(), true));
        assert_eq!(
            sender("Amina Diallo (she/her)"),
            Sender::Participant("amina".into(), true)
        );
        assert_eq!(
            sender("Fatoumata Keita"),
            Sender::Participant("fatoumata".into(), false)
        );
        assert!(matches!(sender("Zed Zedson"), Sender::Unknown(_)));
        let e = NameMap::parse(&s, &r, &["Jo=zzzzzz".into()]).unwrap_err();
        assert_eq!(e, "--map \"Jo=zzzzzz\": there is no participant \"zzzzzz\"");
    }
}
