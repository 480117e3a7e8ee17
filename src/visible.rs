//! Control characters made visible, so text from a note, a name, a file or a
//! paste never acts on the terminal it is printed to.

use std::borrow::Cow;

/// `text` with control characters replaced by their pictures (`␛` for escape), for
/// printing to a terminal.
pub fn picture_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(visible_char).collect())
}

/// `text` with its control characters pictured line by line, keeping its line breaks
/// (for multi-line output).
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_control(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split('\n')
            .map(|line| picture_controls(line).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Whether `c` would act on the terminal instead of printing, or reorder the
/// text around it (bidirectional embeddings, overrides and isolates).
pub fn is_control(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The printable stand-in for a control character, `c` itself otherwise.
pub fn visible_char(c: char) -> char {
    match c as u32 {
        // U+2400 "SYMBOL FOR NULL" onwards pictures each C0 control.
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('�'),
        0x7f => '␡',
        _ if is_control(c) => '�',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_pictures_and_lines_stay() {
        assert_eq!(picture_controls("a\x1b]0;t\x07b"), "a␛]0;t␇b");
        assert_eq!(visible_lines("one\x1b[2J\ntwo\t"), "one␛[2J\ntwo␉");
        assert!(matches!(picture_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(picture_controls("a\u{202e}cba"), "a�cba");
        assert_eq!(picture_controls("مرحبا"), "مرحبا");
    }
}
