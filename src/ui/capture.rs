//! The capture line and its completion popup, plus the one-line input that
//! search, the speaker filter and forms share.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use ratatui_textarea::{CursorMove, TextArea};

use super::app::App;
use super::text::{is_width_trap, truncate, visible, visible_char, width};
use crate::action::Action;
use crate::capture::is_tag_char;
use crate::model::Slug;

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
        let area = &mut self.area;
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

    /// Draws the input with its cursor when `focused`; scrolls horizontally to keep the cursor shown.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool, placeholder: &str) {
        if self.is_empty() && !placeholder.is_empty() {
            let hint = Span::styled(
                truncate(placeholder, area.width as usize).into_owned(),
                Style::default().fg(Color::DarkGray),
            );
            Line::from(hint).render(area, buf);
            if focused && area.width > 0 {
                buf[(area.x, area.y)].set_style(Style::default().add_modifier(Modifier::REVERSED));
            }
            return;
        }
        if !focused {
            Line::raw(truncate(&visible(self.text()), area.width as usize)).render(area, buf);
        } else if self.text().chars().any(is_width_trap) {
            // Shown as the panes show it (joined emoji as their parts), the cursor kept in place.
            let cursor = self
                .text()
                .chars()
                .take(self.cursor())
                .filter(|c| !is_width_trap(*c))
                .count();
            let mut shown = LineInput::with_text(&visible(self.text()));
            shown.set_cursor(cursor);
            (&shown.area).render(area, buf);
        } else {
            (&self.area).render(area, buf);
        }
    }
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

/// What a completion completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// `@NAME` at the start of the line.
    Speaker,
    /// `#TAG` anywhere.
    Tag,
}

/// Where the token being completed sits in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Speaker or tag.
    pub kind: CompletionKind,
    /// Character index of the `@` or `#`.
    pub start: usize,
    /// Character index just past the token.
    pub end: usize,
    /// What is typed between the sigil and the cursor.
    pub query: String,
}

/// The token under the cursor that a popup would complete, if any.
pub fn token_at(line: &str, cursor: usize) -> Option<Token> {
    let chars: Vec<char> = line.chars().collect();
    let cursor = cursor.min(chars.len());
    // A tag: `#` starting a word, then tag characters up to the cursor.
    let mut start = cursor;
    while start > 0 && is_tag_char(chars[start - 1]) {
        start -= 1;
    }
    if start > 0 && chars[start - 1] == '#' && (start == 1 || chars[start - 2].is_whitespace()) {
        let end = cursor
            + chars[cursor..]
                .iter()
                .take_while(|c| is_tag_char(**c))
                .count();
        return Some(Token {
            kind: CompletionKind::Tag,
            start: start - 1,
            end,
            query: chars[start..cursor].iter().collect(),
        });
    }
    // A speaker: `@` first on the line (after an optional `[time]`), cursor before `:` or `(`.
    let mut at = chars.iter().take_while(|c| c.is_whitespace()).count();
    if chars.get(at) == Some(&'[') {
        let close = chars[at..].iter().position(|c| *c == ']')? + at;
        at = close
            + 1
            + chars[close + 1..]
                .iter()
                .take_while(|c| c.is_whitespace())
                .count();
    }
    if chars.get(at) != Some(&'@') || cursor <= at {
        return None;
    }
    let end = chars[at + 1..]
        .iter()
        .position(|c| *c == ':' || *c == '(')
        .map_or(chars.len(), |i| at + 1 + i);
    (cursor <= end).then(|| Token {
        kind: CompletionKind::Speaker,
        start: at,
        end,
        query: chars[at + 1..cursor]
            .iter()
            .collect::<String>()
            .trim_start()
            .to_string(),
    })
}

/// One row of the popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Participant or priority id.
    pub id: Slug,
    /// Name or tag shown first.
    pub label: String,
    /// Affiliation and group, or the priority's title.
    pub detail: String,
}

/// An open completion popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The token being completed.
    pub token: Token,
    /// Matches, best first.
    pub candidates: Vec<Candidate>,
    /// Highlighted row; `candidates.len()` is the "add" row when there is one.
    pub selected: usize,
}

impl Completion {
    /// Whether the popup ends with a row that adds a participant or creates a priority.
    pub fn offers_new(&self) -> bool {
        !self.token.query.trim().is_empty()
    }

    /// Number of rows, the "add" row included.
    pub fn rows(&self) -> usize {
        self.candidates.len() + usize::from(self.offers_new())
    }

    /// Moves the highlight by `delta` rows, wrapping around.
    pub fn step(&mut self, delta: isize) {
        let rows = self.rows().max(1) as isize;
        self.selected = (self.selected as isize + delta).rem_euclid(rows) as usize;
    }
}

/// Most candidates the popup lists.
pub const POPUP_ROWS: usize = 8;

/// Draws the capture line in `area` (a bordered box).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (title, placeholder) = app.capture_title();
    let focused = app.capture_has_focus();
    let border = if focused {
        Color::Cyan
    } else {
        Color::DarkGray
    };
    let block = Block::bordered()
        .border_style(Style::default().fg(border))
        .title(Span::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    app.active_input().render(inner, buf, focused, &placeholder);
}

