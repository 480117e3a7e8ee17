//! The speakers pane: who has the floor, then the roster grouped by group with
//! interventions per person; the fuzzy filter narrows it to the matches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::clock::duration_label;
use crate::model::Participant;
use crate::ui::app::App;
use crate::ui::state::roster::RosterRow;
use crate::ui::text::{draw_lines, truncate, visible, width};
use crate::ui::theme::{self, Frame};

/// Draws the speakers pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let session = app.session();
    let filter = app.speaker_filter();
    let totals = &app.tally().totals;
    let title = match filter {
        Some(_) => " Speakers · find ".to_string(),
        None => format!(
            " Speakers · {}/{} ",
            totals.speakers, totals.registered_people
        ),
    };
    let kind = if filter.is_some() {
        Frame::Focused
    } else {
        Frame::Pane
    };
    let block = theme::frame(kind, title, String::new());
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
            lines.push(Line::styled("no match", theme::dim()));
        }
        draw_lines(&lines, inner, buf);
        return;
    }

    match app.floor_with_time() {
        Some((p, seconds)) => {
            let time = duration_label(seconds);
            let name = truncate(&visible(&p.name), w.saturating_sub(width(&time) + 3)).into_owned();
            lines.push(Line::from(vec![
                Span::styled("▶ ", theme::good()),
                Span::styled(name, theme::good().patch(theme::bold())),
                Span::raw(" "),
                Span::styled(time, theme::good()),
            ]));
        }
        None => lines.push(Line::styled("nobody has the floor", theme::dim())),
    }

    // The roster's order is kept between frames: only the rows on screen are made into lines.
    let roster = &app.view_state().roster;
    let floor_line = floor.and_then(|id| roster.row_of(session, id));
    let room = (inner.height as usize).saturating_sub(lines.len());
    // The roster can outgrow the pane: start the list so the person on the floor stays shown.
    let skip = match floor_line {
        Some(at) if at >= room => at + 1 - room,
        _ => 0,
    };
    for row in roster.rows.iter().skip(skip).take(room) {
        lines.push(match *row {
            RosterRow::Group {
                group,
                spoke,
                members,
            } => {
                let name = group.map_or("(no group)", |g| session.groups[g].name.as_str());
                let mut spans = vec![Span::styled(
                    truncate(&visible(name), w.saturating_sub(6)).into_owned(),
                    theme::heading(),
                )];
                if group.is_some() {
                    spans.push(Span::styled(format!(" {spoke}/{members}"), theme::dim()));
                }
                Line::from(spans)
            }
            RosterRow::Person(index) => {
                let p = &session.participants[index];
                person_line(app, p, w, false, floor == Some(&p.id))
            }
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
        theme::filter_match()
    } else {
        theme::plain()
    };
    // On the highlighted row everything takes the highlight's colours.
    let part = |style| if highlighted { base } else { style };
    let name_style = match (on_floor, count) {
        (true, _) => base.patch(theme::good()).patch(theme::bold()),
        (false, 0) if !highlighted => theme::muted(),
        _ => base,
    };
    let mut spans = vec![
        Span::styled(marker, base.patch(theme::good())),
        Span::styled(name, name_style),
    ];
    if !affiliation.is_empty() {
        spans.push(Span::styled(format!(" {affiliation}"), part(theme::dim())));
    }
    spans.push(Span::styled(" ".repeat(pad), base));
    spans.push(Span::styled(count_text, part(theme::tag())));
    Line::from(spans)
}
