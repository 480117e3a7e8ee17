//! The session file changed under the screen: the choice between keeping both versions
//! (yours saved as a copy beside it) and writing yours over theirs.
//!
//! Nothing is decided for the user: another program's version is never overwritten
//! without the explicit key, and the copy never replaces an existing file.

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::text::{draw_lines, visible, wrap};
use crate::action::Action;
use crate::clock::Clock;
use crate::keymap::Keymap;

/// Key that saves your version as a copy beside the file.
pub const COPY_KEY: char = 'c';
/// Key that writes your version over the file.
pub const OVERWRITE_KEY: char = 'o';

/// What happens once the choice is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterChoice {
    /// Back to the meeting.
    Stay,
    /// The user was quitting: quit.
    Quit,
}

/// The open choice: keep both versions, or overwrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskChoice {
    /// What to do afterwards.
    pub then: AfterChoice,
    /// The name the copy would get.
    pub copy: PathBuf,
    /// Why the last attempt failed, if it did.
    pub error: Option<String>,
}

/// `FILE.mine-HHMMSS.ron` beside `session` (with `-N` after the time for the `n`th try),
/// the name under which your version is kept when another program changed the file.
pub fn copy_path(session: &Path, now: Clock, n: usize) -> PathBuf {
    let stem = session
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let extension = session
        .extension()
        .map_or_else(|| "ron".to_string(), |e| e.to_string_lossy().into_owned());
    let time = now.to_string().replace(':', "");
    let suffix = if n == 0 {
        String::new()
    } else {
        format!("-{}", n + 1)
    };
    session.with_file_name(format!("{stem}.mine-{time}{suffix}.{extension}"))
}

fn file_name(path: &Path) -> String {
    visible(&path.file_name().unwrap_or_default().to_string_lossy()).into_owned()
}

/// Draws the choice in the middle of the screen.
pub fn render(choice: &DiskChoice, file: &Path, keymap: &Keymap, screen: Rect, buf: &mut Buffer) {
    let width = screen.width.clamp(20, 70);
    let inner_width = usize::from(width.saturating_sub(2));
    let name = file_name(file);
    let copy = file_name(&choice.copy);
    let plain = Style::default();
    let key = Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD);
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
        lines.extend(para(error.clone(), Style::default().fg(Color::Red)));
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
    let block = Block::bordered()
        .border_style(Style::default().fg(Color::Yellow))
        .title(Span::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    draw_lines(&lines, inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_after_the_file_and_the_time() {
        let now = Clock(10 * 3600 + 35 * 60 + 12);
        assert_eq!(
            copy_path(Path::new("/m/meeting.ron"), now, 0),
            Path::new("/m/meeting.mine-103512.ron")
        );
        assert_eq!(
            copy_path(Path::new("notes"), now, 2),
            Path::new("notes.mine-103512-3.ron")
        );
    }
}
