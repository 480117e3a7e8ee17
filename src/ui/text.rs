//! Text helpers for the panes: control characters made visible, word wrapping, truncation.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use crate::visible::visible_char;

/// `text` as the screen shows it: control characters replaced by visible symbols (`␛` for
/// escape), so nothing from a note, a name or a paste is ever sent raw to the terminal;
/// and joined or modified emoji shown as their parts (see [`is_width_trap`]).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| crate::visible::is_control(c) || is_width_trap(c))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !is_width_trap(*c))
            .map(visible_char)
            .collect(),
    )
}

/// Whether `c` joins or modifies an emoji into a form whose width terminals disagree on:
/// the zero-width joiner (👩‍💻), skin tones (✊🏿) and presentation selectors (♀️). Terminals
/// that count cells character by character (tmux, xterm) give `👩🏽‍💻` six cells where the
/// layout gives it two, and the pane's border moves; without these characters every
/// terminal agrees, and `👩💻` still says what it meant.
pub fn is_width_trap(c: char) -> bool {
    matches!(
        c,
        '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'
    )
}

/// Draws `lines` top down in `area`, each cut at its width (a lighter `Paragraph`).
pub fn draw_lines(lines: &[Line], area: Rect, buf: &mut Buffer) {
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        buf.set_line(area.x, y, line, area.width);
    }
}

/// Display width of `text` in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` cells, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    crate::shorten::truncate(text, max)
}

/// Wraps styled fragments into lines of at most `width` cells, breaking at spaces
/// (and inside words longer than a line); lines after the first start with `indent` spaces.
pub fn wrap(
    fragments: &[(Cow<'_, str>, Style)],
    width: usize,
    indent: usize,
) -> Vec<Line<'static>> {
    let width = width.max(indent + 4);
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (text, style) in fragments {
        for word in split_keeping_spaces(text) {
            let w = self::width(word);
            let is_space = word.starts_with(' ');
            if used + w > width && used > indent {
                if is_space {
                    continue;
                }
                // The space that led up to the break does not belong to either line.
                if line.len() > 1 && line.last().is_some_and(|s| s.content.trim().is_empty()) {
                    line.pop();
                }
                lines.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            if used + w <= width {
                line.push(Span::styled(word.to_string(), *style));
                used += w;
                continue;
            }
            // A word longer than a line: break it where the line ends.
            let mut piece = String::new();
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    line.push(Span::styled(std::mem::take(&mut piece), *style));
                    lines.push(Line::from(std::mem::take(&mut line)));
                    line.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                }
                piece.push(c);
                used += cw;
            }
            line.push(Span::styled(piece, *style));
        }
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// Splits into runs of spaces and runs of other characters, keeping both.
fn split_keeping_spaces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let space = rest.starts_with(' ');
        let end = rest
            .find(|c: char| (c == ' ') != space)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn control_characters_become_pictures() {
        assert_eq!(visible("a\u{1b}[31mb\tc\u{7f}"), "a␛[31mb␉c␡");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn joined_emoji_are_shown_as_their_parts() {
        assert_eq!(
            visible("👩🏽\u{200d}💻 ♀\u{fe0f} ✊🏿 🇰🇪 \u{1b}"),
            "👩💻 ♀ ✊ 🇰🇪 ␛"
        );
        // Each character's width then adds up to the width of the whole.
        let shown = visible("👷🏾\u{200d}♀\u{fe0f} 👨\u{200d}👩\u{200d}👧 1\u{fe0f}\u{20e3}");
        let by_char: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(width(&shown), by_char);
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_indents() {
        let text = [(Cow::from("one two three four"), Style::default())];
        assert_eq!(plain(&wrap(&text, 9, 2)), ["one two", "  three", "  four"]);
        let long = [(Cow::from("abcdefghijkl"), Style::default())];
        assert_eq!(plain(&wrap(&long, 5, 1)), ["abcde", " fghi", " jkl"]);
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Amina Diallo", 6), "Amina…");
        assert_eq!(truncate("Ana", 6), "Ana");
    }
}
