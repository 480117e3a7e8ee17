//! Resolving typed names and tags to participants and priorities: one rule for the
//! capture line, Ctrl-P, the importers and merge.
//!
//! Case, accents and punctuation are folded ([`crate::names::name_key`]: Nguyen =
//! Nguyễn, Muller = Müller, OBrien = O'Brien); then an exact match, then a unique
//! word-prefix match, then a unique close typo (a small edit distance per word).
//! Fuzzy subsequence scores only rank the popup: they never decide what a line means.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{Group, Participant, Priority, Session};
use crate::names::name_key;

/// How a typed name or tag matched what it resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    /// The whole name, id or title, folded.
    Exact,
    /// The typed words start the words of the name, in order (`@am dia`).
    Prefix,
    /// A close typo of the name (`@Priya Ramen` for Priya Raman).
    Close,
}

/// The outcome of resolving one typed name or tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<'a, T> {
    /// Exactly one match, and how it matched.
    Found(&'a T, Matched),
    /// Several equally good matches, best first.
    Ambiguous(Vec<&'a T>),
    /// No match; the nearest fuzzy suggestions, best first (possibly none).
    Unknown(Vec<&'a T>),
}

/// Something that can be looked up by typed text.
pub trait Named {
    /// Keys that match whole (after folding).
    fn exact_keys(&self) -> impl Iterator<Item = &str>;
    /// Keys whose words match by prefix or close typo.
    fn word_keys(&self) -> impl Iterator<Item = &str>;
    /// Keys matched by prefix only when nothing else matches (an affiliation).
    fn fallback_keys(&self) -> impl Iterator<Item = &str> {
        std::iter::empty()
    }
    /// Keys the popup ranks on.
    fn search_keys(&self) -> impl Iterator<Item = &str>;
}

impl Named for Participant {
    fn exact_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.name].into_iter()
    }
    fn word_keys(&self) -> impl Iterator<Item = &str> {
        [self.name.as_str()].into_iter()
    }
    fn fallback_keys(&self) -> impl Iterator<Item = &str> {
        [self.affiliation.as_str(), &self.id].into_iter()
    }
    fn search_keys(&self) -> impl Iterator<Item = &str> {
        [self.name.as_str(), &self.affiliation, &self.id].into_iter()
    }
}

impl Named for Priority {
    fn exact_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.title].into_iter()
    }
    fn word_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.title].into_iter()
    }
    fn search_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.title].into_iter()
    }
}

impl Named for Group {
    fn exact_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.name, &self.singular, &self.plural].into_iter()
    }
    fn word_keys(&self) -> impl Iterator<Item = &str> {
        [self.name.as_str(), &self.singular, &self.plural].into_iter()
    }
    fn fallback_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str()].into_iter()
    }
    fn search_keys(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), &self.name, &self.singular, &self.plural].into_iter()
    }
}

/// Most items ranked with the full alignment score; longer lists take the one-pass score,
/// which orders the same matches a little less finely at a fraction of the cost.
const FULL_RANKING: usize = 500;

/// Most suggestions returned with an unknown name.
const SUGGESTIONS: usize = 5;

/// Holds the fuzzy matchers, and the folded keys of the names seen, for the life of a
/// screen or an import.
pub struct Resolver {
    /// Scores with the full alignment: for ranking a short list.
    matcher: SkimMatcherV2,
    /// Scores the first good alignment in one pass: for ranking a popup over thousands
    /// of names on every key.
    quick: SkimMatcherV2,
    /// Names folded once: folding accents is far dearer than looking a name up, and the
    /// popup ranks the whole roster on every key.
    folded: RefCell<HashMap<Box<str>, Folded, foldhash::fast::RandomState>>,
}

/// A key folded, with its words run together.
#[derive(Debug, Clone)]
struct Folded {
    /// [`name_key`] of the key.
    key: Rc<str>,
    /// The same with no spaces.
    solid: Rc<str>,
}

/// Most folded keys kept before the cache starts afresh (names change rarely).
const FOLDED_CACHE: usize = 1 << 16;

