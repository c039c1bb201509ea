//! The interface language: Vietnamese by default, English by switch. Every
//! string shown comes from `locales/{vi,en}/main.ftl`.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::http::HeaderMap;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, Loader};
use plenum_core::conduct::length::Unit;
use unic_langid::{langid, LanguageIdentifier};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "vi",
        // Fluent wraps arguments in Unicode isolation marks by default; our
        // strings are all left-to-right, and the marks would leak into HTML and JSON.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static VI: LanguageIdentifier = langid!("vi");
static EN: LanguageIdentifier = langid!("en");

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "plenum_lang";

fn cookie_lang(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .and_then(|(_, v)| Lang::parse(v))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().get(..2)?.to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Pages: Vietnamese unless the user switched (the cookie). A browser's
    /// own language does not decide, so an office PC set up in English still
    /// opens in Vietnamese.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        cookie_lang(headers).unwrap_or_default()
    }

    /// API callers: the cookie, then the first language in Accept-Language
    /// that we have, then Vietnamese.
    pub fn for_api(headers: &HeaderMap) -> Lang {
        cookie_lang(headers)
            .or_else(|| {
                headers
                    .get(axum::http::header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.split(',').find_map(|part| Lang::parse(part.split(';').next().unwrap_or(""))))
            })
            .unwrap_or_default()
    }

    /// A calendar date (YYYY-MM-DD) as people write it: 05/01/2023 in
    /// Vietnamese, 5 Jan 2023 in English.
    pub fn date(self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        match (self, parts.as_slice()) {
            (Lang::Vi, [y, m, d]) => format!("{d}/{m}/{y}"),
            (Lang::En, [y, m, d]) => {
                const MONTHS: [&str; 12] =
                    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
                let month = m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied().unwrap_or(m);
                format!("{} {month} {y}", d.trim_start_matches('0'))
            }
            _ => iso.to_string(),
        }
    }

    /// A moment, in Hà Nội's time, with its date written as [`Lang::date`]
    /// writes dates: "05/01/2023 09:30:00", "5 Jan 2023 09:30:00".
    pub fn moment(self, at_micros: i64) -> String {
        local(at_micros)
            .map(|z| format!("{} {}", self.date(&z.strftime("%Y-%m-%d").to_string()), z.strftime("%H:%M:%S")))
            .unwrap_or_default()
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// The message for `key`, or the key itself if the catalog lacks it
    /// (a test checks that never happens for keys the templates use).
    pub fn t(self, key: &str) -> String {
        LOCALES.try_lookup(self.id(), key).unwrap_or_else(|| key.to_string())
    }

    /// The message for `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> =
            args.iter().map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone()))).collect();
        LOCALES.try_lookup_with_args(self.id(), key, &map).unwrap_or_else(|| key.to_string())
    }

    /// The message for `key` with a count `$n`, for plural forms ("1 second", "7 seconds").
    pub fn t_count(self, key: &str, n: u64) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> =
            HashMap::from([(Cow::Borrowed("n"), FluentValue::from(n))]);
        LOCALES.try_lookup_with_args(self.id(), key, &map).unwrap_or_else(|| key.to_string())
    }

    /// How long something lasted, in words: "4 phút 30 giây", "4 minutes 30 seconds".
    pub fn length(self, seconds: i64) -> String {
        plenum_core::conduct::length::words(seconds, |n, unit| match unit {
            Unit::Hours => self.t_count("length-hours", n),
            Unit::Minutes => self.t_count("length-minutes", n),
            Unit::Seconds => self.t_count("length-seconds", n),
        })
    }

    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }
}

/// A moment in Hà Nội's time, where every plenum of the Party sits.
fn local(at_micros: i64) -> Option<jiff::Zoned> {
    let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").ok()?;
    Some(jiff::Timestamp::from_microsecond(at_micros).ok()?.to_zoned(tz))
}

/// The first moment of a calendar day (YYYY-MM-DD) in Hà Nội's time, in
/// microseconds since the epoch; `None` for anything else.
pub fn day_start(iso: &str) -> Option<i64> {
    let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").ok()?;
    let day: jiff::civil::Date = iso.trim().parse().ok()?;
    Some(day.to_zoned(tz).ok()?.timestamp().as_microsecond())
}

/// The time of day of a moment, in Hà Nội's time: "09:30:00".
pub fn time_of_day(at_micros: i64) -> String {
    local(at_micros).map(|z| z.strftime("%H:%M:%S").to_string()).unwrap_or_default()
}

