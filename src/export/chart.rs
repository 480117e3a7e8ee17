//! The tally as a bar chart for the HTML report: geometry computed here, so that
//! templates only draw, and every figure it shows is one the prose already gives.

use serde::Serialize;

use crate::model::Session;
use crate::tally::{Label, PriorityTally, Tally};

use super::Attribution;
use super::escape::escape_controls;
use super::labels::Labels;
use super::language::Lang;
use super::prose::count;

/// A priority as the report numbers it, for its bar.
#[derive(Debug, Clone, Copy)]
pub struct Numbered<'a> {
    /// Priority id, as the report writes it.
    pub id: &'a str,
    /// Its number in the report.
    pub number: usize,
    /// Its title, as the report writes it.
    pub title: &'a str,
}

/// The tally as horizontal bars, one per priority raised, in report order.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// Where bars start, after the labels.
    pub left: u32,
    /// Headings over the bars, one per number of groups that raised them.
    pub bands: Vec<Band>,
    /// One bar per priority raised, in report order.
    pub bars: Vec<Bar>,
    /// The colours used, with what they stand for.
    pub legend: Vec<LegendItem>,
    /// What the bars show and how they are ordered, in words.
    pub caption: String,
}

/// A heading over the bars of priorities raised by the same number of groups.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    /// "Raised by all 4 groups", "Raised by 2 of the 4 groups", "Suggested just once".
    pub label: String,
    /// Top of the heading's row.
    pub y: u32,
}

/// One priority's bar.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Number and title, whole.
    pub label: String,
    /// The label as the chart draws it, whole, on lines that fit beside the bars,
    /// broken between words.
    pub lines: Vec<String>,
    /// Number, full title and figures, for the bar's tooltip.
    pub title: String,
    /// Interventions that raised it.
    pub value: usize,
    /// Top of the bar, centred in its row beside its label's lines.
    pub y: u32,
    /// Segments: one per group that raised it, or one for all in `chatham`.
    pub segments: Vec<Segment>,
    /// Where the bar ends, for the value label.
    pub end: u32,
}

/// A part of a bar.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// Left edge.
    pub x: u32,
    /// Width.
    pub width: u32,
    /// Fill colour.
    pub color: &'static str,
    /// What the segment counts, for its tooltip: "States: 5 interventions".
    pub title: String,
    /// Whether its group counts toward convergence; observers' segments are drawn paler.
    pub counted: bool,
}

/// A legend entry of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    /// Fill colour.
    pub color: &'static str,
    /// What it stands for.
    pub label: String,
    /// Whether it stands for a group counted toward convergence.
    pub counted: bool,
}

const PALETTE: [&str; 6] = [
    "#1f6f8b", "#e07a1f", "#3a9d5d", "#8e5ea2", "#c94f4f", "#7d7d2b",
];
/// Interventions by people in no group on the roster.
const NO_GROUP: &str = "#9aa5ad";
/// The one colour of `chatham` bars.
const PLAIN: &str = "#4f7a94";

const ROW: u32 = 26;
/// Height of each further line of a label.
pub const LABEL_LINE: u32 = 14;
/// Columns of display width a label's line takes at most beside the bars.
const LABEL_COLUMNS: usize = 34;
const BAND: u32 = 22;
const LEFT: u32 = 250;
const SPAN: u32 = 360;

fn interventions(n: usize) -> String {
    count(n, "intervention", "interventions")
}

/// The chart's words in French.
mod french {
    use super::super::fr::count;
    use crate::tally::{Label, PriorityTally};

    pub(super) fn interventions(n: usize) -> String {
        count(n, "intervention", "interventions", true)
    }

    pub(super) fn band_label(p: &PriorityTally) -> String {
        let total = p.counting_groups_total;
        if p.interventions == 1 {
            "Suggérées une seule fois".to_string()
        } else if p.has(Label::AllGroups) {
            format!("Soulevées par les {total} groupes")
        } else if p.counting_groups == 0 {
            "Soulevées uniquement par des groupes hors convergence".to_string()
        } else {
            format!("Soulevées par {} des {total} groupes", p.counting_groups)
        }
    }

    pub(super) fn from_groups(n: usize) -> String {
        format!(", par {}", count(n, "groupe", "groupes", false))
    }

    pub(super) fn caption(in_report_order: bool, by_group: bool) -> String {
        let order = if in_report_order {
            "Priorités dans l'ordre du compte rendu, par convergence"
        } else {
            "Priorités par convergence, numérotées comme dans le compte rendu"
        };
        let length = if by_group {
            "La longueur de chaque barre est le nombre d'interventions qui ont soulevé la \
             priorité\u{202f}; chaque couleur est la part d'un groupe."
        } else {
            "La longueur de chaque barre est le nombre d'interventions qui ont soulevé la priorité."
        };
        format!(
            "{order}\u{202f}: d'abord selon le nombre de groupes qui les ont soulevées, puis \
             selon le nombre d'interventions. {length}"
        )
    }
}

/// The band a priority's bar stands in: how many counting groups raised it.
fn band_label(p: &PriorityTally) -> String {
    let total = p.counting_groups_total;
    if p.interventions == 1 {
        "Suggested just once".to_string()
    } else if p.has(Label::AllGroups) {
        format!("Raised by all {total} groups")
    } else if p.counting_groups == 0 {
        "Raised only by groups not counted for convergence".to_string()
    } else {
        format!("Raised by {} of the {total} groups", p.counting_groups)
    }
}

/// What the chart calls interventions of people in no group.
fn no_group(fr: bool) -> &'static str {
    if fr { "sans groupe" } else { "in no group" }
}

