//! Wrapping of plain-text reports by display width, for every script: CJK and emoji
//! measured in the columns they take, lines broken between ideographs as well as at
//! spaces, never inside a grapheme; hanging indents under list markers, and a marker
//! never alone on its line. The notes' text stays as typed: spaces between words stay,
//! and a line never breaks before French `: ; ! ? »` or after `«`.
//!
//! Lines are filled by textwrap's first-fit algorithm over fragments made here.

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Width of the list marker at the start of `line` ("- ", "  • ", "12. "), in bytes of
/// leading spaces plus marker, so wrapped lines hang under the item's text.
fn hanging_indent(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let marker = ["- ", "* ", "• ", "o "]
        .iter()
        .find(|m| rest.starts_with(**m))
        .map(|m| m.len())
        .or_else(|| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0 && rest[digits..].starts_with(". ")).then_some(digits + 2)
        })
        .unwrap_or(0);
    indent + marker
}

/// Whether `word` is only punctuation that closes what comes before it, as French
/// writes it after a space ("agir !", "locale »"): it stays on the line of that word.
fn closes(word: &str) -> bool {
    word.chars().all(|c| {
        matches!(
            c,
            ':' | ';' | '!' | '?' | '»' | '›' | '”' | ')' | ']' | ',' | '.' | '…'
        )
    })
}

/// Whether `word` is only punctuation that opens what follows it ("« l'intégration").
fn opens(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, '«' | '‹' | '“' | '(' | '[' | '¿' | '¡'))
}

/// The words of `text` grouped into pieces no line may break between, each with the
/// spaces typed before it.
fn unbreakable(text: &str) -> Vec<(&str, &str)> {
    // Byte offsets: where the gap before a piece starts, where the piece starts and ends.
    let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
    let mut at = 0;
    let mut glue_next = false;
    while at < text.len() {
        let start = text.len() - text[at..].trim_start_matches(' ').len();
        if start == text.len() {
            break;
        }
        let end = text[start..].find(' ').map_or(text.len(), |n| start + n);
        let word = &text[start..end];
        match pieces.last_mut() {
            Some(last) if glue_next || closes(word) => last.2 = end,
            _ => pieces.push((at, start, end)),
        }
        glue_next = opens(word);
        at = end;
    }
    pieces
        .into_iter()
        .map(|(gap, start, end)| (&text[gap..start], &text[start..end]))
        .collect()
}

/// Whether `c` is written without spaces between words (Han, kana, Hangul, their
/// punctuation and full-width forms), so a line may break on either side of it.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Whether a line may not start with `c`: closing punctuation, small kana and the
/// prolonged sound mark, as Japanese and Chinese typesetting keep them (kinsoku).
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '・'
            | '：'
            | '；'
            | '？'
            | '！'
            | 'ー'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '〙'
            | '〗'
            | '〟'
            | '’'
            | '”'
            | '｝'
            | '］'
            | '〜'
            | '‥'
            | '…'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | '»'
            | '%'
    )
}

/// Whether a line may not end with `c`: opening brackets and quotation marks.
fn no_break_after(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '〔'
            | '〈'
            | '《'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｛'
            | '［'
            | '('
            | '['
            | '{'
            | '«'
    )
}

/// Whether `piece` is a web address, which stays whole even past the width so that it
/// still works when copied from the report.
fn is_address(piece: &str) -> bool {
    piece.contains("://") || piece.starts_with("www.")
}

/// One unbreakable run of text for the line filler, with the spaces typed after it.
#[derive(Debug)]
struct Piece<'a> {
    /// Spaces typed before the text, dropped where a line breaks.
    gap: &'a str,
    text: &'a str,
    width: usize,
    /// Width of the gap of the piece that follows.
    after: usize,
}

impl Fragment for Piece<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.after as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Splits an unbreakable piece where CJK text allows a break, and into runs of graphemes
/// of at most `room` columns when it is wider than a line (web addresses excepted).
fn split_piece<'a>(gap: &'a str, piece: &'a str, room: usize, out: &mut Vec<Piece<'a>>) {
    let mut start = 0;
    let mut width = 0;
    let mut previous: Option<&str> = None;
    let mut gap = gap;
    let long = piece.width() > room && !is_address(piece);
    for (at, grapheme) in piece.grapheme_indices(true) {
        let w = grapheme.width();
        let first = grapheme.chars().next().unwrap_or(' ');
        let may_break = previous.is_some_and(|p| {
            let last = p.chars().last().unwrap_or(' ');
            (is_cjk(last) || is_cjk(first))
                && !no_break_before(first)
                && !no_break_after(last)
                && last != ' '
                && first != ' '
        });
        if at > start && (may_break || (long && width + w > room)) {
            out.push(Piece {
                gap,
                text: &piece[start..at],
                width,
                after: 0,
            });
            gap = "";
            start = at;
            width = 0;
        }
        width += w;
        previous = Some(grapheme);
    }
    out.push(Piece {
        gap,
        text: &piece[start..],
        width,
        after: 0,
    });
}