/// What templates call to translate: `{{ t.s("login-title") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn s(&self, key: &str) -> String {
        self.0.t(key)
    }
    pub fn lang(&self) -> &'static str {
        self.0.code()
    }
    /// An agenda item kind's display name.
    pub fn kind(&self, kind: &str) -> String {
        self.0.t(&format!("kind-{kind}"))
    }
    /// An organization level's display name.
    pub fn level(&self, level: &str) -> String {
        self.0.t(&format!("level-{level}"))
    }
    /// A role's display name.
    pub fn date(&self, iso: &str) -> String {
        self.0.date(iso)
    }
    pub fn role(&self, role: &str) -> String {
        self.0.t(&format!("role-{role}"))
    }
    /// A moment with its date and time of day.
    pub fn moment(&self, at_micros: &i64) -> String {
        self.0.moment(*at_micros)
    }
    /// How long something lasted, in words.
    pub fn length(&self, seconds: &i64) -> String {
        self.0.length(*seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_the_default_and_english_switches() {
        assert_eq!(Lang::from_headers(&HeaderMap::new()), Lang::Vi);
        let mut h = HeaderMap::new();
        h.insert("accept-language", "en-US,en;q=0.9".parse().unwrap());
        assert_eq!(Lang::from_headers(&h), Lang::Vi, "an English browser still gets Vietnamese pages");
        assert_eq!(Lang::for_api(&h), Lang::En, "API callers may ask for English");
        h.insert("cookie", "a=b; plenum_lang=en".parse().unwrap());
        assert_eq!(Lang::from_headers(&h), Lang::En, "the switch is remembered");
        h.insert("cookie", "plenum_lang=vi".parse().unwrap());
        assert_eq!(Lang::for_api(&h), Lang::Vi, "the cookie wins over the browser");
        assert_eq!(Lang::Vi.date("2023-01-05"), "05/01/2023");
        assert_eq!(Lang::En.date("2023-01-05"), "5 Jan 2023");
        // 2023-01-05T02:30:00Z is half past nine in Hà Nội.
        assert_eq!(Lang::Vi.moment(1_672_885_800_000_000), "05/01/2023 09:30:00");
        assert_eq!(Lang::En.moment(1_672_885_800_000_000), "5 Jan 2023 09:30:00");
        assert_eq!(time_of_day(1_672_885_800_000_000), "09:30:00");
        // Midnight in Hà Nội is 17:00 UTC the day before.
        assert_eq!(day_start("2023-01-05"), Some(1_672_851_600_000_000));
        assert_eq!(day_start("05/01/2023"), None);
        assert_eq!(Lang::Vi.t("login-title"), "Đăng nhập");
        assert_eq!(Lang::En.t("login-title"), "Sign in");
    }

    #[test]
    fn lengths_read_as_words_in_both_languages() {
        assert_eq!(Lang::Vi.length(7), "7 giây");
        assert_eq!(Lang::Vi.length(270), "4 phút 30 giây");
        assert_eq!(Lang::Vi.length(3900), "1 giờ 5 phút");
        assert_eq!(Lang::En.length(7), "7 seconds");
        assert_eq!(Lang::En.length(61), "1 minute 1 second");
        assert_eq!(Lang::En.length(270), "4 minutes 30 seconds");
        assert_eq!(Lang::En.length(3900), "1 hour 5 minutes");
    }

    /// Every key a template or the code asks for exists in both catalogs.
    #[test]
    fn every_key_used_exists_in_both_catalogs() {
        let mut used = Vec::new();
        for dir in ["templates", "src"] {
            collect_keys(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).as_path(), &mut used);
        }
        assert!(used.len() > 20, "found the keys ({})", used.len());
        for lang in ["vi", "en"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
            let mut defined = std::collections::HashSet::new();
            for f in std::fs::read_dir(dir).unwrap() {
                for line in std::fs::read_to_string(f.unwrap().path()).unwrap().lines() {
                    if let Some((k, _)) = line.split_once(" =").filter(|_| !line.starts_with([' ', '#'])) {
                        // The loader refuses a key defined twice across files, and Plenum would not start.
                        assert!(
                            defined.insert(k.trim().to_string()),
                            "{} is defined twice in the {lang} catalog",
                            k.trim()
                        );
                    }
                }
            }
            for key in &used {
                assert!(defined.contains(key), "{key} is missing from the {lang} catalog");
            }
        }
    }

    fn collect_keys(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_keys(&path, out);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            // Keys appear as s("…"), t("…") or t_args("…" in code and templates.
            for marker in [".s(\"", ".t(\"", "t_args(\"", "t_count(\"", "key: \""] {
                for piece in text.split(marker).skip(1) {
                    if let Some(end) = piece.find('"') {
                        let key = &piece[..end];
                        if !key.is_empty()
                            && key.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                        {
                            out.push(key.to_string());
                        }
                    }
                }
            }
        }
    }
}
