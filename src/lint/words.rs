//! Words of a note or of a roster entry, folded as [`crate::names`] folds names,
//! with where they stand in the text.

use crate::names::name_key;

/// One word of a text: letters and digits, with apostrophes inside (O'Brien, l'Alliance).
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Byte offset of the word in the text.
    pub start: usize,
    /// The word folded: case, accents and punctuation ("obrien").
    pub key: String,
    /// The word without a French elision in front (`l'`, `d'`…): its offset and key.
    pub elided: Option<(usize, String)>,
    /// The word without a possessive `'s` behind: its length in bytes and key.
    pub possessive: Option<(usize, String)>,
    /// Whether the word starts a sentence: the first of the text, or after `.`, `!`, `?` or `…`.
    pub sentence_start: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn in_word(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// French elisions that can stand in front of a name: "l'Alliance", "d'Essono".
const ELISIONS: [&str; 9] = ["l", "d", "j", "n", "s", "m", "t", "qu", "jusqu"];

/// The words of `text`, in order. Dashes, dots and other punctuation part words,
/// as they part a name's words in [`name_key`].
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut previous_end = 0;
    while i < chars.len() {
        if !in_word(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i;
        while j < chars.len()
            && (in_word(chars[j].1)
                || is_apostrophe(chars[j].1)
                    && chars.get(j + 1).is_some_and(|&(_, c)| in_word(c))
                    && in_word(chars[j - 1].1))
        {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(at, _)| at);
        let word = &text[start..end];
        let between = &text[previous_end..start];
        out.push(Word {
            text: word,
            start,
            key: name_key(word),
            elided: elided(word).map(|at| (start + at, name_key(&word[at..]))),
            possessive: possessive(word).map(|len| (len, name_key(&word[..len]))),
            sentence_start: out.is_empty() || between.contains(['.', '!', '?', '…']),
        });
        previous_end = end;
        i = j;
    }
    out
}

/// Where the name starts in a word with a French elision in front, if it has one.
fn elided(word: &str) -> Option<usize> {
    let (before, _) = word.split_once(is_apostrophe)?;
    let at = before.len() + word[before.len()..].chars().next()?.len_utf8();
    let after = &word[at..];
    (ELISIONS.contains(&before.to_lowercase().as_str())
        && after.chars().next().is_some_and(char::is_uppercase))
    .then_some(at)
}

/// The length of a word without its possessive `'s` (Bristol's), if it has one.
fn possessive(word: &str) -> Option<usize> {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return Some(stem.len());
        }
    }
    None
}

/// Whether a word as written starts with a capital, or is of a script without case.
pub fn capitalised(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || !c.is_lowercase() && c.is_alphabetic())
}

/// Whether a word as written is all capitals (and digits), as acronyms are: "OHCHR", "G20".
pub fn all_capitals(word: &str) -> bool {
    word.chars().any(char::is_uppercase)
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_keep_their_place() {
        let w = words("Bristol's scheme. L'Alliance, O’Brien-Núñez!");
        let keys: Vec<&str> = w.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, ["bristols", "scheme", "lalliance", "obrien", "nunez"]);
        assert_eq!(w[0].possessive, Some((7, "bristol".to_string())));
        assert_eq!(w[2].elided, Some((20, "alliance".to_string())));
        assert_eq!(w[3].elided, None, "O' is no elision");
        let starts: Vec<bool> = w.iter().map(|w| w.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, false]);
        assert_eq!(w[4].text, "Núñez");
    }

    #[test]
    fn capitals() {
        assert!(capitalised("Amara") && capitalised("李伟") && !capitalised("amara"));
        assert!(all_capitals("OHCHR") && all_capitals("G20") && !all_capitals("Ohchr"));
    }
}
