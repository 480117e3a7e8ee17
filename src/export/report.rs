//! The report as data: everything a template may show, with attribution
//! already resolved, so no template can reveal what the mode hides.

use serde::Serialize;

use crate::clock::{Clock, duration_label};
use std::collections::HashMap;

use crate::model::{Intervention, Note, NoteKind, Participant, Session};
use crate::tally::{PriorityTally, Tally};

use super::Attribution;
use super::chart::{Chart, chart};
use super::prose;

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
    /// Groups that count toward convergence.
    pub counting_groups: usize,
    /// Names of the counting groups as prose: "States, civil society, business and Mayors".
    pub counting_groups_label: String,
    /// When the first intervention started, `HH:MM`.
    pub start: Option<String>,
    /// When the last intervention or note ended, `HH:MM`.
    pub end: Option<String>,
    /// Time from first intervention to last, "1h 05m".
    pub duration: Option<String>,
    /// When the meeting opened, `HH:MM`, if recorded.
    pub opens: Option<String>,
    /// When the meeting closed, `HH:MM`, if recorded.
    pub closes: Option<String>,
    /// Length of the meeting, "2h 00m", when both are recorded.
    pub length: Option<String>,
    /// Time before the first intervention, in words ("15 minutes"), when the meeting opened earlier.
    pub before_exchange: Option<String>,
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
    /// The generated convergence sentence.
    pub sentence: String,
    /// Label ids from the tally: `strongest`, `all_groups`…
    pub labels: Vec<&'static str>,
    /// Interventions that raised it.
    pub interventions: usize,
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
    let mut not_raised = Vec::new();
    // One pass over the meeting puts each note under every priority it is tagged with, in
    // meeting order (a note tagged twice with one priority is listed once), and the notes
    // tagged with no priority under the other points.
    let mut priority_index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in tally.priorities.iter().enumerate() {
        priority_index.entry(p.id.as_str()).or_default().push(i);
    }
    let mut tagged: Vec<Vec<(&Intervention, &Note)>> = vec![Vec::new(); tally.priorities.len()];
    let mut untagged = Vec::new();
    for i in &session.interventions {
        for n in &i.notes {
            let mut known = false;
            for (k, t) in n.tags.iter().enumerate() {
                if session_has_priority(&priority_index, session, t) {
                    known = true;
                }
                if let Some(rows) = priority_index.get(t.as_str())
                    && !n.tags[..k].contains(t)
                {
                    for &p in rows {
                        tagged[p].push((i, n));
                    }
                }
            }
            if !known {
                untagged.push((i, n));
            }
        }
    }
    for (&rank_index, p) in tally.ranking.iter().zip(tally.ranked()) {
        if p.interventions == 0 {
            not_raised.push(escape_controls(&p.title));
            continue;
        }
        let notes = tagged[rank_index]
            .iter()
            .map(|(i, n)| attributor.note(i, n, Some(p)))
            .collect();
        let emphasis = Emphasis {
            number: 0,
            id: escape_controls(&p.id),
            title: escape_controls(&p.title),
            description: session
                .priority(&p.id)
                .and_then(|q| q.description.as_deref())
                .map(escape_controls),
            sentence: escape_controls(&prose::convergence_sentence(
                p,
                &session.groups,
                attribution,
                min_group,
            )),
            labels: p.labels.iter().map(|l| l.id()).collect(),
            interventions: p.interventions,
            counting_groups: p.counting_groups,
            emphasis: p.emphasis,
            notes,
        };
        if p.interventions == 1 {
            once.push(emphasis);
        } else {
            emphases.push(emphasis);
        }
    }
    for (number, e) in emphases.iter_mut().chain(once.iter_mut()).enumerate() {
        e.number = number + 1;
    }
    let other_points = untagged
        .into_iter()
        .map(|(i, n)| attributor.note(i, n, None))
        .collect();

    let start = session.interventions.iter().map(|i| i.start).min();
    let end = session
        .interventions
        .iter()
        .flat_map(|i| {
            i.end
                .into_iter()
                .chain(Some(i.start))
                .chain(i.notes.iter().map(|n| n.time))
        })
        .max();
    let counting: Vec<String> = session
        .groups
        .iter()
        .filter(|g| g.counts_for_convergence)
        .map(|g| escape_controls(&prose::group_in_prose(g)))
        .collect();
    let t = &tally.totals;
    Report {
        title: escape_controls(&meta.title),
        theme: escape_controls(&meta.theme),
        date: escape_controls(&meta.date),
        date_label: date_label(&meta.date),
        format: escape_controls(&meta.format),
        languages: meta.languages.iter().map(|l| escape_controls(l)).collect(),
        languages_label: prose::join(
            &meta
                .languages
                .iter()
                .map(|l| escape_controls(l))
                .collect::<Vec<_>>(),
        ),
        focus_areas: meta
            .focus_areas
            .iter()
            .map(|f| escape_controls(f))
            .collect(),
        attribution: attribution.id(),
        min_group,
        participation: escape_controls(&prose::participation(tally, &session.groups)),
        registered_people: t.registered_people,
        registered_entities: t.registered_entities,
        counting_groups: t.counting_groups,
        counting_groups_label: prose::join(&counting),
        start: start.map(hhmm),
        end: end.map(hhmm),
        duration: start.zip(end).map(|(s, e)| duration_label(s.until(e))),
        opens: meta.opens.map(hhmm),
        closes: meta.closes.map(hhmm),
        length: meta
            .opens
            .zip(meta.closes)
            .map(|(o, c)| duration_label(o.until(c))),
        // The last turn runs to the close, so what was not exchange is the opening.
        before_exchange: meta
            .opens
            .zip(start)
            .map(|(o, s)| o.until(s))
            .filter(|gap| *gap > 0)
            .map(prose::minutes_in_words),
        interventions: t.interventions,
        floor: t.floor,
        chat: t.chat,
        interventions_sentence: prose::interventions_sentence(tally),
        chart: chart(session, tally, &emphases, &once, attribution),
        emphases,
        once,
        not_raised,
        other_points,
        voice_balance: voice_rows(session, tally),
    }
}

fn percent(share: f64) -> u32 {
    (share * 100.0).round() as u32
}

fn voice_rows(session: &Session, tally: &Tally) -> Vec<VoiceRow> {
    session
        .groups
        .iter()
        .zip(&tally.groups)
        .filter(|(_, row)| row.registered_people > 0 || row.interventions > 0)
        .map(|(g, row)| {
            let (spoke, roster) = (
                percent(row.share_of_interventions),
                percent(row.share_of_roster),
            );
            VoiceRow {
                name: escape_controls(&g.name),
                counts_for_convergence: g.counts_for_convergence,
                registered_people: row.registered_people,
                registered_entities: row.registered_entities,
                speakers: row.speakers,
                floor: row.floor,
                chat: row.chat,
                interventions: row.interventions,
                share_of_interventions: spoke,
                share_of_roster: roster,
                balance: spoke as i32 - roster as i32,
                balance_label: match spoke as i32 - roster as i32 {
                    b if b > 0 => format!("+{b}"),
                    b => b.to_string(),
                },
            }
        })
        .collect()
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
