//! Resolving typed names and tags to participants and priorities.
//!
//! Exact first (case-insensitive, on id, name or a unique affiliation for
//! people; on id or title for priorities), then word prefixes, then a fuzzy
//! match: a unique match at the first tier that has any wins; otherwise the
//! candidates are returned so the caller can ask or report.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{Participant, Priority, Session};

/// The outcome of resolving one typed name or tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<'a, T> {
    /// Exactly one match.
    Found(&'a T),
    /// Several equally good matches, best first.
    Ambiguous(Vec<&'a T>),
    /// No match; the nearest fuzzy suggestions, best first (possibly none).
    Unknown(Vec<&'a T>),
}

/// Something that can be looked up by typed text.
pub trait Named {
    /// Keys that must match exactly (ignoring case).
    fn exact_keys(&self) -> impl Iterator<Item = &str>;
    /// Keys searched by prefix and fuzzily.
    fn search_keys(&self) -> impl Iterator<Item = &str>;
}

impl Named for Participant {
    fn exact_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.name].into_iter()
    }
    fn search_keys(&self) -> impl Iterator<Item = &str> {
        [self.name.as_str(), &self.affiliation, &self.id].into_iter()
    }
}

impl Named for Priority {
    fn exact_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.title].into_iter()
    }
    fn search_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.title].into_iter()
    }
}

/// Most items ranked with the full alignment score; longer lists take the one-pass score,
/// which orders the same matches a little less finely at a fraction of the cost.
const FULL_RANKING: usize = 500;

/// Most suggestions returned with an unknown name.
const SUGGESTIONS: usize = 5;

/// Holds the fuzzy matchers for the life of a screen or an import.
pub struct Resolver {
    /// Scores with the full alignment: for choosing what a typed name means.
    matcher: SkimMatcherV2,
    /// Scores the first good alignment in one pass: for ranking a popup over thousands
    /// of names on every key, and for telling whether anything matches at all.
    quick: SkimMatcherV2,
}

impl Default for Resolver {
    fn default() -> Self {
        Resolver {
            matcher: SkimMatcherV2::default().ignore_case(),
            // Any alignment table larger than one cell takes the one-pass match.
            quick: SkimMatcherV2::default().ignore_case().element_limit(1),
        }
    }
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Resolver")
    }
}

impl Resolver {
    /// Resolves a typed participant reference (the text after `@`).
    pub fn participant<'a>(
        &self,
        session: &'a Session,
        typed: &str,
    ) -> Resolution<'a, Participant> {
        let by_affiliation: Vec<&Participant> = session
            .participants
            .iter()
            .filter(|p| !p.affiliation.is_empty() && same(&p.affiliation, typed))
            .collect();
        let exact = exact(&session.participants, typed);
        match (exact, by_affiliation.len()) {
            (Some(found), _) => Resolution::Found(found),
            (None, 1) => Resolution::Found(by_affiliation[0]),
            (None, 0) => self.resolve(&session.participants, typed),
            (None, _) => Resolution::Ambiguous(by_affiliation),
        }
    }

    /// Resolves a typed priority reference (the text after `#`).
    pub fn priority<'a>(&self, session: &'a Session, typed: &str) -> Resolution<'a, Priority> {
        match exact(&session.priorities, typed) {
            Some(found) => Resolution::Found(found),
            None => self.resolve(&session.priorities, typed),
        }
    }

    /// Ranks `items` against `query` for a completion list, best first; an empty query keeps all.
    pub fn rank<'a, T: Named>(&self, items: &'a [T], query: &str, limit: usize) -> Vec<&'a T> {
        self.rank_indices(items, query, limit)
            .into_iter()
            .map(|i| &items[i])
            .collect()
    }

    /// Like [`Resolver::rank`], but the indices of the items in `items`.
    pub fn rank_indices<T: Named>(&self, items: &[T], query: &str, limit: usize) -> Vec<usize> {
        if query.is_empty() {
            return (0..items.len().min(limit)).collect();
        }
        let typed = Typed::new(query);
        // A long roster is ranked on every key: the one-pass score keeps that within a frame.
        let matcher = if items.len() <= FULL_RANKING {
            &self.matcher
        } else {
            &self.quick
        };
        let mut scored: Vec<(i64, usize)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let bonus = if typed.prefix_of(item) { 1_000 } else { 0 };
                score_with(matcher, item, query).map(|s| (s + bonus, i))
            })
            .collect();
        let by_rank = |a: &(i64, usize), b: &(i64, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        // Only the first `limit` need sorting: pick them first when they are few.
        if limit < scored.len() {
            scored.select_nth_unstable_by(limit, by_rank);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(by_rank);
        scored.into_iter().map(|(_, i)| i).collect()
    }

    fn score<T: Named>(&self, item: &T, query: &str) -> Option<i64> {
        score_with(&self.matcher, item, query)
    }

    fn resolve<'a, T: Named>(&self, items: &'a [T], typed: &str) -> Resolution<'a, T> {
        let typed = typed.trim();
        let words = Typed::new(typed);
        let prefixed: Vec<&T> = items.iter().filter(|i| words.prefix_of(*i)).collect();
        if prefixed.len() == 1 {
            return Resolution::Found(prefixed[0]);
        }
        if prefixed.len() > 1 {
            return Resolution::Ambiguous(self.rank_subset(prefixed, typed));
        }
        // Whether a key matches at all does not need the full alignment.
        let fuzzy: Vec<&T> = items
            .iter()
            .filter(|i| score_with(&self.quick, *i, typed).is_some())
            .collect();
        match fuzzy.len() {
            1 => Resolution::Found(fuzzy[0]),
            0 => Resolution::Unknown(Vec::new()),
            _ => {
                let mut ranked = self.rank_subset(fuzzy, typed);
                if ranked.len() > SUGGESTIONS {
                    ranked.truncate(SUGGESTIONS);
                    Resolution::Unknown(ranked)
                } else {
                    Resolution::Ambiguous(ranked)
                }
            }
        }
    }

    fn rank_subset<'a, T: Named>(&self, mut subset: Vec<&'a T>, typed: &str) -> Vec<&'a T> {
        subset.sort_by_cached_key(|i| std::cmp::Reverse(self.score(*i, typed).unwrap_or(0)));
        subset
    }
}

