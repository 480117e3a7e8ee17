//! Language tags for the HTML report: the document's, from the meeting's languages, and
//! a passage's, where its script tells which of the meeting's languages it is written in.

/// Languages a meeting may list by name (in English or in the language itself), with
/// their BCP 47 tags and the script each is written in.
const LANGUAGES: &[(&[&str], &str, Script)] = &[
    (
        &["english", "anglais", "inglés", "ingles"],
        "en",
        Script::Latin,
    ),
    (
        &["french", "français", "francais", "francés"],
        "fr",
        Script::Latin,
    ),
    (
        &["spanish", "español", "espanol", "espagnol"],
        "es",
        Script::Latin,
    ),
    (
        &["portuguese", "português", "portugais"],
        "pt",
        Script::Latin,
    ),
    (&["german", "deutsch", "allemand"], "de", Script::Latin),
    (&["italian", "italiano", "italien"], "it", Script::Latin),
    (&["dutch", "nederlands"], "nl", Script::Latin),
    (&["swahili", "kiswahili"], "sw", Script::Latin),
    (&["turkish", "türkçe"], "tr", Script::Latin),
    (&["vietnamese", "tiếng việt"], "vi", Script::Latin),
    (&["indonesian", "bahasa indonesia"], "id", Script::Latin),
    (&["wolof"], "wo", Script::Latin),
    (&["hausa"], "ha", Script::Latin),
    (
        &["arabic", "arabe", "árabe", "العربية"],
        "ar",
        Script::Arabic,
    ),
    (&["persian", "farsi", "فارسی"], "fa", Script::Arabic),
    (&["urdu", "اردو"], "ur", Script::Arabic),
    (&["hebrew", "עברית"], "he", Script::Hebrew),
    (
        &["chinese", "mandarin", "chinois", "中文", "汉语", "漢語"],
        "zh",
        Script::Han,
    ),
    (&["japanese", "japonais", "日本語"], "ja", Script::Kana),
    (&["korean", "coréen", "한국어"], "ko", Script::Hangul),
    (&["russian", "russe", "русский"], "ru", Script::Cyrillic),
    (&["ukrainian", "українська"], "uk", Script::Cyrillic),
    (&["greek", "ελληνικά"], "el", Script::Greek),
    (&["hindi", "हिन्दी", "हिंदी"], "hi", Script::Devanagari),
    (&["nepali", "नेपाली"], "ne", Script::Devanagari),
    (&["bengali", "bangla", "বাংলা"], "bn", Script::Bengali),
    (&["thai", "ไทย"], "th", Script::Thai),
    (&["amharic", "አማርኛ"], "am", Script::Ethiopic),
    (&["tigrinya", "ትግርኛ"], "ti", Script::Ethiopic),
];

/// The scripts whose letters tell a passage's language apart from the document's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Arabic,
    Hebrew,
    Han,
    Kana,
    Hangul,
    Cyrillic,
    Greek,
    Devanagari,
    Bengali,
    Thai,
    Ethiopic,
}

fn script_of(c: char) -> Option<Script> {
    Some(match c as u32 {
        0x0041..=0x005A | 0x0061..=0x007A | 0x00C0..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x0900..=0x097F => Script::Devanagari,
        0x0980..=0x09FF => Script::Bengali,
        0x0E00..=0x0E7F => Script::Thai,
        0x1200..=0x139F => Script::Ethiopic,
        0x3040..=0x30FF => Script::Kana,
        0x1100..=0x11FF | 0xAC00..=0xD7AF => Script::Hangul,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2FFFF => Script::Han,
        _ => return None,
    })
}

/// The tag and script of a language as the meeting lists it: a name ("French",
/// "Français") or a tag already ("fr", "pt-BR").
fn lookup(language: &str) -> Option<(String, Option<Script>)> {
    let folded = language.trim().to_lowercase();
    if let Some((_, tag, script)) = LANGUAGES
        .iter()
        .find(|(names, tag, _)| names.contains(&folded.as_str()) || *tag == folded)
    {
        return Some((tag.to_string(), Some(*script)));
    }
    let is_tag = folded.len() <= 12
        && folded.split('-').next().is_some_and(|p| {
            (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase())
        })
        && folded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    is_tag.then(|| (language.trim().to_string(), None))
}

/// The language of `text` when its letters are in a script only one of the meeting's
/// languages is written in, and that is not the document's (`document`, a tag): `("ar",
/// true)` for an Arabic passage in an English report, with whether it runs right to left.
pub fn passage_lang(text: &str, languages: &[String], document: &str) -> Option<(String, bool)> {
    // Kanji with kana is Japanese; otherwise the first letter not in Latin script decides.
    let script = if has_kana(text) {
        Script::Kana
    } else {
        text.chars()
            .filter_map(script_of)
            .find(|s| *s != Script::Latin)?
    };
    let known: Vec<(String, Option<Script>)> = languages.iter().filter_map(|l| lookup(l)).collect();
    let fits = |s: Option<Script>| s == Some(script);
    let mut matching = known.iter().filter(|(_, s)| fits(*s));
    let (tag, _) = matching.next()?;
    if matching.next().is_some() || tag == document {
        return None;
    }
    Some((
        tag.clone(),
        matches!(script, Script::Arabic | Script::Hebrew),
    ))
}

fn has_kana(text: &str) -> bool {
    text.chars().any(|c| matches!(c as u32, 0x3040..=0x30FF))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_passage_is_tagged_when_its_script_says_which_language() {
        let meeting = langs(&["English", "French", "Arabic"]);
        assert_eq!(
            passage_lang("الهجرة مسؤولية مشتركة", &meeting, "en"),
            Some(("ar".to_string(), true))
        );
        // Latin letters could be English or French: the document's language stands.
        assert_eq!(
            passage_lang("l'intégration est locale", &meeting, "en"),
            None
        );
        assert_eq!(passage_lang("地方政府", &meeting, "en"), None);
        let asia = langs(&["English", "Chinese", "Japanese"]);
        assert_eq!(
            passage_lang("地方政府", &asia, "en"),
            Some(("zh".to_string(), false))
        );
        assert_eq!(
            passage_lang("「統合は地域から」", &asia, "en"),
            Some(("ja".to_string(), false))
        );
        assert_eq!(
            passage_lang("地方政府", &langs(&["en", "zh"]), "en"),
            Some(("zh".to_string(), false))
        );
    }
}
