//! The report in French: the words of running prose here (numbers and their gender,
//! spans of time, dates, articles and their contractions, typography), its sentences in
//! `prose` and `convergence`, its fixed labels in `labels`. Each function says in French
//! what its English namesake in the parent module says.

pub(super) mod convergence;
pub(super) mod labels;
pub(super) mod prose;

use crate::model::Group;

/// The narrow no-break space French sets before `: ; ! ?` and inside « ».
pub const NNBSP: char = '\u{202f}';

/// `text` in French quotation marks: « text ».
pub fn quoted(text: &str) -> String {
    format!("«{NNBSP}{text}{NNBSP}»")
}

/// A number as a word from zero to ten, agreeing in gender ("une", "deux"), as digits beyond.
pub fn number_word(n: usize, feminine: bool) -> String {
    const WORDS: [&str; 11] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    ];
    match n {
        1 if feminine => "une".to_string(),
        n => WORDS
            .get(n)
            .map_or_else(|| n.to_string(), |w| w.to_string()),
    }
}

/// `n` in words with the singular or plural noun: "une intervention", "trois États".
pub fn count_words(n: usize, singular: &str, plural: &str, feminine: bool) -> String {
    format!(
        "{} {}",
        number_word(n, feminine),
        if n == 1 { singular } else { plural }
    )
}

/// `n` in digits with the singular or plural noun, one said in words as French writes it
/// in a count: "un État", "une organisation", "13 États".
pub fn count(n: usize, singular: &str, plural: &str, feminine: bool) -> String {
    match n {
        1 => indefinite(singular, feminine),
        0 => format!("0 {singular}"),
        n => format!("{n} {plural}"),
    }
}

/// Joins items as French prose: "A", "A et B", "A, B et C".
pub fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// A span of time in words, minutes rounded: "45 minutes", "deux heures", "une heure et
/// demie", "deux heures et cinq minutes", "moins d'une minute".
pub fn duration_in_words(seconds: u32) -> String {
    let minutes = (seconds as usize + 30) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    let mins = count_words(m, "minute", "minutes", true);
    if h == 0 {
        return if m == 0 {
            "moins d'une minute".to_string()
        } else {
            mins
        };
    }
    let hours = count_words(h, "heure", "heures", true);
    match m {
        0 => hours,
        30 => format!("{hours} et demie"),
        15 => format!("{hours} et quart"),
        _ => format!("{hours} et {mins}"),
    }
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "2020-06-02" as "2 juin 2020", the first of the month as "1er juin 2020"; `None` for
/// anything that is not a day of the calendar.
pub fn date(date: &str) -> Option<String> {
    let day = crate::clock::parse_date(date).ok()?;
    let d = day.day();
    let first = if d == 1 { "er" } else { "" };
    Some(format!(
        "{d}{first} {} {}",
        MONTHS[day.month() as usize - 1],
        day.year()
    ))
}

/// A time of day as French writes it: "10 h", "10 h 05".
pub fn clock(clock: crate::clock::Clock) -> String {
    let s = clock.seconds();
    let (h, m) = (s / 3600, s / 60 % 60);
    if m == 0 {
        format!("{h}\u{a0}h")
    } else {
        format!("{h}\u{a0}h\u{a0}{m:02}")
    }
}

fn starts_with_vowel(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| "aàâeéèêëiîïoôuùûyhAÀÂEÉÈÊËIÎÏOÔUÙÛYH".contains(c))
}

/// `de` before `phrase`, contracted: "des États", "du secteur privé", "de la société
/// civile", "d'une entreprise", "de participants".
pub fn de(phrase: &str) -> String {
    if let Some(rest) = phrase.strip_prefix("les ") {
        format!("des {rest}")
    } else if let Some(rest) = phrase.strip_prefix("le ") {
        format!("du {rest}")
    } else if let Some(rest) = phrase.strip_prefix("des ") {
        format!("de {rest}")
    } else if starts_with_vowel(phrase) {
        format!("d'{phrase}")
    } else {
        format!("de {phrase}")
    }
}

/// `à` before `phrase`, contracted: "aux États", "au dialogue", "à la séance".
pub fn a(phrase: &str) -> String {
    if let Some(rest) = phrase.strip_prefix("les ") {
        format!("aux {rest}")
    } else if let Some(rest) = phrase.strip_prefix("le ") {
        format!("au {rest}")
    } else {
        format!("à {phrase}")
    }
}

/// "que" before `phrase`, elided before a vowel: "qu'une intervention".
pub fn que(phrase: &str) -> String {
    if starts_with_vowel(phrase) {
        format!("qu'{phrase}")
    } else {
        format!("que {phrase}")
    }
}

/// `noun` after "un" or "une": "un État", "une organisation observatrice".
pub fn indefinite(noun: &str, feminine: bool) -> String {
    format!("{} {noun}", if feminine { "une" } else { "un" })
}

/// The group's name as it reads in a sentence, its article with it: "la société civile".
pub fn group_in_prose(group: &Group) -> String {
    let name = group.name.trim();
    // A name given capitalized, as a heading writes it, reads in lower case in a sentence,
    // but for an acronym or a proper noun after the article ("les États").
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => first
            .to_lowercase()
            .chain(name[first.len_utf8()..].chars())
            .collect(),
        _ => name.to_string(),
    }
}

