//! Help generated from the active keymap, with a reminder of the capture syntax.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::action::Action;
use crate::keymap::Keymap;
use crate::ui::text::{truncate, width};
use crate::ui::theme::{self, Frame};

/// The capture syntax, one example per line.
const SYNTAX: [(&str, &str); 6] = [
    ("@Amina: text", "give Amina the floor, note what she said"),
    ("@Amina (chat): text", "a chat input"),
    (
        "text #recruitment",
        "a note for whoever has the floor, tagged",
    ),
    ("\"in her words\"", "a verbatim quote"),
    ("!text", "strongly voiced"),
    ("[10:05] @Bo", "the floor at a given time"),
];

/// The help lines for `keymap`.
pub fn lines(keymap: &Keymap) -> Vec<Line<'static>> {
    let heading = theme::heading();
    let mut lines = vec![Line::styled("Typing (no mode to switch)", heading)];
    let syntax_width = SYNTAX.iter().map(|(s, _)| width(s)).max().unwrap_or(0) + 2;
    for (example, meaning) in SYNTAX {
        lines.push(Line::from(vec![
            Span::styled(format!("  {example:<syntax_width$}"), theme::tag()),
            Span::raw(meaning),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Keys ({})", keymap.sources.join(" + ")),
        heading,
    ));
    let help = keymap.help();
    let key_width = help
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(22)
        + 2;
    for (keys, what) in help {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:<key_width$}", truncate(&keys, key_width - 2)),
                theme::bold(),
            ),
            Span::raw(what),
        ]));
    }
    lines
}

/// Draws help over `screen`, scrolled down by `scroll` lines; in two columns when it
/// would not fit in one and the screen is wide enough.
pub fn render(keymap: &Keymap, scroll: usize, screen: Rect, buf: &mut Buffer) {
    let lines = lines(keymap);
    let column = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 1;
    let two = lines.len() as u16 + 2 > screen.height && 2 * column + 3 <= screen.width;
    let rows = if two {
        lines.len().div_ceil(2)
    } else {
        lines.len()
    };
    let width = (if two { 2 * column + 1 } else { column } + 2).min(screen.width);
    let height = (rows as u16 + 2).min(screen.height);
    let area = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    );
    let visible_rows = height.saturating_sub(2) as usize;
    let scroll = scroll.min(rows.saturating_sub(visible_rows));
    let more = if scroll + visible_rows < rows {
        " ↓ more "
    } else {
        ""
    };
    Clear.render(area, buf);
    let block = theme::frame(
        Frame::Focused,
        " Help ".to_string(),
        format!(" {} closes{more}", keymap.hint(Action::Cancel)),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines = lines.into_iter();
    let first: Vec<Line> = lines.by_ref().take(rows).skip(scroll).collect();
    let left = Rect {
        width: column.min(inner.width),
        ..inner
    };
    Paragraph::new(first).render(left, buf);
    if two {
        let right = Rect {
            x: inner.x + column + 1,
            width: inner.width.saturating_sub(column + 1),
            ..inner
        };
        Paragraph::new(lines.skip(scroll).collect::<Vec<_>>()).render(right, buf);
    }
}

/// Number of help lines, for scrolling.
pub fn line_count(keymap: &Keymap) -> usize {
    lines(keymap).len()
}
