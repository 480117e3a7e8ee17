//! Where each pane goes, for every terminal size, and the one `render` entry point.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{capture, details, disk, form, help, notes, review, speakers, status, tally};
use crate::ui::app::{App, Overlay};
use crate::ui::theme;

/// Narrowest terminal the screen is drawn in.
pub const MIN_WIDTH: u16 = 60;
/// Shortest terminal the screen is drawn in.
pub const MIN_HEIGHT: u16 = 16;

/// Width from which the three panes stand side by side.
const THREE_COLUMNS: u16 = 120;

/// The rectangles of the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The roster.
    pub speakers: Rect,
    /// The timeline of notes.
    pub notes: Rect,
    /// The tally.
    pub tally: Rect,
    /// The capture line, in its box.
    pub capture: Rect,
    /// The status bar.
    pub status: Rect,
}

/// The panes' places in `area`, or `None` when the terminal is too small.
pub fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [body, capture, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(area);
    if area.width >= THREE_COLUMNS {
        // Side by side: roster, timeline, tally; the timeline takes what is left.
        let side = (area.width / 5).clamp(28, 40);
        let tally_width = (area.width * 3 / 10).clamp(40, 72);
        let [speakers, notes, tally] = Layout::horizontal([
            Constraint::Length(side),
            Constraint::Fill(1),
            Constraint::Length(tally_width),
        ])
        .areas(body);
        Some(Areas {
            speakers,
            notes,
            tally,
            capture,
            status,
        })
    } else {
        // Narrower: the timeline on the left, roster over tally on the right.
        let side = (area.width * 2 / 5).clamp(30, 44);
        let [notes, right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(body);
        let [speakers, tally] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(right);
        Some(Areas {
            speakers,
            notes,
            tally,
            capture,
            status,
        })
    }
}

/// The inside of a pane's frame.
pub fn inner(pane: Rect) -> Rect {
    pane.inner(Margin::new(1, 1))
}

/// Draws the whole screen from what was laid out before; only reads the app.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(areas) = areas(area) else {
        too_small(area, buf);
        return;
    };
    speakers::render(app, areas.speakers, buf);
    notes::render(app, areas.notes, buf);
    tally::render(app, areas.tally, buf);
    capture::render(app, areas.capture, buf);
    status::render(app, areas.status, buf);
    match &app.overlay {
        Overlay::Help { scroll } => help::render(&app.keymap, *scroll, area, buf),
        Overlay::Form(f) => form::render(f, app.session(), area, buf),
        Overlay::DiskChoice(choice) => {
            if let Some(file) = app.file_path() {
                disk::render(choice, file, &app.keymap, area, buf)
            }
        }
        Overlay::None => capture::render_popup(app, areas.capture, area, buf),
        Overlay::Search(_) | Overlay::Filter(_) => {}
        Overlay::Details(d) => details::render(d, app.session(), area, buf),
        Overlay::Review(state) => {
            let body = areas.speakers.union(areas.notes).union(areas.tally);
            review::render(app, state, body, areas.capture, buf);
        }
    }
}

/// Says plainly that the terminal is too small, and how small.
fn too_small(area: Rect, buf: &mut Buffer) {
    let text = vec![
        Line::styled("Terminal too small", theme::key()),
        Line::raw(format!(
            "{}x{}: rapporteur needs {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::raw("Enlarge the window to go on; nothing is lost."),
    ];
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fill_the_screen_without_overlap() {
        for (w, h) in [
            (60, 16),
            (80, 24),
            (119, 30),
            (120, 40),
            (160, 48),
            (300, 80),
        ] {
            let screen = Rect::new(0, 0, w, h);
            let a = areas(screen).unwrap();
            let panes = [a.speakers, a.notes, a.tally, a.capture, a.status];
            let cells: u32 = panes
                .iter()
                .map(|r| u32::from(r.width) * u32::from(r.height))
                .sum();
            assert_eq!(cells, u32::from(w) * u32::from(h), "{w}x{h}");
            for (i, p) in panes.iter().enumerate() {
                assert!(p.width > 0 && p.height > 0, "{w}x{h} pane {i}");
                for q in &panes[i + 1..] {
                    assert!(!p.intersects(*q), "{w}x{h}: {p:?} overlaps {q:?}");
                }
            }
        }
        assert_eq!(areas(Rect::new(0, 0, 59, 24)), None);
    }
}
