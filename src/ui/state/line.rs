//! The one-line text input that the capture line, search, the speaker filter and
//! forms share, edited through [`Action`]s.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea};

use crate::action::Action;
use crate::visible::visible_char;

/// A one-line text input on top of ratatui-textarea, edited through [`Action`]s.
#[derive(Debug, Clone)]
pub struct LineInput {
    area: TextArea<'static>,
}

impl Default for LineInput {
    fn default() -> Self {
        LineInput { area: new_area() }
    }
}

impl LineInput {
    /// An input holding `text`, cursor at the end.
    pub fn with_text(text: &str) -> LineInput {
        let mut input = LineInput::default();
        input.set_text(text);
        input
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        self.area.lines().first().map_or("", String::as_str)
    }

    /// Whether nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }

    /// Replaces the text, cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        self.area = new_area();
        self.insert(text);
    }

    /// Empties the input.
    pub fn clear(&mut self) {
        self.set_text("");
    }

    /// Cursor position in characters from the start.
    pub fn cursor(&self) -> usize {
        self.area.cursor().1
    }

    /// Puts the cursor at character `column` (0-based), clamped to the text.
    pub fn set_cursor(&mut self, column: usize) {
        let column = column.min(self.text().chars().count());
        self.area.move_cursor(CursorMove::Jump(
            0,
            u16::try_from(column).unwrap_or(u16::MAX),
        ));
    }

    /// Inserts text at the cursor; control characters become visible symbols and line
    /// breaks become spaces, so the line never holds anything the terminal would act on.
    pub fn insert(&mut self, text: &str) {
        self.area.insert_str(clean_line(text));
    }

    /// Types one character.
    pub fn insert_char(&mut self, c: char) {
        self.insert(c.encode_utf8(&mut [0; 4]));
    }

    /// Replaces characters `start..end` with `text` and puts the cursor after it.
    pub fn replace(&mut self, start: usize, end: usize, text: &str) {
        let chars: Vec<char> = self.text().chars().collect();
        let end = end.min(chars.len());
        let start = start.min(end);
        let before: String = chars[..start].iter().collect();
        let after: String = chars[end..].iter().collect();
        self.set_text(&format!("{before}{text}{after}"));
        self.set_cursor(start + text.chars().count());
    }

    /// Carries out an editing action; returns whether it was one.
    pub fn apply(&mut self, action: Action) -> bool {
        edit_area(&mut self.area, action)
    }

    /// The text area, for the view that draws it.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }
}

/// One line-editing action on a text area: cursor moves and deletions.
/// Says whether the action was one of those; the caller handles the rest.
pub fn edit_area(area: &mut TextArea<'static>, action: Action) -> bool {
    match action {
        Action::CursorLeft => area.move_cursor(CursorMove::Back),
        Action::CursorRight => area.move_cursor(CursorMove::Forward),
        Action::WordLeft => area.move_cursor(CursorMove::WordBack),
        Action::WordRight => area.move_cursor(CursorMove::WordForward),
        Action::LineStart => area.move_cursor(CursorMove::Head),
        Action::LineEnd => area.move_cursor(CursorMove::End),
        Action::DeleteBack => {
            area.delete_char();
        }
        Action::DeleteForward => {
            area.delete_next_char();
        }
        Action::DeleteWordBack => {
            area.delete_word();
        }
        Action::DeleteWordForward => {
            area.delete_next_word();
        }
        Action::DeleteToLineEnd => {
            area.delete_line_by_end();
        }
        Action::DeleteToLineStart => {
            area.delete_line_by_head();
        }
        _ => return false,
    }
    true
}

fn new_area() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_cursor_line_style(Style::default());
    area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    // Undo belongs to the session, not to the line being typed.
    area.set_max_histories(0);
    area
}

/// `text` as one line fit to type: line breaks and tabs become spaces, other control
/// characters their visible symbols.
pub fn clean_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c => visible_char(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_keeps_control_characters_out() {
        let mut input = LineInput::default();
        input.insert("a\u{1b}[2Jb\nc");
        assert_eq!(input.text(), "a␛[2Jb c");
        input.replace(0, 1, "XY");
        assert_eq!((input.text(), input.cursor()), ("XY␛[2Jb c", 2));
    }
}
