//! The report as data: everything a template may show, with attribution
//! already resolved, so no template can reveal what the mode hides.

use serde::Serialize;

use crate::clock::{Clock, duration_label};
use std::collections::HashMap;

use crate::model::{Intervention, Note, NoteKind, Participant, Session};
use crate::tally::{PriorityTally, Tally};

use super::Attribution;
use super::chart::{Chart, chart};
use super::{prose, time, voice};

/// The whole report, as handed to the templates (and written as JSON).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Title of the meeting.
    pub title: String,
    /// Theme under discussion.
    pub theme: String,
    /// Date as written in the file, `YYYY-MM-DD`.
    pub date: String,
    /// Date as people read it, "2 June 2020".
    pub date_label: String,
    /// Format of the meeting, e.g. "two-hour on-line breakout session".
    pub format: String,
    /// How the session's time was spent, measured from the record: "The session ran
    /// from 10:00 to 12:00 (2h 00m), in English and French; all but 15 minutes of it was
    /// exchange between participants, on the floor and in the chat."
    pub time_sentence: String,
    /// Languages of the meeting.
    pub languages: Vec<String>,
    /// Languages as prose: "English and French".
    pub languages_label: String,
    /// Focus areas of the meeting.
    pub focus_areas: Vec<String>,
    /// Attribution mode: `group`, `chatham` or `named`.
    pub attribution: &'static str,
    /// Fewest entities of a group on a priority before it is named (`group` mode).
    pub min_group: usize,
    /// "29 representatives of 13 States, … registered".
    pub participation: String,
    /// Registered people.
    pub registered_people: usize,
    /// Registered entities.
    pub registered_entities: usize,
    /// Registered people not yet in a group.
    pub not_in_group: usize,
    /// Groups present (someone registered) that count toward convergence.
    pub counting_groups: usize,
    /// Names of those groups as prose: "States, civil society, business and Mayors".
    pub counting_groups_label: String,
    /// When the session started, `HH:MM`: the opening time, or the first note.
    pub start: Option<String>,
    /// When it ended, `HH:MM`: the closing time, or the last note.
    pub end: Option<String>,
    /// Time from start to end, "1h 05m".
    pub duration: Option<String>,
    /// When the meeting opened, `HH:MM`, if recorded.
    pub opens: Option<String>,
    /// When the meeting closed, `HH:MM`, if recorded.
    pub closes: Option<String>,
    /// Length of the meeting, "2h 00m", when both are recorded.
    pub length: Option<String>,
    /// Time of the session that was not exchange between participants (before the first
    /// turn, the chairs' procedural turns, after the last), in words ("15 minutes").
    pub before_exchange: Option<String>,
    /// Procedural turns of the chairs, left out of every count.
    pub procedural: usize,
    /// Interventions and inputs, floor and chat.
    pub interventions: usize,
    /// Interventions on the floor.
    pub floor: usize,
    /// Inputs in the chat.
    pub chat: usize,
    /// "Altogether, there were 21 separate interventions and inputs: …".
    pub interventions_sentence: String,
    /// Priorities raised in several interventions, strongest convergence first.
    pub emphases: Vec<Emphasis>,
    /// Priorities raised in a single intervention.
    pub once: Vec<Emphasis>,
    /// Priorities some opposed and nobody supported.
    pub opposed_only: Vec<Emphasis>,
    /// Titles of priorities nobody raised.
    pub not_raised: Vec<String>,
    /// Notes tagged with no priority.
    pub other_points: Vec<ReportNote>,
    /// Voice balance, one row per group that has people on the roster or spoke.
    pub voice_balance: Vec<VoiceRow>,
    /// The tally as a bar chart, one bar per priority raised.
    pub chart: Chart,
}

