//! The capture-line grammar, shared by the screen's capture line and the notes importer.
//!
//! ```text
//! [10:05] @Amina: !"integration is local" #local-partners
//! @Diallo (chat): a point made in the chat #recruitment
//! a further point by the same speaker #data
//! // a comment, skipped
//! ```
//!
//! Parsing is purely syntactic; names and tags are resolved by [`crate::resolve`].

use std::fmt;

use crate::clock::Clock;
use crate::model::{Channel, Note, NoteKind, Stance};

/// One parsed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureLine {
    /// Nothing but whitespace.
    Blank,
    /// A `//` comment.
    Comment,
    /// A line that gives the floor, records a note, or both.
    Entry(Capture),
    /// `> text` or `> #TAG text`: the rapporteur's own words, not any speaker's.
    Remark(RemarkDraft),
}

/// The rapporteur's remark as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemarkDraft {
    /// `[HH:MM]` at the start of the line.
    pub time: Option<Clock>,
    /// The priority it leads, when the remark starts with `#TAG`.
    pub tag: Option<TagRef>,
    /// The remark, as typed.
    pub text: String,
}

/// The parts of a line that does something.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capture {
    /// `[HH:MM]` or `[HH:MM:SS]` at the start of the line.
    pub time: Option<Clock>,
    /// `@NAME` or `@NAME (chat)` at the start: a new intervention.
    pub speaker: Option<SpeakerRef>,
    /// The note's text, tags, kind and emphasis, if the line has any.
    pub note: Option<NoteDraft>,
}

/// A reference to a participant, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerRef {
    /// The name as typed, trimmed.
    pub name: String,
    /// 1-based column of the `@`.
    pub column: usize,
    /// Floor unless `(chat)` follows the name.
    pub channel: Channel,
}

/// A reference to a priority, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRef {
    /// The tag as typed, without the `#` (and without the `-` of `#-tag`).
    pub name: String,
    /// 1-based column of the `#`.
    pub column: usize,
    /// `#tag` supports the priority, `#-tag` opposes it.
    pub stance: Stance,
}

/// A note as typed, before its tags are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteDraft {
    /// The text without tags, quote marks or leading `!`.
    pub text: String,
    /// The `#tags` and `#-tags`, in order.
    pub tags: Vec<TagRef>,
    /// A quote when the text was wrapped in double quotes.
    pub kind: NoteKind,
    /// Strongly voiced when the text began with `!`.
    pub emphasis: bool,
}

/// A line that does not follow the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based column where the problem is.
    pub column: usize,
    /// What was expected.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// Characters a `#tag` may contain.
pub fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Parses one line of the capture syntax.
pub fn parse(line: &str) -> Result<CaptureLine, SyntaxError> {
    parse_leaving_tags(line, &|_| false)
}

/// Parses one line like [`parse`], but the tags `leave` picks stay in the text as
/// typed, `#` included, and out of the note's tags: how an imported chat keeps the
/// `#words` that match no priority.
///
/// The other tags keep the place they have in [`parse`]. In a run of tags that
/// labels the note, the tags left as text move in front of the run, so that the
/// rest of the run still labels it.
pub fn parse_leaving_tags(
    line: &str,
    leave: &dyn Fn(&TagRef) -> bool,
) -> Result<CaptureLine, SyntaxError> {
    let chars: Vec<char> = line.trim_end().chars().collect();
    let mut at = skip_space(&chars, 0);
    if at == chars.len() {
        return Ok(CaptureLine::Blank);
    }
    if chars[at..].starts_with(&['/', '/']) {
        return Ok(CaptureLine::Comment);
    }
    let mut capture = Capture::default();
    if chars[at] == '[' {
        let close = chars[at..]
            .iter()
            .position(|&c| c == ']')
            .map(|i| at + i)
            .ok_or_else(|| error(at, "expected `]` to close the time"))?;
        let inside: String = chars[at + 1..close].iter().collect();
        let time = inside
            .trim()
            .parse()
            .map_err(|e: crate::clock::ClockError| error(at + 1, e.0))?;
        capture.time = Some(time);
        at = skip_space(&chars, close + 1);
    }
    if chars.get(at) == Some(&'>') {
        return parse_remark(&chars, at, capture.time).map(CaptureLine::Remark);
    }
    let body_start;
    if chars.get(at) == Some(&'@') {
        let (speaker, next) = parse_speaker(&chars, at)?;
        capture.speaker = Some(speaker);
        body_start = next;
    } else {
        body_start = at;
    }
    capture.note = parse_note(&chars, body_start, leave)?;
    if capture.speaker.is_none() && capture.note.is_none() {
        return Err(error(at, "expected a note or `@NAME` after the time"));
    }
    Ok(CaptureLine::Entry(capture))
}

