//! Shortening text to a width, by whole graphemes: the one helper every label, cell
//! and message that must fit a column goes through, so a flag, an accented letter or
//! a joined emoji is never cut in half.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// `text` cut to at most `max` columns of display width at a grapheme boundary,
/// ending with `…` when cut (nothing at all for `max` 0).
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if text.width() <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let (kept, _) = text.unicode_truncate(max - 1);
    Cow::Owned(format!("{kept}…"))
}

/// `text` cut to at most `max` graphemes (user-perceived characters), ending with `…`
/// when cut: for quoting typed text in a message, where columns do not matter.
pub fn truncate_graphemes(text: &str, max: usize) -> Cow<'_, str> {
    match text.grapheme_indices(true).nth(max) {
        None => Cow::Borrowed(text),
        Some(_) if max == 0 => Cow::Borrowed(""),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_width_at_grapheme_boundaries() {
        assert_eq!(truncate("Amina Diallo", 6), "Amina…");
        assert_eq!(truncate("Ana", 6), "Ana");
        assert_eq!(truncate("Ana", 0), "Ana".get(..0).unwrap());
        // A flag is two regional indicators: never one of them alone.
        assert_eq!(truncate("🇸🇳🇸🇳 Sénégal", 4), "🇸🇳…");
        assert_eq!(truncate("地方政府是第一道防线", 7), "地方政…");
        assert_eq!(
            truncate("Cafe\u{301} Coope\u{301}rative", 5),
            "Cafe\u{301}…"
        );
    }

    #[test]
    fn cuts_by_graphemes() {
        assert_eq!(truncate_graphemes("abcdef", 3), "abc…");
        assert_eq!(truncate_graphemes("abc", 3), "abc");
        assert_eq!(
            truncate_graphemes("e\u{301}e\u{301}e\u{301}", 2),
            "e\u{301}e\u{301}…"
        );
        assert_eq!(
            truncate_graphemes("👨\u{200d}👩\u{200d}👧 x", 1),
            "👨\u{200d}👩\u{200d}👧…"
        );
    }
}
