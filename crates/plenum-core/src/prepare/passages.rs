//! Passages (đoạn, điều, khoản, điểm) of a draft: the numbered pieces that
//! delegates cite in their opinions. A draft is split into chapters
//! ("Chương I"), sections ("I.", "II."), articles ("Điều 1."), numbered points
//! ("1.", "2."), lettered points ("a)", "b)", "đ)") and plain paragraphs.
//!
//! Each passage gets a label, the dotted path people cite ("II.2.a",
//! "Điều 3.1"), and an anchor derived from its text alone. The anchor is what
//! opinions store: it stays the same in every version where the passage's
//! words are unchanged, even when the passage is renumbered or moved, so an
//! opinion given on version 1 still points at the right words in version 3.

use sha2::{Digest, Sha256};

use crate::text::nfc;

/// How a passage begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassageKind {
    /// "Chương I" (chương).
    Chapter,
    /// "I.", "II." (phần, mục La Mã).
    Section,
    /// "Điều 1." (điều).
    Article,
    /// "1.", "2." (khoản, ý).
    Point,
    /// "a)", "b)" (điểm).
    Letter,
    /// Anything else (đoạn).
    Paragraph,
}

/// One numbered passage of a document version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Position in the version, from 1.
    pub ordinal: i64,
    /// The citation path: "II.2.a", "Điều 3", "I.3 ¶1", "¶1".
    pub label: String,
    /// Depth in the outline, from 1.
    pub level: i64,
    pub kind: PassageKind,
    /// Stable across versions while the words are unchanged; unique within a version.
    pub anchor: String,
    /// The paragraph as written (NFC, spaces tidied, line breaks kept), marker included.
    pub text: String,
}

/// The marker a paragraph starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    kind: PassageKind,
    /// The label component: "II", "3", "a", "Điều 3", "Chương I".
    id: String,
    /// Byte length of the marker in the paragraph, so the body can be taken after it.
    len: usize,
}

/// The value of a Roman numeral of I, V and X (1–39), if it is a well-formed one.
fn roman_value(s: &str) -> Option<u32> {
    const ROMANS: [&str; 39] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
        "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX", "XXX", "XXXI",
        "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII", "XXXVIII", "XXXIX",
    ];
    ROMANS.iter().position(|r| *r == s).map(|i| i as u32 + 1)
}

/// Letters of lettered points, in the Vietnamese order (a, b, c, d, đ, e, …).
fn is_point_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'đ')
}

/// True when `rest` ends the marker: nothing, or whitespace.
fn ends_marker(rest: &str) -> bool {
    rest.chars().next().is_none_or(char::is_whitespace)
}

/// Recognize the marker at the start of a (trimmed, NFC) paragraph.
fn marker(p: &str) -> Option<Marker> {
    // "Chương I", "Chương 2" — a chapter heading may stand alone or have a title after it.
    for word in ["Chương", "CHƯƠNG"] {
        if let Some(rest) = p.strip_prefix(word) {
            let after = rest.trim_start();
            if after.len() < rest.len() {
                let id: String = after.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                let tail = &after[id.len()..];
                let tail_ok = tail.is_empty() || tail.starts_with(['.', ':', ' ', '\n', '\t']);
                if (roman_value(&id).is_some()
                    || (!id.is_empty() && id.len() <= 3 && id.chars().all(|c| c.is_ascii_digit())))
                    && tail_ok
                {
                    let len = p.len() - tail.len()
                        + tail.chars().next().filter(|c| matches!(c, '.' | ':')).map_or(0, char::len_utf8);
                    return Some(Marker { kind: PassageKind::Chapter, id: format!("Chương {id}"), len });
                }
            }
        }
    }
    // "Điều 12." — an article needs its full stop (or colon), so a sentence that
    // merely begins with "Điều 5 của Quy định…" stays a paragraph.
    for word in ["Điều", "ĐIỀU"] {
        if let Some(rest) = p.strip_prefix(word) {
            let after = rest.trim_start();
            if after.len() < rest.len() {
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                let tail = &after[digits.len()..];
                if !digits.is_empty() && digits.len() <= 4 && tail.starts_with(['.', ':']) && ends_marker(&tail[1..]) {
                    return Some(Marker {
                        kind: PassageKind::Article,
                        id: format!("Điều {}", digits.trim_start_matches('0')),
                        len: p.len() - tail.len() + 1,
                    });
                }
            }
        }
    }
    // "IV." — a section.
    let upper: String = p.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X')).collect();
    if !upper.is_empty() {
        let tail = &p[upper.len()..];
        if roman_value(&upper).is_some() && tail.starts_with('.') && ends_marker(&tail[1..]) {
            return Some(Marker { kind: PassageKind::Section, id: upper.clone(), len: upper.len() + 1 });
        }
    }
    // "12." or "12)" — a numbered point. At most three digits, so "2023. Năm…" is text.
    let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 3 {
        let tail = &p[digits.len()..];
        if tail.starts_with(['.', ')']) && ends_marker(&tail[1..]) {
            return Some(Marker {
                kind: PassageKind::Point,
                id: digits.trim_start_matches('0').to_string(),
                len: digits.len() + 1,
            });
        }
    }
    // "a)", "đ)" — a lettered point.
    let mut chars = p.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next()) {
        if is_point_letter(c) && ends_marker(chars.as_str()) {
            return Some(Marker { kind: PassageKind::Letter, id: c.to_string(), len: c.len_utf8() + 1 });
        }
    }
    None
}

