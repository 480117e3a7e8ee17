//! Words of running prose: small numbers and spans of time in words, capitals at the
//! start of a sentence, articles before group names and nouns.

use crate::model::Group;

/// A number as a word from zero to ten ("two"), as digits beyond, as running prose writes it.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// `n` in words followed by the singular or plural noun: "one area", "three States", "12 notes".
pub fn count_words(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        number_word(n),
        if n == 1 { singular } else { plural }
    )
}

/// A span of time in words, minutes rounded: "45 minutes", "two hours", "an hour and a
/// half", "two hours and five minutes", "less than a minute".
pub fn duration_in_words(seconds: u32) -> String {
    let minutes = (seconds as usize + 30) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    let mins = count_words(m, "minute", "minutes");
    if h == 0 {
        return if m == 0 {
            "less than a minute".to_string()
        } else {
            mins
        };
    }
    let hours = if h == 1 {
        "an hour".to_string()
    } else {
        count_words(h, "hour", "hours")
    };
    match m {
        0 => hours,
        30 if h == 1 => "an hour and a half".to_string(),
        30 => format!("{} and a half hours", number_word(h)),
        15 if h == 1 => "an hour and a quarter".to_string(),
        15 => format!("{} and a quarter hours", number_word(h)),
        _ => format!("{hours} and {mins}"),
    }
}

/// `text` with its first letter in capitals, to start a sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `noun` after "a" or "an": "a State", "an observer organization", "an NGO".
pub fn indefinite(noun: &str) -> String {
    let first_word = noun.split_whitespace().next().unwrap_or_default();
    let initial = first_word.chars().next().unwrap_or('x');
    // An acronym is read letter by letter: "an NGO", "a UN agency".
    let acronym = first_word.len() > 1 && first_word.chars().all(|c| c.is_uppercase());
    let vowel_sound = if acronym {
        "AEFHILMNORSX".contains(initial)
    } else {
        let lower = first_word.to_lowercase();
        "aeiou".contains(initial.to_ascii_lowercase())
            && !lower.starts_with("uni")
            && !lower.starts_with("eu")
            && !lower.starts_with("one")
    };
    format!("{} {noun}", if vowel_sound { "an" } else { "a" })
}

/// Last words of group names that read without an article: "from civil society", "from business".
const WITHOUT_ARTICLE: &[&str] = &[
    "society",
    "business",
    "academia",
    "industry",
    "labour",
    "labor",
    "staff",
    "media",
    "youth",
    "philanthropy",
];

/// A group's name as it reads after "from" or in a list: "civil society", "States",
/// "residents", but "the city council", "the opposition", "the private sector".
pub fn group_with_article(group: &Group) -> String {
    let name = super::prose::group_in_prose(group);
    let last = name
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_lowercase();
    let plural = name == group.plural.trim()
        || (last.ends_with('s') && !last.ends_with("ss"))
        || last.ends_with("ren");
    let mass = WITHOUT_ARTICLE.contains(&last.as_str());
    if name.is_empty() || plural || mass {
        name
    } else {
        format!("the {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_time_read_as_words() {
        assert_eq!(duration_in_words(45 * 60), "45 minutes");
        assert_eq!(duration_in_words(4 * 60 + 10), "four minutes");
        assert_eq!(duration_in_words(60), "one minute");
        assert_eq!(duration_in_words(20), "less than a minute");
        assert_eq!(duration_in_words(3600), "an hour");
        assert_eq!(duration_in_words(2 * 3600), "two hours");
        assert_eq!(duration_in_words(5400), "an hour and a half");
        assert_eq!(duration_in_words(2 * 3600 + 1800), "two and a half hours");
        assert_eq!(duration_in_words(3600 + 900), "an hour and a quarter");
        assert_eq!(
            duration_in_words(2 * 3600 + 5 * 60 + 10),
            "two hours and five minutes"
        );
        assert_eq!(duration_in_words(3600 + 52 * 60), "an hour and 52 minutes");
        assert_eq!(duration_in_words(12 * 3600), "12 hours");
    }

    #[test]
    fn small_numbers_are_words() {
        assert_eq!(count_words(2, "area", "areas"), "two areas");
        assert_eq!(count_words(1, "State", "States"), "one State");
        assert_eq!(count_words(21, "note", "notes"), "21 notes");
    }

    #[test]
    fn articles() {
        assert_eq!(indefinite("State"), "a State");
        assert_eq!(
            indefinite("observer organization"),
            "an observer organization"
        );
        assert_eq!(indefinite("NGO"), "an NGO");
        assert_eq!(indefinite("UN agency"), "a UN agency");
        assert_eq!(indefinite("university"), "a university");
        let g = |name: &str, plural: &str| Group {
            id: "g".into(),
            name: name.into(),
            singular: String::new(),
            plural: plural.into(),
            counts_for_convergence: true,
        };
        assert_eq!(
            group_with_article(&g("City council", "council members")),
            "the city council"
        );
        assert_eq!(group_with_article(&g("Opposition", "")), "the opposition");
        assert_eq!(group_with_article(&g("Government", "")), "the government");
        assert_eq!(group_with_article(&g("Civil society", "")), "civil society");
        assert_eq!(group_with_article(&g("Business", "businesses")), "business");
        assert_eq!(group_with_article(&g("States", "States")), "States");
        assert_eq!(
            group_with_article(&g("Residents", "residents")),
            "residents"
        );
        assert_eq!(group_with_article(&g("Witnesses", "")), "witnesses");
        assert_eq!(
            group_with_article(&g("International NGOs", "")),
            "international NGOs"
        );
        assert_eq!(group_with_article(&g("UN system", "")), "the UN system");
        assert_eq!(
            group_with_article(&g("Private sector", "")),
            "the private sector"
        );
    }
}
