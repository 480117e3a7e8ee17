//! Everything a user can ask the screen for, named the same way in keymaps.
//!
//! Keys map to actions through [`crate::keymap`]; [`crate::ui::App::update`]
//! carries them out. Plain characters are not actions: they are typed into
//! whichever line has the cursor.

use serde::{Deserialize, Serialize};

/// One thing the user asks the screen to do.
///
/// Actions that depend on what is open (a popup, a form, search) say so: the
/// same key confirms a note, accepts a completion or submits a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Saves the session and leaves; an unfinished line is kept in the rescue file.
    Quit,
    /// Shows or hides the help generated from the active keymap.
    Help,
    /// Folds the journal into the session file now (commits are durable anyway).
    Save,
    /// Commits the capture line, accepts the highlighted completion, or submits the open form or search.
    Confirm,
    /// Closes the popup, form, search or help, or cancels the edit of a note.
    Cancel,
    /// Accepts the highlighted completion, or moves to the next field of a form.
    Complete,
    /// Moves to the previous field of a form.
    CompletePrev,
    /// Moves up: in the popup or list that is open, else the selected note.
    Up,
    /// Moves down: in the popup or list that is open, else the selected note.
    Down,
    /// Moves the note selection up by a page.
    PageUp,
    /// Moves the note selection down by a page.
    PageDown,
    /// Selects the first note of the meeting.
    First,
    /// Returns to the latest note and follows new ones.
    Last,
    /// Loads the selected note into the capture line to edit it; Confirm saves the change.
    EditNote,
    /// Loads the tags of the selected note into the capture line to retag it.
    RetagNote,
    /// Deletes the selected note (undo brings it back).
    DeleteNote,
    /// Undoes the last change to the session.
    Undo,
    /// Redoes the last undone change.
    Redo,
    /// Opens a fuzzy search across notes.
    Search,
    /// Jumps to the next match of the last search.
    SearchNext,
    /// Jumps to the previous match of the last search.
    SearchPrev,
    /// Opens the fuzzy filter of the roster; Confirm gives the floor to the highlighted person.
    FilterSpeakers,
    /// Switches the tally pane between the priority ranking and the voice balance.
    ToggleVoiceBalance,
    /// Takes the last line's name or tag, matched to someone or something close, as new instead.
    TakeAsNew,
    /// Brings back a line kept aside because it could not be recorded, to fix it.
    FixHeld,
    /// Ends the floor turn: nobody has the floor until the next `@NAME`.
    EndFloor,
    /// Closes the meeting: ends the floor and records the closing time.
    CloseMeeting,
    /// Opens the review before exporting, or goes back to capture.
    Review,
    /// Opens the meeting's details: title, times, languages, groups, priorities.
    Details,
    /// Moves the cursor one character left.
    CursorLeft,
    /// Moves the cursor one character right.
    CursorRight,
    /// Moves the cursor one word left.
    WordLeft,
    /// Moves the cursor one word right.
    WordRight,
    /// Moves the cursor to the start of the line.
    LineStart,
    /// Moves the cursor to the end of the line.
    LineEnd,
    /// Deletes the character before the cursor.
    DeleteBack,
    /// Deletes the character under the cursor.
    DeleteForward,
    /// Deletes the word before the cursor.
    DeleteWordBack,
    /// Deletes the word after the cursor.
    DeleteWordForward,
    /// Deletes from the cursor to the end of the line.
    DeleteToLineEnd,
    /// Deletes from the start of the line to the cursor.
    DeleteToLineStart,
    /// Does nothing: a user keymap binds a key to this to remove a default binding.
    Ignore,
}

impl Action {
    /// Every action, in the order help lists them.
    pub const ALL: [Action; 42] = [
        Action::Confirm,
        Action::Complete,
        Action::CompletePrev,
        Action::Cancel,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::First,
        Action::Last,
        Action::EditNote,
        Action::RetagNote,
        Action::DeleteNote,
        Action::Undo,
        Action::Redo,
        Action::TakeAsNew,
        Action::FixHeld,
        Action::EndFloor,
        Action::CloseMeeting,
        Action::Review,
        Action::Details,
        Action::Search,
        Action::SearchNext,
        Action::SearchPrev,
        Action::FilterSpeakers,
        Action::ToggleVoiceBalance,
        Action::Save,
        Action::Help,
        Action::Quit,
        Action::CursorLeft,
        Action::CursorRight,
        Action::WordLeft,
        Action::WordRight,
        Action::LineStart,
        Action::LineEnd,
        Action::DeleteBack,
        Action::DeleteForward,
        Action::DeleteWordBack,
        Action::DeleteWordForward,
        Action::DeleteToLineEnd,
        Action::DeleteToLineStart,
        Action::Ignore,
    ];

    /// The name keymaps use for this action, e.g. `toggle_voice_balance`.
    pub fn name(self) -> String {
        ron::to_string(&self).unwrap_or_default()
    }

    /// A short description for help, the first line of the variant's documentation.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "save and quit",
            Action::Help => "show or hide this help",
            Action::Save => "save now (every note is already on disk)",
            Action::Confirm => "commit the line / accept / submit",
            Action::Cancel => "close the popup, form or search; cancel an edit",
            Action::Complete => "accept a completion; next form field",
            Action::CompletePrev => "previous form field",
            Action::Up => "move up in a list; select the previous note",
            Action::Down => "move down in a list; select the next note",
            Action::PageUp => "select a page of notes up",
            Action::PageDown => "select a page of notes down",
            Action::First => "select the first note",
            Action::Last => "back to the latest note",
            Action::EditNote => "edit the selected note",
            Action::RetagNote => "retag the selected note",
            Action::DeleteNote => "delete the selected note",
            Action::Undo => "undo the last change",
            Action::Redo => "redo",
            Action::Search => "search the notes",
            Action::SearchNext => "next match",
            Action::SearchPrev => "previous match",
            Action::FilterSpeakers => "find a speaker and give them the floor",
            Action::ToggleVoiceBalance => "tally: ranking / voice balance",
            Action::TakeAsNew => "take the last name or tag matched as new instead",
            Action::FixHeld => "bring back a line kept aside, to fix it",
            Action::EndFloor => "end the floor: nobody has it",
            Action::CloseMeeting => "close the meeting: end the floor, record the time",
            Action::Review => "the review before exporting / back to capture",
            Action::Details => "the meeting's details: title, times, groups, priorities",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::WordLeft => "word left",
            Action::WordRight => "word right",
            Action::LineStart => "start of line",
            Action::LineEnd => "end of line",
            Action::DeleteBack => "delete the character before",
            Action::DeleteForward => "delete the character under",
            Action::DeleteWordBack => "delete the word before",
            Action::DeleteWordForward => "delete the word after",
            Action::DeleteToLineEnd => "delete to the end of the line",
            Action::DeleteToLineStart => "delete to the start of the line",
            Action::Ignore => "nothing (unbinds a key)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once_and_named_in_snake_case() {
        let mut all = Action::ALL.to_vec();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), Action::ALL.len());
        assert_eq!(Action::ToggleVoiceBalance.name(), "toggle_voice_balance");
        for action in Action::ALL {
            let back: Action = ron::from_str(&action.name()).unwrap();
            assert_eq!(back, action);
        }
    }
}
