//! The screen's one theme: every style and the frames of panes and popups.
//!
//! Panes name what a span means (`theme::tag()`, `theme::selected()`), never a
//! colour. Meaning never rests on colour alone: selections are also reversed or
//! marked, so they read the same under `NO_COLOR` or on a monochrome terminal.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Block;

/// Whether the user asked for no colour (`NO_COLOR` set and not empty): the terminal
/// library then leaves colours out, so highlights fall back to reverse video.
pub fn no_color() -> bool {
    static NO_COLOR: OnceLock<bool> = OnceLock::new();
    *NO_COLOR.get_or_init(|| std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
}

/// `colored` when colours show, else reverse video.
fn highlight(colored: Style) -> Style {
    if no_color() {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        colored
    }
}

/// Plain text.
pub fn plain() -> Style {
    Style::default()
}

/// Secondary text: hints, details, times, empty states.
pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

/// Text of lesser weight that must stay readable (people who have not spoken).
pub fn muted() -> Style {
    Style::default().fg(Color::Gray)
}

/// Bold text: titles, labels, counts.
pub fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// A heading inside a pane or popup (group names, help sections).
pub fn heading() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

/// Something that has the floor or is going well: the running turn, "all groups".
pub fn good() -> Style {
    Style::default().fg(Color::Green)
}

/// Something to look at: a group heard more than its weight.
pub fn notice() -> Style {
    Style::default().fg(Color::Yellow)
}

/// Something wrong: errors, a group heard far less than its weight.
pub fn bad() -> Style {
    Style::default().fg(Color::Red)
}

/// The focused field or line.
pub fn focused() -> Style {
    Style::default().fg(Color::Cyan)
}

/// A key name in a list of choices.
pub fn key() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// A `#tag` after a note.
pub fn tag() -> Style {
    Style::default().fg(Color::Yellow)
}

/// A verbatim quote.
pub fn quote() -> Style {
    Style::default()
        .fg(Color::Green)
        .add_modifier(Modifier::ITALIC)
}

/// The `!` of a strongly voiced point.
pub fn emphasis() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// A speaker's name on the floor.
pub fn floor_name() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

/// A speaker's name in the chat.
pub fn chat_name() -> Style {
    Style::default()
        .fg(Color::Magenta)
        .add_modifier(Modifier::BOLD)
}

/// The selected row of a list or popup.
pub fn selected() -> Style {
    highlight(Style::default().bg(Color::Yellow).fg(Color::Black))
}

/// The selected note in the notes pane.
pub fn selected_note() -> Style {
    highlight(Style::default().bg(Color::Blue).fg(Color::White))
}

/// A note matching the search: underlined as well as shaded.
pub fn search_match() -> Style {
    Style::default()
        .bg(Color::Rgb(60, 60, 0))
        .add_modifier(Modifier::UNDERLINED)
}

/// The highlighted person of the speaker filter.
pub fn filter_match() -> Style {
    highlight(Style::default().bg(Color::Cyan).fg(Color::Black))
}

/// The cursor drawn over an empty input.
pub fn cursor() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// The status bar's ground.
pub fn bar() -> Style {
    Style::default().bg(Color::Rgb(40, 40, 40)).fg(Color::Gray)
}

/// A warning in the status bar (the file changed or went missing).
pub fn bar_warning() -> Style {
    bar()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// An alarm in the status bar (notes not saved) or an error message.
pub fn bar_alarm() -> Style {
    bar()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD)
}

/// A message in the status bar.
pub fn bar_message() -> Style {
    bar().fg(Color::Cyan)
}

/// How a pane's or popup's frame is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// A pane at rest.
    Pane,
    /// A pane or box that has the keys.
    Focused,
    /// A popup over the panes (completion, a choice to make).
    Popup,
}

/// A bordered frame with its title in bold and, when given, a hint along the bottom.
pub fn frame(kind: Frame, title: String, hint: String) -> Block<'static> {
    let border = match kind {
        Frame::Pane => Color::DarkGray,
        Frame::Focused => Color::Cyan,
        Frame::Popup => Color::Yellow,
    };
    let block = Block::bordered()
        .border_style(Style::default().fg(border))
        .title(Span::styled(title, bold()));
    if hint.is_empty() {
        block
    } else {
        block.title_bottom(Span::styled(hint, dim()))
    }
}
