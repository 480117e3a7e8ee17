//! What a paste may hold: the limits, and why one is refused whole.

/// Pasted lines that become notes at once; a longer paste waits for Enter (or Esc), since
/// that many lines in one go are more often the wrong clipboard than notes.
pub const PASTE_AT_ONCE: usize = 20;
/// Most lines one paste may hold; a whole file of notes goes through `import notes`.
pub const PASTE_MAX_LINES: usize = 5_000;
/// Largest paste, in bytes.
pub const PASTE_MAX_BYTES: usize = 1 << 20;
/// Longest pasted line, in characters: longer is no note.
pub const NOTE_MAX_CHARS: usize = 10_000;
/// Longest paste into a one-line field (search, speaker filter, form).
pub const FIELD_MAX_CHARS: usize = 1_000;

/// Where a paste goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteTarget {
    /// The capture line: each line a note.
    Notes,
    /// A note being edited.
    EditedNote,
    /// A one-line field, named for the message.
    Field(&'static str),
    /// Nothing takes text (help, a choice).
    Nowhere,
}

/// Why a paste is refused whole, if it is: too large to be notes, or to fit a field.
/// `waiting` counts pasted lines already waiting.
pub fn refusal(text: &str, target: PasteTarget, waiting: usize) -> Option<String> {
    let for_file = "nothing was added; a whole file of notes goes in with \
                    `rapporteur import notes FILE notes.txt`";
    if text.len() > PASTE_MAX_BYTES {
        return Some(format!(
            "paste of {} refused: more than {} at once; {for_file}",
            size_label(text.len()),
            size_label(PASTE_MAX_BYTES)
        ));
    }
    let (field, limit) = match target {
        PasteTarget::Nowhere => return None,
        PasteTarget::Notes => return refusal_of_notes(text, waiting, for_file),
        PasteTarget::EditedNote => ("a note being edited", NOTE_MAX_CHARS),
        PasteTarget::Field(field) => (field, FIELD_MAX_CHARS),
    };
    let chars = text.chars().count();
    (chars > limit).then(|| {
        format!(
            "paste of {} characters refused: {field} holds {} at most",
            thousands(chars),
            thousands(limit)
        )
    })
}

fn refusal_of_notes(text: &str, waiting: usize, for_file: &str) -> Option<String> {
    let mut lines = 0;
    for (number, line) in text.split(['\n', '\r']).enumerate() {
        let chars = line.chars().count();
        if chars > NOTE_MAX_CHARS {
            return Some(format!(
                "paste refused: its line {} has {} characters, more than a note holds ({}); \
                 nothing was added",
                thousands(number + 1),
                thousands(chars),
                thousands(NOTE_MAX_CHARS)
            ));
        }
        lines += usize::from(!line.trim().is_empty());
    }
    (lines + waiting > PASTE_MAX_LINES).then(|| {
        format!(
            "paste of {} lines refused: more than {} at once; {for_file}",
            thousands(lines),
            thousands(PASTE_MAX_LINES)
        )
    })
}

/// `n` with a separator between thousands, as the status bar shows counts.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A size in bytes for people: `10.0 MB`, `512 KB`.
fn size_label(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_separators() {
        assert_eq!(thousands(5), "5");
        assert_eq!(thousands(12_345), "12,345");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn a_field_refuses_what_it_cannot_hold() {
        let long = "x".repeat(FIELD_MAX_CHARS + 1);
        assert!(refusal(&long, PasteTarget::Field("a search"), 0).is_some());
        assert!(refusal(&long, PasteTarget::EditedNote, 0).is_none());
        assert!(refusal(&long, PasteTarget::Nowhere, 0).is_none());
    }
}