/// Parses `> text` or `> #TAG text` from the `>` at `at`.
fn parse_remark(
    chars: &[char],
    at: usize,
    time: Option<Clock>,
) -> Result<RemarkDraft, SyntaxError> {
    let mut start = skip_space(chars, at + 1);
    let mut tag = None;
    if chars.get(start) == Some(&'#') {
        let len = chars[start + 1..]
            .iter()
            .take_while(|&&c| is_tag_char(c))
            .count();
        if len > 0 {
            tag = Some(TagRef {
                name: chars[start + 1..start + 1 + len].iter().collect(),
                column: start + 1,
                stance: Stance::Support,
            });
            start = skip_space(chars, start + 1 + len);
        }
    }
    let text: String = chars[start..].iter().collect();
    if text.trim().is_empty() {
        return Err(error(start, "expected your remark after `>`"));
    }
    Ok(RemarkDraft {
        time,
        tag,
        text: text.trim().to_string(),
    })
}

fn error(index: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        column: index + 1,
        message: message.into(),
    }
}

fn skip_space(chars: &[char], mut at: usize) -> usize {
    while chars.get(at).is_some_and(|c| c.is_whitespace()) {
        at += 1;
    }
    at
}

/// Parses `@NAME`, `@NAME (chat)` and an optional `:`; returns where the note starts.
fn parse_speaker(chars: &[char], at: usize) -> Result<(SpeakerRef, usize), SyntaxError> {
    let name_start = at + 1;
    let name_end = chars[name_start..]
        .iter()
        .position(|&c| c == ':' || c == '(')
        .map_or(chars.len(), |i| name_start + i);
    let name: String = chars[name_start..name_end].iter().collect();
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(error(at, "expected a name after `@`"));
    }
    let mut channel = Channel::Floor;
    let mut next = name_end;
    if chars.get(next) == Some(&'(') {
        let close = chars[next..]
            .iter()
            .position(|&c| c == ')')
            .map(|i| next + i)
            .ok_or_else(|| error(next, "expected `)` after `(chat`"))?;
        let word: String = chars[next + 1..close].iter().collect();
        channel = match word.trim().to_lowercase().as_str() {
            "chat" => Channel::Chat,
            "floor" => Channel::Floor,
            _ => {
                return Err(error(
                    next,
                    format!("expected `(chat)` or `(floor)` after the name, found `({word})`"),
                ));
            }
        };
        next = skip_space(chars, close + 1);
    }
    match chars.get(next) {
        None => {}
        Some(':') => next += 1,
        Some(_) => {
            return Err(error(
                next,
                "expected `:` before the note (as in `@NAME (chat): text`)",
            ));
        }
    }
    let speaker = SpeakerRef {
        name,
        column: at + 1,
        channel,
    };
    Ok((speaker, next))
}

