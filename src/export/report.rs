//! Building the report's data (`data.rs`) from the session, its tally and its review.
//!
//! The review shapes it: the priorities come in the rapporteur's order, under the
//! section headings they named, each opened by their lead remarks and the quote they
//! chose; notes left out or folded are not printed. The figures never change with it.

use std::collections::HashMap;

use crate::clock::duration_label;
use crate::model::{GENERAL_POINTS, Session};
use crate::tally::{PriorityTally, Tally};

use super::Attribution;
use super::attribution::{Attributor, Voices};
use super::chart::{Numbered, chart};
use super::convergence::{convergence, opposed_only_sentence, tie_sentence};
use super::data::{Emphasis, Report, ReportSection};
use super::escape::escape_controls;
use super::fr;
use super::labels::Labels;
use super::language::Lang;
use super::order::{Raised, report_order};
use super::place::{Placed, place};
use super::time::hhmm;
use super::words::{capitalized, count_words, duration_in_words, group_with_article, number_word};
use super::{prose, time, voice};

/// "2020-06-02" as "2 June 2020"; anything else, a day the calendar lacks too, as written.
pub fn date_label(date: &str) -> String {
    match crate::clock::parse_date(date) {
        Ok(day) => day.strftime("%-d %B %Y").to_string(),
        Err(_) => escape_controls(date.trim()),
    }
}

/// [`date_label`] in the report's language: "2 juin 2020" in French.
fn date_in(lang: &Lang, date: &str) -> String {
    match fr::date(date) {
        Some(day) if lang.fr() => day,
        _ => date_label(date),
    }
}

/// The paragraphs of a remark as typed: blank lines part them, a single line break is a
/// space (none beside a dash that joins the words).
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in text.replace("\r\n", "\n").split("\n\n") {
        let mut paragraph = String::new();
        for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let joined = paragraph.ends_with(['—', '–']) || line.starts_with(['—', '–']);
            if !paragraph.is_empty() && !joined {
                paragraph.push(' ');
            }
            paragraph.push_str(line);
        }
        if !paragraph.is_empty() {
            out.push(escape_controls(&paragraph));
        }
    }
    out
}

/// `text` with its first letter in lower case, to follow "Likewise,".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "A point noted under 2 bears on this too.": the notes of a priority printed under
/// others, by their numbers, those supporting it apart from those opposing it.
fn also_sentence(lang: &Lang, also: &[(String, bool)], numbers: &HashMap<&str, usize>) -> String {
    let mut sentences = Vec::new();
    let verbs = if lang.fr() {
        [
            (
                false,
                (
                    "porte aussi sur cette priorité",
                    "portent aussi sur cette priorité",
                ),
            ),
            (true, ("s'y oppose", "s'y opposent")),
        ]
    } else {
        [
            (false, ("bears on this too", "bear on this too")),
            (true, ("opposes it", "oppose it")),
        ]
    };
    for (opposing, verb) in verbs {
        let mut under: Vec<usize> = also
            .iter()
            .filter(|(_, o)| *o == opposing)
            .filter_map(|(home, _)| numbers.get(home.as_str()).copied())
            .collect();
        let n = under.len();
        if n == 0 {
            continue;
        }
        under.sort_unstable();
        under.dedup();
        let places: Vec<String> = under.iter().map(usize::to_string).collect();
        if lang.fr() {
            let (what, noted, verb) = if n == 1 {
                ("Un point".to_string(), "noté", verb.0)
            } else if under.len() == 1 {
                (
                    capitalized(&fr::count_words(n, "point", "points", false)),
                    "notés",
                    verb.1,
                )
            } else {
                ("Des points".to_string(), "notés", verb.1)
            };
            sentences.push(format!("{what} {noted} sous {} {verb}.", fr::join(&places)));
            continue;
        }
        let (what, verb) = if n == 1 {
            ("A point".to_string(), verb.0)
        } else if under.len() == 1 {
            (capitalized(&count_words(n, "point", "points")), verb.1)
        } else {
            ("Points".to_string(), verb.1)
        };
        sentences.push(format!(
            "{what} noted under {} {verb}.",
            prose::join(&places)
        ));
    }
    sentences.join(" ")
}

