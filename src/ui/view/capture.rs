//! Draws the capture line in its box, the completion popup above it, and any
//! one-line input (search, the speaker filter, form fields).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::ui::app::App;
use crate::ui::state::completion::CompletionKind;
use crate::ui::state::line::LineInput;
use crate::ui::text::{is_width_trap, truncate, visible, width};
use crate::ui::theme::{self, Frame};

/// Draws `input` with its cursor when `focused`; scrolls horizontally to keep the cursor shown.
pub fn draw_input(
    input: &LineInput,
    area: Rect,
    buf: &mut Buffer,
    focused: bool,
    placeholder: &str,
) {
    if input.is_empty() && !placeholder.is_empty() {
        let hint = Span::styled(
            truncate(placeholder, area.width as usize).into_owned(),
            theme::dim(),
        );
        Line::from(hint).render(area, buf);
        if focused && area.width > 0 {
            buf[(area.x, area.y)].set_style(theme::cursor());
        }
        return;
    }
    if !focused {
        Line::raw(truncate(&visible(input.text()), area.width as usize)).render(area, buf);
    } else if input.text().chars().any(is_width_trap) {
        // Shown as the panes show it (joined emoji as their parts), the cursor kept in place.
        let cursor = input
            .text()
            .chars()
            .take(input.cursor())
            .filter(|c| !is_width_trap(*c))
            .count();
        let mut shown = LineInput::with_text(&visible(input.text()));
        shown.set_cursor(cursor);
        shown.area().render(area, buf);
    } else {
        input.area().render(area, buf);
    }
}

/// Draws the capture line in `area` (a bordered box).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (title, placeholder) = app.capture_title();
    let focused = app.capture_has_focus();
    let kind = if focused { Frame::Focused } else { Frame::Pane };
    let block = theme::frame(kind, title, String::new());
    let inner = block.inner(area);
    block.render(area, buf);
    draw_input(app.active_input(), inner, buf, focused, &placeholder);
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
    let block = theme::frame(Frame::Popup, String::new(), hint.to_string());
    let inner = block.inner(area);
    block.render(area, buf);
    let inner_width = inner.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, detail))| {
            let chosen = i == completion.selected;
            let style = if chosen {
                theme::selected()
            } else {
                theme::plain()
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
                Span::styled(label, style.patch(theme::bold())),
                Span::styled(" ".repeat(gap), style),
                Span::styled(detail, if chosen { style } else { theme::dim() }),
                Span::styled(" ".repeat(pad), style),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
