//! The introduction's sentences in French: who registered, the interventions, the time,
//! and how a speaker is referred to, with agreement in gender and number.

use crate::model::{Group, Session};
use crate::tally::Tally;

use super::super::language::Lang;
use super::super::prose::{Part, Registered, registered};
use super::super::time::TimeAccount;
use super::{NNBSP, a, count, de, duration_in_words, group_in_prose, join, number_word};

/// A subject's gender and number, for the words that agree with it.
#[derive(Clone, Copy)]
struct Agreement {
    feminine: bool,
    plural: bool,
}

impl Agreement {
    /// "s'est inscrit", "se sont inscrites".
    fn registered(self) -> String {
        let ending = match (self.feminine, self.plural) {
            (false, false) => "",
            (true, false) => "e",
            (false, true) => "s",
            (true, true) => "es",
        };
        let verb = if self.plural { "se sont" } else { "s'est" };
        format!("{verb} inscrit{ending}")
    }
}

/// "29 représentants de 13 États, 5 organisations de la société civile, 2 entreprises,
/// 3 maires et 2 organisations observatrices se sont inscrits": the French of
/// [`super::super::prose::participation`], counted the same way.
pub fn participation(lang: &Lang, tally: &Tally, session: &Session) -> String {
    let entities = |g: &Group, n: usize| count(n, &g.singular, &g.plural, lang.feminine(g));
    let representatives = |n: usize| Agreement {
        feminine: false,
        plural: n > 1,
    };
    // Each part with the gender and number of its subject, which the participle follows.
    let part = |g: &Group, part: Part| match part {
        Part::People(n) => (
            format!(
                "{} {}",
                count(n, "participant", "participants", false),
                de(&group_in_prose(g))
            ),
            representatives(n),
        ),
        Part::Entities(n) => (
            entities(g, n),
            Agreement {
                feminine: lang.feminine(g),
                plural: n > 1,
            },
        ),
        Part::Representatives {
            people,
            entities: n,
        } => (
            format!(
                "{} {}",
                count(people, "représentant", "représentants", false),
                de(&entities(g, n))
            ),
            representatives(people),
        ),
    };
    match registered(tally, session) {
        Registered::Nobody => "Aucun participant ne s'est inscrit".to_string(),
        Registered::ByEntities { people, bodies } => {
            let bodies: Vec<String> = bodies.iter().map(|(g, n)| entities(g, *n)).collect();
            format!(
                "{} {}",
                representatives_of(people, &bodies),
                representatives(people).registered()
            )
        }
        Registered::OneGroup(g, p) => {
            let (said, agreement) = part(g, p);
            format!("{said} {}", agreement.registered())
        }
        Registered::Unsorted { people: 1 } => {
            "une personne, qui n'est pas encore dans un groupe, s'est inscrite".into()
        }
        Registered::Unsorted { people } => format!(
            "{people} personnes, dont aucune n'est encore dans un groupe, se sont inscrites"
        ),
        Registered::ByGroup {
            people,
            parts,
            unsorted,
        } => {
            let mut said: Vec<String> = parts.into_iter().map(|(g, p)| part(g, p).0).collect();
            if unsorted > 0 {
                said.push(format!("{unsorted} pas encore dans un groupe"));
            }
            // The subject is "N personnes", whatever the parts in brackets.
            let all = Agreement {
                feminine: true,
                plural: people > 1,
            };
            format!(
                "{} ({}) {}",
                count(people, "personne", "personnes", true),
                join(&said),
                all.registered()
            )
        }
    }
}

/// "29 représentants de 13 États, 5 organisations de la société civile et 2 entreprises".
pub fn representatives_of(people: usize, bodies: &[String]) -> String {
    let who = count(people, "représentant", "représentants", false);
    if bodies.is_empty() {
        who
    } else {
        format!("{who} {}", de(&join(bodies)))
    }
}

/// "Au total, il y a eu 21 interventions et contributions distinctes : 15 en séance et
/// 6 dans le chat."
pub fn interventions_sentence(tally: &Tally) -> String {
    let t = &tally.totals;
    let (floor, chat) = (t.floor, t.chat);
    match t.interventions {
        0 => "Il n'y a eu aucune intervention.".to_string(),
        1 => format!(
            "Au total, il y a eu une seule intervention, {}.",
            if chat == 1 {
                "dans le chat"
            } else {
                "en séance"
            }
        ),
        n => {
            let split = match (floor, chat) {
                (_, 0) => "toutes en séance".to_string(),
                (0, _) => "toutes dans le chat".to_string(),
                (floor, chat) => format!("{floor} en séance et {chat} dans le chat"),
            };
            format!(
                "Au total, il y a eu {n} interventions et contributions distinctes{NNBSP}: {split}."
            )
        }
    }
}