/// Parses the note part of a line: `!`, quotes and `#tags`, leaving in the text the tags `leave` picks.
fn parse_note(
    chars: &[char],
    start: usize,
    leave: &dyn Fn(&TagRef) -> bool,
) -> Result<Option<NoteDraft>, SyntaxError> {
    let mut at = skip_space(chars, start);
    if at == chars.len() {
        return Ok(None);
    }
    let mut emphasis = false;
    let note_start = at;
    if chars[at] == '!' {
        emphasis = true;
        at = skip_space(chars, at + 1);
    }
    // Find the tags first: (start, end) in chars, the `#` included.
    let mut found: Vec<(usize, usize, TagRef)> = Vec::new();
    let mut i = at;
    while i < chars.len() {
        let starts_word = i == at || chars[i - 1].is_whitespace();
        // Measure a tag only after a `#` that starts a word, so a line stays linear.
        let tag_len = if chars[i] == '#' && starts_word {
            chars[i + 1..]
                .iter()
                .take_while(|&&c| is_tag_char(c))
                .count()
        } else {
            0
        };
        let typed: String = chars[i + 1..i + 1 + tag_len].iter().collect();
        // `#-tag` opposes the priority; a `#-` with no tag after it is plain text.
        let (stance, name) = match typed.strip_prefix('-') {
            Some(rest) => (Stance::Oppose, rest),
            None => (Stance::Support, typed.as_str()),
        };
        let name = name.trim_end_matches(['-', '_']);
        let is_tag = tag_len > 0 && (stance == Stance::Support || !name.is_empty());
        if is_tag {
            let tag = TagRef {
                name: name.to_string(),
                column: i + 1,
                stance,
            };
            found.push((i, i + 1 + tag_len, tag));
            i += 1 + tag_len;
        } else {
            i += 1;
        }
    }
    // A tag at the end of the note or of a clause (before `.`, `;`, `:`, `!`, `?`
    // or `/`) is a label and leaves the text; a tag inside a sentence ("better
    // #data for cities") keeps its word there.
    let mut label = vec![false; found.len()];
    // Whether the tag after each one follows it with only whitespace between: one run.
    let mut joined = vec![false; found.len()];
    for k in (0..found.len()).rev() {
        let mut j = found[k].1;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        joined[k] = found.get(k + 1).is_some_and(|(start, _, _)| *start == j);
        // A run of tags shares the fate of its last one, decided already.
        label[k] = if joined[k] {
            label[k + 1]
        } else {
            chars
                .get(j)
                .is_none_or(|c| matches!(c, '.' | ';' | ':' | '!' | '?' | '/'))
        };
    }
    let left: Vec<bool> = found.iter().map(|(_, _, tag)| leave(tag)).collect();
    let text = note_text(chars, at, &found, &label, &joined, &left);
    let tags: Vec<TagRef> = found
        .into_iter()
        .zip(&left)
        .filter(|(_, left)| !**left)
        .map(|((_, _, tag), _)| tag)
        .collect();
    // The text stays as typed, the space French puts before `: ; ! ?` included.
    let (text, kind) = unquote(text.trim());
    if text.is_empty() && tags.is_empty() {
        return Err(error(note_start, "expected the note's text after `!`"));
    }
    Ok(Some(NoteDraft {
        text,
        tags,
        kind,
        emphasis,
    }))
}

/// The note's text from `at`: label tags leave it, tags inside a sentence keep their
/// word, and tags `left` as text keep their `#`, in front of their run when it labels.
fn note_text(
    chars: &[char],
    at: usize,
    found: &[(usize, usize, TagRef)],
    label: &[bool],
    joined: &[bool],
    left: &[bool],
) -> String {
    let mut text = String::new();
    let mut next = at;
    let mut n = 0;
    while n < found.len() {
        let run_end = n + joined[n..].iter().take_while(|&&j| j).count();
        let (start, _, _) = found[n];
        if label[n] && left[n..=run_end].contains(&true) {
            // The words left as text stand where the run stood; the rest of the run still labels.
            text.extend(&chars[next..start]);
            let words: Vec<String> = (n..=run_end)
                .filter(|&k| left[k])
                .map(|k| chars[found[k].0..found[k].1].iter().collect())
                .collect();
            text.push_str(&words.join(" "));
            next = found[run_end].1;
            n = run_end + 1;
            continue;
        }
        for (k, (start, end, _)) in found.iter().enumerate().take(run_end + 1).skip(n) {
            text.extend(&chars[next..*start]);
            if left[k] {
                text.extend(&chars[*start..*end]);
            } else if !label[k] {
                // Inside a sentence the word stays, without its `#` or `#-`.
                let word = start + 1 + usize::from(found[k].2.stance == Stance::Oppose);
                text.extend(&chars[word..*end]);
            } else {
                // A label leaves with the space typed before it; what follows it stays as typed.
                text.truncate(text.trim_end().len());
            }
            next = *end;
        }
        n = run_end + 1;
    }
    text.extend(&chars[next..]);
    text
}

/// A text wrapped in `"…"` or `“…”` is a verbatim quote.
fn unquote(text: &str) -> (String, NoteKind) {
    for (open, close) in [('"', '"'), ('“', '”')] {
        if text.chars().count() >= 2
            && let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close))
        {
            return (inner.trim().to_string(), NoteKind::Quote);
        }
    }
    (text.to_string(), NoteKind::Point)
}

/// Writes a note back as a capture line body, for editing: `!"text" #tag`.
pub fn note_to_line(text: &str, tags: &[String], kind: NoteKind, emphasis: bool) -> String {
    line_of(text, tags, &[], kind, emphasis)
}

/// Writes a whole note back as a capture line body, its opposed tags as `#-tag`:
/// `!"text" #tag #-other`.
pub fn note_to_capture(note: &Note) -> String {
    line_of(
        &note.text,
        &note.tags,
        &note.opposes,
        note.kind,
        note.emphasis,
    )
}