/// "Nobody raised two of the priorities on the agenda: “…” and “…”."
fn not_raised_sentence(lang: &Lang, titles: &[String], priorities: usize) -> String {
    if titles.is_empty() {
        return String::new();
    }
    if lang.fr() {
        let quoted: Vec<String> = titles.iter().map(|t| fr::quoted(t)).collect();
        let list = fr::join(&quoted);
        let nb = fr::NNBSP;
        return match (titles.len(), priorities) {
            (1, 1) => {
                format!("La seule priorité à l'ordre du jour n'a pas été soulevée{nb}: {list}.")
            }
            (n, all) if n == all => format!(
                "Aucune des {} priorités à l'ordre du jour n'a été soulevée{nb}: {list}.",
                fr::number_word(n, true)
            ),
            (1, _) => format!(
                "Une des priorités à l'ordre du jour n'a été soulevée par personne{nb}: {list}."
            ),
            (n, _) => format!(
                "{} des priorités à l'ordre du jour n'ont été soulevées par personne{nb}: {list}.",
                capitalized(&fr::number_word(n, true))
            ),
        };
    }
    let quoted: Vec<String> = titles.iter().map(|t| format!("“{t}”")).collect();
    let which = match (titles.len(), priorities) {
        (1, 1) => "the one priority".to_string(),
        (n, all) if n == all => format!("any of the {} priorities", number_word(n)),
        (n, _) => format!("{} of the priorities", number_word(n)),
    };
    format!(
        "Nobody raised {which} on the agenda: {}.",
        prose::join(&quoted)
    )
}

/// The introduction's generated sentences, in the report's language.
struct Intro {
    opening: String,
    theme: (String, String),
    summary: String,
    time: String,
    interventions: String,
}

impl Intro {
    /// The introduction of `session` in `lang`, around its participation and date as said.
    fn of(
        lang: &Lang,
        session: &Session,
        tally: &Tally,
        times: Option<&time::TimeAccount>,
        participation: &str,
        date: &str,
        counting_label: &str,
    ) -> Intro {
        let (meta, totals) = (&session.meta, &tally.totals);
        let format = escape_controls(&meta.format);
        let languages: Vec<String> = meta.languages.iter().map(|l| escape_controls(l)).collect();
        let registered = totals.registered_people > 0;
        let (groups, chat) = (totals.counting_groups, totals.chat);
        if lang.fr() {
            return Intro {
                opening: fr::prose::opening(participation, registered, &format, &meta.date),
                theme: fr::prose::theme_sentence(meta.focus_areas.len()),
                summary: fr::prose::summary_sentence(groups, counting_label),
                time: time::time_in_french(times, &meta.format, &fr::languages(&languages), chat),
                interventions: fr::prose::interventions_sentence(tally),
            };
        }
        Intro {
            opening: prose::opening(participation, registered, &format, date),
            theme: prose::theme_sentence(meta.focus_areas.len()),
            summary: prose::summary_sentence(groups, counting_label),
            time: time::time_sentence(times, &meta.format, &prose::join(&languages), chat),
            interventions: prose::interventions_sentence(tally),
        }
    }
}

/// What every priority's emphasis is built from.
struct Context<'a> {
    session: &'a Session,
    tally: &'a Tally,
    attribution: Attribution,
    min_group: usize,
    lang: &'a Lang,
    /// The number of each priority raised, by id.
    numbers: HashMap<&'a str, usize>,
}

