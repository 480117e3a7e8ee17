//! Draws the review: the priorities in report order on the left, the selected one's
//! figures, lead remark and notes on the right, and the review's keys in the capture box.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use ratatui_textarea::TextArea;

use super::capture::draw_input;
use crate::clock::duration_label;
use crate::tally::PriorityTally;
use crate::ui::app::App;
use crate::ui::state::review::{Editor, Focus, KEYS, ReviewState};
use crate::ui::text::{draw_lines, truncate, visible, width, wrap};
use crate::ui::theme::{self, Frame};

/// Draws the review over the panes in `body`, and its keys or editor in `capture`.
pub fn render(app: &App, state: &ReviewState, body: Rect, capture: Rect, buf: &mut Buffer) {
    Clear.render(body, buf);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Fill(1)]).areas(body);
    list(app, state, left, buf);
    detail(app, state, right, buf);
    keys(app, state, capture, buf);
}

fn list(app: &App, state: &ReviewState, area: Rect, buf: &mut Buffer) {
    let kind = match state.focus {
        Focus::Priorities => Frame::Focused,
        Focus::Notes => Frame::Pane,
    };
    let block = theme::frame(
        kind,
        " Review · the report's order ".into(),
        " ↑↓ · tab notes ".into(),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let session = app.session();
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = vec![Line::styled("Introduction", theme::heading())];
    // The remarks that lead no priority open the report: their first words, or how to write them.
    let introduction: Vec<&str> = app.introduction().map(|r| r.text.as_str()).collect();
    lines.push(match introduction.first() {
        Some(first) => Line::styled(
            truncate(
                &format!("✎ {}", visible(first.lines().next().unwrap_or(""))),
                w,
            )
            .into_owned(),
            theme::plain(),
        ),
        None => Line::styled("none yet: i writes it", theme::dim()),
    });
    lines.push(Line::raw(""));
    let mut selected_line = 0;
    for (i, id) in app.report_order().iter().enumerate() {
        if let Some(heading) = session.review.heading_before(id) {
            lines.push(Line::styled(
                truncate(&visible(heading), w).into_owned(),
                theme::heading(),
            ));
        }
        let Some(p) = app.tally().priority(id) else {
            continue;
        };
        if i == state.priority {
            selected_line = lines.len();
        }
        let figures = format!(
            " {:>2} {}/{}",
            p.interventions, p.counting_groups, p.counting_groups_total
        );
        let lead = if app.lead_of(id).is_some() {
            "✎"
        } else {
            " "
        };
        let room = w.saturating_sub(width(&figures) + 4);
        let title = truncate(&visible(&p.title), room).into_owned();
        let pad = room.saturating_sub(width(&title));
        let style = match (i == state.priority, state.focus) {
            (true, Focus::Priorities) => theme::selected(),
            (true, Focus::Notes) => theme::bold(),
            _ if p.interventions == 0 => theme::dim(),
            _ => theme::plain(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{lead}{:>2} ", i + 1), style),
            Span::styled(format!("{title}{}", " ".repeat(pad)), style),
            Span::styled(figures, style),
        ]));
    }
    // Keep the selected priority on screen.
    let height = usize::from(inner.height);
    let skip = (selected_line + 1).saturating_sub(height);
    draw_lines(&lines[skip.min(lines.len())..], inner, buf);
}