/// `text` (one line, no list marker) filled into lines of at most `width` columns; a
/// piece wider than the line is broken between graphemes, but for a web address.
pub(super) fn fill(text: &str, width: usize) -> Vec<String> {
    fill_lines(text, width, width)
}

/// [`fill`] with a first line of `first` columns and the others of `rest`.
fn fill_lines(text: &str, first: usize, rest: usize) -> Vec<String> {
    let (first, rest) = (first.max(1), rest.max(1));
    let mut pieces = Vec::new();
    let room = first.min(rest);
    for (gap, piece) in unbreakable(text) {
        if piece.width() <= room || !piece.contains(' ') {
            split_piece(gap, piece, room, &mut pieces);
            continue;
        }
        // Punctuation kept with its word cannot stay with it past a whole line.
        let (mut gap, mut rest) = (gap, piece);
        loop {
            let end = rest.find(' ').unwrap_or(rest.len());
            split_piece(gap, &rest[..end], room, &mut pieces);
            let after = &rest[end..];
            let next = after.trim_start_matches(' ');
            if next.is_empty() {
                break;
            }
            (gap, rest) = (&after[..after.len() - next.len()], next);
        }
    }
    for i in 1..pieces.len() {
        pieces[i - 1].after = pieces[i].gap.width();
    }
    wrap_first_fit(&pieces, &[first as f64, rest as f64])
        .into_iter()
        .map(|line| {
            let mut out = String::new();
            for (i, p) in line.iter().enumerate() {
                if i > 0 {
                    out.push_str(p.gap);
                }
                out.push_str(p.text);
            }
            out
        })
        .collect()
}

/// Wraps every line of `text` at `width` columns of display width, list items with a
/// hanging indent; the spaces inside a line stay as they were.
pub fn wrap_text(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    for line in text.split_inclusive('\n') {
        let (line, newline) = match line.strip_suffix('\n') {
            Some(l) => (l, "\n"),
            None => (line, ""),
        };
        let line = line.trim_end();
        if line.width() <= width {
            out.push_str(line);
            out.push_str(newline);
            continue;
        }
        let (head, body) = line.split_at(hanging_indent(line));
        // An indent over half the line gives way to the text on the lines after the first.
        let hang = match head.width() {
            w if 2 * w > width => 0,
            w => w,
        };
        let indent = " ".repeat(hang);
        let lines = fill_lines(body, width.saturating_sub(head.width()), width - hang);
        for (i, filled) in lines.iter().enumerate() {
            out.push_str(if i == 0 { head } else { &indent });
            out.push_str(filled);
            out.push('\n');
        }
        if newline.is_empty() {
            out.pop();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_hanging_indents() {
        let text = "- one two three four five six\n12. alpha beta gamma delta\nshort\n";
        assert_eq!(
            wrap_text(text, 14),
            "- one two\n  three four\n  five six\n12. alpha beta\n    gamma\n    delta\nshort\n"
        );
    }

    #[test]
    fn long_words_break_between_graphemes_but_addresses_stay_whole() {
        assert_eq!(wrap_text("a abcdefghijkl b", 5), "a\nabcde\nfghij\nkl b");
        assert_eq!(
            wrap_text("- see https://example.org/a/long/path now", 20),
            "- see\n  https://example.org/a/long/path\n  now"
        );
    }

    #[test]
    fn a_marker_is_never_alone_on_its_line() {
        let url = "https://example.org/a/very/long/path/to/a/survey/of/migrant/workers";
        assert_eq!(
            wrap_text(&format!("   - {url} said"), 40),
            format!("   - {url}\n     said")
        );
        assert_eq!(
            wrap_text("   - abcdefghijklmnopqrstuvwxyz", 20),
            "   - abcdefghijklmno\n     pqrstuvwxyz"
        );
    }

    #[test]
    fn french_punctuation_stays_with_its_word() {
        assert_eq!(
            wrap_text("pas le choix : il faut agir !", 13),
            "pas le\nchoix : il\nfaut agir !"
        );
        assert_eq!(
            wrap_text("« l'intégration est locale » dit-il", 16),
            "« l'intégration\nest locale »\ndit-il"
        );
    }

    #[test]
    fn spaces_inside_a_line_stay() {
        assert_eq!(wrap_text("a  b c d", 6), "a  b c\nd");
    }

    #[test]
    fn cjk_breaks_between_ideographs_by_width() {
        let text = "地方政府是第一道防线，城市必须参与。";
        assert_eq!(
            wrap_text(text, 10),
            "地方政府是\n第一道防\n线，城市必\n须参与。"
        );
    }

    #[test]
    fn graphemes_stay_whole() {
        let flags = "🇸🇳".repeat(10);
        for line in wrap_text(&flags, 5).lines() {
            assert!(line.width() <= 5);
            assert_eq!(line.chars().count() % 2, 0, "{line:?}");
        }
        let marks = "e\u{301}".repeat(12);
        for line in wrap_text(&marks, 5).lines() {
            assert!(line.starts_with('e'));
        }
    }
}
