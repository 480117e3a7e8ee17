//! Each priority's figures in French, as [`super::super::convergence`] counts them: "Soulevée
//! dans neuf interventions par des participants des quatre groupes : la plus forte
//! convergence, de loin."

use crate::model::Group;
use crate::tally::{Label, PriorityTally};

use super::super::Attribution;
use super::super::convergence::{Figures, counts, uncounted_groups};
use super::super::language::Lang;
use super::super::words::capitalized;
use super::{NNBSP, count_words, de, group_in_prose, indefinite, join, number_word, que, quoted};

fn interventions(n: usize) -> String {
    count_words(n, "intervention", "interventions", true)
}

fn participants(n: usize) -> String {
    count_words(n, "participant", "participants", false)
}

/// Who in the groups that count raised `p`: "des participants des quatre groupes",
/// "deux États et aucun autre groupe", "un seul participant".
fn counting_who(lang: &Lang, p: &PriorityTally, groups: &[Group], named: &[&Group]) -> String {
    let total = p.counting_groups_total;
    if p.has(Label::AllGroups) {
        return format!("des participants des {} groupes", number_word(total, false));
    }
    if p.counting_groups >= 2 {
        let names: Vec<String> = named
            .iter()
            .filter(|g| g.counts_for_convergence)
            .map(|g| group_in_prose(g))
            .collect();
        let list = if names.is_empty() {
            String::new()
        } else if names.len() == p.counting_groups {
            format!(" ({})", join(&names))
        } else {
            format!(", dont {}", join(&names))
        };
        return format!(
            "des participants de {} des {} groupes{list}",
            number_word(p.counting_groups, false),
            number_word(total, false)
        );
    }
    let Some(row) = p.by_group.iter().find(|row| counts(groups, &row.group)) else {
        return "personne d'un groupe compté pour la convergence".to_string();
    };
    let alone = if total >= 2 {
        ", et aucun autre groupe"
    } else {
        ""
    };
    match named.iter().find(|g| g.id == row.group) {
        Some(g) if g.has_nouns() => format!(
            "{}{alone}",
            count_words(row.entities, &g.singular, &g.plural, lang.feminine(g))
        ),
        Some(g) => format!(
            "{} {}{alone}",
            participants(row.speakers),
            de(&group_in_prose(g))
        ),
        None if row.speakers == 1 => "un seul participant".to_string(),
        None if total >= 2 => format!("{} d'un seul groupe", participants(row.speakers)),
        None => participants(row.speakers),
    }
}

/// Who outside the groups that count raised `p`: "les observateurs (hors convergence)",
/// "une organisation observatrice (hors convergence)", or, when no such group may be
/// named, "des participants de groupes hors convergence".
fn uncounted_who(
    lang: &Lang,
    p: &PriorityTally,
    groups: &[Group],
    f: &Figures,
    n: usize,
) -> String {
    let Some(others) = uncounted_groups(p, groups, f, n) else {
        return if n == 1 {
            "un participant d'un groupe hors convergence".to_string()
        } else {
            "des participants de groupes hors convergence".to_string()
        };
    };
    let names: Vec<String> = match others.as_slice() {
        [g] if n == 1 && g.has_nouns() => vec![indefinite(&g.singular, lang.feminine(g))],
        [g] if n == 1 => vec![format!("un participant {}", de(&group_in_prose(g)))],
        _ => others.iter().map(|g| group_in_prose(g)).collect(),
    };
    format!("{} (hors convergence)", join(&names))
}

