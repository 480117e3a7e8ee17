//! The notes pane: the meeting as a timeline of interventions, each with its notes.
//!
//! Only the rows on screen are wrapped, before the frame by [`App::prepare`]; the
//! [`crate::timeline::Timeline`] maps a row to its intervention and note.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::action::Action;
use crate::clock::duration_label;
use crate::model::{Channel, NoteKind, Session};
use crate::timeline::Row;
use crate::ui::app::App;
use crate::ui::text::{draw_lines, truncate, visible, width, wrap};
use crate::ui::theme::{self, Frame};

/// Draws the notes pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!(" Notes · {} ", app.tally().totals.notes);
    let mut hint = String::new();
    if app.selected_note().is_some() {
        // As many of the note keys as fit in the bottom border.
        let room = usize::from(area.width).saturating_sub(4);
        for (action, what) in [
            (Action::EditNote, "edit"),
            (Action::DeleteNote, "delete"),
            (Action::RetagNote, "retag"),
            (Action::Cancel, "latest"),
        ] {
            let item = format!(" {} {what} ", app.keymap.hint(action));
            if width(&hint) + width(&item) > room {
                break;
            }
            hint.push_str(&item);
        }
    }
    let block = theme::frame(Frame::Pane, title, hint);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.meeting().timeline().rows() == 0 {
        let hint = [
            Line::styled("No notes yet.", theme::dim()),
            Line::raw(""),
            Line::styled("Type @name: what they said", theme::dim()),
            Line::styled("then Enter. Tag with #priority.", theme::dim()),
        ];
        Paragraph::new(hint.to_vec()).render(inner, buf);
        return;
    }
    let lines = &app.view_state().notes_lines;
    draw_lines(&lines[..lines.len().min(inner.height.into())], inner, buf);
}

/// The first row and the lines on screen: the end of the meeting when following it, else
/// from the remembered top, moved just enough to show the selected note. Only rows on
/// screen are wrapped.
pub fn visible_lines(app: &App, height: usize, width: usize) -> (usize, Vec<Line<'static>>) {
    if height == 0 || width == 0 {
        return (app.view_state().notes_top, Vec::new());
    }
    let session = app.session();
    let timeline = app.meeting().timeline();
    let last = timeline.rows().saturating_sub(1);
    let anchor = app
        .selected_note()
        .and_then(|id| timeline.row_of_note(session, id));
    let (top, mut lines, mut next) = match anchor {
        None => {
            let (top, lines) = ending_at(app, last, height, width);
            (top, lines, last + 1)
        }
        Some(selected) => {
            let remembered = app.view_state().notes_top.min(last);
            // The header of the selected note's intervention: who said it, and when.
            let header = match timeline.at(selected) {
                Some(Row::Note(_, n)) => selected - n - 1,
                _ => selected,
            };
            let (end_top, end_lines) = ending_at(app, selected, height, width);
            if end_top <= header {
                // Header and note fit together: keep the top if it shows both, else move
                // just enough.
                if (end_top..=header).contains(&remembered) {
                    (remembered, Vec::new(), remembered)
                } else if remembered > header {
                    (header, Vec::new(), header)
                } else {
                    (end_top, end_lines, selected + 1)
                }
            } else if selected < remembered {
                // A long intervention: the note at the top, its header scrolled off above.
                (selected, Vec::new(), selected)
            } else if remembered < end_top {
                (end_top, end_lines, selected + 1)
            } else {
                (remembered, Vec::new(), remembered)
            }
        }
    };
    while lines.len() < height {
        let Some(kind) = timeline.at(next) else {
            break;
        };
        lines.extend(row_lines(app, session, kind, width));
        next += 1;
    }
    lines.truncate(height);
    (top, lines)
}

/// The topmost row and the lines from it through row `last`, cut at the top so that they
/// end exactly at the bottom of `height` lines (all of them when they are fewer).
fn ending_at(app: &App, last: usize, height: usize, width: usize) -> (usize, Vec<Line<'static>>) {
    let mut rows: Vec<Vec<Line<'static>>> = Vec::new();
    let mut used = 0;
    let mut row = last;
    while let Some(kind) = app.meeting().timeline().at(row) {
        let lines = row_lines(app, app.session(), kind, width);
        used += lines.len();
        rows.push(lines);
        if used >= height || row == 0 {
            break;
        }
        row -= 1;
    }
    let mut lines: Vec<Line<'static>> = rows.into_iter().rev().flatten().collect();
    lines.drain(..used.saturating_sub(height));
    (row, lines)
}

