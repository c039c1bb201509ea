//! An opinion's words as the grouping compares them: folded (lower case, no
//! marks, đ as d), the plenum's acronyms spelled out, and the phrases every
//! speech carries ("Tôi cơ bản nhất trí với dự thảo…, tuy nhiên, đề nghị…")
//! left out, since two opinions sharing them say nothing about their point.

use crate::text::fold::fold;
use crate::text::nfc;

/// Acronyms of the Party's and the city's documents, folded, and their words.
/// "KT-XH" is split at its hyphen like any word, so it is two tokens.
const ACRONYMS: [(&[&str], &[&str]); 17] = [
    (&["cds"], &["chuyen", "doi", "so"]),
    (&["dtc"], &["dau", "tu", "cong"]),
    (&["kt", "xh"], &["kinh", "te", "xa", "hoi"]),
    (&["ktxh"], &["kinh", "te", "xa", "hoi"]),
    (&["hdnd"], &["hoi", "dong", "nhan", "dan"]),
    (&["ubnd"], &["uy", "ban", "nhan", "dan"]),
    (&["gpmb"], &["giai", "phong", "mat", "bang"]),
    (&["cntt"], &["cong", "nghe", "thong", "tin"]),
    (&["csdl"], &["co", "so", "du", "lieu"]),
    (&["dvc"], &["dich", "vu", "cong"]),
    (&["btv"], &["ban", "thuong", "vu"]),
    (&["bch"], &["ban", "chap", "hanh"]),
    (&["ktnn"], &["kiem", "toan", "nha", "nuoc"]),
    (&["mttq"], &["mat", "tran", "to", "quoc"]),
    (&["tw"], &["trung", "uong"]),
    (&["tp"], &["thanh", "pho"]),
    (&["xdd"], &["xay", "dung", "dang"]),
];

/// Phrases of every speech, folded, longest first where one begins another:
/// agreement formulas, the draft and its drafters, connectives, and the
/// requests any opinion makes ("làm rõ", "bổ sung", "nêu rõ"; "báo cáo" is
/// nearly always the draft under debate), which made unrelated opinions look
/// alike on the tuning part of the labelled opinions (docs/QUALITY.md).
const BOILERPLATE: [&[&str]; 24] = [
    &["toi", "co", "ban", "nhat", "tri", "voi"],
    &["toi", "nhat", "tri", "cao", "voi"],
    &["toi", "nhat", "tri", "voi"],
    &["co", "ban", "nhat", "tri"],
    &["nhat", "tri", "cao"],
    &["nhat", "tri"],
    &["dong", "tinh"],
    &["de", "nghi", "ban", "soan", "thao"],
    &["ban", "soan", "thao"],
    &["co", "quan", "soan", "thao"],
    &["du", "thao"],
    &["tuy", "nhien"],
    &["dong", "thoi"],
    &["ngoai", "ra"],
    &["de", "nghi"],
    &["de", "xuat"],
    &["lam", "ro"],
    &["bo", "sung"],
    &["cu", "the"],
    &["nhat", "la"],
    &["can", "co"],
    &["chi", "ro"],
    &["neu", "ro"],
    &["bao", "cao"],
];

/// Function words: never a term alone, only inside a pair with a content word.
const STOP: [&str; 30] = [
    "toi", "cac", "cua", "va", "la", "o", "trong", "nhung", "con", "da", "duoc", "cho", "khi", "viec", "nay", "do",
    "theo", "tai", "vi", "sao", "chua", "van", "cung", "nhu", "mot", "hon", "rat", "ve", "voi", "co",
];

pub fn is_stop(word: &str) -> bool {
    STOP.contains(&word)
}

/// The words of `text` as compared: NFC, folded, split into syllables at
/// anything that is not a letter or digit, acronyms spelled out, boilerplate
/// phrases removed.
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(&nfc(text));
    let raw: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    'next: while i < raw.len() {
        let rest = &raw[i..];
        if let Some(phrase) = BOILERPLATE.iter().find(|p| rest.starts_with(p)) {
            i += phrase.len();
            continue 'next;
        }
        for (short, long) in ACRONYMS {
            if rest.starts_with(short) {
                out.extend(long.iter().map(|w| w.to_string()));
                i += short.len();
                continue 'next;
            }
        }
        out.push(raw[i].to_string());
        i += 1;
    }
    out
}

/// The terms of `text`: its content words, and each pair of neighbouring
/// words unless both are function words.
pub fn terms(text: &str) -> Vec<String> {
    let words = words(text);
    let mut terms: Vec<String> = words.iter().filter(|w| !is_stop(w)).cloned().collect();
    terms
        .extend(words.windows(2).filter(|p| !(is_stop(&p[0]) && is_stop(&p[1]))).map(|p| format!("{} {}", p[0], p[1])));
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_goes_and_acronyms_are_spelled_out() {
        assert_eq!(
            words("Tôi cơ bản nhất trí với dự thảo báo cáo. Tuy nhiên, đề nghị làm rõ giải ngân ĐTC."),
            ["giai", "ngan", "dau", "tu", "cong"]
        );
        assert_eq!(words("CĐS"), words("chuyển đổi số"));
        assert_eq!(words("báo cáo KT-XH"), words("báo cáo kinh tế - xã hội"));
        assert_eq!(words("HĐND và UBND"), words("Hội đồng nhân dân và Ủy ban nhân dân"));
    }

    #[test]
    fn terms_are_content_words_and_pairs() {
        assert_eq!(terms("vốn của dự án"), ["von", "du", "an", "von cua", "cua du", "du an"]);
    }
}
