//! The tally pane: the live ranking of priorities, or each group's voice balance.
//!
//! It only reads [`crate::tally::Tally`], which the meeting keeps up to date edit by edit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::action::Action;
use crate::tally::{Label, PriorityTally, VoiceBalance};
use crate::ui::app::{App, TallyView};
use crate::ui::text::{draw_lines, truncate, visible, width};
use crate::ui::theme::{self, Frame};

/// Width from which a priority fits on one line.
const ONE_LINE_WIDTH: usize = 60;

/// Draws the tally pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let totals = &app.tally().totals;
    let (title, other) = match app.tally_view {
        TallyView::Ranking => (" Tally ", "voice balance"),
        TallyView::VoiceBalance => (" Voice balance ", "ranking"),
    };
    let noun = if totals.interventions == 1 {
        "intervention"
    } else {
        "interventions"
    };
    let mut title = format!("{title}· {} {noun} ", totals.interventions);
    if totals.chat > 0 && title.len() + 10 < usize::from(area.width) {
        title = format!("{title}({} chat) ", totals.chat);
    }
    let hint = format!(" {} {other} ", app.keymap.hint(Action::ToggleVoiceBalance));
    let block = theme::frame(Frame::Pane, title, hint);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    let lines = match app.tally_view {
        TallyView::Ranking => ranking_lines(app, w, inner.height as usize),
        TallyView::VoiceBalance => balance_lines(app, w),
    };
    draw_lines(&lines, inner, buf);
}

/// The ranking's lines, as many as fill `rows`: a long list of priorities is never laid out
/// past the bottom of the pane.
fn ranking_lines(app: &App, w: usize, rows: usize) -> Vec<Line<'static>> {
    let tally = app.tally();
    if tally.priorities.is_empty() {
        return vec![
            Line::styled("No priorities yet.", theme::dim()),
            Line::styled("Tag a note with #name to create one.", theme::dim()),
        ];
    }
    let max = tally.max_interventions().max(1);
    let mut lines = Vec::new();
    let mut previous = None;
    for p in tally.ranked() {
        if lines.len() >= rows {
            break;
        }
        let raised = p.interventions > 0;
        let dim = if raised { theme::plain() } else { theme::dim() };
        // A tie shares its rank: said once, the others marked equal.
        let rank = if previous == Some(p.rank) {
            " = ".to_string()
        } else {
            format!("{:>2} ", p.rank)
        };
        previous = Some(p.rank);
        let count = format!("{:>3}", p.interventions);
        let groups = format!(" {}/{}", p.counting_groups, p.counting_groups_total);
        let labels = label_text(p);
        if w >= ONE_LINE_WIDTH {
            let bar_width = 10;
            let fixed = rank.len() + 1 + bar_width + count.len() + groups.len() + 1;
            let label_room = (w.saturating_sub(fixed) / 3).min(width(&labels));
            let title_room = w.saturating_sub(fixed + label_room + 1);
            let title = pad(&truncate(&visible(&p.title), title_room), title_room);
            let mut spans = vec![
                Span::styled(rank, theme::dim()),
                Span::styled(
                    title,
                    dim.add_modifier(if p.rank == 1 && raised {
                        Modifier::BOLD
                    } else {
                        Modifier::empty()
                    }),
                ),
                Span::raw(" "),
                Span::styled(
                    pad(&bar(p.interventions, max, bar_width), bar_width),
                    theme::focused(),
                ),
                Span::styled(count, dim.add_modifier(Modifier::BOLD)),
                Span::styled(groups, group_style(p)),
            ];
            if label_room > 0 {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    truncate(&labels, label_room).into_owned(),
                    label_style(p),
                ));
            }
            lines.push(Line::from(spans));
        } else {
            let title_room = w.saturating_sub(rank.len() + count.len() + 1);
            let title = pad(&truncate(&visible(&p.title), title_room), title_room);
            lines.push(Line::from(vec![
                Span::styled(rank, theme::dim()),
                Span::styled(title, dim),
                Span::raw(" "),
                Span::styled(count, dim.add_modifier(Modifier::BOLD)),
            ]));
            let bar_width = (w / 3).clamp(4, 12);
            let rest = w.saturating_sub(3 + bar_width + groups.len() + 1);
            let mut spans = vec![
                Span::raw("   "),
                Span::styled(
                    pad(&bar(p.interventions, max, bar_width), bar_width),
                    theme::focused(),
                ),
                Span::styled(groups, group_style(p)),
            ];
            if rest > 2 && !labels.is_empty() {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    truncate(&labels, rest).into_owned(),
                    label_style(p),
                ));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}

