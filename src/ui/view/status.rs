//! The status bar: file and saved state, meeting time, who has the floor, then a
//! message or the key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::action::Action;
use crate::clock::duration_label;
use crate::meeting::SavedState;
use crate::storage::DiskChange;
use crate::ui::app::App;
use crate::ui::text::{truncate, visible, width};
use crate::ui::theme;

/// Cells kept for the key hints before the meeting's time or title take any.
const HINTS_ROOM: usize = 22;

/// Draws the status bar on one line: the meeting, the file and how safe it is, the
/// meeting's time and who has the floor (never hidden), then a message or key hints.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let w = area.width as usize;
    let bar = theme::bar();
    buf.set_style(area, bar);
    let mut left: Vec<Span> = Vec::new();
    let file = app.file_label();
    left.push(Span::styled(
        format!(" {} ", truncate(&visible(&file), 24)),
        bar.add_modifier(Modifier::BOLD),
    ));
    let warning = theme::bar_warning();
    let (saved, style) = match (app.saved_state(), app.disk_change()) {
        // Notes only in memory is the most urgent thing to say.
        (SavedState::Behind, _) => ("✗ NOT SAVED", theme::bar_alarm()),
        (_, Some(DiskChange::Modified)) => ("⚠ CHANGED ON DISK", warning),
        (_, Some(DiskChange::Missing)) => ("⚠ FILE MISSING", warning),
        (SavedState::OnDisk, None) => ("✓ saved", bar.patch(theme::good())),
        (SavedState::Journaled, None) => ("✓ on disk", bar.patch(theme::good())),
        (SavedState::InMemory, None) => ("in memory", bar.patch(theme::notice())),
    };
    left.push(Span::styled(saved, style));
    let meeting_time = app.meeting_time().map(|(time, running)| {
        let stopped = if running { "" } else { " stopped" };
        Span::styled(format!("  ⏱ {}{stopped}", duration_label(time)), bar)
    });
    let spans_width = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let advice = disk_advice(app);
    let message_width = match (app.message(), &advice) {
        (Some(m), _) => width(&visible(&m.text)) + 4,
        (None, Some(advice)) => width(advice) + 4,
        (None, None) => HINTS_ROOM,
    };
    // A long message takes the meeting's time and shortens the name of who has the floor,
    // but never hides who has it and for how long.
    if let Some((p, seconds)) = app.floor_with_time() {
        let time = format!(" {}", duration_label(seconds));
        let full = truncate(&visible(&p.name), 20).into_owned();
        let name = if spans_width(&left) + width(&full) + width(&time) + 4 + message_width <= w {
            full
        } else {
            let first = p.name.split_whitespace().next().unwrap_or(&p.name);
            truncate(&visible(first), 10).into_owned()
        };
        left.push(Span::styled("  ▶ ", bar.patch(theme::good())));
        left.push(Span::styled(
            name,
            bar.patch(theme::good()).add_modifier(Modifier::BOLD),
        ));
        left.push(Span::styled(time, bar.patch(theme::good())));
    }
    if let Some(time) = meeting_time
        && spans_width(&left) + width(&time.content) + message_width <= w
    {
        left.insert(2, time);
    }
    // The meeting's title leads the bar while it leaves room for a message.
    let title = visible(&app.session().meta.title).into_owned();
    let room = w.saturating_sub(spans_width(&left) + message_width + 3);
    if !title.trim().is_empty() && room >= 8 {
        left.insert(
            0,
            Span::styled(
                format!(" {} ·", truncate(title.trim(), room)),
                bar.add_modifier(Modifier::BOLD),
            ),
        );
    }
    let used = spans_width(&left);
    let room = w.saturating_sub(used + 2);
    let right = match app.message() {
        Some(message) => {
            let style = if message.error {
                theme::bar_alarm().remove_modifier(Modifier::BOLD)
            } else {
                theme::bar_message()
            };
            Span::styled(
                format!(
                    " {} ",
                    truncate(&visible(&message.text), room.saturating_sub(2))
                ),
                style,
            )
        }
        None => match advice {
            // What the warning means and what to do, in place of the key hints.
            Some(advice) => Span::styled(
                format!(" {} ", truncate(&advice, room.saturating_sub(2))),
                bar.patch(theme::notice()),
            ),
            None => Span::styled(hints(app, room), bar.patch(theme::dim())),
        },
    };
    let pad = w.saturating_sub(used + width(&right.content));
    left.push(Span::styled(" ".repeat(pad), bar));
    left.push(right);
    Line::from(left).render(area, buf);
}

/// What a change of the file on disk means for the user, and the key that deals with it.
fn disk_advice(app: &App) -> Option<String> {
    let file = visible(&app.file_label()).into_owned();
    let save = app.keymap.hint(Action::Save);
    match app.disk_change()? {
        // The key first, so a narrow bar still says what to do.
        DiskChange::Modified => Some(format!(
            "{save} keeps both or overwrites · another program changed {file}; \
             your notes are safe in its journal"
        )),
        DiskChange::Missing => Some(format!(
            "{save} writes it back · {file} was deleted or moved; your notes are safe"
        )),
    }
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
