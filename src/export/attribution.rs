//! Who said what, as the attribution mode allows, and the varied phrases that bring a
//! quote into the prose: "One participant said bluntly:", "In the words of one of the
//! two States that spoke on this,", "As one participant put it,", never the same
//! phrase twice in a row.

use std::collections::HashMap;

use crate::model::{Intervention, Note, NoteKind, Participant, Session};
use crate::tally::{PriorityTally, Tally};

use super::Attribution;
use super::data::ReportNote;
use super::escape::escape_controls;
use super::fr;
use super::labels::Labels;
use super::language::{Lang, Language};
use super::prose;
use super::time::hhmm;
use super::words::capitalized;

/// Who a speaker is, as the attribution mode allows.
pub(super) struct Attributor<'a> {
    session: &'a Session,
    /// The roster by id (the first of a repeated id, as `Session::participant` finds).
    people: HashMap<&'a str, &'a Participant>,
    tally: &'a Tally,
    attribution: Attribution,
    min_group: usize,
    lang: &'a Lang,
}

impl<'a> Attributor<'a> {
    /// The attributor of `session` under `attribution`.
    pub(super) fn new(
        session: &'a Session,
        tally: &'a Tally,
        attribution: Attribution,
        min_group: usize,
        lang: &'a Lang,
    ) -> Attributor<'a> {
        let mut people = HashMap::with_capacity(session.participants.len());
        for who in &session.participants {
            people.entry(who.id.as_str()).or_insert(who);
        }
        Attributor {
            session,
            people,
            tally,
            attribution,
            min_group,
            lang,
        }
    }

    /// The speaker of `intervention` in the scope of priority `p` (or the session).
    fn speaker(&self, intervention: &Intervention, p: Option<&PriorityTally>) -> String {
        let person = self.people.get(intervention.participant.as_str()).copied();
        match self.attribution {
            Attribution::Chatham => Labels::of(self.lang.language).one_participant.to_string(),
            Attribution::Named => match person {
                Some(who) if who.affiliation.trim().is_empty() => escape_controls(&who.name),
                Some(who) => format!(
                    "{} ({})",
                    escape_controls(&who.name),
                    escape_controls(&who.affiliation)
                ),
                None => escape_controls(&intervention.participant),
            },
            Attribution::Group => {
                let group = person.and_then(|who| self.session.group(&who.group));
                let entities = match (group, p) {
                    (Some(g), Some(p)) => p.group(&g.id).map_or(0, |row| row.entities),
                    (Some(g), None) => self.tally.group(&g.id).map_or(0, |row| row.entities_spoke),
                    (None, _) => 0,
                };
                if self.lang.fr() {
                    fr::prose::group_speaker(
                        self.lang,
                        group,
                        entities,
                        self.min_group,
                        p.is_some(),
                    )
                } else {
                    prose::group_speaker(group, entities, self.min_group, p.is_some())
                }
            }
        }
    }

    /// `note` of `intervention` as the report shows it under priority `p` (or among the
    /// general points), its phrases still to be given by [`Voices`].
    pub(super) fn note(
        &self,
        intervention: &Intervention,
        note: &Note,
        p: Option<&PriorityTally>,
        opposes: bool,
    ) -> ReportNote {
        let quote = note.kind == NoteKind::Quote;
        let by = (quote || self.attribution == Attribution::Named)
            .then(|| self.speaker(intervention, p));
        let text = note.text.trim();
        let mut marks = Vec::new();
        let t = Labels::of(self.lang.language);
        if note.emphasis && !quote {
            marks.push(t.strongly_voiced);
        }
        if opposes && !quote {
            marks.push(t.opposing);
        }
        // A quote's own closing full stop gives way to the phrase that follows it, and a
        // point's to its marks; an ellipsis stays whole.
        let (text, stop) = match text.strip_suffix(['.', ',']) {
            Some(cut) if quote && !cut.ends_with('.') => (cut.trim_end(), ""),
            Some(cut) if !marks.is_empty() && text.ends_with('.') && !cut.ends_with('.') => {
                (cut.trim_end(), ".")
            }
            _ => (text, ""),
        };
        ReportNote {
            id: note.id,
            text: escape_controls(text),
            quote,
            strong: note.emphasis,
            opposes,
            by,
            before: String::new(),
            after: String::new(),
            marks,
            stop: stop.to_string(),
            context: Vec::new(),
            time: hhmm(note.time),
        }
    }
}

/// The phrases that bring a quote in, `{by}` for who said it and `{By}` for the same at
/// the start of a sentence: the words before the quote, and after it.
const PLAIN: [(&str, &str); 4] = [
    ("As {by} put it, ", "."),
    ("{By} said: ", "."),
    ("In the words of {by}, ", "."),
    ("", ", {by} said."),
];
/// For a quote strongly voiced.
const STRONG: [(&str, &str); 3] = [
    ("{By} said bluntly: ", "."),
    ("{By} insisted: ", "."),
    ("{By} stressed: ", "."),
];
/// For a quote against the priority it is listed under.
const AGAINST: [(&str, &str); 2] = [
    ("Against it, {by} said: ", "."),
    ("Opposing it, {by} put it this way: ", "."),
];

