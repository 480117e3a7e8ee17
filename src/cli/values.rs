//! Option values checked as clap reads them, so a wrong one is refused with its range.

use crate::clock::{self, Clock};

/// `--opens`, `--closes`, `--starts-at`: a time of day, 00:00 to 23:59[:59].
pub fn time_of_day(text: &str) -> Result<Clock, String> {
    Clock::time_of_day(text).map_err(|e| e.to_string())
}

/// `--date`: a day the calendar has, `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<jiff::civil::Date, String> {
    clock::parse_date(text).map_err(|e| e.to_string())
}

/// `--min-group`: how many entities of a group, from 1.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("it must be 1 or more (a group is named once K of its entities spoke)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("expected a whole number from 1, found {text:?}")),
    }
}
