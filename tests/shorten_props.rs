//! Properties of the one truncation helper: text shortened to a width fits it, is the
//! start of the text at a grapheme boundary, and ends in "…" only when something was cut.

use proptest::prelude::*;
use rapporteur::shorten::{truncate, truncate_graphemes};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Text of every script: flags, joined emoji, combining marks, CJK, Arabic, Latin.
fn world_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("🇸🇳"),
            Just("👩🏽‍⚕️"),
            Just("👨‍👩‍👧"),
            Just("e\u{301}"),
            Just("中"),
            Just("ب"),
            Just("a"),
            Just(" "),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// Whether `kept` ends where one of `text`'s graphemes ends.
fn at_a_boundary(text: &str, kept: &str) -> bool {
    kept.is_empty()
        || text
            .grapheme_indices(true)
            .any(|(at, g)| at + g.len() == kept.len())
}

proptest! {
    #[test]
    fn truncate_fits_and_keeps_whole_graphemes(text in world_text(), max in 0usize..30) {
        let short = truncate(&text, max);
        prop_assert!(short.width() <= max, "{:?} is {} columns", short, short.width());
        if text.width() <= max {
            prop_assert_eq!(short.as_ref(), text.as_str());
        } else if max > 0 {
            let kept = short.strip_suffix('…').expect("a cut ends in an ellipsis");
            prop_assert!(text.starts_with(kept));
            prop_assert!(at_a_boundary(&text, kept), "{:?} cuts {:?}", kept, text);
        }
    }

    #[test]
    fn truncate_graphemes_counts_user_perceived_characters(text in world_text(), max in 0usize..30) {
        let short = truncate_graphemes(&text, max);
        let count = text.graphemes(true).count();
        if count <= max {
            prop_assert_eq!(short.as_ref(), text.as_str());
        } else if max > 0 {
            let kept = short.strip_suffix('…').expect("a cut ends in an ellipsis");
            prop_assert_eq!(kept.graphemes(true).count(), max);
            prop_assert!(text.starts_with(kept) && at_a_boundary(&text, kept));
        }
    }
}
