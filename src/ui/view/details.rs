//! Draws the details form centred over the screen, scrolled to keep its cursor shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::capture::draw_input;
use crate::model::Session;
use crate::ui::state::details::{Details, Field};
use crate::ui::text::{draw_lines, truncate, visible};
use crate::ui::theme::{self, Frame};

/// Width of the labels' column.
const LABEL: usize = 16;

/// Draws the form over `screen`.
pub fn render(details: &Details, session: &Session, screen: Rect, buf: &mut Buffer) {
    let width = screen.width.clamp(30, 96);
    let height = screen.height.saturating_sub(2).max(6);
    let area = Rect::new(
        screen.x + screen.width.saturating_sub(width) / 2,
        screen.y + screen.height.saturating_sub(height) / 2,
        width.min(screen.width),
        height.min(screen.height),
    );
    Clear.render(area, buf);
    let block = theme::frame(
        Frame::Focused,
        " The meeting's details ".into(),
        " Tab / ↑↓ next field · Enter saves all · Esc leaves them as they were ".into(),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = usize::from(inner.height).saturating_sub(2);
    // Keep the field with the cursor on screen.
    let first = (details.focus + 1).saturating_sub(rows.max(1));
    let mut lines: Vec<Line> = Vec::new();
    let field_width = usize::from(inner.width).saturating_sub(LABEL);
    let mut cursor_row = None;
    for (at, (field, input)) in details.fields.iter().enumerate().skip(first).take(rows) {
        let label = match field {
            Field::Meta(f) => f.label().to_string(),
            Field::Group(id) => format!("group {id}"),
            Field::Priority(id) => format!("#{id}"),
            Field::NewGroup => "+ group".to_string(),
            Field::NewPriority => "+ priority".to_string(),
        };
        let focused = at == details.focus;
        if focused {
            cursor_row = Some(lines.len());
        }
        let style = if focused {
            theme::focused()
        } else {
            theme::plain()
        };
        let placeholder = match field {
            Field::NewGroup => "id | Name | singular | plural | counts (yes / no)",
            Field::NewPriority => "#id Title",
            Field::Group(_) => "Name | singular | plural | counts (yes / no)",
            Field::Meta(crate::ui::state::details::MetaField::Date) => "YYYY-MM-DD",
            Field::Meta(crate::ui::state::details::MetaField::Opens)
            | Field::Meta(crate::ui::state::details::MetaField::Closes) => "HH:MM",
            _ => "",
        };
        let text = if input.is_empty() {
            placeholder
        } else {
            input.text()
        };
        let text_style = if input.is_empty() {
            theme::dim()
        } else {
            style
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:<LABEL$}", truncate(&visible(&label), LABEL - 1)),
                style.patch(theme::bold()),
            ),
            Span::styled(
                truncate(&visible(text), field_width).into_owned(),
                text_style,
            ),
        ]));
    }
    lines.push(Line::raw(""));
    match &details.error {
        Some((_, why)) => lines.push(Line::styled(visible(why).into_owned(), theme::bad())),
        None => lines.push(Line::styled(
            format!(
                "{} groups and {} priorities; groups with people stay",
                session.groups.len(),
                session.priorities.len()
            ),
            theme::dim(),
        )),
    }
    draw_lines(&lines, inner, buf);
    if let Some(row) = cursor_row {
        let field = Rect::new(
            inner.x + LABEL as u16,
            inner.y + row as u16,
            inner.width.saturating_sub(LABEL as u16),
            1,
        )
        .intersection(inner);
        Clear.render(field, buf);
        draw_input(&details.fields[details.focus].1, field, buf, true, "");
    }
}