/// Collapse every run of whitespace to one space: the form anchors are computed on.
pub fn normalized(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The anchor of a passage body: the first 12 hex digits of the SHA-256 of
/// its NFC, whitespace-collapsed text (48 bits; within one document a clash is
/// negligible, and [`split`] still disambiguates one).
pub fn anchor_of(body: &str) -> String {
    let digest = Sha256::digest(normalized(body).as_bytes());
    hex::encode(&digest[..6])
}

/// Tidy one paragraph: NFC, each line trimmed and its inner spaces collapsed, empty lines dropped.
fn tidy(p: &str) -> String {
    nfc(p)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where a paragraph sits in the outline.
#[derive(Default)]
struct Outline {
    chapter: Option<String>,
    section: Option<String>,
    article: Option<String>,
    point: Option<String>,
    letter: Option<String>,
    /// Plain paragraphs since the last heading.
    paragraphs: usize,
}

impl Outline {
    fn enter(&mut self, m: &Marker) {
        match m.kind {
            PassageKind::Chapter => {
                self.chapter = Some(m.id.clone());
                (self.section, self.article, self.point, self.letter) = (None, None, None, None);
            }
            PassageKind::Section => {
                self.section = Some(m.id.clone());
                (self.article, self.point, self.letter) = (None, None, None);
            }
            PassageKind::Article => {
                self.article = Some(m.id.clone());
                (self.point, self.letter) = (None, None);
            }
            PassageKind::Point => {
                self.point = Some(m.id.clone());
                self.letter = None;
            }
            PassageKind::Letter => self.letter = Some(m.id.clone()),
            PassageKind::Paragraph => {}
        }
        self.paragraphs = 0;
    }

    fn depth(&self) -> i64 {
        [&self.chapter, &self.section, &self.article, &self.point, &self.letter].iter().filter(|x| x.is_some()).count()
            as i64
    }

    /// The dotted path. Articles are numbered through the whole document, so
    /// a path inside an article starts at the article ("Điều 3.1.a").
    fn label(&self) -> String {
        let parts: Vec<&String> = if self.article.is_some() {
            [&self.article, &self.point, &self.letter].into_iter().flatten().collect()
        } else {
            [&self.chapter, &self.section, &self.point, &self.letter].into_iter().flatten().collect()
        };
        parts.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(".")
    }
}

/// The anchors given so far in one version, to make the next one unique.
#[derive(Default)]
struct Anchors {
    used: std::collections::HashSet<String>,
    /// The suffix to try next for each base anchor: every smaller one is taken
    /// already, so a draft of many identical lines costs linear, not quadratic, time.
    next: std::collections::HashMap<String, u64>,
}

impl Anchors {
    /// The same words twice in one version (say two points both reading
    /// "Nguyên nhân"): the k-th occurrence gets `base-k` (`base` itself for
    /// the first), in reading order.
    fn unique(&mut self, base: String) -> String {
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        let mut anchor = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        while !self.used.insert(anchor.clone()) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        self.next.insert(base, n + 1);
        anchor
    }
}

/// Split a document's paragraphs (in reading order) into passages.
pub fn split<S: AsRef<str>>(paragraphs: &[S]) -> Vec<Passage> {
    let mut outline = Outline::default();
    let mut anchors = Anchors::default();
    let mut out = Vec::new();
    for raw in paragraphs {
        let text = tidy(raw.as_ref());
        if text.is_empty() {
            continue;
        }
        let (kind, label, level, body) = match marker(&text) {
            Some(m) => {
                outline.enter(&m);
                (m.kind, outline.label(), outline.depth(), text[m.len..].to_string())
            }
            None => {
                outline.paragraphs += 1;
                let base = outline.label();
                let label = if base.is_empty() {
                    format!("¶{}", outline.paragraphs)
                } else {
                    format!("{base} ¶{}", outline.paragraphs)
                };
                (PassageKind::Paragraph, label, outline.depth() + 1, text.clone())
            }
        };
        // A heading with nothing after its marker ("Chương II") is anchored by its label.
        let key = if normalized(&body).is_empty() { label.clone() } else { body };
        let anchor = anchors.unique(anchor_of(&key));
        out.push(Passage { ordinal: out.len() as i64 + 1, label, level, kind, anchor, text });
    }
    out
}

/// Strip Markdown's heading hashes and strong-emphasis markers from a line,
/// so "## II. NHIỆM VỤ" and "**Điều 1.** Phạm vi" are recognized like plain text.
fn unmark(line: &str) -> String {
    let t = line.trim();
    let t = match t.trim_start_matches('#') {
        rest if rest.len() < t.len() && (rest.is_empty() || rest.starts_with(' ')) => rest.trim_start(),
        _ => t,
    };
    t.replace("**", "").replace("__", "")
}

/// The paragraphs of a plain-text or Markdown draft. A draft written one
/// paragraph per line (no blank line anywhere) has a paragraph per line.
/// Otherwise blank lines separate paragraphs, and inside a block a line that
/// starts with a marker still starts a new one; other lines continue the
/// paragraph (a title block or a hard-wrapped paragraph keeps its lines).
pub fn text_paragraphs(text: &str) -> Vec<String> {
    let text = nfc(text.strip_prefix('\u{feff}').unwrap_or(text)).replace("\r\n", "\n").replace('\r', "\n");
    let trimmed = text.trim();
    if !trimmed.lines().any(|l| l.trim().is_empty()) {
        return trimmed.lines().map(unmark).filter(|l| !l.is_empty()).collect();
    }
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let line = unmark(line);
        if line.is_empty() {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(last) if open && marker(&line).is_none() => {
                last.push('\n');
                last.push_str(&line);
            }
            _ => out.push(line),
        }
        open = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn labels(p: &[Passage]) -> Vec<&str> {
        p.iter().map(|p| p.label.as_str()).collect()
    }

    const DRAFT: &str = "THÀNH ỦY HÀ NỘI\nDỰ THẢO\nKẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Quán triệt đầy đủ.\n\n2. Công tác quy hoạch\n\na) Lập quy hoạch.\n\nb) Phê duyệt kế hoạch.\n\nII. NHIỆM VỤ\n\n1. Nguyên nhân\n\nMột số cấp ủy chưa quan tâm.\n\nđ) Điểm đ.\n";

    #[test]
    fn sections_points_letters_and_paragraphs_get_dotted_labels() {
        let p = split(&text_paragraphs(DRAFT));
        assert_eq!(labels(&p), vec!["¶1", "I", "I.1", "I.2", "I.2.a", "I.2.b", "II", "II.1", "II.1 ¶1", "II.1.đ"]);
        assert_eq!(p.iter().map(|p| p.level).collect::<Vec<_>>(), vec![1, 1, 2, 2, 3, 3, 1, 2, 3, 3]);
        assert_eq!(p[0].text, "THÀNH ỦY HÀ NỘI\nDỰ THẢO\nKẾ HOẠCH", "a title block keeps its lines");
        assert_eq!(p[4].kind, PassageKind::Letter);
        assert_eq!(p[4].text, "a) Lập quy hoạch.");
        assert_eq!(p.iter().map(|p| p.ordinal).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    }

    #[test]
    fn articles_are_numbered_through_the_document() {
        let text = "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n1. Quy định này áp dụng.\na) Đối với cấp ủy.\nĐiều 2: Đối tượng\nChương II. TỔ CHỨC\nĐiều 3. Hiệu lực\nĐiều 5 của Quy định cũ hết hiệu lực.";
        let p = split(&text_paragraphs(text));
        assert_eq!(
            labels(&p),
            vec![
                "Chương I",
                "Chương I ¶1",
                "Điều 1",
                "Điều 1.1",
                "Điều 1.1.a",
                "Điều 2",
                "Chương II",
                "Điều 3",
                "Điều 3 ¶1"
            ]
        );
        assert_eq!(p[2].level, 2, "an article inside a chapter sits one level down");
        assert_eq!(p[8].kind, PassageKind::Paragraph, "\"Điều 5 của…\" without a full stop is a sentence");
        let blocks = split(&text_paragraphs("Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi"));
        assert_eq!(blocks[0].text, "Chương I\nQUY ĐỊNH CHUNG", "with blank lines, a heading's title line continues it");
    }

    #[test]
    fn markers_need_their_punctuation_and_a_space() {
        for text in [
            "2023. Năm bản lề",
            "1.5 triệu đồng",
            "Ia. Không phải mục",
            "ab) hai chữ",
            "A) chữ hoa",
            "III.Dính liền",
            "IIII. Sai số La Mã",
            "x.y",
        ] {
            assert_eq!(marker(text), None, "{text}");
        }
        assert_eq!(marker("IV. NHIỆM VỤ").map(|m| m.id), Some("IV".into()));
        assert_eq!(marker("12) Mười hai").map(|m| (m.kind, m.id)), Some((PassageKind::Point, "12".into())));
        assert_eq!(marker("3.").map(|m| m.id), Some("3".into()));
        assert_eq!(marker("ĐIỀU 07. Hiệu lực").map(|m| m.id), Some("Điều 7".into()));
    }

    #[test]
    fn markdown_headings_and_emphasis_are_read_as_markers() {
        let md = "# DỰ THẢO\n\n## I. MỤC TIÊU\n\n**Điều 1.** Phạm vi\n\n- gạch đầu dòng\n  tiếp theo";
        let p = split(&text_paragraphs(md));
        assert_eq!(labels(&p), vec!["¶1", "I", "Điều 1", "Điều 1 ¶1"]);
        assert_eq!(p[2].text, "Điều 1. Phạm vi");
        assert_eq!(p[3].text, "- gạch đầu dòng\ntiếp theo");
    }

    #[test]
    fn anchors_come_from_the_words_not_the_numbering() {
        let a = split(&text_paragraphs("I. MỤC TIÊU\n1. Tăng cường   kiểm tra."));
        let b = split(&text_paragraphs("I. BỐI CẢNH\nII. MỤC TIÊU\n3. Tăng cường kiểm tra."));
        assert_eq!(a[1].anchor, b[2].anchor, "renumbered, same words, same anchor");
        assert_eq!(a[0].anchor, b[1].anchor);
        assert_ne!(a[0].anchor, b[0].anchor);
        assert_eq!(a[1].anchor, anchor_of("Tăng cường kiểm tra."));
        assert_eq!(a[1].anchor.len(), 12);
        assert!(a[1].anchor.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn decomposed_vietnamese_gets_the_same_anchor_as_precomposed() {
        let composed = split(&["1. Nguyễn Thị Hoa phát biểu."]);
        let decomposed = split(&["1. Nguye\u{302}\u{303}n Thi\u{323} Hoa pha\u{301}t bie\u{302}\u{309}u."]);
        assert_eq!(composed, decomposed, "NFC on the way in");
    }

    #[test]
    fn identical_words_are_told_apart_in_reading_order() {
        let p = split(&text_paragraphs("I. A\n1. Nguyên nhân\nII. B\n1. Nguyên nhân\nIII. C\n1. Nguyên nhân"));
        let base = anchor_of("Nguyên nhân");
        assert_eq!([&p[1].anchor, &p[3].anchor, &p[5].anchor], [&base, &format!("{base}-2"), &format!("{base}-3")]);
        // Empty headings are anchored by their label, so two of them differ.
        let q = split(&["Chương I", "Chương II"]);
        assert_ne!(q[0].anchor, q[1].anchor);
    }

    #[test]
    fn blank_and_whitespace_paragraphs_are_skipped() {
        assert!(split(&["", "  \n\t", "\n"]).is_empty());
        assert!(text_paragraphs("\u{feff}\r\n\r\n").is_empty());
        assert_eq!(text_paragraphs("a\r\nb\rc"), vec!["a", "b", "c"], "one paragraph per line");
        assert_eq!(text_paragraphs("a\r\nb\r\n\r\nc"), vec!["a\nb", "c"], "blocks between blank lines");
    }

    /// The rule anchors were first made unique by: try `base`, then `base-2`,
    /// `base-3`… until one is free. Quadratic, kept as the reference.
    fn unique_by_retrying(bases: &[String]) -> Vec<String> {
        let mut used = std::collections::HashSet::new();
        bases
            .iter()
            .map(|base| {
                let (mut anchor, mut n) = (base.clone(), 1);
                while !used.insert(anchor.clone()) {
                    n += 1;
                    anchor = format!("{base}-{n}");
                }
                anchor
            })
            .collect()
    }

    /// What a passage's anchor is computed from: its words, or its label when it has none.
    fn anchor_base(p: &Passage) -> String {
        let body = &p.text[marker(&p.text).map_or(0, |m| m.len)..];
        anchor_of(if normalized(body).is_empty() { &p.label } else { body })
    }

    #[test]
    fn fifty_thousand_identical_lines_are_numbered_to_the_last() {
        let text = "Nguyên nhân\n".repeat(50_000);
        let p = split(&text_paragraphs(&text));
        let base = anchor_of("Nguyên nhân");
        assert_eq!(p.len(), 50_000);
        assert_eq!(p[0].anchor, base);
        assert_eq!(p[1].anchor, format!("{base}-2"));
        assert_eq!(p[49_999].anchor, format!("{base}-50000"));
    }

    /// A block of a generated draft: a marker (or none) and some words.
    fn block() -> impl Strategy<Value = (u8, String)> {
        let marker = prop_oneof![Just(0u8), Just(1), Just(2), Just(3), Just(4)];
        let words = prop::collection::vec(
            prop_oneof![
                Just("đất"),
                Just("đai"),
                Just("quy"),
                Just("hoạch"),
                Just("Nhân"),
                Just("dân"),
                Just("xây"),
                Just("dựng"),
                Just("Đảng"),
                Just("năm"),
                Just("2023")
            ],
            1..6,
        )
        .prop_map(|w| w.join(" "));
        (marker, words)
    }

    fn render(blocks: &[(u8, String)]) -> String {
        let mut counters = [0usize; 4];
        let mut out = String::new();
        for (m, words) in blocks {
            let prefix = match m {
                1 => {
                    counters[0] += 1;
                    format!(
                        "{}. ",
                        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][(counters[0] - 1) % 10]
                    )
                }
                2 => {
                    counters[1] += 1;
                    format!("{}. ", counters[1])
                }
                3 => {
                    counters[2] += 1;
                    format!("{}) ", (b'a' + (counters[2] as u8 - 1) % 26) as char)
                }
                4 => {
                    counters[3] += 1;
                    format!("Điều {}. ", counters[3])
                }
                _ => String::new(),
            };
            out.push_str(&format!("{prefix}{words}\n\n"));
        }
        out
    }

    fn unique_bodies(p: &[Passage]) -> std::collections::HashMap<String, String> {
        let mut count = std::collections::HashMap::<String, usize>::new();
        let body = |p: &Passage| normalized(&p.text[marker(&p.text).map_or(0, |m| m.len)..]);
        for x in p {
            *count.entry(body(x)).or_default() += 1;
        }
        p.iter().filter(|x| count[&body(x)] == 1).map(|x| (body(x), x.anchor.clone())).collect()
    }

    proptest! {
        /// Editing a draft (changing, inserting and deleting passages, which
        /// also renumbers the rest) keeps the anchor of every passage whose
        /// words did not change.
        #[test]
        fn unchanged_passages_keep_their_anchors(
            v1 in prop::collection::vec(block(), 1..25),
            edits in prop::collection::vec((0usize..40, 0u8..3, block()), 0..8),
        ) {
            let mut v2 = v1.clone();
            for (at, what, b) in edits {
                let i = at % (v2.len() + 1);
                match what {
                    0 if i < v2.len() => v2[i].1.push_str(" sửa"),
                    1 if i < v2.len() && v2.len() > 1 => { v2.remove(i); }
                    _ => v2.insert(i, b),
                }
            }
            let (a, b) = (split(&text_paragraphs(&render(&v1))), split(&text_paragraphs(&render(&v2))));
            let (ua, ub) = (unique_bodies(&a), unique_bodies(&b));
            for (body, anchor) in &ub {
                if let Some(before) = ua.get(body) {
                    prop_assert_eq!(before, anchor, "unchanged words {:?} lost their anchor", body);
                }
            }
        }

        /// Anchors are unique within a version, ordinals run 1..n, and
        /// splitting is deterministic.
        #[test]
        fn anchors_are_unique_and_splitting_is_deterministic(v in prop::collection::vec(block(), 0..30)) {
            let text = render(&v);
            let p = split(&text_paragraphs(&text));
            let anchors: std::collections::HashSet<_> = p.iter().map(|x| &x.anchor).collect();
            prop_assert_eq!(anchors.len(), p.len());
            prop_assert_eq!(p.iter().map(|x| x.ordinal).collect::<Vec<_>>(), (1..=p.len() as i64).collect::<Vec<_>>());
            prop_assert_eq!(&p, &split(&text_paragraphs(&text)));
            prop_assert_eq!(p.len(), v.len(), "one passage per block");
        }

        /// With the same few words over and over, anchors are unique and are
        /// exactly those of the first rule: the k-th occurrence gets `base-k`.
        #[test]
        fn repeated_words_get_the_anchors_of_the_retrying_rule(
            v in prop::collection::vec(
                (prop_oneof![Just(0u8), Just(2), Just(3)], prop_oneof![Just("Nguyên nhân"), Just("đất đai"), Just("2023")]
                    .prop_map(String::from)),
                0..60,
            ),
        ) {
            let p = split(&text_paragraphs(&render(&v)));
            let anchors: std::collections::HashSet<_> = p.iter().map(|x| &x.anchor).collect();
            prop_assert_eq!(anchors.len(), p.len());
            let bases: Vec<String> = p.iter().map(anchor_base).collect();
            prop_assert_eq!(p.iter().map(|x| x.anchor.clone()).collect::<Vec<_>>(), unique_by_retrying(&bases));
        }

        /// Bases that themselves look suffixed ("x-2" before the second "x")
        /// still get what retrying from the start would give.
        #[test]
        fn unique_anchors_match_the_retrying_rule(
            bases in prop::collection::vec(prop_oneof![Just("x"), Just("y"), Just("x-2"), Just("x-3"), Just("y-2")], 0..40),
        ) {
            let bases: Vec<String> = bases.into_iter().map(String::from).collect();
            let mut anchors = Anchors::default();
            let got: Vec<String> = bases.iter().map(|b| anchors.unique(b.clone())).collect();
            prop_assert_eq!(got, unique_by_retrying(&bases));
        }
    }
}

/// Which passage an opinion cites, from what a secretary or delegate typed:
/// an anchor as it is, or a label ("II.1.b", "Điều 3") of the item's drafts,
/// compared without regard to case or surrounding space. `known` holds
/// (anchor, label) of every passage of the item's documents, newest version
/// first, so a label resolves to the current text. `None`: nothing matches.
pub fn resolve_citation(typed: &str, known: &[(String, String)]) -> Option<String> {
    let typed = typed.trim();
    if let Some((anchor, _)) = known.iter().find(|(a, _)| a == typed) {
        return Some(anchor.clone());
    }
    let folded = typed.to_lowercase();
    // People write "Mục II.3" or "điểm a": the kind of passage is not part of its label.
    let bare = ["mục ", "điểm ", "khoản ", "phần ", "đoạn "]
        .iter()
        .find_map(|w| folded.strip_prefix(w))
        .unwrap_or(&folded)
        .trim();
    known
        .iter()
        .find(|(_, label)| label.to_lowercase() == folded || label.to_lowercase() == bare)
        .map(|(a, _)| a.clone())
}

#[cfg(test)]
mod citation_tests {
    use super::resolve_citation;

    #[test]
    fn anchors_stay_and_labels_become_anchors_of_the_newest_text() {
        let known = vec![
            ("bbb".to_string(), "II.1".to_string()),
            ("aaa".to_string(), "II.1".to_string()),
            ("ccc".to_string(), "Điều 3".to_string()),
        ];
        assert_eq!(
            resolve_citation("aaa", &known).as_deref(),
            Some("aaa"),
            "an older version's anchor is still a passage"
        );
        assert_eq!(resolve_citation(" II.1 ", &known).as_deref(), Some("bbb"), "the newest version's passage");
        assert_eq!(resolve_citation("điều 3", &known).as_deref(), Some("ccc"));
        assert_eq!(
            resolve_citation("Mục II.1", &known).as_deref(),
            Some("bbb"),
            "the kind of passage may be written before its label"
        );
        assert_eq!(resolve_citation("IX.9", &known), None);
    }
}
