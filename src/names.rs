//! The meeting's words about names: how names of people, groups and texts are
//! folded into keys, so that what a chat, a registration export or another
//! rapporteur wrote matches what is on the roster.
//!
//! Each key folds more than the one before it:
//!
//! | key | folds | Amina  O'Brien-Núñez becomes |
//! | --- | --- | --- |
//! | [`collapsed`] | runs of whitespace | `Amina O'Brien-Núñez` |
//! | [`text_key`] | and case | `amina o'brien-núñez` |
//! | [`accent_key`] | and accents and special letters | `amina o'brien-nunez` |
//! | [`name_key`] | and punctuation: dashes part words, the rest is dropped | `amina obrien nunez` |
//!
//! [`word_keys`] gives the [`name_key`] of each word, for matching by word prefix.
//! Letters of scripts without accents to fold (Arabic, Chinese, Devanagari…) are
//! kept as they are, so such names match themselves and nothing else.

// unicode-normalization rather than a transliterating crate (deunicode, any_ascii):
// it drops accents without turning Arabic or Chinese names into Latin look-alikes.
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` with runs of whitespace as single spaces, trimmed.
pub fn collapsed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `text` in lower case with runs of whitespace as single spaces: names and texts
/// compared as written (`Fair  recruitment NOW` = `fair recruitment now`).
pub fn text_key(text: &str) -> String {
    collapsed(&text.to_lowercase())
}

/// [`text_key`] with accents dropped and special letters spelled in plain Latin
/// (García = Garcia, Nguyễn = Nguyen, Strauß = Strauss, Søren = Soren, Þór = Thor):
/// names that lost their accents on the way, punctuation kept.
pub fn accent_key(text: &str) -> String {
    collapsed(&folded_lowercase(text))
}

/// The key every matcher of people, groups and priorities comes to: [`accent_key`]
/// with apostrophes and other punctuation dropped inside words (O'Connor = OConnor =
/// Oconnor), and dashes and slashes parting words as spaces do (Jean-Pierre = Jean Pierre).
pub fn name_key(text: &str) -> String {
    let folded = folded_lowercase(text);
    let mut out = String::with_capacity(folded.len());
    let mut gap = false;
    for c in folded.chars() {
        if c.is_whitespace() || parts_words(c) {
            gap = true;
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}

/// The [`name_key`] of each word of `text`, in order: what a typed word prefix is matched against.
pub fn word_keys(text: &str) -> Vec<String> {
    name_key(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// `text` in lower case, accents dropped and special letters spelled out.
fn folded_lowercase(text: &str) -> String {
    // Most names are ASCII: they have nothing to fold but case.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().nfd() {
        if is_accent(c) {
            continue;
        }
        match spelled(c) {
            Some(plain) => out.push_str(plain),
            None => out.push(c),
        }
    }
    if out.is_ascii() {
        out
    } else {
        // Recomposed, so that a Korean syllable stays one character in the key.
        out.nfc().collect()
    }
}

/// The combining accents of Latin, Greek and Cyrillic letters (not the vowel signs of other scripts).
fn is_accent(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036f}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}'
    )
}

/// Lower-case letters with no accent to drop, as people write them without a special keyboard.
fn spelled(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ı' => "i",
        'ħ' => "h",
        _ => return None,
    })
}

/// Dashes and slashes: `Jean-Pierre` and `Jean Pierre` are the same two words.
fn parts_words(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '/' | '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(name_key(a), name_key(b), "{a} / {b}");
    }

    #[test]
    fn case_and_whitespace() {
        assert_eq!(collapsed("  Amina \t Diallo\n"), "Amina Diallo");
        assert_eq!(text_key("  Fair  recruitment NOW "), "fair recruitment now");
        assert_eq!(name_key("AMINA\u{a0} DIALLO"), "amina diallo");
        same("Amina Diallo", "amina   diallo");
    }

    #[test]
    fn accents_fold() {
        same("García", "Garcia");
        same("Jürgen", "Jurgen");
        same("Núñez", "Nunez");
        same("Keïta", "Keita");
        same("Élodie Marchand", "elodie marchand");
        same("Çağlar Şahin", "Caglar Sahin");
        assert_eq!(name_key("Nguyễn Thị Ánh"), "nguyen thi anh");
        assert_eq!(name_key("Trần Đức Ưng"), "tran duc ung");
        // Typed already decomposed, or with a capital dotted I.
        same("Nu\u{303}n\u{303}ez", "Núñez");
        assert_eq!(name_key("İzmir"), "izmir");
    }

    #[test]
    fn special_letters_are_spelled_out() {
        assert_eq!(name_key("Strauß"), "strauss");
        assert_eq!(name_key("Søren Ørsted"), "soren orsted");
        assert_eq!(name_key("Łukasz Wałęsa"), "lukasz walesa");
        assert_eq!(name_key("Đorđević"), "dordevic");
        assert_eq!(name_key("Æsa Lœvborg"), "aesa loevborg");
        assert_eq!(name_key("Þór Guðmundsson"), "thor gudmundsson");
        assert_eq!(name_key("Yıldız"), "yildiz");
    }

    #[test]
    fn punctuation_inside_words_is_dropped() {
        same("O'Connor", "OConnor");
        same("O'Connor", "Oconnor");
        same("O’Brien", "OBrien");
        same("Jean-Pierre", "Jean Pierre");
        same("Jean–Pierre", "jean pierre");
        assert_eq!(name_key("Marco Bellini - IOM"), "marco bellini iom");
        assert_eq!(name_key("Dr. A. N. Other, Jr."), "dr a n other jr");
        assert_eq!(name_key("-- "), "");
    }

    #[test]
    fn other_scripts_match_themselves_only() {
        assert_eq!(name_key("محمد  عبد الله"), "محمد عبد الله");
        assert_eq!(name_key("王小明"), "王小明");
        assert_ne!(name_key("王小明"), name_key("王小"));
        assert_eq!(name_key("김민준"), "김민준");
        // Vowel signs are letters of their script, not accents.
        assert_ne!(name_key("कमला"), name_key("कमल"));
        assert_eq!(name_key("कमला"), "कमला");
        assert_eq!(name_key("Ольга Фёдорова"), "ольга федорова");
    }

    #[test]
    fn each_key_folds_only_what_it_says() {
        let name = " Amina  O'Brien-Núñez ";
        assert_eq!(collapsed(name), "Amina O'Brien-Núñez");
        assert_eq!(text_key(name), "amina o'brien-núñez");
        assert_eq!(accent_key(name), "amina o'brien-nunez");
        assert_eq!(name_key(name), "amina obrien nunez");
        assert_eq!(accent_key("Fatoumata Keïta"), accent_key("fatoumata keita"));
        assert_ne!(text_key("Keïta"), text_key("Keita"));
    }

    #[test]
    fn word_keys_fold_each_word() {
        assert_eq!(
            word_keys("Nguyễn O'Connor-Ruiz"),
            ["nguyen", "oconnor", "ruiz"]
        );
        assert!(word_keys(" ' ").is_empty());
    }
}
