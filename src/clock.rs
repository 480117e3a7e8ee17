//! Meeting clock times, written `HH:MM:SS` in session files.

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
    fn durations_read_naturally() {
        assert_eq!(duration_label(45), "45s");
        assert_eq!(duration_label(750), "12m 30s");
        assert_eq!(duration_label(3900), "1h 05m");
    }
}