impl Default for Resolver {
    fn default() -> Self {
        Resolver {
            matcher: SkimMatcherV2::default(),
            // Any alignment table larger than one cell takes the one-pass match.
            quick: SkimMatcherV2::default().element_limit(1),
            folded: RefCell::default(),
        }
    }
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Resolver")
    }
}

impl Resolver {
    /// `key` folded, from the cache when it was folded before.
    fn fold(&self, key: &str) -> Folded {
        if let Some(found) = self.folded.borrow().get(key) {
            return found.clone();
        }
        let folded = name_key(key);
        let solid: Rc<str> = folded.replace(' ', "").into();
        let entry = Folded {
            key: folded.into(),
            solid,
        };
        let mut cache = self.folded.borrow_mut();
        if cache.len() >= FOLDED_CACHE {
            cache.clear();
        }
        cache.insert(key.into(), entry.clone());
        entry
    }

    /// Resolves a typed group by the one rule (exact, word prefix, close typo), for the
    /// candidates of a group that matched nothing exactly: groups are never taken loosely.
    pub fn group<'a>(&self, groups: &'a [Group], typed: &str) -> Resolution<'a, Group> {
        self.resolve(groups, typed)
    }

    /// Resolves a typed participant reference (the text after `@`).
    pub fn participant<'a>(
        &self,
        session: &'a Session,
        typed: &str,
    ) -> Resolution<'a, Participant> {
        self.resolve(&session.participants, typed)
    }

    /// Resolves a typed priority reference (the text after `#`).
    pub fn priority<'a>(&self, session: &'a Session, typed: &str) -> Resolution<'a, Priority> {
        self.resolve(&session.priorities, typed)
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
        let typed = Typed::new(query);
        if typed.words.is_empty() {
            return (0..items.len().min(limit)).collect();
        }
        // A long roster is ranked on every key: the one-pass score keeps that within a frame.
        let matcher = if items.len() <= FULL_RANKING {
            &self.matcher
        } else {
            &self.quick
        };
        // What the rule would take comes first: exact, then prefixes, then typos, which
        // only count when nothing starts with what was typed.
        let tiers: Vec<i64> = items
            .iter()
            .map(|item| {
                if typed.exact(item, self) {
                    3_000
                } else if typed.prefix_of(item.word_keys(), self) {
                    2_000
                } else if typed.prefix_of(item.fallback_keys(), self) {
                    1_500
                } else {
                    0
                }
            })
            .collect();
        let typos_count = tiers.iter().all(|t| *t == 0);
        let mut scored: Vec<(i64, usize)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let bonus = match tiers[i] {
                    0 if typos_count && typed.close_to(item, self) => 1_000,
                    tier => tier,
                };
                let score = self.score_with(matcher, item, &typed.joined);
                match (score, bonus) {
                    (None, 0) => None,
                    (s, b) => Some((s.unwrap_or(0) + b, i)),
                }
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

    fn resolve<'a, T: Named>(&self, items: &'a [T], typed: &str) -> Resolution<'a, T> {
        let typed = Typed::new(typed);
        if typed.words.is_empty() {
            return Resolution::Unknown(Vec::new());
        }
        for tier in Tier::ALL {
            let found: Vec<&T> = items
                .iter()
                .filter(|i| typed.fits(*i, tier, self))
                .collect();
            let how = tier.matched();
            match found.len() {
                0 => continue,
                1 => return Resolution::Found(found[0], how),
                _ => return Resolution::Ambiguous(self.rank_subset(found, &typed.joined)),
            }
        }
        let mut near: Vec<&T> = items
            .iter()
            .filter(|i| self.score_with(&self.quick, *i, &typed.joined).is_some())
            .collect();
        near = self.rank_subset(near, &typed.joined);
        near.truncate(SUGGESTIONS);
        Resolution::Unknown(near)
    }

    fn rank_subset<'a, T: Named>(&self, mut subset: Vec<&'a T>, typed: &str) -> Vec<&'a T> {
        subset.sort_by_cached_key(|i| {
            std::cmp::Reverse(self.score_with(&self.matcher, *i, typed).unwrap_or(0))
        });
        subset
    }

    /// The best score of the folded `query` in any of `item`'s folded search keys.
    fn score_with<T: Named>(&self, matcher: &SkimMatcherV2, item: &T, query: &str) -> Option<i64> {
        item.search_keys()
            .filter(|key| !key.is_empty())
            .filter_map(|key| matcher.fuzzy_match(&self.fold(key).key, query))
            .max()
    }
}

