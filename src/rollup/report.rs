//! The synthesis report as data, with attribution resolved across sessions, and
//! its rendering through the roll-up's own templates with the export's helpers.
//!
//! As in the single-session report, `group` and `chatham` data hold no name or
//! affiliation, so no template can print one; a group is named for a quote, a
//! sentence or the chart only when at least K distinct entities of that group
//! raised the priority, counted across the sessions that raised it.

use serde::Serialize;

use super::{PriorityRollUp, RollUp, prose};
use crate::clock::{DateError, parse_date};
use crate::export::{
    Attribution, Bar, Chart, ExportError, Format, LegendItem, Options, Segment, VoiceRow,
    date_label, escape_controls, group_in_prose, group_speaker, join, render_data,
};
use crate::model::Group;

const MARKDOWN: &str = include_str!("templates/rollup.md.j2");
const TEXT: &str = include_str!("templates/rollup.txt.j2");
const HTML: &str = include_str!("templates/rollup.html.j2");

/// Bar colours: sessions where all groups raised the priority, and the others.
const ALL_GROUPS: &str = "#3a9d5d";
const OTHERS: &str = "#9aa5ad";

/// The built-in roll-up template for `format`, to copy and adapt with `--template`.
pub fn builtin_template(format: Format) -> Option<&'static str> {
    match format {
        Format::Markdown => Some(MARKDOWN),
        Format::Text => Some(TEXT),
        Format::Html => Some(HTML),
        Format::Json | Format::Docx => None,
    }
}

/// The synthesis, as handed to the templates (and written as JSON).
#[derive(Debug, Clone, Serialize)]
pub struct RollUpReport {
    /// One line per session, in order: the annex.
    pub sessions: Vec<ReportSession>,
    /// "Synthesis of 40 sessions".
    pub title: String,
    /// The theme, when every session that has one has the same.
    pub theme: String,
    /// "on 2 June 2020", "from 2 June 2020 to 4 June 2020", or empty.
    pub dates_label: String,
    /// Attribution mode: `group`, `chatham` or `named`.
    pub attribution: &'static str,
    /// Fewest entities of a group on a priority, across sessions, before it is named.
    pub min_group: usize,
    /// Sessions in the roll-up.
    pub session_count: usize,
    /// "412 representatives of 60 States, … registered for the 40 sessions".
    pub participation: String,
    /// "Altogether, there were 2345 separate interventions and inputs across …".
    pub interventions_sentence: String,
    /// Distinct people registered.
    pub registered_people: usize,
    /// Distinct entities registered.
    pub registered_entities: usize,
    /// Distinct people who spoke or wrote.
    pub speakers: usize,
    /// Interventions and inputs.
    pub interventions: usize,
    /// On the floor.
    pub floor: usize,
    /// In the chat.
    pub chat: usize,
    /// Notes.
    pub notes: usize,
    /// Groups counting toward convergence across sessions.
    pub counting_groups: usize,
    /// Their names as prose.
    pub counting_groups_label: String,
    /// Priorities raised in several sessions (all raised ones for a single session), ranked.
    pub converging: Vec<ReportPriority>,
    /// Priorities raised in one session of several.
    pub single_session: Vec<ReportPriority>,
    /// Titles of priorities no session raised.
    pub not_raised: Vec<String>,
    /// Priorities of one session that match no other session's by id or title.
    pub unmatched: Vec<Unmatched>,
    /// Voice balance across sessions.
    pub voice_balance: Vec<VoiceRow>,
    /// Sessions raising each priority, as bars.
    pub chart: Chart,
}

/// One session in the annex.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSession {
    /// Number in the roll-up.
    pub number: usize,
    /// Title of the meeting.
    pub title: String,
    /// Date as people read it.
    pub date_label: String,
    /// Interventions and inputs.
    pub interventions: usize,
    /// On the floor.
    pub floor: usize,
    /// In the chat.
    pub chat: usize,
    /// Notes.
    pub notes: usize,
    /// Title of the priority it ranked first, if it raised any.
    pub top_priority: Option<String>,
    /// Interventions that raised that priority there.
    pub top_interventions: usize,
}

/// One priority in the synthesis.
#[derive(Debug, Clone, Serialize)]
pub struct ReportPriority {
    /// Number in the report, continuing across sections.
    pub number: usize,
    /// Id across sessions.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description, if any session gave one.
    pub description: Option<String>,
    /// The generated sentence of its convergence across sessions.
    pub sentence: String,
    /// Labels: `all_sessions`, `all_groups`, `one_session`.
    pub labels: Vec<&'static str>,
    /// Sessions that raised it.
    pub sessions_raised: usize,
    /// Sessions in the roll-up.
    pub sessions_total: usize,
    /// Sessions where all their groups raised it.
    pub all_groups_sessions: usize,
    /// Interventions that raised it, all sessions.
    pub interventions: usize,
    /// Counting groups that raised it across sessions.
    pub counting_groups: usize,
    /// Counting groups across sessions.
    pub counting_groups_total: usize,
    /// The groups that may be named as raising it, as prose.
    pub groups_label: String,
    /// "In sessions 1 (6 interventions, 2 of 4 groups) and 3 (…)."
    pub sessions_sentence: String,
    /// Its convergence in each session that raised it.
    pub sessions: Vec<ReportPrioritySession>,
    /// Its verbatim quotes, attributed as the mode allows.
    pub quotes: Vec<ReportQuote>,
}