/// One priority in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Emphasis {
    /// Number in the report, continuing across sections.
    pub number: usize,
    /// Priority id.
    pub id: String,
    /// Priority title.
    pub title: String,
    /// Optional description of the priority.
    pub description: Option<String>,
    /// The generated convergence sentence, with the tie when there is one.
    pub sentence: String,
    /// "Equally supported with “Shelter capacity”.", or empty without a tie.
    pub tie: String,
    /// Rank in the tally; tied priorities share it.
    pub rank: usize,
    /// Label ids from the tally: `strongest`, `all_groups`…
    pub labels: Vec<&'static str>,
    /// Interventions that supported it.
    pub interventions: usize,
    /// Interventions that opposed it (and did not support it).
    pub opposed: usize,
    /// Counting groups that raised it.
    pub counting_groups: usize,
    /// Strongly voiced notes on it.
    pub emphasis: usize,
    /// Its notes, in the order of the meeting.
    pub notes: Vec<ReportNote>,
}

/// One note as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportNote {
    /// The note's text, control characters escaped.
    pub text: String,
    /// Whether it is a verbatim quote.
    pub quote: bool,
    /// Whether it was strongly voiced.
    pub strong: bool,
    /// Whether it opposes the priority it is listed under (`#-tag`).
    pub opposes: bool,
    /// Who said it, as the attribution mode allows; always set for quotes,
    /// for points only in `named` mode.
    pub by: Option<String>,
    /// When it was noted, `HH:MM`.
    pub time: String,
}

/// One group's line in the voice balance table.
#[derive(Debug, Clone, Serialize)]
pub struct VoiceRow {
    /// Group display name.
    pub name: String,
    /// Whether the group counts toward convergence.
    pub counts_for_convergence: bool,
    /// People on the roster.
    pub registered_people: usize,
    /// Entities on the roster.
    pub registered_entities: usize,
    /// People who spoke or wrote.
    pub speakers: usize,
    /// Interventions on the floor.
    pub floor: usize,
    /// Inputs in the chat.
    pub chat: usize,
    /// All interventions and inputs.
    pub interventions: usize,
    /// Share of all interventions, rounded percent.
    pub share_of_interventions: u32,
    /// Share of the roster, rounded percent.
    pub share_of_roster: u32,
    /// Share of interventions minus share of roster, in percentage points.
    pub balance: i32,
    /// The balance with its sign: "+5", "-3", "0".
    pub balance_label: String,
}

/// `text` with control characters shown as `\u{..}` escapes, never sent raw.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn hhmm(clock: Clock) -> String {
    let s = clock.seconds();
    format!("{:02}:{:02}", s / 3600, s / 60 % 60)
}

/// "2020-06-02" as "2 June 2020"; anything else, a day the calendar lacks too, as written.
pub fn date_label(date: &str) -> String {
    match crate::clock::parse_date(date) {
        Ok(day) => day.strftime("%-d %B %Y").to_string(),
        Err(_) => escape_controls(date.trim()),
    }
}

/// Who a speaker is, as the attribution mode allows.
struct Attributor<'a> {
    session: &'a Session,
    /// The roster by id (the first of a repeated id, as `Session::participant` finds).
    people: HashMap<&'a str, &'a Participant>,
    tally: &'a Tally,
    attribution: Attribution,
    min_group: usize,
}

impl Attributor<'_> {
    /// The speaker of `intervention` in the scope of priority `p` (or the session).
    fn speaker(&self, intervention: &Intervention, p: Option<&PriorityTally>) -> String {
        let person = self.people.get(intervention.participant.as_str()).copied();
        match self.attribution {
            Attribution::Chatham => "one participant".to_string(),
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
                prose::group_speaker(group, entities, self.min_group, p.is_some())
            }
        }
    }

    fn note(
        &self,
        intervention: &Intervention,
        note: &Note,
        p: Option<&PriorityTally>,
    ) -> ReportNote {
        let quote = note.kind == NoteKind::Quote;
        let by = (quote || self.attribution == Attribution::Named)
            .then(|| self.speaker(intervention, p));
        let text = note.text.trim();
        // A quote's own closing full stop gives way to the attribution that follows it;
        // an ellipsis stays whole.
        let text = match text.strip_suffix(['.', ',']) {
            Some(cut) if quote && !cut.ends_with('.') => cut.trim_end(),
            _ => text,
        };
        ReportNote {
            text: escape_controls(text),
            quote,
            strong: note.emphasis,
            opposes: false,
            by,
            time: hhmm(note.time),
        }
    }
}

