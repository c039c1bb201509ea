//! What the register's GET form asks, read into the history's filter. Every
//! field arrives as text, so an empty choice is "any" rather than an error.

use plenum_app::history::{filter::MAX_ACTOR, Filter, Kind};
use serde::{Deserialize, Serialize};

use crate::i18n::day_start;

/// A field of the filter that is wrong, and the message that says why.
pub type Problem = (&'static str, &'static str);

/// One day, in microseconds.
const DAY: i64 = 86_400_000_000;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Ask {
    /// The page ends before this entry (the "older entries" link).
    #[serde(skip_serializing)]
    pub before: Option<i64>,
    #[serde(default)]
    pub plenum: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub kind: String,
    /// The first day (YYYY-MM-DD), in Hà Nội's time.
    #[serde(default)]
    pub from: String,
    /// The last day, included.
    #[serde(default)]
    pub to: String,
    /// "1" to show sign-ins with the rest.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sign_ins: String,
}

impl Ask {
    /// The filter asked for, or what is wrong: each field with the key of
    /// the message that says why.
    pub fn filter(&self) -> Result<Filter, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut f = Filter { sign_ins: !self.sign_ins.is_empty(), ..Filter::default() };
        let plenum = self.plenum.trim();
        if !plenum.is_empty() {
            match plenum.parse() {
                Ok(p) => f.plenum = Some(p),
                Err(_) => problems.push(("plenum", "history-bad-plenum")),
            }
        }
        let actor = self.actor.trim();
        if actor.chars().count() > MAX_ACTOR {
            problems.push(("actor", "history-bad-actor"));
        } else if !actor.is_empty() {
            f.actor = Some(actor.to_string());
        }
        if !self.kind.is_empty() {
            match Kind::parse(&self.kind) {
                Some(k) => f.kind = Some(k),
                None => problems.push(("kind", "history-bad-kind")),
            }
        }
        for (field, text, at, last) in [("from", &self.from, &mut f.from, false), ("to", &self.to, &mut f.until, true)]
        {
            if text.trim().is_empty() {
                continue;
            }
            match day_start(text) {
                Some(start) => *at = Some(if last { start + DAY } else { start }),
                None => problems.push((field, "history-bad-date")),
            }
        }
        if f.from.zip(f.until).is_some_and(|(a, b)| a >= b) {
            problems.push(("to", "history-bad-range"));
        }
        if problems.is_empty() {
            Ok(f)
        } else {
            Err(problems)
        }
    }

    /// The filter as a query string, for the links that keep it.
    pub fn query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }

    pub fn plenum_is(&self, id: &i64) -> bool {
        self.plenum.trim() == id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(q: &str) -> Ask {
        serde_urlencoded::from_str(q).unwrap()
    }

    #[test]
    fn an_empty_form_asks_for_everything_but_sign_ins() {
        assert_eq!(ask("plenum=&actor=&kind=&from=&to=").filter(), Ok(Filter::default()));
    }

    #[test]
    fn the_last_day_is_included() {
        let f = ask("from=2026-12-07&to=2026-12-07").filter().unwrap();
        assert_eq!(f.until.unwrap() - f.from.unwrap(), DAY);
    }

    #[test]
    fn bad_input_is_named() {
        assert_eq!(ask("plenum=abc").filter(), Err(vec![("plenum", "history-bad-plenum")]));
        assert_eq!(ask("kind=login.started").filter(), Err(vec![("kind", "history-bad-kind")]));
        assert_eq!(ask("from=07/12/2026").filter(), Err(vec![("from", "history-bad-date")]));
        assert_eq!(ask("from=2026-12-08&to=2026-12-07").filter(), Err(vec![("to", "history-bad-range")]));
        assert_eq!(ask(&format!("actor={}", "a".repeat(101))).filter(), Err(vec![("actor", "history-bad-actor")]));
    }

    #[test]
    fn the_query_keeps_the_filter_but_not_the_place() {
        let a = ask("before=40&plenum=2&actor=th%C6%B0+k%C3%BD&kind=record&from=&to=&sign_ins=1");
        assert_eq!(a.query(), "plenum=2&actor=th%C6%B0+k%C3%BD&kind=record&from=&to=&sign_ins=1");
    }
}