/// The phrases in French, with its narrow no-break space before the colon.
const PLAIN_FR: [(&str, &str); 4] = [
    ("Comme l'a dit {by}, ", "."),
    ("{By} a déclaré\u{202f}: ", "."),
    ("Selon les mots {de_by}, ", "."),
    ("", ", a dit {by}."),
];
const STRONG_FR: [(&str, &str); 3] = [
    ("{By} a déclaré sans détour\u{202f}: ", "."),
    ("{By} a insisté\u{202f}: ", "."),
    ("{By} a souligné\u{202f}: ", "."),
];
const AGAINST_FR: [(&str, &str); 2] = [
    ("S'y opposant, {by} a déclaré\u{202f}: ", "."),
    ("Contre cette priorité, {by} a fait valoir\u{202f}: ", "."),
];

/// The phrases given so far, so that they vary through the report in a fixed order.
#[derive(Debug, Default)]
pub(super) struct Voices {
    /// Next phrase of each kind: plain, strong, against.
    next: [usize; 3],
    /// The language the phrases are in.
    language: Language,
}

impl Voices {
    /// No phrase given yet, in `language`.
    pub(super) fn new(language: Language) -> Voices {
        Voices {
            next: [0; 3],
            language,
        }
    }

    /// Gives `note` (a quote) its phrases, and those of the notes in its context.
    pub(super) fn give(&mut self, note: &mut ReportNote) {
        if note.quote {
            let by = note
                .by
                .clone()
                .unwrap_or_else(|| Labels::of(self.language).one_participant.into());
            let fr = self.language == Language::French;
            let (kind, phrases): (usize, &[(&str, &str)]) = match (note.opposes, note.strong) {
                (true, _) if fr => (2, &AGAINST_FR),
                (true, _) => (2, &AGAINST),
                (false, true) if fr => (1, &STRONG_FR),
                (false, true) => (1, &STRONG),
                (false, false) if fr => (0, &PLAIN_FR),
                (false, false) => (0, &PLAIN),
            };
            // A quote ending in its own "?" or "!" takes no full stop, nor a comma after it.
            let closed = note.text.trim_end().ends_with(['?', '!', '…']);
            let mut pick = || {
                let phrase = phrases[self.next[kind] % phrases.len()];
                self.next[kind] += 1;
                phrase
            };
            let (mut before, mut after) = pick();
            if closed && after.starts_with(',') {
                (before, after) = pick();
            }
            let after = if closed && after == "." { "" } else { after };
            let fill = |s: &str| {
                s.replace("{By}", &capitalized(&by))
                    .replace("{de_by}", &super::fr::de(&by))
                    .replace("{by}", &by)
            };
            note.before = fill(before);
            note.after = fill(after);
        }
        for child in &mut note.context {
            self.give(child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(strong: bool) -> ReportNote {
        ReportNote {
            id: 1,
            text: "integration is local".into(),
            quote: true,
            strong,
            opposes: false,
            by: Some("one participant".into()),
            before: String::new(),
            after: String::new(),
            marks: Vec::new(),
            stop: String::new(),
            context: Vec::new(),
            time: "10:00".into(),
        }
    }

    #[test]
    fn phrases_vary_and_never_repeat_in_a_row() {
        let mut voices = Voices::default();
        let mut said = Vec::new();
        for strong in [false, false, true, false, true, false, false, false] {
            let mut q = quote(strong);
            voices.give(&mut q);
            said.push(format!("{}“{}”{}", q.before, q.text, q.after));
        }
        assert_eq!(
            said[0],
            "As one participant put it, “integration is local”."
        );
        assert_eq!(said[1], "One participant said: “integration is local”.");
        assert_eq!(
            said[2],
            "One participant said bluntly: “integration is local”."
        );
        assert_eq!(
            said[3],
            "In the words of one participant, “integration is local”."
        );
        assert_eq!(said[5], "“integration is local”, one participant said.");
        for pair in said.windows(2) {
            assert_ne!(pair[0], pair[1]);
        }
    }

    #[test]
    fn a_quote_ending_in_a_question_takes_no_full_stop_after_it() {
        let mut voices = Voices::default();
        let mut said = Vec::new();
        for _ in 0..4 {
            let mut q = quote(false);
            q.text = "vraiment ?".into();
            voices.give(&mut q);
            said.push(format!("{}“{}”{}", q.before, q.text, q.after));
        }
        assert_eq!(said[0], "As one participant put it, “vraiment ?”");
        assert_eq!(said[2], "In the words of one participant, “vraiment ?”");
        // The form with the attribution after the quote is passed over.
        assert_eq!(said[3], "As one participant put it, “vraiment ?”");
    }
}