/// Draws the completion popup above (or below) the capture line, at the token's column.
pub fn render_popup(app: &App, capture: Rect, screen: Rect, buf: &mut Buffer) {
    let Some(completion) = app.completion() else {
        return;
    };
    let new_row = completion
        .offers_new()
        .then(|| match completion.token.kind {
            CompletionKind::Speaker => format!(
                "+ add participant “{}”…",
                visible(completion.token.query.trim())
            ),
            CompletionKind::Tag => format!("+ new priority #{}…", visible(&completion.token.query)),
        });
    let mut rows: Vec<(String, String)> = completion
        .candidates
        .iter()
        .map(|c| {
            (
                visible(&c.label).into_owned(),
                visible(&c.detail).into_owned(),
            )
        })
        .collect();
    if let Some(new_row) = new_row {
        rows.push((new_row, String::new()));
    }
    if rows.is_empty() {
        return;
    }
    let label_width = rows
        .iter()
        .filter(|(_, d)| !d.is_empty())
        .map(|(l, _)| width(l))
        .max()
        .unwrap_or(0);
    let detail_width = rows.iter().map(|(_, d)| width(d)).max().unwrap_or(0);
    let add_row = rows
        .iter()
        .filter(|(_, d)| d.is_empty())
        .map(|(l, _)| width(l))
        .max()
        .unwrap_or(0);
    let wanted = ((label_width + 2 + detail_width).max(add_row) + 2) as u16;
    let popup_width = wanted.clamp(20, screen.width.min(70));
    let height = rows.len() as u16 + 2;
    // Anchor at the sigil's column inside the capture box, kept on screen.
    let column = capture.x + 1 + completion.token.start as u16;
    let x = column.min(screen.right().saturating_sub(popup_width));
    let y = if capture.y >= screen.y + height {
        capture.y - height
    } else {
        capture.bottom().min(screen.bottom().saturating_sub(height))
    };
    let area = Rect::new(x, y, popup_width, height.min(screen.height)).intersection(screen);
    Clear.render(area, buf);
    let hint = match completion.token.kind {
        CompletionKind::Speaker => " speaker · Tab accepts ",
        CompletionKind::Tag => " priority · Tab accepts ",
    };
    let block = Block::bordered()
        .border_style(Style::default().fg(Color::Yellow))
        .title_bottom(Span::styled(hint, Style::default().fg(Color::DarkGray)));
    let inner = block.inner(area);
    block.render(area, buf);
    let inner_width = inner.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, detail))| {
            let style = if i == completion.selected {
                Style::default().bg(Color::Yellow).fg(Color::Black)
            } else {
                Style::default()
            };
            // Labels in one column (the "add" row spans both), details left-aligned after them.
            let column = if detail.is_empty() {
                inner_width
            } else {
                label_width.min(inner_width / 2)
            };
            let label = truncate(label, column).into_owned();
            let detail = truncate(detail, inner_width.saturating_sub(column + 2)).into_owned();
            let gap = if detail.is_empty() {
                0
            } else {
                column.saturating_sub(width(&label)) + 2
            };
            let pad = inner_width.saturating_sub(width(&label) + gap + width(&detail));
            Line::from(vec![
                Span::styled(label, style.add_modifier(Modifier::BOLD)),
                Span::styled(" ".repeat(gap), style),
                Span::styled(
                    detail,
                    style.fg(if i == completion.selected {
                        Color::Black
                    } else {
                        Color::DarkGray
                    }),
                ),
                Span::styled(" ".repeat(pad), style),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_under_the_cursor() {
        let t = token_at("@ami", 4).unwrap();
        assert_eq!(
            (t.kind, t.start, t.end, t.query.as_str()),
            (CompletionKind::Speaker, 0, 4, "ami")
        );
        let t = token_at("[10:05] @Am Di: x", 14).unwrap();
        assert_eq!(
            (t.kind, t.start, t.end, t.query.as_str()),
            (CompletionKind::Speaker, 8, 14, "Am Di")
        );
        assert_eq!(token_at("@Ana: point", 8), None);
        let t = token_at("a point #recr more", 13).unwrap();
        assert_eq!(
            (t.kind, t.start, t.end, t.query.as_str()),
            (CompletionKind::Tag, 8, 13, "recr")
        );
        let t = token_at("x #", 3).unwrap();
        assert_eq!((t.kind, t.query.as_str()), (CompletionKind::Tag, ""));
        assert_eq!(token_at("issue#3", 7), None);
    }

    #[test]
    fn input_keeps_control_characters_out() {
        let mut input = LineInput::default();
        input.insert("a\u{1b}[2Jb\nc");
        assert_eq!(input.text(), "a␛[2Jb c");
        input.replace(0, 1, "XY");
        assert_eq!((input.text(), input.cursor()), ("XY␛[2Jb c", 2));
    }
}