/// The opening sentence: "Au total, … se sont inscrits pour participer à la séance en ligne
/// de deux heures le 2 juin 2020."
pub fn opening(participation: &str, registered: bool, format: &str, date: &str) -> String {
    let format = if format.trim().is_empty() {
        "la réunion"
    } else {
        format.trim()
    };
    let day = match super::date(date) {
        Some(day) => format!(" le {day}"),
        None if date.trim().is_empty() => String::new(),
        None => format!(" ({})", date.trim()),
    };
    if registered {
        format!(
            "Au total, {participation} pour participer {}{day}.",
            a(format)
        )
    } else {
        format!("{participation} {}{day}.", a(format))
    }
}

/// "Ce résumé porte sur le thème « … », autour de trois axes :", split around the theme
/// so that a template may set it apart: the words before it, and after it.
pub fn theme_sentence(areas: usize) -> (String, String) {
    let after = if areas == 0 {
        format!("{NNBSP}».")
    } else {
        format!(
            "{NNBSP}», autour de {} {}{NNBSP}:",
            number_word(areas, false),
            if areas == 1 { "axe" } else { "axes" }
        )
    };
    (format!("Ce résumé porte sur le thème «{NNBSP}"), after)
}

/// "Ce qui suit résume les principaux points soulevés par les participants, en
/// particulier la convergence entre les quatre groupes (…)."
pub fn summary_sentence(counting_groups: usize, counting_label: &str) -> String {
    let across = if counting_groups > 1 {
        let list = if counting_label.is_empty() {
            String::new()
        } else {
            format!(" ({counting_label})")
        };
        format!(
            " entre les {} groupes{list}",
            number_word(counting_groups, false)
        )
    } else {
        String::new()
    };
    format!(
        "Ce qui suit résume les principaux points soulevés par les participants, en \
         particulier la convergence{across}."
    )
}

/// "La séance a duré deux heures, de 10 h à 12 h, en anglais et en français ; hormis
/// 15 minutes, tout le temps a été consacré aux échanges entre participants, en séance et
/// dans le chat."
pub fn time_sentence(
    account: Option<&TimeAccount>,
    says_length: bool,
    languages: &str,
    chat: usize,
) -> String {
    let Some(t) = account else {
        return String::new();
    };
    let (from, to) = (super::clock(t.from), super::clock(t.to));
    let span = match (t.opens_recorded, t.closes_recorded) {
        (true, false) => format!("de {from} jusqu'à la dernière note, à {to}"),
        (false, true) => format!("de la première note, à {from}, jusqu'à {to}"),
        (false, false) => format!("d'après les notes, de {from} à {to}"),
        (true, true) => format!("de {from} à {to}"),
    };
    let mut sentence = if says_length {
        format!("La séance s'est tenue {span}")
    } else {
        format!("La séance a duré {}, {span}", duration_in_words(t.length()))
    };
    if !languages.is_empty() {
        sentence.push_str(&format!(", {languages}"));
    }
    if t.floor_exchange {
        let minutes = (t.not_exchange() + 30) / 60;
        let channels = if chat > 0 {
            "en séance et dans le chat"
        } else {
            "en séance"
        };
        let share = if minutes == 0 {
            "tout le temps a été consacré".to_string()
        } else {
            format!(
                "hormis {}, tout le temps a été consacré",
                duration_in_words(t.not_exchange())
            )
        };
        sentence.push_str(&format!(
            "{NNBSP}; {share} aux échanges entre participants, {channels}"
        ));
    }
    sentence.push('.');
    sentence
}

/// How a speaker is referred to in `group` mode: "l'un des deux États qui se sont
/// exprimés sur ce point", "la seule organisation qui s'est exprimée", or "un
/// participant" when fewer than `min_group` entities of the group spoke.
pub fn group_speaker(
    lang: &Lang,
    group: Option<&Group>,
    entities: usize,
    min_group: usize,
    on_this: bool,
) -> String {
    let scope = if on_this { " sur ce point" } else { "" };
    match group {
        Some(_) if entities < min_group.max(1) => "un participant".to_string(),
        Some(g) if !g.has_nouns() => format!("un participant {}", de(&group_in_prose(g))),
        Some(g) if entities == 1 => {
            if lang.feminine(g) {
                format!("la seule {} qui s'est exprimée{scope}", g.singular)
            } else {
                format!("le seul {} qui s'est exprimé{scope}", g.singular)
            }
        }
        Some(g) => {
            let (one, spoke) = if lang.feminine(g) {
                ("l'une", "exprimées")
            } else {
                ("l'un", "exprimés")
            };
            format!(
                "{one} des {} {} qui se sont {spoke}{scope}",
                number_word(entities, lang.feminine(g)),
                g.plural
            )
        }
        None => "un participant".to_string(),
    }
}

/// Whether `format` gives the length of a session of `seconds` already: "de deux heures".
pub fn says_length(format: &str, seconds: u32) -> bool {
    let minutes = (seconds + 30) / 60;
    let format = format.to_lowercase();
    let said = |n: u32, unit: &str| {
        format.contains(&format!("{} {unit}", number_word(n as usize, true)))
            || format.contains(&format!("{n} {unit}"))
    };
    (minutes.is_multiple_of(60)
        && minutes > 0
        && (said(minutes / 60, "heure") || said(minutes / 60, "heures")))
        || said(minutes, "minutes")
}