fn detail(app: &App, state: &ReviewState, area: Rect, buf: &mut Buffer) {
    let kind = match state.focus {
        Focus::Notes => Frame::Focused,
        Focus::Priorities => Frame::Pane,
    };
    if let Some(Editor::Introduction(editor)) = &state.editor {
        introduction_editor(editor, area, buf);
        return;
    }
    let Some((id, notes)) = app.review_selection(state) else {
        theme::frame(kind, " No priorities yet ".into(), String::new()).render(area, buf);
        return;
    };
    let session = app.session();
    let title = session
        .priority(&id)
        .map_or(id.clone(), |p| p.title.clone());
    let block = theme::frame(
        kind,
        format!(
            " {} ",
            truncate(&visible(&title), usize::from(area.width).saturating_sub(4))
        ),
        String::new(),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(p) = app.tally().priority(&id) {
        lines.extend(wrap(&[(Cow::Owned(figures(p)), theme::dim())], w, 0));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Lead, in your words", theme::heading()));
    let lead_at = lines.len();
    match (&state.editor, app.lead_of(&id)) {
        (Some(Editor::Lead(_)), _) => {}
        (_, Some(remark)) => lines.extend(wrap(&[(visible(&remark.text), theme::plain())], w, 0)),
        (_, None) => lines.push(Line::styled("none yet: e writes it", theme::dim())),
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Notes · {}", notes.len()),
        theme::heading(),
    ));
    let review = &session.review;
    let mut selected_line = lines.len();
    for (i, note_id) in notes.iter().enumerate() {
        let Some(note) = session.note(*note_id) else {
            continue;
        };
        let selected = state.focus == Focus::Notes && i == state.note;
        if i == state.note {
            selected_line = lines.len();
        }
        let (mark, style) = if review.left_out.contains(note_id) {
            ("✗ ", theme::dim().add_modifier(Modifier::CROSSED_OUT))
        } else if let Some(f) = review.folded.iter().find(|f| f.note == *note_id) {
            let _ = f;
            ("↳ ", theme::dim())
        } else if review.quote_for(&id) == Some(*note_id) {
            ("★ ", theme::quote())
        } else if state.folding == Some(*note_id) {
            ("↯ ", theme::notice())
        } else {
            ("· ", theme::plain())
        };
        let style = if selected { theme::selected() } else { style };
        let text = match note.kind {
            crate::model::NoteKind::Quote => Cow::Owned(format!("“{}”", visible(&note.text))),
            crate::model::NoteKind::Point => visible(&note.text),
        };
        let who = session
            .note_position(*note_id)
            .and_then(|(i, _)| session.participant(&session.interventions[i].participant))
            .map_or(String::new(), |p| format!(" — {}", p.name));
        lines.extend(wrap(
            &[
                (Cow::Borrowed(mark), style),
                (text, style),
                (Cow::Owned(who), if selected { style } else { theme::dim() }),
            ],
            w,
            2,
        ));
    }
    let height = usize::from(inner.height);
    let skip = (selected_line + 3).saturating_sub(height);
    let shown: Vec<Line> = lines.iter().skip(skip).cloned().collect();
    draw_lines(&shown, inner, buf);
    if let Some(Editor::Lead(area)) = &state.editor {
        let y = inner.y + (lead_at.saturating_sub(skip)) as u16;
        let editor = Rect::new(inner.x, y, inner.width, 6).intersection(inner);
        Clear.render(editor, buf);
        let block = theme::frame(
            Frame::Popup,
            String::new(),
            " enter saves · tab new line · esc ".into(),
        );
        let inside = block.inner(editor);
        block.render(editor, buf);
        area.render(inside, buf);
    }
}

/// The introduction being written, over the whole right pane.
fn introduction_editor(editor: &TextArea<'static>, area: Rect, buf: &mut Buffer) {
    let block = theme::frame(
        Frame::Popup,
        " The introduction, in your words ".into(),
        " enter saves · tab new line · esc ".into(),
    );
    let inside = block.inner(area);
    block.render(area, buf);
    editor.render(inside, buf);
}

/// The figures of a priority in one line, as the report will state them.
fn figures(p: &PriorityTally) -> String {
    let mut parts = vec![
        format!(
            "{} {}",
            p.interventions,
            if p.interventions == 1 {
                "intervention"
            } else {
                "interventions"
            }
        ),
        format!(
            "{} of {} groups",
            p.counting_groups, p.counting_groups_total
        ),
        format!("{} entities", p.entities),
        format!("{} notes", p.notes),
    ];
    if p.opposed > 0 {
        parts.push(format!("{} opposed", p.opposed));
    }
    if let (Some(first), Some(last)) = (p.first, p.last) {
        parts.push(format!(
            "{first}–{last} ({})",
            duration_label(first.until(last))
        ));
    }
    let labels: Vec<&str> = p.labels.iter().map(|l| l.as_str()).collect();
    if !labels.is_empty() {
        parts.push(labels.join(", "));
    }
    parts.join(" · ")
}

/// The capture box during the review: the heading or title being typed, else the keys.
fn keys(app: &App, state: &ReviewState, area: Rect, buf: &mut Buffer) {
    let (title, input) = match &state.editor {
        Some(Editor::Heading(input)) => (
            " Section heading before this priority · enter saves · esc ",
            Some(input),
        ),
        Some(Editor::Rename(input)) => (" The priority's title · enter saves · esc ", Some(input)),
        _ => (" Review · f6 back to the meeting ", None),
    };
    let block = theme::frame(Frame::Focused, title.into(), String::new());
    let inner = block.inner(area);
    block.render(area, buf);
    match input {
        Some(input) => draw_input(input, inner, buf, true, ""),
        None => {
            let text: String = KEYS
                .iter()
                .map(|(k, what)| format!("{k} {what}   "))
                .collect();
            let hint = format!(
                "{text}{} undo",
                app.keymap.hint(crate::action::Action::Undo)
            );
            Line::styled(
                truncate(&hint, usize::from(inner.width)).into_owned(),
                theme::dim(),
            )
            .render(inner, buf);
        }
    }
}