/// A priority's figures in one session.
#[derive(Debug, Clone, Serialize)]
pub struct ReportPrioritySession {
    /// The session's number.
    pub number: usize,
    /// The session's title.
    pub title: String,
    /// Interventions that raised it there.
    pub interventions: usize,
    /// Counting groups there that raised it.
    pub counting_groups: usize,
    /// Counting groups there.
    pub counting_groups_total: usize,
    /// Whether all of them did.
    pub all_groups: bool,
}

/// A verbatim quote in the synthesis.
#[derive(Debug, Clone, Serialize)]
pub struct ReportQuote {
    /// The quote, control characters escaped.
    pub text: String,
    /// Who said it, as the attribution mode allows.
    pub by: String,
    /// Number of the session.
    pub session: usize,
    /// Title of the session.
    pub session_title: String,
    /// Whether it was strongly voiced.
    pub strong: bool,
}

/// A priority that only one session has.
#[derive(Debug, Clone, Serialize)]
pub struct Unmatched {
    /// Its title.
    pub title: String,
    /// Number of the session that has it.
    pub session: usize,
    /// Title of that session.
    pub session_title: String,
}

fn session_title(rollup: &RollUp, number: usize) -> String {
    rollup.session(number).map_or_else(String::new, |s| {
        if s.title.trim().is_empty() {
            format!("session {number}")
        } else {
            escape_controls(&s.title)
        }
    })
}

/// Who said a quote on `p`, as `attribution` allows across sessions.
fn speaker(
    rollup: &RollUp,
    p: &PriorityRollUp,
    quote: &super::Quote,
    attribution: Attribution,
    min_group: usize,
) -> String {
    match attribution {
        Attribution::Chatham => "one participant".to_string(),
        Attribution::Named => match rollup.people.get(quote.person) {
            Some(who) if who.affiliation.trim().is_empty() => escape_controls(&who.name),
            Some(who) => format!(
                "{} ({})",
                escape_controls(&who.name),
                escape_controls(&who.affiliation)
            ),
            None => "one participant".to_string(),
        },
        Attribution::Group => {
            let group: Option<&Group> = quote.group.and_then(|g| rollup.conference_groups.get(g));
            let entities = group
                .and_then(|g| p.by_group.iter().find(|row| row.group == g.id))
                .map_or(0, |row| row.entities);
            escape_controls(&group_speaker(group, entities, min_group, true))
        }
    }
}

fn priority(
    rollup: &RollUp,
    p: &PriorityRollUp,
    attribution: Attribution,
    min_group: usize,
) -> ReportPriority {
    let quotes = p
        .quote_list
        .iter()
        .map(|q| {
            let text = q.text.trim();
            let text = text.strip_suffix(['.', ',']).unwrap_or(text).trim_end();
            ReportQuote {
                text: escape_controls(text),
                by: speaker(rollup, p, q, attribution, min_group),
                session: q.session,
                session_title: session_title(rollup, q.session),
                strong: q.strong,
            }
        })
        .collect();
    let names: Vec<String> = prose::nameable(p, &rollup.conference_groups, attribution, min_group)
        .iter()
        .map(|g| escape_controls(&group_in_prose(g)))
        .collect();
    ReportPriority {
        number: 0,
        id: escape_controls(&p.id),
        title: escape_controls(&p.title),
        description: p.description.as_deref().map(escape_controls),
        sentence: escape_controls(&prose::convergence_sentence(
            p,
            rollup,
            attribution,
            min_group,
        )),
        labels: p.labels.iter().map(|l| l.id()).collect(),
        sessions_raised: p.sessions_raised,
        sessions_total: p.sessions_total,
        all_groups_sessions: p.all_groups_sessions,
        interventions: p.interventions,
        counting_groups: p.counting_groups,
        counting_groups_total: p.counting_groups_total,
        groups_label: join(&names),
        sessions_sentence: prose::sessions_sentence(p),
        sessions: p
            .sessions
            .iter()
            .map(|s| ReportPrioritySession {
                number: s.session,
                title: session_title(rollup, s.session),
                interventions: s.interventions,
                counting_groups: s.counting_groups,
                counting_groups_total: s.counting_groups_total,
                all_groups: s.all_groups,
            })
            .collect(),
        quotes,
    }
}