/// Whether `tag` names a priority of the session; the tally's rows are the session's
/// priorities, so its index answers without a scan.
fn session_has_priority(index: &HashMap<&str, Vec<usize>>, session: &Session, tag: &str) -> bool {
    index.contains_key(tag) || session.priorities.iter().any(|p| p.id == tag)
}

/// Each priority's notes in meeting order (a note tagged twice with one priority is
/// listed once), with whether it opposes it; and the points tagged with no priority,
/// procedural turns left out.
type Placed<'a> = (
    Vec<Vec<(&'a Intervention, &'a Note, bool)>>,
    Vec<(&'a Intervention, &'a Note)>,
);

fn place_notes<'a>(session: &'a Session, tally: &Tally) -> Placed<'a> {
    let mut priority_index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in tally.priorities.iter().enumerate() {
        priority_index.entry(p.id.as_str()).or_default().push(i);
    }
    let mut tagged: Vec<Vec<(&Intervention, &Note, bool)>> =
        vec![Vec::new(); tally.priorities.len()];
    let mut untagged = Vec::new();
    for i in &session.interventions {
        if tally.is_procedural(i.id) {
            continue;
        }
        for n in &i.notes {
            let mut known = false;
            let marked = n
                .tags
                .iter()
                .map(|t| (t, false))
                .chain(n.opposes.iter().map(|t| (t, true)));
            let mut listed: Vec<&str> = Vec::new();
            for (t, opposes) in marked {
                if session_has_priority(&priority_index, session, t) {
                    known = true;
                }
                if listed.contains(&t.as_str()) {
                    continue;
                }
                listed.push(t);
                for &p in priority_index.get(t.as_str()).into_iter().flatten() {
                    tagged[p].push((i, n, opposes));
                }
            }
            if !known {
                untagged.push((i, n));
            }
        }
    }
    (tagged, untagged)
}