/// The emphasis of priority `p`, with its placed notes.
fn emphasis(cx: &Context, p: &PriorityTally, placed: Placed) -> Emphasis {
    let (session, tally, attribution) = (cx.session, cx.tally, cx.attribution);
    let remarks: Vec<String> = session
        .remarks
        .iter()
        .filter(|r| r.priority.as_deref() == Some(p.id.as_str()))
        .flat_map(|r| paragraphs(&r.text))
        .collect();
    // A lead that says it already leaves "the strongest convergence" out of the figures.
    let said = remarks.iter().any(|r| {
        let r = r.to_lowercase();
        r.contains("strongest convergence") || r.contains("plus forte convergence")
    });
    let (lang, groups) = (cx.lang, &session.groups);
    let sentence = match (p.interventions, lang.fr()) {
        (0, false) => opposed_only_sentence(p, groups, attribution),
        (0, true) => fr::convergence::opposed_only_sentence(lang, p, groups, attribution),
        (_, false) => convergence(p, groups, attribution, cx.min_group, !said),
        (_, true) => {
            fr::convergence::convergence(lang, p, groups, attribution, cx.min_group, !said)
        }
    };
    // A tie among the priorities raised more than once is said as one: in full at the
    // first of them in the report, by number at the others. Those suggested just once
    // are presented together already.
    let tie = if p.interventions >= 2 {
        let number = |id: &str| cx.numbers.get(id).copied().unwrap_or(usize::MAX);
        let others: Vec<&PriorityTally> = tally.tied_with(p).collect();
        if others.iter().all(|q| number(&q.id) > number(&p.id)) {
            let titles: Vec<String> = others.iter().map(|q| q.title.clone()).collect();
            if lang.fr() {
                fr::convergence::tie_sentence(&titles)
            } else {
                tie_sentence(&titles)
            }
        } else {
            let mut numbers: Vec<usize> = others.iter().map(|q| number(&q.id)).collect();
            numbers.sort_unstable();
            let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
            let noun = if numbers.len() == 1 {
                "priority"
            } else {
                "priorities"
            };
            if lang.fr() {
                fr::convergence::tie_by_number(&numbers)
            } else {
                format!("Equally supported with {noun} {}.", prose::join(&numbers))
            }
        }
    } else {
        String::new()
    };
    Emphasis {
        number: cx.numbers.get(p.id.as_str()).copied().unwrap_or_default(),
        id: escape_controls(&p.id),
        title: escape_controls(&p.title),
        description: session
            .priority(&p.id)
            .and_then(|q| q.description.as_deref())
            .map(escape_controls),
        remarks,
        // The tie is said in the sentence, and kept apart for templates of one's own.
        sentence: escape_controls(&if tie.is_empty() {
            sentence
        } else {
            format!("{sentence} {tie}")
        }),
        tie: escape_controls(&tie),
        rank: p.rank,
        labels: p.labels.iter().map(|l| l.id()).collect(),
        label_names: p
            .labels
            .iter()
            .map(|l| {
                if lang.fr() {
                    fr::labels::label_name(*l)
                } else {
                    l.as_str()
                }
            })
            .collect(),
        interventions: p.interventions,
        opposed: p.opposed,
        counting_groups: p.counting_groups,
        emphasis: p.emphasis,
        quote: placed.quote,
        notes: placed.notes,
        also: also_sentence(cx.lang, &placed.also, &cx.numbers),
    }
}

/// The sections of the key emphases: under the rapporteur's headings when they named
/// any, else by how the priorities were raised (when their order keeps those together).
fn sections(session: &Session, t: &Labels, raised: Vec<(Raised, Emphasis)>) -> Vec<ReportSection> {
    let review = &session.review;
    let section = |title: &str, by_rapporteur, kind| ReportSection {
        title: title.to_string(),
        by_rapporteur,
        kind,
        emphases: Vec::new(),
        points: Vec::new(),
    };
    let headed = raised
        .iter()
        .any(|(_, e)| review.heading_before(&e.id).is_some());
    let ordered = raised.windows(2).all(|w| w[0].0 <= w[1].0);
    let mut out: Vec<ReportSection> = Vec::new();
    let mut last: Option<Raised> = None;
    for (how, e) in raised {
        let opens = if headed {
            review
                .heading_before(&e.id)
                .map(|h| section(&escape_controls(h), true, "priorities"))
        } else if ordered && last != Some(how) {
            Some(match how {
                Raised::Once => section(t.suggested_once, false, "once"),
                Raised::OpposedOnly => section(t.opposed_only, false, "opposed"),
                _ => section("", false, "priorities"),
            })
        } else {
            None
        };
        last = Some(how);
        match opens {
            Some(s) => out.push(s),
            None if out.is_empty() => out.push(section("", false, "priorities")),
            None => {}
        }
        out.last_mut().expect("a section is open").emphases.push(e);
    }
    out
}