/// "on 2 June 2020", "from 2 June 2020 to 4 June 2020", or empty without dates.
fn dates(rollup: &RollUp) -> String {
    let mut days: Vec<_> = rollup
        .sessions
        .iter()
        .filter_map(|s| {
            parse_date(&s.date)
                .ok()
                .map(|d| (d, s.date.trim().to_string()))
        })
        .collect();
    days.sort();
    match (days.first(), days.last()) {
        (Some(first), Some(last)) if first.0 == last.0 => format!("on {}", date_label(&first.1)),
        (Some(first), Some(last)) => {
            format!("from {} to {}", date_label(&first.1), date_label(&last.1))
        }
        _ => String::new(),
    }
}

/// The synthesis of `rollup` as data, attribution resolved for `attribution`.
pub fn report(rollup: &RollUp, attribution: Attribution, min_group: usize) -> RollUpReport {
    let n = rollup.totals.sessions;
    let mut converging = Vec::new();
    let mut single_session = Vec::new();
    let mut not_raised = Vec::new();
    for p in rollup.ranked() {
        match p.sessions_raised {
            0 => not_raised.push(escape_controls(&p.title)),
            1 if n >= 2 => single_session.push(priority(rollup, p, attribution, min_group)),
            _ => converging.push(priority(rollup, p, attribution, min_group)),
        }
    }
    for (number, p) in converging
        .iter_mut()
        .chain(single_session.iter_mut())
        .enumerate()
    {
        p.number = number + 1;
    }
    let themes: Vec<&str> = rollup
        .sessions
        .iter()
        .map(|s| s.theme.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let theme = match themes.split_first() {
        Some((first, rest)) if rest.iter().all(|t| t == first) => escape_controls(first),
        _ => String::new(),
    };
    let counting: Vec<String> = rollup
        .conference_groups
        .iter()
        .zip(&rollup.groups)
        .filter(|(g, row)| {
            g.counts_for_convergence && (row.registered_people > 0 || row.interventions > 0)
        })
        .map(|(g, _)| escape_controls(&group_in_prose(g)))
        .collect();
    let t = &rollup.totals;
    RollUpReport {
        sessions: rollup
            .sessions
            .iter()
            .map(|s| ReportSession {
                number: s.number,
                title: session_title(rollup, s.number),
                date_label: date_label(&s.date),
                interventions: s.interventions,
                floor: s.floor,
                chat: s.chat,
                notes: s.notes,
                top_priority: s.top_priority.as_ref().map(|p| escape_controls(&p.title)),
                top_interventions: s.top_priority.as_ref().map_or(0, |p| p.interventions),
            })
            .collect(),
        title: match n {
            1 => "Synthesis of one session".to_string(),
            n => format!("Synthesis of {n} sessions"),
        },
        theme,
        dates_label: dates(rollup),
        attribution: attribution.id(),
        min_group,
        session_count: n,
        participation: escape_controls(&prose::participation(rollup)),
        interventions_sentence: prose::interventions_sentence(t),
        registered_people: t.registered_people,
        registered_entities: t.registered_entities,
        speakers: t.speakers,
        interventions: t.interventions,
        floor: t.floor,
        chat: t.chat,
        notes: t.notes,
        counting_groups: t.counting_groups,
        counting_groups_label: join(&counting),
        chart: chart(&converging, &single_session, n),
        converging,
        single_session,
        not_raised,
        unmatched: rollup
            .unmatched()
            .map(|p| {
                let session = p.defined_in.first().copied().unwrap_or(0);
                Unmatched {
                    title: escape_controls(&p.title),
                    session,
                    session_title: session_title(rollup, session),
                }
            })
            .collect(),
        voice_balance: voice_rows(rollup),
    }
}

fn percent(share: f64) -> u32 {
    (share * 100.0).round() as u32
}

fn voice_rows(rollup: &RollUp) -> Vec<VoiceRow> {
    rollup
        .groups
        .iter()
        .filter(|g| g.registered_people > 0 || g.interventions > 0)
        .map(|g| {
            let (spoke, roster) = (
                percent(g.share_of_interventions),
                percent(g.share_of_roster),
            );
            let balance = spoke as i32 - roster as i32;
            VoiceRow {
                name: escape_controls(&g.name),
                counts_for_convergence: g.counts_for_convergence,
                registered_people: g.registered_people,
                registered_entities: g.registered_entities,
                speakers: g.speakers,
                floor: g.floor,
                chat: g.chat,
                interventions: g.interventions,
                share_of_interventions: spoke,
                share_of_roster: roster,
                balance,
                balance_label: if balance > 0 {
                    format!("+{balance}")
                } else {
                    balance.to_string()
                },
            }
        })
        .collect()
}

/// Bars of the sessions that raised each priority: those where all groups did, then the rest.
fn chart(converging: &[ReportPriority], single: &[ReportPriority], sessions: usize) -> Chart {
    const ROW: u32 = 26;
    const LEFT: u32 = 250;
    const SPAN: u32 = 360;
    let unit = |n: usize| n as u32 * SPAN / sessions.max(1) as u32;
    let (mut all_used, mut others_used) = (false, false);
    let mut y = 8;
    let bars = converging
        .iter()
        .chain(single)
        .map(|p| {
            let mut x = LEFT;
            let mut segments = Vec::new();
            let parts = [
                (
                    p.all_groups_sessions,
                    ALL_GROUPS,
                    "sessions with all groups",
                ),
                (
                    p.sessions_raised - p.all_groups_sessions,
                    OTHERS,
                    "other sessions",
                ),
            ];
            for (n, color, what) in parts {
                if n == 0 {
                    continue;
                }
                let width = unit(n);
                if color == ALL_GROUPS {
                    all_used = true;
                } else {
                    others_used = true;
                }
                segments.push(Segment {
                    x,
                    width,
                    color,
                    title: format!("{what}: {n}"),
                    counted: true,
                });
                x += width;
            }
            let label = format!("{}. {}", p.number, p.title);
            let lines = crate::export::label_lines(&label);
            // A label on more lines takes a taller row, its bar centred beside it.
            let extra = (lines.len() as u32 - 1) * crate::export::LABEL_LINE;
            let top = y + extra / 2;
            y += ROW + extra;
            Bar {
                title: format!(
                    "{}. {}: raised in {} of {sessions} sessions",
                    p.number, p.title, p.sessions_raised
                ),
                lines,
                label,
                value: p.sessions_raised,
                y: top,
                segments,
                end: x,
            }
        })
        .collect::<Vec<_>>();
    let mut legend = Vec::new();
    if all_used {
        legend.push(LegendItem {
            color: ALL_GROUPS,
            label: "sessions where all groups raised it".into(),
            counted: true,
        });
    }
    if others_used {
        legend.push(LegendItem {
            color: OTHERS,
            label: "other sessions".into(),
            counted: true,
        });
    }
    Chart {
        width: LEFT + SPAN + 40,
        height: 8 + y,
        left: LEFT,
        bands: Vec::new(),
        bars,
        legend,
        caption: format!(
            "Sessions that raised each priority, of {sessions}: priorities raised by all \
             groups in some session first; the length of a bar is the number of sessions."
        ),
    }
}

/// The synthesis of `rollup` as `options` ask: every text format of the single-session
/// report (the Word document is one session's).
pub fn export(rollup: &RollUp, options: &Options) -> Result<String, ExportError> {
    if options.format == Format::Docx {
        return Err(ExportError(
            "a Word document is written for one session; export the sessions one by one, \
             or their synthesis as markdown, text, html or json"
                .into(),
        ));
    }
    // A day the calendar lacks would be printed as if real.
    for s in &rollup.sessions {
        if let Err(DateError::NoSuchDay(reason)) = parse_date(&s.date) {
            return Err(ExportError(format!(
                "{}: {reason}; correct the meeting's date in the session file",
                s.file
            )));
        }
    }
    let data = report(rollup, options.attribution, options.min_group);
    let builtin = builtin_template(options.format).unwrap_or_default();
    render_data(
        &data,
        options.format,
        "rollup",
        builtin,
        options.template.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priority(number: usize, title: &str) -> ReportPriority {
        ReportPriority {
            number,
            id: format!("p{number}"),
            title: title.into(),
            description: None,
            sentence: String::new(),
            labels: Vec::new(),
            sessions_raised: 2,
            sessions_total: 3,
            all_groups_sessions: 1,
            interventions: 4,
            counting_groups: 2,
            counting_groups_total: 4,
            groups_label: String::new(),
            sessions_sentence: String::new(),
            sessions: Vec::new(),
            quotes: Vec::new(),
        }
    }

    #[test]
    fn long_labels_wrap_whole_and_rows_grow_to_hold_them() {
        let long = "Decentralize to the cities some of the competence and means of the national \
                    government regarding migrants and refugees";
        let chart = chart(&[priority(1, long), priority(2, "Data")], &[], 3);
        let (first, second) = (&chart.bars[0], &chart.bars[1]);
        assert_eq!(first.label, format!("1. {long}"));
        assert_eq!(first.lines.join(" "), first.label);
        assert!(first.lines.len() > 2);
        // The next row starts below the last line of this label.
        let bottom = first.y + 9 + first.lines.len() as u32 * crate::export::LABEL_LINE / 2;
        assert!(second.y > bottom, "{} overlaps {}", second.y, bottom);
        assert!(chart.height > second.y + 18);
    }
}
