//! The sentence of each priority's figures: how many interventions raised it, from
//! which groups (only those the attribution mode lets the report name), on the floor
//! or only in the chat, with the groups that do not count toward convergence kept
//! apart, and who opposed it. Small numbers are words, as running prose writes them.

use crate::model::Group;
use crate::tally::{Label, PriorityTally};

use super::Attribution;
use super::prose::join;
use super::words::{capitalized, count_words, group_with_article, indefinite, number_word};

/// Groups that raised `p` and may be named under `attribution`: in `group` mode those
/// with at least `min_group` distinct entities on it, all in `named`, none in `chatham`.
fn nameable<'a>(
    p: &PriorityTally,
    groups: &'a [Group],
    attribution: Attribution,
    min_group: usize,
) -> Vec<&'a Group> {
    groups
        .iter()
        .filter(|g| {
            p.group(&g.id)
                .is_some_and(|row| attribution.may_name(row.entities, min_group))
        })
        .collect()
}

/// Whether group `id` counts toward convergence.
pub(super) fn counts(groups: &[Group], id: &str) -> bool {
    groups
        .iter()
        .any(|g| g.id == id && g.counts_for_convergence)
}

/// A priority's supporting interventions by whether their groups count toward
/// convergence, and the groups the attribution mode lets the report name: what its
/// figures sentence says, in any language.
pub(super) struct Figures<'a> {
    /// The groups that may be named.
    pub named: Vec<&'a Group>,
    /// Interventions from groups that count.
    pub counted: usize,
    /// Interventions from groups on the roster that do not count.
    pub in_other_groups: usize,
    /// Interventions not from groups that count: from those that do not, or from nobody's group.
    pub uncounted: usize,
}

impl<'a> Figures<'a> {
    /// The figures of `p` under `attribution`.
    pub(super) fn of(
        p: &PriorityTally,
        groups: &'a [Group],
        attribution: Attribution,
        min_group: usize,
    ) -> Figures<'a> {
        let sum = |counting: bool| -> usize {
            p.by_group
                .iter()
                .filter(|row| counts(groups, &row.group) == counting)
                .map(|row| row.interventions)
                .sum()
        };
        let counted = sum(true);
        Figures {
            named: nameable(p, groups, attribution, min_group),
            counted,
            in_other_groups: sum(false),
            uncounted: p.interventions.saturating_sub(counted),
        }
    }
}

/// The groups not counted for convergence that raised `p`, when all `n` interventions
/// said of them came from these groups and each may be named; `None` when they are to
/// be said as participants not counted.
pub(super) fn uncounted_groups<'a>(
    p: &PriorityTally,
    groups: &'a [Group],
    f: &Figures,
    n: usize,
) -> Option<Vec<&'a Group>> {
    let others: Vec<&Group> = groups
        .iter()
        .filter(|g| !g.counts_for_convergence && p.group(&g.id).is_some())
        .collect();
    let all_named = !others.is_empty()
        && f.in_other_groups == n
        && others.iter().all(|g| f.named.iter().any(|m| m.id == g.id));
    all_named.then_some(others)
}

/// Who in the groups that count raised `p`, as a noun phrase: "participants from all
/// four groups", "two States and no other group", "a single participant".
fn counting_who(p: &PriorityTally, groups: &[Group], named: &[&Group]) -> String {
    let total = p.counting_groups_total;
    if p.has(Label::AllGroups) {
        return format!("participants from all {} groups", number_word(total));
    }
    if p.counting_groups >= 2 {
        let names: Vec<String> = named
            .iter()
            .filter(|g| g.counts_for_convergence)
            .map(|g| group_with_article(g))
            .collect();
        let list = if names.is_empty() {
            String::new()
        } else if names.len() == p.counting_groups {
            format!(" ({})", join(&names))
        } else {
            format!(", including {}", join(&names))
        };
        return format!(
            "participants from {} of the {} groups{list}",
            number_word(p.counting_groups),
            number_word(total)
        );
    }
    let Some(row) = p.by_group.iter().find(|row| counts(groups, &row.group)) else {
        return "nobody in a group counted for convergence".to_string();
    };
    // With several groups present, a group alone on a priority is said so.
    let alone = if total >= 2 {
        " and no other group"
    } else {
        ""
    };
    match named.iter().find(|g| g.id == row.group) {
        Some(g) if g.has_nouns() => format!(
            "{}{alone}",
            count_words(row.entities, &g.singular, &g.plural)
        ),
        // A group's name is never a count noun: without nouns, its people are counted.
        Some(g) => format!(
            "{} from {}{alone}",
            count_words(row.speakers, "participant", "participants"),
            group_with_article(g)
        ),
        None if row.speakers == 1 => "a single participant".to_string(),
        None if total >= 2 => format!(
            "{} of a single group",
            count_words(row.speakers, "participant", "participants")
        ),
        None => count_words(row.speakers, "participant", "participants"),
    }
}

