//! Meeting clock times, written `HH:MM:SS` in session files, and meeting dates.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time in the meeting, in seconds since midnight of the session's date.
///
/// Hours may pass 24 for a session that runs over several days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(pub u32);

impl Clock {
    /// A clock time from hours, minutes and seconds.
    pub fn hms(h: u32, m: u32, s: u32) -> Clock {
        Clock(h * 3600 + m * 60 + s)
    }

    /// Seconds since midnight.
    pub fn seconds(self) -> u32 {
        self.0
    }

    /// The current local wall-clock time.
    pub fn now() -> Clock {
        let now = jiff::Zoned::now();
        Clock::hms(now.hour() as u32, now.minute() as u32, now.second() as u32)
    }

    /// Seconds from `self` to `later`, zero if `later` is earlier.
    pub fn until(self, later: Clock) -> u32 {
        later.0.saturating_sub(self.0)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        write!(f, "{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// Why a clock time did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockError(pub String);

impl fmt::Display for ClockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ClockError {}

impl FromStr for Clock {
    type Err = ClockError;

    /// Parses `HH:MM` or `HH:MM:SS`.
    fn from_str(text: &str) -> Result<Clock, ClockError> {
        let parts: Vec<&str> = text.split(':').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(ClockError(format!(
                "expected a time as HH:MM or HH:MM:SS, found {text:?}"
            )));
        }
        let mut fields = [0u32; 3];
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ClockError(format!(
                    "expected digits in the time {text:?}, found {part:?}"
                )));
            }
            fields[i] = part
                .parse()
                .map_err(|_| ClockError(format!("bad number {part:?}")))?;
        }
        let [h, m, s] = fields;
        if m > 59 || s > 59 {
            return Err(ClockError(format!(
                "minutes and seconds must be below 60 in {text:?}"
            )));
        }
        Ok(Clock::hms(h, m, s))
    }
}

impl Serialize for Clock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Clock, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Clock {
    /// Parses a time of day, `HH:MM` or `HH:MM:SS` from 00:00 to 23:59:59, as the
    /// command line takes the opening and closing times (session files may pass 24:00).
    pub fn time_of_day(text: &str) -> Result<Clock, ClockError> {
        let parts: Vec<&str> = text.split(':').collect();
        let shaped = (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
        if !shaped {
            return Err(ClockError(format!(
                "expected a time of day as HH:MM or HH:MM:SS, found {text:?}"
            )));
        }
        let field = |i: usize| parts.get(i).map_or(0, |p| p.parse::<u32>().unwrap_or(0));
        let (h, m, s) = (field(0), field(1), field(2));
        let out_of_range = if h > 23 {
            Some("hours run from 00 to 23")
        } else if m > 59 {
            Some("minutes run from 00 to 59")
        } else if s > 59 {
            Some("seconds run from 00 to 59")
        } else {
            None
        };
        match out_of_range {
            Some(range) => Err(ClockError(format!(
                "{text} is not a time of day: {range} (00:00 to 23:59:59)"
            ))),
            None => Ok(Clock::hms(h, m, s)),
        }
    }
}

/// Why a meeting date was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not written as `YYYY-MM-DD` at all (free text such as "June 2020").
    NotShaped(String),
    /// Written as `YYYY-MM-DD` but no such day exists, e.g. 2020-02-30.
    NoSuchDay(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::NotShaped(text) => {
                write!(f, "expected a date as YYYY-MM-DD, found {text:?}")
            }
            DateError::NoSuchDay(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for DateError {}

/// Parses a meeting date, `YYYY-MM-DD`, checked by the calendar (jiff): 2020-02-30 is refused.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, DateError> {
    let text = text.trim();
    let numbers: Vec<&str> = text.split('-').collect();
    let shaped = matches!(numbers[..], [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()))
        && numbers
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        return Err(DateError::NotShaped(text.to_string()));
    }
    let number = |i: usize| numbers[i].parse::<i16>().unwrap_or(0);
    let (y, m, d) = (number(0), number(1) as i8, number(2) as i8);
    jiff::civil::Date::new(y, m, d).map_err(|_| {
        let why = match jiff::civil::Date::new(y, m, 1) {
            Err(_) => format!("there is no month {m:02}"),
            Ok(month) if d > month.days_in_month() => format!(
                "{} has {} days",
                month.strftime("%B %Y"),
                month.days_in_month()
            ),
            Ok(_) => "days start at 01".to_string(),
        };
        DateError::NoSuchDay(format!("{text} is not a date: {why}"))
    })
}

/// A duration in seconds as `1h 05m`, `12m 30s` or `45s`, for the screen and report.
pub fn duration_label(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, _) => format!("{m}m {s:02}s"),
        _ => format!("{h}h {m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!("09:05".parse::<Clock>().unwrap(), Clock::hms(9, 5, 0));
        assert_eq!("09:05:07".parse::<Clock>().unwrap().to_string(), "09:05:07");
        assert_eq!("26:00:00".parse::<Clock>().unwrap().to_string(), "26:00:00");
        assert!("9".parse::<Clock>().is_err());
        assert!("09:60".parse::<Clock>().is_err());
        assert!("a:b".parse::<Clock>().is_err());
        assert!("1:2:3:4".parse::<Clock>().is_err());
    }

    #[test]
    fn times_of_day_stay_within_a_day() {
        assert_eq!(Clock::time_of_day("09:05"), Ok(Clock::hms(9, 5, 0)));
        assert_eq!(Clock::time_of_day("23:59:59"), Ok(Clock::hms(23, 59, 59)));
        assert_eq!(Clock::time_of_day("00:00"), Ok(Clock(0)));
        let refused = |t: &str| Clock::time_of_day(t).unwrap_err().to_string();
        assert_eq!(
            refused("25:00"),
            "25:00 is not a time of day: hours run from 00 to 23 (00:00 to 23:59:59)"
        );
        assert!(refused("12:60").contains("minutes run from 00 to 59"));
        assert!(refused("12:00:60").contains("seconds run from 00 to 59"));
        assert!(refused("noon").contains("expected a time of day as HH:MM"));
        assert!(refused("123:00").contains("expected a time of day"));
    }

    #[test]
    fn dates_are_checked_by_the_calendar() {
        assert_eq!(
            parse_date("2020-02-29").unwrap(),
            jiff::civil::date(2020, 2, 29)
        );
        let refused = |t: &str| parse_date(t).unwrap_err().to_string();
        assert_eq!(
            refused("2020-02-30"),
            "2020-02-30 is not a date: February 2020 has 29 days"
        );
        assert_eq!(
            refused("2021-02-29"),
            "2021-02-29 is not a date: February 2021 has 28 days"
        );
        assert_eq!(
            refused("2020-13-02"),
            "2020-13-02 is not a date: there is no month 13"
        );
        assert_eq!(
            refused("2020-06-00"),
            "2020-06-00 is not a date: days start at 01"
        );
        assert!(matches!(
            parse_date("June 2020"),
            Err(DateError::NotShaped(_))
        ));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_label(45), "45s");
        assert_eq!(duration_label(750), "12m 30s");
        assert_eq!(duration_label(3900), "1h 05m");
    }
}