fn line_of(
    text: &str,
    tags: &[String],
    opposes: &[String],
    kind: NoteKind,
    emphasis: bool,
) -> String {
    let mut line = String::new();
    if emphasis {
        line.push('!');
    }
    match kind {
        NoteKind::Quote => {
            line.push('"');
            line.push_str(text);
            line.push('"');
        }
        NoteKind::Point => line.push_str(text),
    }
    let marked = tags
        .iter()
        .map(|t| ("#", t))
        .chain(opposes.iter().map(|t| ("#-", t)));
    for (mark, tag) in marked {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(mark);
        line.push_str(tag);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(line: &str) -> Capture {
        match parse(line).unwrap() {
            CaptureLine::Entry(c) => c,
            other => panic!("expected an entry for {line:?}, got {other:?}"),
        }
    }

    fn fails_at(line: &str) -> usize {
        parse(line).unwrap_err().column
    }

    #[test]
    fn blank_and_comment_lines() {
        assert_eq!(parse("").unwrap(), CaptureLine::Blank);
        assert_eq!(parse("  \t\r").unwrap(), CaptureLine::Blank);
        assert_eq!(parse("  // later").unwrap(), CaptureLine::Comment);
    }

    #[test]
    fn speaker_alone_gives_the_floor() {
        let c = entry("@Amina Diallo");
        let s = c.speaker.unwrap();
        assert_eq!(
            (s.name.as_str(), s.column, s.channel),
            ("Amina Diallo", 1, Channel::Floor)
        );
        assert!(c.note.is_none());
    }

    #[test]
    fn speaker_with_text_and_chat() {
        let c = entry("@Amina: cities first #local-partners");
        assert_eq!(c.speaker.unwrap().name, "Amina");
        let note = c.note.unwrap();
        assert_eq!(note.text, "cities first");
        assert_eq!(
            note.tags,
            vec![TagRef {
                name: "local-partners".into(),
                column: 22,
                stance: Stance::Support,
            }]
        );

        let c = entry("@Amina (chat): see the link https://x.org/a#b");
        assert_eq!(c.speaker.unwrap().channel, Channel::Chat);
        assert_eq!(c.note.unwrap().text, "see the link https://x.org/a#b");

        let c = entry("@Amina (CHAT)");
        assert_eq!(c.speaker.unwrap().channel, Channel::Chat);
    }

    #[test]
    fn time_prefix() {
        let c = entry("[10:05] @Ana: hello");
        assert_eq!(c.time, Some(Clock::hms(10, 5, 0)));
        let c = entry("[10:05:30] a point");
        assert_eq!(c.time, Some(Clock::hms(10, 5, 30)));
        assert_eq!(c.note.unwrap().text, "a point");
    }

    #[test]
    fn quotes_emphasis_and_tags_anywhere() {
        let note = entry("!\"integration is local\" #local-partners #data")
            .note
            .unwrap();
        assert_eq!(note.text, "integration is local");
        assert_eq!(note.kind, NoteKind::Quote);
        assert!(note.emphasis);
        assert_eq!(note.tags.len(), 2);

        let note = entry("“even in a selfish way” #health").note.unwrap();
        assert_eq!(
            (note.text.as_str(), note.kind),
            ("even in a selfish way", NoteKind::Quote)
        );

        let note = entry("reform #recruitment is due, C# and a#b are not tags.")
            .note
            .unwrap();
        assert_eq!(
            note.text,
            "reform recruitment is due, C# and a#b are not tags."
        );
        assert_eq!(note.tags[0].name, "recruitment");

        let note = entry("better #data for cities #local-partners #data")
            .note
            .unwrap();
        assert_eq!(note.text, "better data for cities");
        assert_eq!(note.tags.len(), 3, "duplicates are resolved later");

        let note = entry("well #data / see the #data-portal of IOM #data")
            .note
            .unwrap();
        assert_eq!(note.text, "well / see the data-portal of IOM");

        let note = entry("ends with a tag #recruitment.").note.unwrap();
        assert_eq!(note.text, "ends with a tag.");

        let note = entry("he said \"no\" twice").note.unwrap();
        assert_eq!(note.kind, NoteKind::Point);
    }

    #[test]
    fn the_text_stays_as_typed_french_spacing_included() {
        let text = |line: &str| entry(line).note.unwrap().text;
        assert_eq!(
            text("nous n'avons pas le choix : il faut agir ! #recruitment"),
            "nous n'avons pas le choix : il faut agir !"
        );
        assert_eq!(
            text("« l'intégration est locale » ; vraiment ? #local"),
            "« l'intégration est locale » ; vraiment ?"
        );
        // A label before French punctuation leaves with its own space only.
        assert_eq!(text("le choix #recruitment : agir"), "le choix : agir");
        assert_eq!(text("a tag #data #health. Then more"), "a tag. Then more");
        assert_eq!(text("two  spaces\u{a0}kept"), "two  spaces\u{a0}kept");
    }

    #[test]
    fn tags_left_as_text_stay_where_they_were_typed() {
        let leave = |line: &str, left: &[&str]| {
            let leave = |t: &TagRef| left.contains(&t.name.as_str());
            match parse_leaving_tags(line, &leave).unwrap() {
                CaptureLine::Entry(Capture { note: Some(n), .. }) => (
                    n.text,
                    n.tags.into_iter().map(|t| t.name).collect::<Vec<_>>(),
                ),
                other => panic!("expected a note for {line:?}, got {other:?}"),
            }
        };
        assert_eq!(
            leave("pay #data #zz", &["zz"]),
            ("pay #zz".into(), vec!["data".into()])
        );
        assert_eq!(
            leave("better #data and #zz for cities", &["zz"]),
            ("better data and #zz for cities".into(), vec!["data".into()])
        );
        assert_eq!(
            leave("#data #zz #health / next", &["zz"]),
            ("#zz / next".into(), vec!["data".into(), "health".into()])
        );
        assert_eq!(leave("a #zz/ b", &["zz"]), ("a #zz/ b".into(), vec![]));
        assert_eq!(leave("a #zz #data", &[]).0, "a");
    }

    #[test]
    fn a_minus_after_the_hash_opposes() {
        let note = entry("a cap drives landlords away #-rent #shelters")
            .note
            .unwrap();
        assert_eq!(note.text, "a cap drives landlords away");
        let tags: Vec<(&str, Stance, usize)> = note
            .tags
            .iter()
            .map(|t| (t.name.as_str(), t.stance, t.column))
            .collect();
        assert_eq!(
            tags,
            [
                ("rent", Stance::Oppose, 29),
                ("shelters", Stance::Support, 36)
            ]
        );
        // Inside a sentence the word stays, without its `#-`.
        let note = entry("we reject #-rent-control here, firmly").note.unwrap();
        assert_eq!(note.text, "we reject rent-control here, firmly");
        assert_eq!(note.tags[0].stance, Stance::Oppose);
        // A `#-` with nothing after it is text.
        let note = entry("a score of #- or #").note.unwrap();
        assert_eq!(
            (note.text.as_str(), note.tags.len()),
            ("a score of #- or #", 0)
        );
    }

    #[test]
    fn opposed_tags_write_back() {
        let note = Note {
            id: 1,
            text: "no".into(),
            tags: vec!["a".into()],
            opposes: vec!["b".into()],
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock::default(),
        };
        let line = note_to_capture(&note);
        assert_eq!(line, "no #a #-b");
        let draft = entry(&line).note.unwrap();
        let stances: Vec<Stance> = draft.tags.iter().map(|t| t.stance).collect();
        assert_eq!(stances, [Stance::Support, Stance::Oppose]);
    }

    #[test]
    fn tag_only_note() {
        let note = entry("@Ana: #recruitment").note.unwrap();
        assert_eq!(note.text, "");
        assert_eq!(note.tags[0].name, "recruitment");
    }

    #[test]
    fn errors_have_columns() {
        assert_eq!(fails_at("[10:05 @Ana"), 1);
        assert_eq!(fails_at("[10:75] @Ana"), 2);
        assert_eq!(fails_at("@"), 1);
        assert_eq!(fails_at("  @: text"), 3);
        assert_eq!(fails_at("@Ana (video): hi"), 6);
        assert_eq!(fails_at("@Ana (chat hi"), 6);
        assert_eq!(fails_at("@Ana (chat) hi"), 13);
        assert_eq!(fails_at("!"), 1);
        assert_eq!(fails_at("[10:00]"), 8);
        assert!(
            parse("[10:00]")
                .unwrap_err()
                .message
                .contains("expected a note")
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let c = entry("é @x: à #tag");
        assert!(c.speaker.is_none());
        assert_eq!(c.note.unwrap().tags[0].column, 9);
    }

    #[test]
    fn notes_write_back_to_the_same_line() {
        let line = note_to_line(
            "integration is local",
            &["local".into()],
            NoteKind::Quote,
            true,
        );
        assert_eq!(line, "!\"integration is local\" #local");
        let note = entry(&line).note.unwrap();
        assert_eq!(note.text, "integration is local");
        assert!(note.emphasis);
        assert_eq!(note.kind, NoteKind::Quote);
    }
}
