//! The notes pane: the meeting as a timeline of interventions, each with its notes.
//!
//! Only the rows on screen are wrapped and drawn; [`Timeline`] maps a row to
//! its intervention and note without walking the session.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::App;
use super::text::{draw_lines, truncate, visible, wrap};
use crate::action::Action;
use crate::clock::duration_label;
use crate::model::{Channel, NoteKind, Session};
use crate::timeline::Row;

/// Draws the notes pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!(" Notes · {} ", app.tally.totals.notes);
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
            if super::text::width(&hint) + super::text::width(&item) > room {
                break;
            }
            hint.push_str(&item);
        }
    }
    let block = super::layout::pane_block(title, hint);
    let inner = block.inner(area);
    block.render(area, buf);
    let height = inner.height as usize;
    let width = inner.width as usize;
    app.remember_notes_height(height);
    if app.timeline.rows() == 0 {
        let hint = [
            Line::styled("No notes yet.", Style::default().fg(Color::DarkGray)),
            Line::raw(""),
            Line::styled(
                "Type @name: what they said",
                Style::default().fg(Color::DarkGray),
            ),
            Line::styled(
                "then Enter. Tag with #priority.",
                Style::default().fg(Color::DarkGray),
            ),
        ];
        Paragraph::new(hint.to_vec()).render(inner, buf);
        return;
    }
    if height == 0 || width == 0 {
        return;
    }
    let mut lines = visible_lines(app, height, width);
    lines.truncate(height);
    draw_lines(&lines, inner, buf);
}

/// The lines on screen: the end of the meeting when following it, else from the remembered
/// top, moved just enough to show the selected note. Only rows on screen are wrapped.
fn visible_lines(app: &App, height: usize, width: usize) -> Vec<Line<'static>> {
    let session = &app.session;
    let last = app.timeline.rows().saturating_sub(1);
    let anchor = app
        .selected_note()
        .and_then(|id| app.timeline.row_of_note(session, id));
    let (top, mut lines, mut next) = match anchor {
        None => {
            let (top, lines) = ending_at(app, last, height, width);
            (top, lines, last + 1)
        }
        Some(selected) => {
            let remembered = app.notes_top.get().min(last);
            // Show the intervention's header with its first note.
            let wanted_top = match app.timeline.at(selected.saturating_sub(1)) {
                Some(Row::Header(_)) => selected - 1,
                _ => selected,
            };
            if wanted_top < remembered {
                (wanted_top, Vec::new(), wanted_top)
            } else {
                let (top, lines) = ending_at(app, selected, height, width);
                if remembered > top {
                    (remembered, Vec::new(), remembered)
                } else {
                    (top, lines, selected + 1)
                }
            }
        }
    };
    while lines.len() < height {
        let Some(kind) = app.timeline.at(next) else {
            break;
        };
        lines.extend(row_lines(app, session, kind, width));
        next += 1;
    }
    app.notes_top.set(top);
    lines
}

/// The topmost row and the lines from it through row `last`, cut at the top so that they
/// end exactly at the bottom of `height` lines (all of them when they are fewer).
fn ending_at(app: &App, last: usize, height: usize, width: usize) -> (usize, Vec<Line<'static>>) {
    let mut rows: Vec<Vec<Line<'static>>> = Vec::new();
    let mut used = 0;
    let mut row = last;
    while let Some(kind) = app.timeline.at(row) {
        let lines = row_lines(app, &app.session, kind, width);
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
            let base = if selected {
                Style::default().bg(Color::Blue).fg(Color::White)
            } else if matched {
                Style::default().bg(Color::Rgb(60, 60, 0))
            } else {
                Style::default()
            };
            let marker = match (note.emphasis, selected) {
                (true, _) => Cow::from("  ! "),
                (false, true) => Cow::from("  ▸ "),
                (false, false) => Cow::from("  · "),
            };
            let marker_style = if note.emphasis {
                base.fg(Color::Red).add_modifier(Modifier::BOLD)
            } else {
                base.fg(if selected {
                    Color::White
                } else {
                    Color::DarkGray
                })
            };
            let mut fragments = vec![(marker, marker_style)];
            let text = visible(&note.text);
            match note.kind {
                NoteKind::Quote => fragments.push((
                    Cow::Owned(format!("“{text}”")),
                    base.add_modifier(Modifier::ITALIC).fg(if selected {
                        Color::White
                    } else {
                        Color::Green
                    }),
                )),
                NoteKind::Point if note.emphasis => {
                    fragments.push((text, base.add_modifier(Modifier::BOLD)))
                }
                NoteKind::Point => fragments.push((text, base)),
            }
            for tag in &note.tags {
                fragments.push((
                    Cow::Owned(format!(" #{}", visible(tag))),
                    base.fg(Color::Yellow),
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
        .roster
        .refreshed(app)
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
        None if running => duration_label(intervention.start.until(app.now())),
        None => String::new(),
    };
    if intervention.channel == Channel::Chat {
        detail = format!("chat · {detail}");
    }
    let time = format!("{} ", intervention.start);
    let name = visible(name).into_owned();
    let tail = if duration.is_empty() {
        String::new()
    } else {
        format!(" {duration}")
    };
    let room = width.saturating_sub(time.len() + super::text::width(&name) + tail.len() + 3);
    let detail = truncate(&visible(&detail), room).into_owned();
    let name_style = match intervention.channel {
        Channel::Floor => Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        Channel::Chat => Style::default()
            .fg(Color::Magenta)
            .add_modifier(Modifier::BOLD),
    };
    let mut spans = vec![
        Span::styled(time, Style::default().fg(Color::DarkGray)),
        Span::styled(
            truncate(&name, width.saturating_sub(9)).into_owned(),
            name_style,
        ),
    ];
    if !detail.is_empty() {
        spans.push(Span::styled(
            format!("  {detail}"),
            Style::default().fg(Color::DarkGray),
        ));
    }
    if !tail.is_empty() {
        let style = if running {
            Style::default().fg(Color::Green)
        } else {
            Style::default().fg(Color::DarkGray)
        };
        spans.push(Span::styled(tail, style));
    }
    Line::from(spans)
}
