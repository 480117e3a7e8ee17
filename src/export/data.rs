//! The report as data: everything a template may show, with attribution already
//! resolved, so no template can reveal what the mode hides. Built by `report`.

use serde::Serialize;

use crate::model::Serial;

use super::chart::Chart;
use super::labels::Labels;
use super::voice::VoiceRow;

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
    /// How the session's time was spent, measured from the record: "The session ran for
    /// two hours, from 10:00 to 12:00, in English and French; all but 15 minutes of it was
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
    /// Time from start to end in words, "an hour and five minutes".
    pub duration_words: Option<String>,
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
    /// The opening sentence: "In all, 29 representatives of 13 States, … registered to
    /// participate in the two-hour on-line breakout session on 2 June 2020."
    pub opening: String,
    /// "This summary covers the theme “Addressing Gaps in Migrant Protection”, with three
    /// focus areas:", or empty without a theme.
    pub theme_sentence: String,
    /// "This summary covers the theme “": the words before the theme.
    pub theme_before: String,
    /// "”, with three focus areas:": the words after the theme.
    pub theme_after: String,
    /// "What follows is a summary of key points of participant input, …".
    pub summary_sentence: String,
    /// The language the report is written in, as a tag: `en`, `fr`.
    pub lang: &'static str,
    /// The report's fixed words in its language: headings, table headers, notes. Given to
    /// templates as `t`; not report data, so not in the JSON.
    #[serde(skip)]
    pub t: &'static Labels,
    /// The rapporteur's remarks on the meeting, paragraph by paragraph: they close the
    /// introduction, in place of the generated word on what follows.
    pub remarks: Vec<String>,
    /// Whether the priorities follow convergence (the rapporteur ordered none).
    pub ranked_by_convergence: bool,
    /// The key emphases, section by section, in report order.
    pub sections: Vec<ReportSection>,
    /// Titles of priorities nobody raised.
    pub not_raised: Vec<String>,
    /// "Nobody raised two of the priorities on the agenda: “…” and “…”.", or empty.
    pub not_raised_sentence: String,
    /// The rapporteur's remarks on priorities nobody raised, paragraph by paragraph.
    pub not_raised_remarks: Vec<String>,
    /// Voice balance, one row per group that has people on the roster or spoke.
    pub voice_balance: Vec<VoiceRow>,
    /// The tally as a bar chart, one bar per priority raised.
    pub chart: Chart,
}

/// One section of the key emphases: priorities, or the general points.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSection {
    /// The heading: the rapporteur's, a generated one ("Suggested just once"), or empty.
    pub title: String,
    /// Whether the heading is the rapporteur's own.
    pub by_rapporteur: bool,
    /// What it holds: `priorities`, `once`, `opposed` or `general`.
    pub kind: &'static str,
    /// Its priorities, in report order.
    pub emphases: Vec<Emphasis>,
    /// The points of turns that raised no priority (`general` sections only).
    pub points: Vec<ReportNote>,
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
    /// The rapporteur's lead remarks, paragraph by paragraph: they open the priority.
    pub remarks: Vec<String>,
    /// The generated sentence of its figures, with the tie when there is one.
    pub sentence: String,
    /// "Equally supported with “Shelter capacity”.", or empty without a tie.
    pub tie: String,
    /// Rank in the tally; tied priorities share it.
    pub rank: usize,
    /// Label ids from the tally: `strongest`, `all_groups`…
    pub labels: Vec<&'static str>,
    /// The same labels as readers read them, in the report's language: "all groups".
    pub label_names: Vec<&'static str>,
    /// Interventions that supported it.
    pub interventions: usize,
    /// Interventions that opposed it (and did not support it).
    pub opposed: usize,
    /// Counting groups that raised it.
    pub counting_groups: usize,
    /// Strongly voiced notes on it.
    pub emphasis: usize,
    /// The quote the rapporteur chose to speak for it, printed first.
    pub quote: Option<ReportNote>,
    /// Its notes, in the order of the meeting, but those printed under another priority.
    pub notes: Vec<ReportNote>,
    /// "A point noted under 2 bears on this too.": its notes printed under other priorities.
    pub also: String,
}

/// One note as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportNote {
    /// Id of the note in the session.
    pub id: Serial,
    /// The note's text, control characters escaped (a quote's closing full stop, and a
    /// marked point's, given way to what follows).
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
    /// A quote's words before it: "One participant said bluntly: ".
    pub before: String,
    /// A quote's words after it: ".", or ", as one participant put it.".
    pub after: String,
    /// A point's marks, said before its full stop: "strongly voiced", "opposing".
    pub marks: Vec<&'static str>,
    /// The point's own full stop, moved after its marks; empty otherwise.
    pub stop: String,
    /// The untagged notes that followed it in the same turn: part of this point.
    pub context: Vec<ReportNote>,
    /// When it was noted, `HH:MM`.
    pub time: String,
}
