//! How the session's time was spent, measured from the record: the opening and
//! closing times when given (else the first and last notes), and the floor turns,
//! of which the chairs' procedural turns are not exchange between participants.

use crate::clock::Clock;
use crate::model::{Channel, Session};
use crate::tally::Tally;

use super::words::{duration_in_words, number_word};

/// The session's time, as the record has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeAccount {
    /// When the session started: the opening time, or the first note.
    pub from: Clock,
    /// When it ended: the closing time, or the last note.
    pub to: Clock,
    /// Whether `from` is the recorded opening time.
    pub opens_recorded: bool,
    /// Whether `to` is the recorded closing time.
    pub closes_recorded: bool,
    /// Seconds of floor turns between participants, procedural turns left out.
    pub exchange: u32,
    /// Seconds of the chairs' procedural floor turns.
    pub procedural: u32,
    /// Whether any floor turn between participants was recorded.
    pub floor_exchange: bool,
}

impl TimeAccount {
    /// Seconds from `from` to `to`.
    pub fn length(&self) -> u32 {
        self.from.until(self.to)
    }

    /// Seconds of the session that were not exchange between participants.
    pub fn not_exchange(&self) -> u32 {
        self.length().saturating_sub(self.exchange)
    }
}

/// The time account of `session`, whose `tally` says which turns are procedural, or
/// `None` when nothing dates it.
pub fn account(session: &Session, tally: &Tally) -> Option<TimeAccount> {
    let moments = session.interventions.iter().flat_map(|i| {
        std::iter::once(i.start)
            .chain(i.end)
            .chain(i.notes.iter().map(|n| n.time))
    });
    let first = moments.clone().min();
    let last = moments.max();
    let meta = &session.meta;
    let from = meta.opens.or(first)?;
    let to = meta.closes.or(last)?.max(from);
    let floor: Vec<_> = session
        .interventions
        .iter()
        .filter(|i| i.channel == Channel::Floor)
        .collect();
    let mut spans = Vec::new();
    let mut procedural = 0;
    for (k, turn) in floor.iter().enumerate() {
        // A turn still open runs to the next floor turn, or to the end of the session.
        let end = turn
            .end
            .or_else(|| floor.get(k + 1).map(|next| next.start))
            .unwrap_or(to);
        let (start, end) = (turn.start.max(from), end.min(to));
        if end <= start {
            continue;
        }
        if tally.is_procedural(turn.id) {
            procedural += start.until(end);
        } else {
            spans.push((start, end));
        }
    }
    let floor_exchange = !spans.is_empty();
    Some(TimeAccount {
        from,
        to,
        opens_recorded: meta.opens.is_some(),
        closes_recorded: meta.closes.is_some(),
        exchange: union_length(spans),
        procedural,
        floor_exchange,
    })
}

/// Whether `format` gives the length of a session of `seconds` already: "two-hour",
/// "90-minute", "45-minute".
fn says_length(format: &str, seconds: u32) -> bool {
    let minutes = (seconds + 30) / 60;
    let format = format.to_lowercase();
    let said = |n: u32, unit: &str| {
        format.contains(&format!("{}-{unit}", number_word(n as usize)))
            || format.contains(&format!("{n}-{unit}"))
    };
    (minutes.is_multiple_of(60) && minutes > 0 && said(minutes / 60, "hour"))
        || said(minutes, "minute")
}

/// Seconds covered by `spans`, overlaps counted once.
fn union_length(mut spans: Vec<(Clock, Clock)>) -> u32 {
    spans.sort();
    let mut total = 0;
    let mut reach: Option<Clock> = None;
    for (start, end) in spans {
        let start = reach.map_or(start, |r| start.max(r));
        if end > start {
            total += start.until(end);
            reach = Some(end);
        }
    }
    total
}

pub(super) fn hhmm(clock: Clock) -> String {
    let s = clock.seconds();
    format!("{:02}:{:02}", s / 3600, s / 60 % 60)
}

/// The introduction's account of the time: "The session ran for two hours, from 10:00
/// to 12:00, in English and French; all but 15 minutes of it was exchange between
/// participants, on the floor and in the chat." The length is left out when the
/// meeting's `format` says it already ("two-hour on-line breakout session"). Empty when
/// nothing dates the session.
pub fn time_sentence(
    account: Option<&TimeAccount>,
    format: &str,
    languages: &str,
    chat: usize,
) -> String {
    let Some(a) = account else {
        return String::new();
    };
    let (from, to) = (hhmm(a.from), hhmm(a.to));
    let length = if says_length(format, a.length()) {
        String::new()
    } else {
        format!("for {} ", duration_in_words(a.length()))
    };
    let by_notes = if a.opens_recorded || a.closes_recorded {
        ""
    } else {
        "by the notes "
    };
    let span = match (a.opens_recorded, a.closes_recorded) {
        (true, false) => format!("from {from} to the last note at {to}"),
        (false, true) => format!("from the first note at {from} to {to}"),
        _ => format!("from {from} to {to}"),
    };
    let span = if length.is_empty() && by_notes.is_empty() {
        span
    } else {
        format!("{length}{by_notes}, {span}").replace(" ,", ",")
    };
    let mut sentence = format!("The session ran {span}");
    if !languages.is_empty() {
        sentence.push_str(&format!(", in {languages}"));
    }
    if a.floor_exchange {
        let minutes = (a.not_exchange() + 30) / 60;
        let share = if minutes == 0 {
            "all of it".to_string()
        } else {
            format!("all but {} of it", duration_in_words(a.not_exchange()))
        };
        let channels = if chat > 0 {
            "on the floor and in the chat"
        } else {
            "on the floor"
        };
        sentence.push_str(&format!(
            "; {share} was exchange between participants, {channels}"
        ));
    }
    sentence.push('.');
    sentence
}

/// [`time_sentence`] in French: "La séance a duré deux heures, de 10 h à 12 h, …".
pub fn time_in_french(
    account: Option<&TimeAccount>,
    format: &str,
    languages: &str,
    chat: usize,
) -> String {
    let says = account.is_some_and(|a| super::fr::prose::says_length(format, a.length()));
    super::fr::prose::time_sentence(account, says, languages, chat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_turns_count_once() {
        let c = |m| Clock::hms(10, m, 0);
        assert_eq!(union_length(vec![(c(0), c(10)), (c(5), c(20))]), 20 * 60);
        assert_eq!(union_length(vec![(c(30), c(40)), (c(0), c(10))]), 20 * 60);
        assert_eq!(union_length(vec![(c(0), c(30)), (c(5), c(10))]), 30 * 60);
    }
}
