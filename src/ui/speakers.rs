//! The speakers pane: who has the floor, then the roster grouped by group with
//! interventions per person; the fuzzy filter narrows it to the matches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use std::cell::{Ref, RefCell};
use std::collections::HashMap;

use super::app::App;
use super::text::{draw_lines, truncate, visible, width};
use crate::clock::duration_label;
use crate::model::{Participant, Session};

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

    // The roster's order is kept between frames: only the rows on screen are made into lines.
    let roster = app.roster.refreshed(app);
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
                    Style::default()
                        .fg(Color::Cyan)
                        .add_modifier(Modifier::BOLD),
                )];
                if group.is_some() {
                    spans.push(Span::styled(
                        format!(" {spoke}/{members}"),
                        Style::default().fg(Color::DarkGray),
                    ));
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

/// One row of the roster as the pane lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterRow {
    /// A group's heading (`None`: people whose group is not in the session), with how
    /// many of its members spoke and how many it has.
    Group {
        /// Index of the group in the session.
        group: Option<usize>,
        /// Members who have made at least one intervention.
        spoke: usize,
        /// Members on the roster.
        members: usize,
    },
    /// The participant at this index in the session.
    Person(usize),
}

/// What the roster looked like when its rows were laid out, to know when to lay them out again.
type Stamp = (usize, usize, Option<u64>);

/// The roster in the pane's order, grouped, with a row and a participant index by id.
///
/// Laying out 2,000 people takes longer than a frame may; the rows only change when
/// someone joins or leaves the roster or starts or loses an intervention, so they are
/// laid out again only then.
#[derive(Debug, Default)]
pub struct Roster {
    stamp: Option<Stamp>,
    /// The rows, in order.
    pub rows: Vec<RosterRow>,
    /// Participant index by id.
    index: HashMap<String, usize>,
    /// Row of each participant, by participant index.
    row: Vec<usize>,
}

impl Roster {
    fn stamp(session: &Session) -> Stamp {
        (
            session.participants.len(),
            session.interventions.len(),
            session.interventions.last().map(|i| i.id),
        )
    }

    fn build(app: &App) -> Roster {
        let session = &app.session;
        let mut group_index: HashMap<&str, usize> = HashMap::new();
        for (i, g) in session.groups.iter().enumerate() {
            group_index.entry(g.id.as_str()).or_insert(i);
        }
        // Members of each group in roster order; the last list holds those with no known group.
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); session.groups.len() + 1];
        let mut index = HashMap::with_capacity(session.participants.len());
        for (i, p) in session.participants.iter().enumerate() {
            let g = group_index
                .get(p.group.as_str())
                .copied()
                .unwrap_or(session.groups.len());
            members[g].push(i);
            index.entry(p.id.clone()).or_insert(i);
        }
        let mut rows = Vec::with_capacity(session.participants.len() + members.len());
        let mut row = vec![0; session.participants.len()];
        for (g, people) in members.iter().enumerate() {
            if people.is_empty() {
                continue;
            }
            let known = g < session.groups.len();
            let spoke = people
                .iter()
                .filter(|&&i| known && app.interventions_of(&session.participants[i].id) > 0)
                .count();
            rows.push(RosterRow::Group {
                group: known.then_some(g),
                spoke,
                members: people.len(),
            });
            for &i in people {
                row[i] = rows.len();
                rows.push(RosterRow::Person(i));
            }
        }
        Roster {
            stamp: Some(Roster::stamp(session)),
            rows,
            index,
            row,
        }
    }

    /// The participant with this id, found through the index.
    pub fn participant<'a>(&self, session: &'a Session, id: &str) -> Option<&'a Participant> {
        let p = session.participants.get(*self.index.get(id)?)?;
        (p.id == id).then_some(p)
    }

    /// The roster row of the participant with this id.
    fn row_of(&self, session: &Session, id: &str) -> Option<usize> {
        let i = *self.index.get(id)?;
        (session.participants.get(i)?.id == id).then(|| self.row[i])
    }
}

/// The roster kept between frames; laid out again when the session's roster or turns change.
#[derive(Debug, Default)]
pub struct RosterCache(RefCell<Roster>);

impl RosterCache {
    /// The roster of `app`'s session, laid out again first if it changed.
    pub fn refreshed(&self, app: &App) -> Ref<'_, Roster> {
        if self.0.borrow().stamp != Some(Roster::stamp(&app.session)) {
            *self.0.borrow_mut() = Roster::build(app);
        }
        self.0.borrow()
    }
}
