//! Draws the choice offered when another program changed the session file: keep both
//! versions, or overwrite.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

use crate::action::Action;
use crate::keymap::Keymap;
use crate::ui::state::disk::{AfterChoice, COPY_KEY, DiskChoice, OVERWRITE_KEY};
use crate::ui::text::{draw_lines, visible, wrap};
use crate::ui::theme::{self, Frame};

fn file_name(path: &Path) -> String {
    visible(&path.file_name().unwrap_or_default().to_string_lossy()).into_owned()
}

/// Draws the choice in the middle of the screen.
pub fn render(choice: &DiskChoice, file: &Path, keymap: &Keymap, screen: Rect, buf: &mut Buffer) {
    let width = screen.width.clamp(20, 70);
    let inner_width = usize::from(width.saturating_sub(2));
    let name = file_name(file);
    let copy = file_name(&choice.copy);
    let plain = theme::plain();
    let key = theme::key();
    let para = |text: String, style: Style| wrap(&[(text.into(), style)], inner_width, 0);
    let option = |k: String, text: String| {
        let mut lines = wrap(
            &[(format!(" {k:<4}").into(), key), (text.into(), plain)],
            inner_width,
            5,
        );
        lines.push(Line::raw(""));
        lines
    };
    let mut lines: Vec<Line> = Vec::new();
    lines.extend(para(
        format!(
            "Another program changed {name} since rapporteur last wrote it. Your notes are \
             safe in its journal; nothing has been overwritten."
        ),
        plain,
    ));
    lines.push(Line::raw(""));
    let quitting = choice.then == AfterChoice::Quit;
    let and_then = if quitting { ", and quit" } else { "" };
    lines.extend(option(
        COPY_KEY.to_string(),
        format!(
            "keep both: save your version as {copy} beside it{}",
            if quitting {
                ", and quit"
            } else {
                " and go on in that copy"
            }
        ),
    ));
    lines.extend(option(
        OVERWRITE_KEY.to_string(),
        format!("overwrite {name} with your version (theirs is lost){and_then}"),
    ));
    let later = if quitting {
        "back to the meeting".to_string()
    } else {
        "decide later: notes keep going to the journal".to_string()
    };
    lines.extend(option(keymap.hint(Action::Cancel), later));
    if let Some(error) = &choice.error {
        lines.extend(para(error.clone(), theme::bad()));
    }
    while lines.last().is_some_and(|l| l.width() == 0) {
        lines.pop();
    }
    let height = (lines.len() as u16 + 2).min(screen.height);
    let area = Rect::new(
        screen.x + screen.width.saturating_sub(width) / 2,
        screen.y + screen.height.saturating_sub(height) / 2,
        width.min(screen.width),
        height,
    );
    Clear.render(area, buf);
    let title = format!(" {name} changed on disk ");
    let block = theme::frame(Frame::Popup, title, String::new());
    let inner = block.inner(area);
    block.render(area, buf);
    draw_lines(&lines, inner, buf);
}