fn balance_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let groups = &app.tally().groups;
    if groups.is_empty() {
        return vec![Line::styled("No groups in this session.", theme::dim())];
    }
    let name_room = groups
        .iter()
        .map(|g| width(&g.name))
        .max()
        .unwrap_or(0)
        .min(w / 3)
        .max(6);
    let mut lines = vec![Line::styled(
        if w >= ONE_LINE_WIDTH {
            format!(
                "{:<name_room$}  spoke    share of talk       share of roster",
                "group"
            )
        } else {
            "group: people who spoke / on the roster".to_string()
        },
        theme::dim(),
    )];
    for g in groups {
        let name = pad(&truncate(&visible(&g.name), name_room), name_room);
        let name_style = if g.counts_for_convergence {
            theme::bold()
        } else {
            theme::muted()
        };
        let spoke = format!("{:>3}/{:<3}", g.speakers, g.registered_people);
        let talk = balance_style(g);
        if w >= ONE_LINE_WIDTH {
            let bar_width = (w.saturating_sub(name_room + 2 + 8 + 2 * 7) / 2).clamp(4, 20);
            lines.push(Line::from(vec![
                Span::styled(name, name_style),
                Span::raw("  "),
                Span::raw(spoke),
                Span::raw(" "),
                Span::styled(
                    pad(&share_bar(g.share_of_interventions, bar_width), bar_width),
                    talk,
                ),
                Span::styled(
                    format!(" {:>3.0}%  ", g.share_of_interventions * 100.0),
                    talk,
                ),
                Span::styled(
                    pad(&share_bar(g.share_of_roster, bar_width), bar_width),
                    theme::dim(),
                ),
                Span::raw(format!(" {:>3.0}%", g.share_of_roster * 100.0)),
            ]));
        } else {
            let name_room = w.saturating_sub(spoke.len() + 1);
            lines.push(Line::from(vec![
                Span::styled(
                    pad(&truncate(&visible(&g.name), name_room), name_room),
                    name_style,
                ),
                Span::raw(" "),
                Span::raw(spoke),
            ]));
            let bar_width = (w.saturating_sub(26) / 2).clamp(2, 12);
            lines.push(Line::from(vec![
                Span::styled(" talk ", theme::dim()),
                Span::styled(
                    pad(&share_bar(g.share_of_interventions, bar_width), bar_width),
                    talk,
                ),
                Span::styled(format!("{:>4.0}%", g.share_of_interventions * 100.0), talk),
                Span::styled("  roster ", theme::dim()),
                Span::styled(
                    pad(&share_bar(g.share_of_roster, bar_width), bar_width),
                    theme::dim(),
                ),
                Span::raw(format!("{:>4.0}%", g.share_of_roster * 100.0)),
            ]));
        }
    }
    lines
}

/// Good when a group is heard about as much as its weight on the roster, bad when far below.
fn balance_style(g: &VoiceBalance) -> Style {
    if g.interventions == 0 {
        theme::dim()
    } else if g.share_of_interventions + 0.10 < g.share_of_roster {
        theme::bad()
    } else if g.share_of_interventions > g.share_of_roster + 0.10 {
        theme::notice()
    } else {
        theme::good()
    }
}

fn label_text(p: &PriorityTally) -> String {
    p.labels
        .iter()
        .filter(|l| **l != Label::NotRaised || p.interventions == 0)
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn label_style(p: &PriorityTally) -> Style {
    if p.has(Label::Strongest) || p.has(Label::AllGroups) {
        theme::good()
    } else if p.interventions == 0 {
        theme::dim()
    } else {
        theme::muted()
    }
}

fn group_style(p: &PriorityTally) -> Style {
    if p.counting_groups_total > 0 && p.counting_groups == p.counting_groups_total {
        theme::good().patch(theme::bold())
    } else {
        theme::muted()
    }
}

/// A bar of `value` against `max` in `width` cells, in eighths.
fn bar(value: usize, max: usize, width: usize) -> String {
    share_bar(value as f64 / max.max(1) as f64, width)
}

fn share_bar(share: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8]);
    }
    out
}

/// `text` padded with spaces to `room` cells.
fn pad(text: &str, room: usize) -> String {
    format!("{text}{}", " ".repeat(room.saturating_sub(width(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(9, 9, 4), "████");
        assert_eq!(bar(0, 9, 4), "");
        assert_eq!(bar(1, 2, 3), "█▌");
    }
}
