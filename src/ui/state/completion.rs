//! Completion of the `@name` or `#tag` under the cursor: where the token is, and
//! the popup's candidates.

use crate::capture::is_tag_char;
use crate::model::Slug;

/// What a completion completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// `@NAME` at the start of the line.
    Speaker,
    /// `#TAG` anywhere.
    Tag,
}

/// Where the token being completed sits in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Speaker or tag.
    pub kind: CompletionKind,
    /// Character index of the `@` or `#`.
    pub start: usize,
    /// Character index just past the token.
    pub end: usize,
    /// What is typed between the sigil and the cursor.
    pub query: String,
}

/// The token under the cursor that a popup would complete, if any.
pub fn token_at(line: &str, cursor: usize) -> Option<Token> {
    let chars: Vec<char> = line.chars().collect();
    let cursor = cursor.min(chars.len());
    // A tag: `#` starting a word, then tag characters up to the cursor.
    let mut start = cursor;
    while start > 0 && is_tag_char(chars[start - 1]) {
        start -= 1;
    }
    if start > 0 && chars[start - 1] == '#' && (start == 1 || chars[start - 2].is_whitespace()) {
        let end = cursor
            + chars[cursor..]
                .iter()
                .take_while(|c| is_tag_char(**c))
                .count();
        return Some(Token {
            kind: CompletionKind::Tag,
            start: start - 1,
            end,
            query: chars[start..cursor].iter().collect(),
        });
    }
    // A speaker: `@` first on the line (after an optional `[time]`), cursor before `:` or `(`.
    let mut at = chars.iter().take_while(|c| c.is_whitespace()).count();
    if chars.get(at) == Some(&'[') {
        let close = chars[at..].iter().position(|c| *c == ']')? + at;
        at = close
            + 1
            + chars[close + 1..]
                .iter()
                .take_while(|c| c.is_whitespace())
                .count();
    }
    if chars.get(at) != Some(&'@') || cursor <= at {
        return None;
    }
    let end = chars[at + 1..]
        .iter()
        .position(|c| *c == ':' || *c == '(')
        .map_or(chars.len(), |i| at + 1 + i);
    (cursor <= end).then(|| Token {
        kind: CompletionKind::Speaker,
        start: at,
        end,
        query: chars[at + 1..cursor]
            .iter()
            .collect::<String>()
            .trim_start()
            .to_string(),
    })
}

/// One row of the popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Participant or priority id.
    pub id: Slug,
    /// Name or tag shown first.
    pub label: String,
    /// Affiliation and group, or the priority's title.
    pub detail: String,
}

/// An open completion popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The token being completed.
    pub token: Token,
    /// Matches, best first.
    pub candidates: Vec<Candidate>,
    /// Highlighted row; `candidates.len()` is the "add" row when there is one.
    pub selected: usize,
}

impl Completion {
    /// Whether the popup ends with a row that adds a participant or creates a priority.
    pub fn offers_new(&self) -> bool {
        !self.token.query.trim().is_empty()
    }

    /// Number of rows, the "add" row included.
    pub fn rows(&self) -> usize {
        self.candidates.len() + usize::from(self.offers_new())
    }

    /// Moves the highlight by `delta` rows, wrapping around.
    pub fn step(&mut self, delta: isize) {
        let rows = self.rows().max(1) as isize;
        self.selected = (self.selected as isize + delta).rem_euclid(rows) as usize;
    }
}

/// Most candidates the popup lists.
pub const POPUP_ROWS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_under_the_cursor() {
        let t = token_at("@ami", 4).unwrap();
        assert_eq!(
            (t.kind, t.start, t.end, t.query.as_str()),
            (CompletionKind::Speaker, 0, 4, "ami")
        );
        let t = token_at("[10:05] @Am Di: x", 14).unwrap();
        assert_eq!(
            (t.kind, t.start, t.end, t.query.as_str()),
            (CompletionKind::Speaker, 8, 14, "Am Di")
        );
        assert_eq!(token_at("@Ana: point", 8), None);
        let t = token_at("a point #recr more", 13).unwrap();
        assert_eq!(
            (t.kind, t.start, t.end, t.query.as_str()),
            (CompletionKind::Tag, 8, 13, "recr")
        );
        let t = token_at("x #", 3).unwrap();
        assert_eq!((t.kind, t.query.as_str()), (CompletionKind::Tag, ""));
        assert_eq!(token_at("issue#3", 7), None);
    }
}