/// The tiers of the rule, tried in order; the first with any match decides.
#[derive(Debug, Clone, Copy)]
enum Tier {
    Exact,
    Prefix,
    /// A prefix of an affiliation or id, when no name has it.
    FallbackPrefix,
    Close,
}

impl Tier {
    const ALL: [Tier; 4] = [Tier::Exact, Tier::Prefix, Tier::FallbackPrefix, Tier::Close];

    fn matched(self) -> Matched {
        match self {
            Tier::Exact => Matched::Exact,
            Tier::Prefix | Tier::FallbackPrefix => Matched::Prefix,
            Tier::Close => Matched::Close,
        }
    }
}

/// A typed name or tag, folded once to test many keys against.
struct Typed {
    /// The folded words.
    words: Vec<String>,
    /// The folded words joined by spaces.
    joined: String,
    /// The folded words run together, so `rentcontrol` meets `rent-control`.
    solid: String,
}

impl Typed {
    fn new(typed: &str) -> Typed {
        let joined = name_key(typed);
        let words = joined
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        let solid = joined.replace(' ', "");
        Typed {
            words,
            joined,
            solid,
        }
    }

    fn fits<T: Named>(&self, item: &T, tier: Tier, r: &Resolver) -> bool {
        match tier {
            Tier::Exact => self.exact(item, r),
            Tier::Prefix => self.prefix_of(item.word_keys(), r),
            Tier::FallbackPrefix => self.prefix_of(item.fallback_keys(), r),
            Tier::Close => self.close_to(item, r),
        }
    }

    /// The whole of one exact key, folded (spaces between words aside).
    fn exact<T: Named>(&self, item: &T, r: &Resolver) -> bool {
        item.exact_keys()
            .any(|k| !k.is_empty() && *r.fold(k).solid == *self.solid)
    }

    /// Every typed word starts a word of one key, in order: `am dia` → "Amina Diallo".
    fn prefix_of<'k>(&self, keys: impl Iterator<Item = &'k str>, r: &Resolver) -> bool {
        keys.into_iter().filter(|k| !k.is_empty()).any(|key| {
            let key = r.fold(key).key;
            let mut key_words = key.split(' ');
            self.words
                .iter()
                .all(|t| key_words.by_ref().any(|k| k.starts_with(t.as_str())))
        })
    }

    /// Every typed word is a close typo of a word of one name, in order, and they are
    /// as many: `Siobahn O'Conor` → "Siobhán O'Connor".
    fn close_to<T: Named>(&self, item: &T, r: &Resolver) -> bool {
        item.word_keys().any(|key| {
            let key = r.fold(key).key;
            let mut key_words = key.split(' ');
            let mut typos = 0;
            let all = self.words.iter().all(|t| {
                key_words.by_ref().any(|k| match typo_distance(t, k) {
                    Some(0) => true,
                    Some(_) => {
                        typos += 1;
                        true
                    }
                    None => false,
                })
            });
            all && typos > 0
        })
    }
}

/// The edit distance between a typed word and a word of a name when it is small enough
/// to be a typo: none for words of up to three letters, one for shorter words, two
/// from eight letters; a transposition counts as one.
fn typo_distance(typed: &str, word: &str) -> Option<usize> {
    let (a, b) = (typed.chars().count(), word.chars().count());
    let allowed = match a.max(b) {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    // Words whose lengths differ by more than the typos allowed are no match: skip the table.
    if a.abs_diff(b) > allowed {
        return None;
    }
    let distance = strsim::osa_distance(typed, word);
    (distance <= allowed).then_some(distance)
}

#[cfg(test)]
mod tests;