/// The report's numbering of its priorities, as the chart reads it.
fn numbered(numbers: &[(String, usize, String)]) -> Vec<Numbered<'_>> {
    numbers
        .iter()
        .map(|(id, number, title)| Numbered {
            id,
            number: *number,
            title,
        })
        .collect()
}

/// Builds the report of `session` from its `tally`.
pub fn build(
    session: &Session,
    tally: &Tally,
    attribution: Attribution,
    min_group: usize,
    lang: &Lang,
) -> Report {
    let t = Labels::of(lang.language);
    let attributor = Attributor::new(session, tally, attribution, min_group, lang);
    let review = &session.review;
    let meta = &session.meta;
    let order = report_order(session, tally);
    let rows: Vec<&PriorityTally> = order.iter().filter_map(|id| tally.priority(id)).collect();
    let (raised, unraised): (Vec<&PriorityTally>, Vec<&PriorityTally>) = rows
        .into_iter()
        .partition(|p| Raised::of(p) != Raised::NotRaised);
    let raised_ids: Vec<String> = raised.iter().map(|p| p.id.clone()).collect();
    let mut placement = place(session, tally, &raised_ids, &attributor);
    let cx = Context {
        session,
        tally,
        attribution,
        min_group,
        lang,
        numbers: raised
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i + 1))
            .collect(),
    };
    let emphases: Vec<(Raised, Emphasis)> = raised
        .iter()
        .map(|p| {
            let placed = placement.priorities.remove(&p.id).unwrap_or_default();
            (Raised::of(p), emphasis(&cx, p, placed))
        })
        .collect();
    let mut emphases = emphases;
    // The same figures twice in a row are said the second time with "Likewise".
    for k in (1..emphases.len()).rev() {
        if emphases[k].1.sentence == emphases[k - 1].1.sentence {
            let e = &mut emphases[k].1;
            e.sentence = format!("{}{}", t.likewise, lowercase_first(&e.sentence));
        }
    }
    // The chart needs only each priority's number and title, not its notes.
    let numbers: Vec<(String, usize, String)> = emphases
        .iter()
        .map(|(_, e)| (e.id.clone(), e.number, e.title.clone()))
        .collect();
    let mut sections = sections(session, t, emphases);
    let general = std::mem::take(&mut placement.general);
    if !general.is_empty() {
        let (title, by_rapporteur) = match review.heading_before(GENERAL_POINTS) {
            Some(h) => (escape_controls(h), true),
            None => (t.other_points.to_string(), false),
        };
        let part = ReportSection {
            title,
            by_rapporteur,
            kind: "general",
            emphases: Vec::new(),
            points: general,
        };
        // A heading the rapporteur gave the general points opens the key emphases with them.
        if by_rapporteur {
            sections.insert(0, part);
        } else {
            sections.push(part);
        }
    }
    // The phrases that bring quotes in vary in the order the report is read.
    let mut voices = Voices::new(lang.language);
    for s in &mut sections {
        for n in &mut s.points {
            voices.give(n);
        }
        for e in &mut s.emphases {
            for n in e.quote.iter_mut().chain(&mut e.notes) {
                voices.give(n);
            }
        }
    }
    let not_raised: Vec<String> = unraised.iter().map(|p| escape_controls(&p.title)).collect();
    let not_raised_remarks = session
        .remarks
        .iter()
        .filter(|r| {
            r.priority
                .as_deref()
                .is_some_and(|id| unraised.iter().any(|p| p.id == id))
        })
        .flat_map(|r| paragraphs(&r.text))
        .collect();
    // A remark on the meeting, or on a priority the session lacks, goes to the introduction.
    let remarks = session
        .remarks
        .iter()
        .filter(|r| {
            r.priority
                .as_deref()
                .is_none_or(|id| tally.priority(id).is_none())
        })
        .flat_map(|r| paragraphs(&r.text))
        .collect();

    let times = time::account(session, tally);
    // Groups with nobody registered are not among the "N groups" of the introduction.
    let counting: Vec<String> = session
        .groups
        .iter()
        .zip(&tally.groups)
        .filter(|(g, row)| g.counts_for_convergence && row.registered_people > 0)
        .map(|(g, _)| {
            escape_controls(&if lang.fr() {
                fr::group_in_prose(g)
            } else {
                group_with_article(g)
            })
        })
        .collect();
    let languages: Vec<String> = meta.languages.iter().map(|l| escape_controls(l)).collect();
    let languages_label = if lang.fr() {
        let named: Vec<String> = languages.iter().map(|l| fr::language_name(l)).collect();
        fr::join(&named)
    } else {
        prose::join(&languages)
    };
    let totals = &tally.totals;
    let join = |items: &[String]| {
        if lang.fr() {
            fr::join(items)
        } else {
            prose::join(items)
        }
    };
    let duration = |seconds: u32| {
        if lang.fr() {
            fr::duration_in_words(seconds)
        } else {
            duration_in_words(seconds)
        }
    };
    let participation = escape_controls(&if lang.fr() {
        fr::prose::participation(lang, tally, session)
    } else {
        prose::participation(tally, session)
    });
    let date = date_in(lang, &meta.date);
    let counting_groups_label = join(&counting);
    let intro = Intro::of(
        lang,
        session,
        tally,
        times.as_ref(),
        &participation,
        &date,
        &counting_groups_label,
    );
    Report {
        title: escape_controls(&meta.title),
        theme: escape_controls(&meta.theme),
        date: escape_controls(&meta.date),
        date_label: date,
        format: escape_controls(&meta.format),
        time_sentence: escape_controls(&intro.time),
        languages,
        languages_label,
        focus_areas: meta
            .focus_areas
            .iter()
            .map(|f| escape_controls(f))
            .collect(),
        attribution: attribution.id(),
        min_group,
        participation,
        registered_people: totals.registered_people,
        registered_entities: totals.registered_entities,
        not_in_group: totals.not_in_group,
        counting_groups: totals.counting_groups,
        counting_groups_label,
        start: times.as_ref().map(|a| hhmm(a.from)),
        end: times.as_ref().map(|a| hhmm(a.to)),
        duration: times.as_ref().map(|a| duration_label(a.length())),
        duration_words: times.as_ref().map(|a| duration(a.length())),
        opens: meta.opens.map(hhmm),
        closes: meta.closes.map(hhmm),
        length: meta
            .opens
            .zip(meta.closes)
            .map(|(o, c)| duration_label(o.until(c))),
        before_exchange: times
            .as_ref()
            .filter(|a| a.floor_exchange && a.not_exchange() >= 30)
            .map(|a| duration(a.not_exchange())),
        procedural: totals.procedural,
        interventions: totals.interventions,
        floor: totals.floor,
        chat: totals.chat,
        interventions_sentence: intro.interventions,
        opening: intro.opening,
        theme_sentence: if meta.theme.trim().is_empty() {
            String::new()
        } else {
            format!(
                "{}{}{}",
                intro.theme.0,
                escape_controls(&meta.theme),
                intro.theme.1
            )
        },
        theme_before: intro.theme.0,
        theme_after: intro.theme.1,
        summary_sentence: intro.summary,
        lang: lang.language.tag(),
        t,
        remarks,
        ranked_by_convergence: review.order.is_empty(),
        chart: chart(session, tally, &numbered(&numbers), attribution, lang),
        sections,
        not_raised_sentence: not_raised_sentence(lang, &not_raised, tally.priorities.len()),
        not_raised,
        not_raised_remarks,
        voice_balance: voice::voice_rows(session, tally, lang),
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