/// The group's name as a table or a legend shows it: without its article, capitalized.
pub fn group_label(name: &str) -> String {
    let name = name.trim();
    let bare = [
        "les ", "le ", "la ", "l'", "l’", "Les ", "Le ", "La ", "L'", "L’",
    ]
    .iter()
    .find_map(|a| name.strip_prefix(a))
    .unwrap_or(name);
    super::words::capitalized(bare)
}

/// A meeting's language by its French name, for "en anglais et en français"; a language
/// the table does not know, as the session has it.
pub fn language_name(language: &str) -> String {
    const NAMES: &[(&[&str], &str)] = &[
        (&["english", "anglais", "en"], "anglais"),
        (&["french", "français", "francais", "fr"], "français"),
        (&["spanish", "español", "espagnol", "es"], "espagnol"),
        (&["arabic", "arabe", "العربية", "ar"], "arabe"),
        (&["chinese", "chinois", "中文", "zh"], "chinois"),
        (&["russian", "russe", "русский", "ru"], "russe"),
        (&["portuguese", "portugais", "português", "pt"], "portugais"),
        (&["german", "allemand", "deutsch", "de"], "allemand"),
        (&["italian", "italien", "italiano", "it"], "italien"),
        (&["swahili", "kiswahili", "sw"], "swahili"),
        (&["wolof", "wo"], "wolof"),
        (&["hausa", "haoussa", "ha"], "haoussa"),
        (&["japanese", "japonais", "日本語", "ja"], "japonais"),
        (&["korean", "coréen", "한국어", "ko"], "coréen"),
        (&["turkish", "turc", "tr"], "turc"),
        (&["persian", "farsi", "persan", "fa"], "persan"),
        (&["hindi", "hi"], "hindi"),
        (&["urdu", "ourdou", "ur"], "ourdou"),
        (&["dutch", "néerlandais", "nl"], "néerlandais"),
    ];
    let folded = language.trim().to_lowercase();
    NAMES
        .iter()
        .find(|(names, _)| names.contains(&folded.as_str()))
        .map_or_else(|| language.trim().to_string(), |(_, fr)| fr.to_string())
}

/// The meeting's languages as French says them: "en anglais et en français".
pub fn languages(languages: &[String]) -> String {
    let named: Vec<String> = languages
        .iter()
        .map(|l| format!("en {}", language_name(l)))
        .collect();
    join(&named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_agree() {
        assert_eq!(
            count_words(1, "intervention", "interventions", true),
            "une intervention"
        );
        assert_eq!(count_words(1, "État", "États", false), "un État");
        assert_eq!(count_words(2, "État", "États", false), "deux États");
        assert_eq!(count(13, "État", "États", false), "13 États");
        assert_eq!(
            count(1, "organisation", "organisations", true),
            "une organisation"
        );
        assert_eq!(join(&["A".into(), "B".into(), "C".into()]), "A, B et C");
    }

    #[test]
    fn spans_dates_and_times() {
        assert_eq!(duration_in_words(45 * 60), "45 minutes");
        assert_eq!(duration_in_words(60), "une minute");
        assert_eq!(duration_in_words(20), "moins d'une minute");
        assert_eq!(duration_in_words(3600), "une heure");
        assert_eq!(duration_in_words(2 * 3600), "deux heures");
        assert_eq!(duration_in_words(5400), "une heure et demie");
        assert_eq!(duration_in_words(2 * 3600 + 900), "deux heures et quart");
        assert_eq!(
            duration_in_words(2 * 3600 + 300),
            "deux heures et cinq minutes"
        );
        assert_eq!(date("2020-06-02").as_deref(), Some("2 juin 2020"));
        assert_eq!(date("2020-08-01").as_deref(), Some("1er août 2020"));
        assert_eq!(date("2020-02-30"), None);
        let c = crate::clock::Clock::hms;
        assert_eq!(clock(c(10, 0, 0)), "10\u{a0}h");
        assert_eq!(clock(c(9, 5, 0)), "9\u{a0}h\u{a0}05");
    }

    #[test]
    fn articles_contract() {
        assert_eq!(de("les États"), "des États");
        assert_eq!(de("le secteur privé"), "du secteur privé");
        assert_eq!(de("la société civile"), "de la société civile");
        assert_eq!(de("une entreprise"), "d'une entreprise");
        assert_eq!(de("l'opposition"), "de l'opposition");
        assert_eq!(de("des participants"), "de participants");
        assert_eq!(a("la séance en ligne"), "à la séance en ligne");
        assert_eq!(a("le dialogue"), "au dialogue");
        assert_eq!(que("une intervention"), "qu'une intervention");
        assert_eq!(group_label("la société civile"), "Société civile");
        assert_eq!(group_label("les États"), "États");
        assert_eq!(group_label("l'opposition"), "Opposition");
        assert_eq!(
            languages(&["English".into(), "French".into()]),
            "en anglais et en français"
        );
    }
}