/// Bars of the priorities raised, by convergence (those raised more than once first),
/// numbered as `emphases` are in the report. In `group` and `named` modes each bar shows
/// every group that raised the priority, as the counts of the convergence sentence do;
/// in `chatham` the bars are plain.
pub fn chart(
    session: &Session,
    tally: &Tally,
    emphases: &[Numbered],
    attribution: Attribution,
    lang: &Lang,
) -> Chart {
    let fr = lang.fr();
    let t = Labels::of(lang.language);
    let interventions = |n: usize| {
        if fr {
            french::interventions(n)
        } else {
            interventions(n)
        }
    };
    let group_name = |name: &str| {
        escape_controls(&if fr {
            super::fr::group_label(name)
        } else {
            name.to_string()
        })
    };
    let raised = tally
        .ranked()
        .filter(|p| p.interventions > 1)
        .chain(tally.ranked().filter(|p| p.interventions == 1));
    let max = tally.max_interventions().max(1) as u32;
    let unit = |n: usize| n as u32 * SPAN / max;
    let colour = |g: usize| PALETTE[g % PALETTE.len()];
    let by_group = attribution != Attribution::Chatham;
    let mut used = vec![false; session.groups.len()];
    let mut no_group_used = false;
    let mut bands: Vec<Band> = Vec::new();
    let mut bars = Vec::new();
    let mut y = 8;
    let mut numbers = Vec::new();
    for p in raised {
        let Some(e) = emphases.iter().find(|e| e.id == escape_controls(&p.id)) else {
            continue;
        };
        numbers.push(e.number);
        let band = if fr {
            french::band_label(p)
        } else {
            band_label(p)
        };
        if bands.last().is_none_or(|b| b.label != band) {
            bands.push(Band { label: band, y });
            y += BAND;
        }
        let mut x = LEFT;
        let mut segments = Vec::new();
        let mut shown = 0;
        for (g, group) in session.groups.iter().enumerate().filter(|_| by_group) {
            let Some(part) = p.group(&group.id).filter(|part| part.interventions > 0) else {
                continue;
            };
            used[g] = true;
            shown += part.interventions;
            let width = unit(shown) - (x - LEFT);
            segments.push(Segment {
                x,
                width,
                color: colour(g),
                title: format!(
                    "{}{}: {}",
                    group_name(&group.name),
                    if fr { "\u{202f}" } else { "" },
                    interventions(part.interventions)
                ),
                counted: group.counts_for_convergence,
            });
            x += width;
        }
        let rest = p.interventions.saturating_sub(shown);
        if rest > 0 {
            let width = unit(p.interventions) - (x - LEFT);
            no_group_used |= by_group;
            segments.push(Segment {
                x,
                width,
                color: if by_group { NO_GROUP } else { PLAIN },
                title: if by_group {
                    format!("{}: {}", no_group(fr), interventions(rest))
                } else {
                    interventions(rest)
                },
                counted: !by_group,
            });
            x += width;
        }
        let from = match p.counting_groups {
            0 => String::new(),
            n if fr => french::from_groups(n),
            n => format!(" from {}", count(n, "group", "groups")),
        };
        let label = format!("{}. {}", e.number, e.title);
        let lines = label_lines(&label);
        let extra = (lines.len() as u32 - 1) * LABEL_LINE;
        bars.push(Bar {
            label,
            lines,
            title: format!(
                "{}. {}{}: {}{from}",
                e.number,
                e.title,
                if fr { "\u{202f}" } else { "" },
                interventions(p.interventions)
            ),
            value: p.interventions,
            y: y + extra / 2,
            segments,
            end: x,
        });
        y += ROW + extra;
    }
    let mut legend: Vec<LegendItem> = session
        .groups
        .iter()
        .enumerate()
        .filter(|(g, _)| used[*g])
        .map(|(g, group)| LegendItem {
            color: colour(g),
            label: if group.counts_for_convergence {
                group_name(&group.name)
            } else {
                format!("{} {}", group_name(&group.name), t.not_counted)
            },
            counted: group.counts_for_convergence,
        })
        .collect();
    if no_group_used {
        legend.push(LegendItem {
            color: NO_GROUP,
            label: no_group(fr).to_string(),
            counted: false,
        });
    }
    // The rapporteur's order may differ from convergence: the numbers then tell them apart.
    let in_order = numbers.windows(2).all(|w| w[0] < w[1]);
    let order = if in_order {
        "Priorities in the order of the report, by convergence"
    } else {
        "Priorities by convergence, numbered as in the report"
    };
    let length = if by_group {
        "Bar length is the number of interventions that raised the priority; each colour is \
         one group's share."
    } else {
        "Bar length is the number of interventions that raised the priority."
    };
    Chart {
        width: LEFT + SPAN + 40,
        height: y + 8,
        left: LEFT,
        bands,
        bars,
        legend,
        caption: if fr {
            french::caption(in_order, by_group)
        } else {
            format!(
                "{order}: first the number of groups that raised them, then the number of \
                 interventions. {length}"
            )
        },
    }
}

/// `label` on lines of at most [`LABEL_COLUMNS`] columns, broken between words (a word
/// longer than a line between graphemes); never shortened.
pub fn label_lines(label: &str) -> Vec<String> {
    super::wrap::fill(label, LABEL_COLUMNS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn long_labels_wrap_whole() {
        let label = "12. Decentralize to the cities some of the competence and means of the \
                     national government regarding migrants and refugees, with a secretariat";
        let lines = label_lines(label);
        assert!(lines.len() > 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= LABEL_COLUMNS));
        assert_eq!(
            lines.join(" "),
            label.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}