/// Who outside the groups that count raised `p`, `n` interventions of it: "observers
/// (not counted for convergence)", "an observer organization (…)", or, when no such group
/// may be named, "participants not counted for convergence".
fn uncounted_who(p: &PriorityTally, groups: &[Group], f: &Figures, n: usize) -> String {
    let Some(others) = uncounted_groups(p, groups, f, n) else {
        return if n == 1 {
            "a participant not counted for convergence".to_string()
        } else {
            "participants not counted for convergence".to_string()
        };
    };
    let names: Vec<String> = match others.as_slice() {
        [g] if n == 1 && g.has_nouns() => vec![indefinite(&g.singular)],
        [g] if n == 1 => vec![format!("a participant from {}", group_with_article(g))],
        _ => others.iter().map(|g| group_with_article(g)).collect(),
    };
    format!("{} (not counted for convergence)", join(&names))
}

/// The sentence of a priority's figures: "Raised in nine interventions by participants
/// from all four groups: the strongest convergence by far."
pub fn convergence_sentence(
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
    min_group: usize,
) -> String {
    convergence(p, groups, attribution, min_group, true)
}

/// [`convergence_sentence`], saying "the strongest convergence by far" only when
/// `strongest` allows it (the rapporteur's lead may say so already).
pub(super) fn convergence(
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
    min_group: usize,
    strongest: bool,
) -> String {
    let f = Figures::of(p, groups, attribution, min_group);
    let (named, counted, uncounted) = (&f.named, f.counted, f.uncounted);
    let n = p.interventions;
    let opposed = opposition(p, groups, attribution);
    if n == 0 {
        return "Not raised.".to_string();
    }
    if n == 1 {
        let how = if p.emphasis > 0 { "strongly " } else { "" };
        let channel = if p.floor == 0 {
            "one input, in the chat"
        } else {
            "one intervention"
        };
        let by = if uncounted == 1 {
            format!(", by {}", uncounted_who(p, groups, &f, 1))
        } else {
            match p
                .by_group
                .first()
                .and_then(|row| named.iter().find(|g| g.id == row.group && g.has_nouns()))
            {
                Some(g) => format!(", by {}", indefinite(&g.singular)),
                None => String::new(),
            }
        };
        return format!("Raised {how}in {channel}{by}{opposed}.");
    }
    let raised = if p.floor == 0 {
        format!("Raised only in the chat, in {} inputs", number_word(n))
    } else {
        format!("Raised in {} interventions", number_word(n))
    };
    let tail = if strongest && p.has(Label::Strongest) {
        ": the strongest convergence by far"
    } else {
        ""
    };
    if counted == 0 {
        let who = uncounted_who(p, groups, &f, n);
        return format!("{raised}, only by {who}{opposed}.");
    }
    let who = counting_who(p, groups, named);
    if uncounted > counted {
        let others = uncounted_who(p, groups, &f, uncounted);
        return format!(
            "{raised}, mainly by {others}: {} of the {}, against {} by {who}{opposed}.",
            number_word(uncounted),
            number_word(n),
            number_word(counted),
        );
    }
    let mut sentence = format!("{raised} by {who}{tail}{opposed}.");
    if uncounted > 0 {
        let others = uncounted_who(p, groups, &f, uncounted);
        sentence.push_str(&format!(
            " {} of the {} came from {others}.",
            capitalized(&number_word(uncounted)),
            number_word(n)
        ));
    }
    sentence
}

/// ", though one intervention, from a business, opposed it", or nothing when nobody did.
///
/// Counts by group are always allowed, so the opposing groups are named, except
/// in `chatham` mode, which names no group of any speaker.
pub fn opposition(p: &PriorityTally, groups: &[Group], attribution: Attribution) -> String {
    if p.opposed == 0 {
        return String::new();
    }
    // After "Raised in one intervention", the one against it is "another".
    let how_many = if p.interventions == 1 && p.opposed == 1 {
        "another".to_string()
    } else {
        count_words(p.opposed, "intervention", "interventions")
    };
    format!(
        ", though {how_many}{}, opposed it",
        opposing_groups(p, groups, attribution)
    )
}

/// ", from a business and the city council", the groups of the interventions opposing `p`.
fn opposing_groups(p: &PriorityTally, groups: &[Group], attribution: Attribution) -> String {
    if attribution == Attribution::Chatham {
        return String::new();
    }
    // A group that opposed it once is one of its members: "an opposition party".
    let mut names: Vec<String> = groups
        .iter()
        .filter_map(|g| {
            let o = p.opposed_by_group.iter().find(|o| o.group == g.id)?;
            Some(if o.interventions == 1 && !g.singular.trim().is_empty() {
                indefinite(g.singular.trim())
            } else {
                group_with_article(g)
            })
        })
        .collect();
    if names.is_empty() {
        return String::new();
    }
    let in_groups: usize = p.opposed_by_group.iter().map(|o| o.interventions).sum();
    if in_groups < p.opposed {
        names.push("people not yet in a group".to_string());
    }
    format!(", from {}", join(&names))
}

/// The sentence of a priority nobody supported but some opposed: "Opposed in two
/// interventions, from business, and supported in none."
pub fn opposed_only_sentence(
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
) -> String {
    format!(
        "Opposed in {}{}, and supported in none.",
        count_words(p.opposed, "intervention", "interventions"),
        opposing_groups(p, groups, attribution)
    )
}

/// "Equally supported with “Shelter capacity”.": a tie, said as one, naming the
/// priorities sharing the rank.
pub fn tie_sentence(others: &[String]) -> String {
    if others.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = others.iter().map(|t| format!("“{t}”")).collect();
    format!("Equally supported with {}.", join(&quoted))
}