/// The French of [`super::super::convergence::convergence`].
pub fn convergence(
    lang: &Lang,
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
    min_group: usize,
    strongest: bool,
) -> String {
    let f = Figures::of(p, groups, attribution, min_group);
    let (named, counted, uncounted) = (&f.named, f.counted, f.uncounted);
    let n = p.interventions;
    let opposed = opposition(lang, p, groups, attribution);
    if n == 0 {
        return "Non soulevée.".to_string();
    }
    if n == 1 {
        let how = if p.emphasis > 0 { "avec force " } else { "" };
        let channel = if p.floor == 0 {
            "dans une seule contribution, dans le chat"
        } else {
            "dans une seule intervention"
        };
        let by = if uncounted == 1 {
            format!(", par {}", uncounted_who(lang, p, groups, &f, 1))
        } else {
            match p
                .by_group
                .first()
                .and_then(|row| named.iter().find(|g| g.id == row.group && g.has_nouns()))
            {
                Some(g) => format!(", par {}", indefinite(&g.singular, lang.feminine(g))),
                None => String::new(),
            }
        };
        return format!("Soulevée {how}{channel}{by}{opposed}.");
    }
    let raised = if p.floor == 0 {
        format!(
            "Soulevée uniquement dans le chat, dans {} contributions",
            number_word(n, true)
        )
    } else {
        format!("Soulevée dans {}", interventions(n))
    };
    let tail = if strongest && p.has(Label::Strongest) {
        format!("{NNBSP}: la plus forte convergence, de loin")
    } else {
        String::new()
    };
    if counted == 0 {
        let who = uncounted_who(lang, p, groups, &f, n);
        return format!("{raised}, uniquement par {who}{opposed}.");
    }
    let who = counting_who(lang, p, groups, named);
    if uncounted > counted {
        let others = uncounted_who(lang, p, groups, &f, uncounted);
        return format!(
            "{raised}, surtout par {others}{NNBSP}: {} sur {}, contre {} par {who}{opposed}.",
            number_word(uncounted, true),
            number_word(n, true),
            number_word(counted, true),
        );
    }
    let mut sentence = format!("{raised} par {who}{tail}{opposed}.");
    if uncounted > 0 {
        let others = uncounted_who(lang, p, groups, &f, uncounted);
        let verb = if uncounted == 1 { "venait" } else { "venaient" };
        sentence.push_str(&format!(
            " {} des {} {verb} {}.",
            capitalized(&number_word(uncounted, true)),
            number_word(n, true),
            de(&others)
        ));
    }
    sentence
}

/// ", bien qu'une intervention, d'une entreprise, s'y soit opposée", or nothing.
pub fn opposition(
    lang: &Lang,
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
) -> String {
    if p.opposed == 0 {
        return String::new();
    }
    let how_many = if p.interventions == 1 && p.opposed == 1 {
        "une autre intervention".to_string()
    } else {
        interventions(p.opposed)
    };
    let verb = if p.opposed == 1 {
        "s'y soit opposée"
    } else {
        "s'y soient opposées"
    };
    // The groups, set off by commas: "bien qu'une intervention, d'une entreprise, s'y…".
    let from = opposing_groups(lang, p, groups, attribution);
    let close = if from.is_empty() { "" } else { "," };
    format!(", bien {}{from}{close} {verb}", que(&how_many))
}

/// ", d'une entreprise et du conseil municipal", the groups of the interventions opposing `p`.
fn opposing_groups(
    lang: &Lang,
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
) -> String {
    if attribution == Attribution::Chatham {
        return String::new();
    }
    let mut names: Vec<String> = groups
        .iter()
        .filter_map(|g| {
            let o = p.opposed_by_group.iter().find(|o| o.group == g.id)?;
            Some(if o.interventions == 1 && !g.singular.trim().is_empty() {
                de(&indefinite(g.singular.trim(), lang.feminine(g)))
            } else {
                de(&group_in_prose(g))
            })
        })
        .collect();
    if names.is_empty() {
        return String::new();
    }
    let in_groups: usize = p.opposed_by_group.iter().map(|o| o.interventions).sum();
    if in_groups < p.opposed {
        names.push("de personnes pas encore dans un groupe".to_string());
    }
    format!(", {}", join(&names))
}

/// "Contestée dans deux interventions, des entreprises, et soutenue dans aucune."
pub fn opposed_only_sentence(
    lang: &Lang,
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
) -> String {
    format!(
        "Contestée dans {}{}, et soutenue dans aucune.",
        interventions(p.opposed),
        opposing_groups(lang, p, groups, attribution)
    )
}

/// "Soutenue à égalité avec « Capacités d'accueil »."
pub fn tie_sentence(others: &[String]) -> String {
    if others.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = others.iter().map(|t| quoted(t)).collect();
    format!("Soutenue à égalité avec {}.", join(&quoted))
}

/// "Soutenue à égalité avec la priorité 2.", "… avec les priorités 2 et 3."
pub fn tie_by_number(numbers: &[String]) -> String {
    let which = if numbers.len() == 1 {
        "la priorité"
    } else {
        "les priorités"
    };
    format!("Soutenue à égalité avec {which} {}.", join(numbers))
}
