//! The report's fixed words in French, with French typography: a narrow no-break space
//! (U+202F) before `: ; ! ?` and inside « », and before `%`.

use super::super::labels::Labels;
use crate::tally::Label;

/// The French words.
pub const FRENCH: Labels = Labels {
    report: "Compte rendu de réunion",
    introduction: "Introduction",
    key_emphases: "Points saillants",
    voice_balance: "Équilibre des voix",
    ranked: "Les priorités sont classées par convergence\u{202f}: d'abord selon le nombre de \
             groupes qui les ont soulevées, puis selon le nombre d'interventions.",
    no_priority: "Aucune priorité n'a été soulevée.",
    group: "Groupe",
    registered: "Inscrits",
    entities: "Entités",
    spoke: "Orateurs",
    floor: "Séance",
    chat: "Chat",
    share_of_interventions: "Part des interventions",
    share_of_roster: "Part des inscrits",
    balance: "Écart",
    balance_note: "L'écart est la part des interventions moins la part des inscrits, en points \
                   de pourcentage.",
    no_roster: "Aucun groupe ne compte d'inscrits.",
    not_counted: "(hors convergence)",
    people: "Inscr.",
    spoke_short: "Orat.",
    floor_short: "Oral",
    heard: "Voix",
    roster: "Liste",
    heard_note: "Inscr.\u{202f}: personnes inscrites\u{202f}; Orat.\u{202f}: personnes qui ont \
                 pris la parole\u{202f}; Oral\u{202f}: en séance\u{202f}; Voix\u{202f}: part de \
                 chaque groupe dans l'ensemble des interventions et contributions\u{202f}; \
                 Liste\u{202f}: sa part des personnes inscrites.",
    not_counted_note: "* Hors convergence.",
    priority: "Priorité",
    interventions: "Interventions",
    by_group: "Par groupe",
    chart_label: "Interventions par priorité, par convergence",
    open_quote: "«\u{202f}",
    close_quote: "\u{202f}»",
    percent: "\u{202f}%",
    not_in_group: "Pas encore dans un groupe",
    suggested_once: "Suggérées une seule fois",
    opposed_only: "Contestées, et soutenues par personne",
    other_points: "Autres points",
    strongly_voiced: "exprimé avec force",
    opposing: "en opposition",
    one_participant: "un participant",
    likewise: "De même, ",
};

/// A tally label as a French reader reads it beside a priority's title.
pub fn label_name(label: Label) -> &'static str {
    match label {
        Label::Strongest => "la plus forte",
        Label::AllGroups => "tous les groupes",
        Label::Once => "une fois",
        Label::OneGroup => "un seul groupe",
        Label::ChatOnly => "chat seulement",
        Label::Emphasized => "avec force",
        Label::Opposed => "contestée",
        Label::NotRaised => "non soulevée",
    }
}
