//! Wrapping of plain-text reports by display width, with hanging indents, that
//! keeps the notes' text as typed: spaces between words stay, and a line never
//! breaks before French `: ; ! ? »` or after `«`.

use unicode_width::UnicodeWidthStr;

/// Width of a list marker at the start of `line` ("- ", "  • ", "12. "), so
/// wrapped lines hang under the item's text.
fn hanging_indent(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let marker = ["- ", "* ", "• ", "o "]
        .iter()
        .find(|m| rest.starts_with(**m))
        .map(|m| m.width())
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

/// The words of `text` grouped into pieces no line may break inside, each with the
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

/// Wraps every line of `text` at `width` columns, list items with a hanging
/// indent; a word longer than the width stays whole on its own line, and the
/// spaces inside a line stay as they were.
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
        let hang = hanging_indent(line);
        let lead = line.len() - line.trim_start_matches(' ').len();
        let mut current = String::from(&line[..lead]);
        let mut current_width = lead;
        let mut fresh = true;
        for (gap, piece) in unbreakable(&line[lead..]) {
            let w = piece.width();
            if !fresh && current_width + gap.len() + w > width {
                out.push_str(&current);
                out.push('\n');
                current = " ".repeat(hang);
                current_width = hang;
                fresh = true;
            }
            if !fresh {
                current.push_str(gap);
                current_width += gap.len();
            }
            current.push_str(piece);
            current_width += w;
            fresh = false;
        }
        out.push_str(&current);
        out.push_str(newline);
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
    fn long_words_stay_whole() {
        assert_eq!(wrap_text("a abcdefghijkl b", 5), "a\nabcdefghijkl\nb");
    }

    #[test]
    fn french_punctuation_stays_with_its_word() {
        assert_eq!(
            wrap_text("pas le choix : il faut agir !", 13),
            "pas le\nchoix : il\nfaut agir !"
        );
        assert_eq!(
            wrap_text("« l'intégration est locale » dit-il", 12),
            "« l'intégration\nest locale »\ndit-il"
        );
    }

    #[test]
    fn spaces_inside_a_line_stay() {
        assert_eq!(wrap_text("a  b c d", 6), "a  b c\nd");
    }
}