/// Builds the report of `session` from its `tally`.
pub fn build(
    session: &Session,
    tally: &Tally,
    attribution: Attribution,
    min_group: usize,
) -> Report {
    let mut people = HashMap::with_capacity(session.participants.len());
    for who in &session.participants {
        people.entry(who.id.as_str()).or_insert(who);
    }
    let attributor = Attributor {
        session,
        people,
        tally,
        attribution,
        min_group,
    };
    let meta = &session.meta;
    let mut emphases = Vec::new();
    let mut once = Vec::new();
    let mut opposed_only = Vec::new();
    let mut not_raised = Vec::new();
    let (tagged, untagged) = place_notes(session, tally);
    for (&rank_index, p) in tally.ranking.iter().zip(tally.ranked()) {
        if p.interventions == 0 && p.opposed == 0 {
            not_raised.push(escape_controls(&p.title));
            continue;
        }
        let notes = tagged[rank_index]
            .iter()
            .map(|(i, n, opposes)| ReportNote {
                opposes: *opposes,
                ..attributor.note(i, n, Some(p))
            })
            .collect();
        let sentence = if p.interventions == 0 {
            prose::opposed_only_sentence(p, &session.groups, attribution)
        } else {
            prose::convergence_sentence(p, &session.groups, attribution, min_group)
        };
        // A tie among the priorities raised more than once is said as one; those
        // suggested just once are presented together already.
        let tie = if p.interventions >= 2 {
            let others: Vec<String> = tally.tied_with(p).map(|q| q.title.clone()).collect();
            prose::tie_sentence(&others)
        } else {
            String::new()
        };
        let emphasis = Emphasis {
            number: 0,
            id: escape_controls(&p.id),
            title: escape_controls(&p.title),
            description: session
                .priority(&p.id)
                .and_then(|q| q.description.as_deref())
                .map(escape_controls),
            // The tie is said in the sentence, and kept apart for templates of one's own.
            sentence: escape_controls(&if tie.is_empty() {
                sentence
            } else {
                format!("{sentence} {tie}")
            }),
            tie: escape_controls(&tie),
            rank: p.rank,
            labels: p.labels.iter().map(|l| l.id()).collect(),
            interventions: p.interventions,
            opposed: p.opposed,
            counting_groups: p.counting_groups,
            emphasis: p.emphasis,
            notes,
        };
        match p.interventions {
            0 => opposed_only.push(emphasis),
            1 => once.push(emphasis),
            _ => emphases.push(emphasis),
        }
    }
    for (number, e) in emphases
        .iter_mut()
        .chain(once.iter_mut())
        .chain(opposed_only.iter_mut())
        .enumerate()
    {
        e.number = number + 1;
    }
    let other_points = untagged
        .into_iter()
        .map(|(i, n)| attributor.note(i, n, None))
        .collect();

    let times = time::account(session, tally);
    // Groups with nobody registered are not among the "N groups" of the introduction.
    let counting: Vec<String> = session
        .groups
        .iter()
        .zip(&tally.groups)
        .filter(|(g, row)| g.counts_for_convergence && row.registered_people > 0)
        .map(|(g, _)| escape_controls(&prose::group_in_prose(g)))
        .collect();
    let languages: Vec<String> = meta.languages.iter().map(|l| escape_controls(l)).collect();
    let languages_label = prose::join(&languages);
    let t = &tally.totals;
    Report {
        title: escape_controls(&meta.title),
        theme: escape_controls(&meta.theme),
        date: escape_controls(&meta.date),
        date_label: date_label(&meta.date),
        format: escape_controls(&meta.format),
        time_sentence: escape_controls(&time::time_sentence(
            times.as_ref(),
            &languages_label,
            t.chat,
        )),
        languages,
        languages_label,
        focus_areas: meta
            .focus_areas
            .iter()
            .map(|f| escape_controls(f))
            .collect(),
        attribution: attribution.id(),
        min_group,
        participation: escape_controls(&prose::participation(tally, session)),
        registered_people: t.registered_people,
        registered_entities: t.registered_entities,
        not_in_group: t.not_in_group,
        counting_groups: t.counting_groups,
        counting_groups_label: prose::join(&counting),
        start: times.as_ref().map(|a| hhmm(a.from)),
        end: times.as_ref().map(|a| hhmm(a.to)),
        duration: times.as_ref().map(|a| duration_label(a.length())),
        opens: meta.opens.map(hhmm),
        closes: meta.closes.map(hhmm),
        length: meta
            .opens
            .zip(meta.closes)
            .map(|(o, c)| duration_label(o.until(c))),
        before_exchange: times
            .as_ref()
            .filter(|a| a.floor_exchange && a.not_exchange() >= 30)
            .map(|a| prose::minutes_in_words(a.not_exchange())),
        procedural: t.procedural,
        interventions: t.interventions,
        floor: t.floor,
        chat: t.chat,
        interventions_sentence: prose::interventions_sentence(tally),
        chart: chart(session, tally, &emphases, &once, attribution),
        emphases,
        once,
        opposed_only,
        not_raised,
        other_points,
        voice_balance: voice::voice_rows(session, tally),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally() {
        assert_eq!(date_label("2020-06-02"), "2 June 2020");
        assert_eq!(date_label("June 2020"), "June 2020");
        assert_eq!(date_label("2020-13-02"), "2020-13-02");
        assert_eq!(date_label("2020-02-30"), "2020-02-30");
    }

    #[test]
    fn control_characters_are_shown() {
        assert_eq!(escape_controls("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\u{a}");
    }
}