/// The lines of one row, wrapped to `width`.
fn row_lines(app: &App, session: &Session, row: Row, width: usize) -> Vec<Line<'static>> {
    match row {
        Row::Header(i) => vec![header_line(app, session, i, width)],
        Row::Note(i, n) => {
            let note = &session.interventions[i].notes[n];
            let selected = app.selected_note() == Some(note.id);
            let matched = app.is_search_match(note.id);
            let procedural = app.tally().is_procedural(session.interventions[i].id);
            let base = if selected {
                theme::selected_note()
            } else if matched {
                theme::search_match()
            } else if procedural {
                theme::dim()
            } else {
                theme::plain()
            };
            let marker = match (note.emphasis, selected) {
                (true, _) => Cow::from("  ! "),
                (false, true) => Cow::from("  ▸ "),
                (false, false) => Cow::from("  · "),
            };
            let marker_style = match (note.emphasis, selected) {
                (true, _) => base.patch(theme::emphasis()),
                (false, true) => base,
                (false, false) => base.patch(theme::dim()),
            };
            let mut fragments = vec![(marker, marker_style)];
            let text = visible(&note.text);
            match note.kind {
                NoteKind::Quote => fragments.push((
                    Cow::Owned(format!("“{text}”")),
                    if selected {
                        base.add_modifier(Modifier::ITALIC)
                    } else {
                        base.patch(theme::quote())
                    },
                )),
                NoteKind::Point if note.emphasis => {
                    fragments.push((text, base.add_modifier(Modifier::BOLD)))
                }
                NoteKind::Point => fragments.push((text, base)),
            }
            for tag in &note.tags {
                fragments.push((
                    Cow::Owned(format!(" #{}", visible(tag))),
                    base.patch(theme::tag()),
                ));
            }
            for tag in &note.opposes {
                fragments.push((
                    Cow::Owned(format!(" #-{}", visible(tag))),
                    base.patch(theme::tag()),
                ));
            }
            let mut lines = wrap(&fragments, width, 4);
            if selected {
                // Fill the selected row's lines to the edge so the highlight reads as one block.
                for line in &mut lines {
                    let used = line.width();
                    line.spans
                        .push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
                }
            }
            lines
        }
    }
}

fn header_line(app: &App, session: &Session, i: usize, width: usize) -> Line<'static> {
    let intervention = &session.interventions[i];
    let participant = app
        .view_state()
        .roster
        .participant(session, &intervention.participant);
    let name = participant.map_or(intervention.participant.as_str(), |p| p.name.as_str());
    let mut detail = participant
        .map(|p| {
            let group = session
                .group(&p.group)
                .map_or(p.group.as_str(), |g| g.name.as_str());
            match p.affiliation.is_empty() {
                true => group.to_string(),
                false => format!("{} · {group}", p.affiliation),
            }
        })
        .unwrap_or_default();
    let running = intervention.end.is_none() && intervention.channel == Channel::Floor;
    let duration = match intervention.end {
        Some(end) => duration_label(intervention.start.until(end)),
        None if running => duration_label(intervention.start.until(app.meeting_now())),
        None => String::new(),
    };
    if intervention.channel == Channel::Chat {
        detail = format!("chat · {detail}");
    }
    // The chair's housekeeping is shown, dimmed and said, but counted nowhere.
    let procedural = app.tally().is_procedural(intervention.id);
    if procedural {
        detail = format!("procedural · {detail}");
    }
    let time = format!("{} ", intervention.start);
    let name = visible(name).into_owned();
    let tail = if duration.is_empty() {
        String::new()
    } else {
        format!(" {duration}")
    };
    let room = width.saturating_sub(time.len() + self::width(&name) + tail.len() + 3);
    let detail = truncate(&visible(&detail), room).into_owned();
    let name_style = match intervention.channel {
        _ if procedural => theme::dim(),
        Channel::Floor => theme::floor_name(),
        Channel::Chat => theme::chat_name(),
    };
    let mut spans = vec![
        Span::styled(time, theme::dim()),
        Span::styled(
            truncate(&name, width.saturating_sub(9)).into_owned(),
            name_style,
        ),
    ];
    if !detail.is_empty() {
        spans.push(Span::styled(format!("  {detail}"), theme::dim()));
    }
    if !tail.is_empty() {
        let style = if running { theme::good() } else { theme::dim() };
        spans.push(Span::styled(tail, style));
    }
    Line::from(spans)
}
