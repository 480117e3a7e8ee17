//! Draws the forms that add a participant or create a priority.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::capture::draw_input;
use crate::model::Session;
use crate::ui::state::form::{Form, FormKind};
use crate::ui::text::{truncate, visible, wrap};
use crate::ui::theme::{self, Frame};

/// Draws the form centred over `screen`.
pub fn render(form: &Form, session: &Session, screen: Rect, buf: &mut Buffer) {
    let width = screen.width.clamp(20, 64);
    let mut lines: Vec<Line> = Vec::new();
    let label_width = 13;
    let field_width = (width as usize).saturating_sub(label_width + 4);
    let mut cursor_line = None;
    for (i, (label, input)) in form.fields.iter().enumerate() {
        let focused = form.focus == i;
        if focused {
            cursor_line = Some(lines.len());
        }
        let style = if focused {
            theme::focused()
        } else {
            theme::plain()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<label_width$}"), style.patch(theme::bold())),
            Span::styled(
                truncate(&visible(input.text()), field_width).into_owned(),
                style,
            ),
        ]));
    }
    if form.kind == FormKind::Participant {
        let focused = form.focus == form.fields.len();
        let style = if focused {
            theme::focused()
        } else {
            theme::plain()
        };
        let mut fragments = vec![(
            Cow::Owned(format!("{:<label_width$}", "Group")),
            style.patch(theme::bold()),
        )];
        if session.groups.is_empty() {
            fragments.push((Cow::from("(none in this session)"), theme::bad()));
        }
        for (i, group) in session.groups.iter().enumerate() {
            let chosen = i == form.group;
            let style = match (chosen, focused) {
                (true, true) => theme::filter_match(),
                (true, false) => theme::cursor(),
                _ => theme::muted(),
            };
            // Non-breaking spaces keep a group's name whole when the choices wrap.
            let name = visible(&group.name).replace(' ', "\u{a0}");
            fragments.push((Cow::Owned(format!("\u{a0}{name}\u{a0}")), style));
            fragments.push((Cow::from(" "), theme::plain()));
        }
        lines.extend(wrap(
            &fragments,
            usize::from(width.saturating_sub(2)),
            label_width,
        ));
    }
    if form.kind == FormKind::Participant {
        let focused = form.on_chair();
        let style = if focused {
            theme::focused()
        } else {
            theme::plain()
        };
        let mark = if form.chair {
            "[x] chairs: turns without a tag are procedural"
        } else {
            "[ ] does not chair"
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:<label_width$}", "Chair"),
                style.patch(theme::bold()),
            ),
            Span::styled(
                mark,
                if focused {
                    theme::filter_match()
                } else {
                    theme::plain()
                },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    if let Some(error) = &form.error {
        lines.push(Line::styled(error.clone(), theme::bad()));
    }
    let hint = if form.on_chair() {
        "y / n or ↑↓ · Enter saves · Esc back to the line"
    } else if form.kind == FormKind::Participant && form.focus == form.fields.len() {
        "↑↓ or a letter picks · Enter saves · Esc back to the line"
    } else {
        "Tab next field · Enter saves · Esc back to the line"
    };
    lines.push(Line::styled(hint, theme::dim()));
    let title = match (form.kind, &form.editing) {
        (FormKind::Participant, Some(_)) => " A participant ",
        (FormKind::Participant, None) => " Add a participant ",
        (FormKind::Priority, _) => " Create a priority ",
    };
    let height = (lines.len() as u16 + 2).min(screen.height);
    let area = Rect::new(
        screen.x + (screen.width.saturating_sub(width)) / 2,
        screen.y + (screen.height.saturating_sub(height)) / 2,
        width.min(screen.width),
        height,
    );
    Clear.render(area, buf);
    let block = theme::frame(Frame::Focused, title.to_string(), String::new());
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(lines).render(inner, buf);
    // The focused text field gets a real input with its cursor over the plain text.
    if let Some(line) = cursor_line {
        let field = Rect::new(
            inner.x + label_width as u16,
            inner.y + line as u16,
            inner.width.saturating_sub(label_width as u16),
            1,
        )
        .intersection(inner);
        Clear.render(field, buf);
        draw_input(&form.fields[form.focus].1, field, buf, true, "");
        buf.set_style(field, theme::focused());
    }
}
