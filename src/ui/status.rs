//! The status bar: file and saved state, meeting time, who has the floor, then a
//! message or the key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::{App, SavedState};
use super::text::{truncate, visible, width};
use crate::action::Action;
use crate::clock::duration_label;

/// Draws the status bar on one line.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let w = area.width as usize;
    let bar = Style::default().bg(Color::Rgb(40, 40, 40)).fg(Color::Gray);
    buf.set_style(area, bar);
    let mut left: Vec<Span> = Vec::new();
    let file = app.file_label();
    left.push(Span::styled(
        format!(" {} ", truncate(&visible(&file), 24)),
        bar.add_modifier(Modifier::BOLD),
    ));
    let (saved, style) = match app.saved_state() {
        SavedState::OnDisk => ("✓ saved", bar.fg(Color::Green)),
        SavedState::Journaled => ("✓ on disk", bar.fg(Color::Green)),
        SavedState::Behind => (
            "✗ NOT SAVED",
            bar.fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        ),
        SavedState::InMemory => ("in memory", bar.fg(Color::Yellow)),
    };
    left.push(Span::styled(saved, style));
    let mut timers: Vec<Span> = Vec::new();
    if let Some(elapsed) = app.elapsed() {
        timers.push(Span::styled(
            format!("  ⏱ {}", duration_label(elapsed)),
            bar,
        ));
    }
    if let Some((p, seconds)) = app.floor_with_time() {
        timers.push(Span::styled("  ▶ ", bar.fg(Color::Green)));
        timers.push(Span::styled(
            truncate(&visible(&p.name), 20).into_owned(),
            bar.fg(Color::Green).add_modifier(Modifier::BOLD),
        ));
        timers.push(Span::styled(
            format!(" {}", duration_label(seconds)),
            bar.fg(Color::Green),
        ));
    }
    let spans_width = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    // A message that would be cut takes the timers' room: the floor and its time are in
    // the speakers pane too, and a message is read once.
    let message_width = app.message().map_or(0, |m| width(&visible(&m.text)) + 4);
    if message_width == 0 || spans_width(&left) + spans_width(&timers) + message_width <= w {
        left.extend(timers);
    }
    let used = spans_width(&left);
    let room = w.saturating_sub(used + 2);
    let right = match app.message() {
        Some(message) => {
            let style = if message.error {
                bar.fg(Color::White).bg(Color::Red)
            } else {
                bar.fg(Color::Cyan)
            };
            Span::styled(
                format!(
                    " {} ",
                    truncate(&visible(&message.text), room.saturating_sub(2))
                ),
                style,
            )
        }
        None => Span::styled(hints(app, room), bar.fg(Color::DarkGray)),
    };
    let pad = w.saturating_sub(used + width(&right.content));
    left.push(Span::styled(" ".repeat(pad), bar));
    left.push(right);
    Line::from(left).render(area, buf);
}

/// As many key hints as fit in `room` cells, most important first.
fn hints(app: &App, room: usize) -> String {
    let wanted = [
        (Action::Help, "help"),
        (Action::Undo, "undo"),
        (Action::Search, "search"),
        (Action::FilterSpeakers, "speaker"),
        (Action::EditNote, "edit"),
        (Action::Quit, "quit"),
    ];
    let mut out = String::new();
    for (action, label) in wanted {
        let hint = format!("{} {label}  ", app.keymap.hint(action));
        if width(&out) + width(&hint) > room {
            break;
        }
        out.push_str(&hint);
    }
    out
}