/// The best score of `query` in any of `item`'s search keys.
fn score_with<T: Named>(matcher: &SkimMatcherV2, item: &T, query: &str) -> Option<i64> {
    item.search_keys()
        .filter_map(|key| matcher.fuzzy_match(key, query))
        .max()
}

/// Whether `a` and `b` are the same text ignoring case and surrounding spaces.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    // Most names and ids are ASCII: compared without lowercasing copies.
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.to_lowercase() == b.to_lowercase()
}

fn exact<'a, T: Named>(items: &'a [T], typed: &str) -> Option<&'a T> {
    let mut found = items
        .iter()
        .filter(|i| i.exact_keys().any(|k| same(k, typed)));
    let first = found.next()?;
    // Two people with the same name are not an exact match for either.
    found.next().is_none().then_some(first)
}

/// The words of a typed name or tag, lowercased once, to test many keys against.
struct Typed {
    words: Vec<String>,
}

impl Typed {
    fn new(typed: &str) -> Typed {
        Typed {
            words: words(typed).map(|w| lowercase(w).into_owned()).collect(),
        }
    }

    /// Every typed word is the start of a word in one key, in order: `am dia` → "Amina Diallo".
    fn prefix_of<T: Named>(&self, item: &T) -> bool {
        if self.words.is_empty() {
            return false;
        }
        item.search_keys().any(|key| {
            let mut key_words = words(key);
            self.words
                .iter()
                .all(|t| key_words.by_ref().any(|k| starts_with_lowercase(k, t)))
        })
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Whether `word`, lowercased, starts with `prefix` (already lowercase).
fn starts_with_lowercase(word: &str, prefix: &str) -> bool {
    if word.is_ascii() {
        // Lowercasing ASCII keeps every byte where it is: compare in place.
        return word.len() >= prefix.len()
            && word.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes());
    }
    word.to_lowercase().starts_with(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, affiliation: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            affiliation: affiliation.into(),
            group: "g".into(),
            role: None,
        }
    }

    fn session() -> Session {
        Session {
            participants: vec![
                person("amina-diallo", "Amina Diallo", "Senegal"),
                person("omar-haddad", "Omar Haddad", "Morocco"),
                person("omar-benali", "Omar Benali", "Morocco"),
                person("lena-fischer", "Lena Fischer", "City of Dakar"),
            ],
            priorities: vec![
                Priority {
                    id: "recruitment".into(),
                    title: "Fix recruitment practices".into(),
                    description: None,
                },
                Priority {
                    id: "health".into(),
                    title: "Open health services to all".into(),
                    description: None,
                },
            ],
            ..Session::default()
        }
    }

    fn found(r: Resolution<'_, Participant>) -> &str {
        match r {
            Resolution::Found(p) => &p.id,
            other => panic!("expected a match, got {other:?}"),
        }
    }

    #[test]
    fn exact_then_prefix_then_fuzzy() {
        let s = session();
        let r = Resolver::default();
        assert_eq!(found(r.participant(&s, "amina diallo")), "amina-diallo");
        assert_eq!(found(r.participant(&s, "OMAR-HADDAD")), "omar-haddad");
        assert_eq!(found(r.participant(&s, "Senegal")), "amina-diallo");
        assert_eq!(found(r.participant(&s, "amina")), "amina-diallo");
        assert_eq!(found(r.participant(&s, "om had")), "omar-haddad");
        assert_eq!(found(r.participant(&s, "dakar")), "lena-fischer");
        assert_eq!(found(r.participant(&s, "lfschr")), "lena-fischer");
    }

    #[test]
    fn ambiguous_and_unknown_names_give_candidates() {
        let s = session();
        let r = Resolver::default();
        match r.participant(&s, "omar") {
            Resolution::Ambiguous(c) => assert_eq!(c.len(), 2),
            other => panic!("{other:?}"),
        }
        match r.participant(&s, "morocco") {
            Resolution::Ambiguous(c) => assert_eq!(c.len(), 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(r.participant(&s, "zzz"), Resolution::Unknown(vec![]));
    }

    #[test]
    fn tags_resolve_on_id_and_title() {
        let s = session();
        let r = Resolver::default();
        let id = |typed| match r.priority(&s, typed) {
            Resolution::Found(p) => p.id.clone(),
            other => panic!("{typed}: {other:?}"),
        };
        assert_eq!(id("recruitment"), "recruitment");
        assert_eq!(id("recruit"), "recruitment");
        assert_eq!(id("health"), "health");
        assert_eq!(id("fix"), "recruitment");
        assert!(matches!(r.priority(&s, "xyzzy"), Resolution::Unknown(_)));
    }

    #[test]
    fn ranking_puts_prefixes_first() {
        let s = session();
        let r = Resolver::default();
        let ranked = r.rank(&s.participants, "om", 10);
        assert!(ranked.len() >= 2);
        assert!(ranked[..2].iter().all(|p| p.name.starts_with("Omar")));
        assert_eq!(r.rank(&s.participants, "", 3).len(), 3);
    }
}
