//! The speakers pane: who has the floor, then the roster grouped by group with
//! interventions per person; the fuzzy filter narrows it to the matches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::app::App;
use super::text::{draw_lines, truncate, visible, width};
use crate::clock::duration_label;
use crate::model::Participant;

/// Draws the speakers pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let session = &app.session;
    let filter = app.speaker_filter();
    let title = match filter {
        Some(_) => " Speakers · find ".to_string(),
        None => format!(
            " Speakers · {}/{} ",
            app.tally.totals.speakers, app.tally.totals.registered_people
        ),
    };
    let block = Block::bordered()
        .border_style(Style::default().fg(if filter.is_some() {
            Color::Cyan
        } else {
            Color::DarkGray
        }))
        .title(Span::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let floor = app.floor_holder();

    if let Some(filter) = filter {
        for (rank, &index) in filter.matches.iter().enumerate() {
            let p = &session.participants[index];
            lines.push(person_line(
                app,
                p,
                w,
                rank == filter.selected,
                floor == Some(&p.id),
            ));
        }
        if filter.matches.is_empty() {
            lines.push(Line::styled(
                "no match",
                Style::default().fg(Color::DarkGray),
            ));
        }
        draw_lines(&lines, inner, buf);
        return;
    }

    match app.floor_with_time() {
        Some((p, seconds)) => {
            let time = duration_label(seconds);
            let name = truncate(&visible(&p.name), w.saturating_sub(width(&time) + 3)).into_owned();
            lines.push(Line::from(vec![
                Span::styled("▶ ", Style::default().fg(Color::Green)),
                Span::styled(
                    name,
                    Style::default()
                        .fg(Color::Green)
                        .add_modifier(Modifier::BOLD),
                ),
                Span::raw(" "),
                Span::styled(time, Style::default().fg(Color::Green)),
            ]));
        }
        None => lines.push(Line::styled(
            "nobody has the floor",
            Style::default().fg(Color::DarkGray),
        )),
    }

    // Lay the roster out as plain entries first, and make lines only for those on screen.
    enum Entry<'a> {
        Group(&'a str, usize, usize),
        Person(&'a Participant),
    }
    let mut roster: Vec<Entry> = Vec::new();
    for group in &session.groups {
        let at = roster.len();
        let (mut members, mut spoke) = (0, 0);
        for p in session.participants.iter().filter(|p| p.group == group.id) {
            members += 1;
            spoke += usize::from(app.interventions_of(&p.id) > 0);
            roster.push(Entry::Person(p));
        }
        if members > 0 {
            roster.insert(at, Entry::Group(&group.name, spoke, members));
        }
    }
    let orphans = session
        .participants
        .iter()
        .filter(|p| session.group(&p.group).is_none());
    for (i, p) in orphans.enumerate() {
        if i == 0 {
            roster.push(Entry::Group("(no group)", 0, 0));
        }
        roster.push(Entry::Person(p));
    }
    // The roster can outgrow the pane: start the list so the person on the floor stays shown.
    let floor_line = roster
        .iter()
        .position(|e| matches!(e, Entry::Person(p) if floor == Some(&p.id)));
    let room = (inner.height as usize).saturating_sub(lines.len());
    let skip = match floor_line {
        Some(at) if at >= room => at + 1 - room,
        _ => 0,
    };
    for entry in roster.iter().skip(skip).take(room) {
        lines.push(match entry {
            Entry::Group(name, spoke, members) => {
                let mut spans = vec![Span::styled(
                    truncate(&visible(name), w.saturating_sub(6)).into_owned(),
                    Style::default()
                        .fg(Color::Cyan)
                        .add_modifier(Modifier::BOLD),
                )];
                if *members > 0 {
                    spans.push(Span::styled(
                        format!(" {spoke}/{members}"),
                        Style::default().fg(Color::DarkGray),
                    ));
                }
                Line::from(spans)
            }
            Entry::Person(p) => person_line(app, p, w, false, floor == Some(&p.id)),
        });
    }
    draw_lines(&lines, inner, buf);
}

/// One roster line: marker, name, affiliation when it fits, interventions so far.
fn person_line(
    app: &App,
    p: &Participant,
    w: usize,
    highlighted: bool,
    on_floor: bool,
) -> Line<'static> {
    let count = app.interventions_of(&p.id);
    let count_text = if count > 0 {
        format!(" {count}")
    } else {
        String::new()
    };
    let marker = if on_floor { "▶ " } else { "  " };
    let room = w.saturating_sub(2 + count_text.len());
    let name = truncate(&visible(&p.name), room).into_owned();
    let left = room.saturating_sub(width(&name));
    let affiliation = if p.affiliation.is_empty() || left < 6 {
        String::new()
    } else {
        truncate(&visible(&p.affiliation), left - 1).into_owned()
    };
    let pad = room.saturating_sub(
        width(&name)
            + if affiliation.is_empty() {
                0
            } else {
                width(&affiliation) + 1
            },
    );
    let base = if highlighted {
        Style::default().bg(Color::Cyan).fg(Color::Black)
    } else {
        Style::default()
    };
    let name_style = match (on_floor, count) {
        (true, _) => base.fg(Color::Green).add_modifier(Modifier::BOLD),
        (false, 0) if !highlighted => base.fg(Color::Gray),
        _ => base,
    };
    let mut spans = vec![
        Span::styled(marker, base.fg(Color::Green)),
        Span::styled(name, name_style),
    ];
    if !affiliation.is_empty() {
        spans.push(Span::styled(
            format!(" {affiliation}"),
            base.fg(if highlighted {
                Color::Black
            } else {
                Color::DarkGray
            }),
        ));
    }
    spans.push(Span::styled(" ".repeat(pad), base));
    spans.push(Span::styled(
        count_text,
        base.fg(if highlighted {
            Color::Black
        } else {
            Color::Yellow
        }),
    ));
    Line::from(spans)
}
