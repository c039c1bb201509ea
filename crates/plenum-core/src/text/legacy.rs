//! Vietnamese text typed before Unicode, in the 8-bit font encodings that
//! offices used for two decades and whose files still circulate: TCVN3 (ABC,
//! the fonts .VnTime, .VnArial… and their capital fonts .VnTimeH…) and VNI
//! (VNI-Times, VNI-Helve… for Windows). Such a file's bytes, read as
//! Windows-1252, or its text pasted from a machine with those fonts, show
//! "Hµ Néi" (TCVN3) or "Haø Noäi" (VNI) for "Hà Nội". This module tells such
//! text from real text and converts it to Unicode (NFC).
//!
//! The text is taken as Unicode characters: every code a legacy encoding uses
//! is at 0xA1–0xFE, where Windows-1252 and Latin-1 agree with Unicode, so the
//! character U+00xx stands for the byte 0xxx.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

use super::nfc;

/// A legacy Vietnamese font encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN 5712:1993, table VN3 ("ABC"): one code per letter with its marks.
    Tcvn3,
    /// VNI for Windows: a base letter followed by a code for its marks.
    Vni,
}

impl Legacy {
    pub const ALL: [Legacy; 2] = [Legacy::Tcvn3, Legacy::Vni];

    pub fn as_str(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN 5712:1993 table VN3 (the "ABC" encoding of the .Vn… fonts): each
/// code and the letter it stands for. Upper-case letters with a tone mark
/// have no code in VN3; the capital fonts (.VnTimeH…) draw the lower-case
/// codes as capitals instead (see [`tcvn3_capitals`]).
const TCVN3: [(char, char); 74] = [
    ('\u{A1}', 'Ă'),
    ('\u{A2}', 'Â'),
    ('\u{A3}', 'Ê'),
    ('\u{A4}', 'Ô'),
    ('\u{A5}', 'Ơ'),
    ('\u{A6}', 'Ư'),
    ('\u{A7}', 'Đ'),
    ('\u{A8}', 'ă'),
    ('\u{A9}', 'â'),
    ('\u{AA}', 'ê'),
    ('\u{AB}', 'ô'),
    ('\u{AC}', 'ơ'),
    ('\u{AD}', 'ư'),
    ('\u{AE}', 'đ'),
    ('\u{B5}', 'à'),
    ('\u{B6}', 'ả'),
    ('\u{B7}', 'ã'),
    ('\u{B8}', 'á'),
    ('\u{B9}', 'ạ'),
    ('\u{BB}', 'ằ'),
    ('\u{BC}', 'ẳ'),
    ('\u{BD}', 'ẵ'),
    ('\u{BE}', 'ắ'),
    ('\u{C6}', 'ặ'),
    ('\u{C7}', 'ầ'),
    ('\u{C8}', 'ẩ'),
    ('\u{C9}', 'ẫ'),
    ('\u{CA}', 'ấ'),
    ('\u{CB}', 'ậ'),
    ('\u{CC}', 'è'),
    ('\u{CE}', 'ẻ'),
    ('\u{CF}', 'ẽ'),
    ('\u{D0}', 'é'),
    ('\u{D1}', 'ẹ'),
    ('\u{D2}', 'ề'),
    ('\u{D3}', 'ể'),
    ('\u{D4}', 'ễ'),
    ('\u{D5}', 'ế'),
    ('\u{D6}', 'ệ'),
    ('\u{D7}', 'ì'),
    ('\u{D8}', 'ỉ'),
    ('\u{DC}', 'ĩ'),
    ('\u{DD}', 'í'),
    ('\u{DE}', 'ị'),
    ('\u{DF}', 'ò'),
    ('\u{E1}', 'ỏ'),
    ('\u{E2}', 'õ'),
    ('\u{E3}', 'ó'),
    ('\u{E4}', 'ọ'),
    ('\u{E5}', 'ồ'),
    ('\u{E6}', 'ổ'),
    ('\u{E7}', 'ỗ'),
    ('\u{E8}', 'ố'),
    ('\u{E9}', 'ộ'),
    ('\u{EA}', 'ờ'),
    ('\u{EB}', 'ở'),
    ('\u{EC}', 'ỡ'),
    ('\u{ED}', 'ớ'),
    ('\u{EE}', 'ợ'),
    ('\u{EF}', 'ù'),
    ('\u{F1}', 'ủ'),
    ('\u{F2}', 'ũ'),
    ('\u{F3}', 'ú'),
    ('\u{F4}', 'ụ'),
    ('\u{F5}', 'ừ'),
    ('\u{F6}', 'ử'),
    ('\u{F7}', 'ữ'),
    ('\u{F8}', 'ứ'),
    ('\u{F9}', 'ự'),
    ('\u{FA}', 'ỳ'),
    ('\u{FB}', 'ỷ'),
    ('\u{FC}', 'ỹ'),
    ('\u{FD}', 'ý'),
    ('\u{FE}', 'ỵ'),
];

/// The letter a TCVN3 code stands for (the table is sorted by code).
fn tcvn3_char(c: char) -> Option<char> {
    TCVN3.binary_search_by_key(&c, |(code, _)| *code).ok().map(|i| TCVN3[i].1)
}

// Combining marks, to build a letter from its base and its marks.
const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const HORN: char = '\u{31B}';
const DOT_BELOW: char = '\u{323}';

/// VNI for Windows, after VNI Software's published key table: the codes that
/// follow a vowel and add its marks, as (vowel mark, tone mark). Each code
/// has a lower-case form (after a lower-case vowel) and an upper-case one.
const VNI_MARKS: [(char, char, Option<char>, Option<char>); 17] = [
    ('ø', 'Ø', None, Some(GRAVE)),
    ('ù', 'Ù', None, Some(ACUTE)),
    ('û', 'Û', None, Some(HOOK)),
    ('õ', 'Õ', None, Some(TILDE)),
    ('ï', 'Ï', None, Some(DOT_BELOW)),
    ('â', 'Â', Some(CIRCUMFLEX), None),
    ('à', 'À', Some(CIRCUMFLEX), Some(GRAVE)),
    ('á', 'Á', Some(CIRCUMFLEX), Some(ACUTE)),
    ('å', 'Å', Some(CIRCUMFLEX), Some(HOOK)),
    ('ã', 'Ã', Some(CIRCUMFLEX), Some(TILDE)),
    ('ä', 'Ä', Some(CIRCUMFLEX), Some(DOT_BELOW)),
    ('ê', 'Ê', Some(BREVE), None),
    ('è', 'È', Some(BREVE), Some(GRAVE)),
    ('é', 'É', Some(BREVE), Some(ACUTE)),
    ('ú', 'Ú', Some(BREVE), Some(HOOK)),
    ('ü', 'Ü', Some(BREVE), Some(TILDE)),
    ('ë', 'Ë', Some(BREVE), Some(DOT_BELOW)),
];

/// VNI's letters of one code: đ, ơ and ư (which take tone codes after them),
/// and i and y with a tone (which do not).
const VNI_LETTERS: [(char, &str); 18] = [
    ('ñ', "đ"),
    ('Ñ', "Đ"),
    ('ô', "o\u{31B}"),
    ('Ô', "O\u{31B}"),
    ('ö', "u\u{31B}"),
    ('Ö', "U\u{31B}"),
    ('ì', "ì"),
    ('Ì', "Ì"),
    ('í', "í"),
    ('Í', "Í"),
    ('æ', "ỉ"),
    ('Æ', "Ỉ"),
    ('ó', "ĩ"),
    ('Ó', "Ĩ"),
    ('ò', "ị"),
    ('Ò', "Ị"),
    ('î', "ỵ"),
    ('Î', "Ỵ"),
];

fn vni_mark(c: char) -> Option<(Option<char>, Option<char>)> {
    VNI_MARKS.iter().find(|m| m.0 == c || m.1 == c).map(|m| (m.2, m.3))
}

fn vni_letter(c: char) -> Option<&'static str> {
    if !is_legacy_code(c) {
        return None;
    }
    VNI_LETTERS.iter().find(|(code, _)| *code == c).map(|(_, s)| *s)
}

/// VNI text to Unicode. A mark code is joined to the vowel before it only
/// where Vietnamese has that letter (a circumflex on a, e, o; a breve on a;
/// a tone on any vowel), so a stray Latin-1 letter stays as it was.
fn vni_to_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // The base: a plain vowel, or ơ/ư, which are codes of their own.
        let (base, horn) = match c {
            'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' => (c, false),
            'ô' | 'ö' | 'Ô' | 'Ö' => (vni_letter(c).and_then(|s| s.chars().next()).unwrap_or(c), true),
            _ => {
                match vni_letter(c) {
                    Some(s) => out.push_str(s),
                    None => out.push(c),
                }
                continue;
            }
        };
        out.push(base);
        if horn {
            out.push(HORN);
        }
        let Some((vowel_mark, tone)) = chars.peek().and_then(|&m| vni_mark(m)) else {
            continue;
        };
        let lower = base.to_ascii_lowercase();
        let fits = match vowel_mark {
            _ if horn => vowel_mark.is_none(),
            Some(CIRCUMFLEX) => matches!(lower, 'a' | 'e' | 'o'),
            Some(_) => lower == 'a',
            None => true,
        };
        if fits {
            chars.next();
            out.extend(vowel_mark);
            out.extend(tone);
        }
    }
    nfc(&out)
}

/// Convert legacy text to Unicode (NFC). Characters outside the encoding's
/// codes (ASCII, line breaks) are kept as they are.
pub fn to_unicode(text: &str, from: Legacy) -> String {
    match from {
        Legacy::Tcvn3 => nfc(&text.chars().map(|c| tcvn3_char(c).unwrap_or(c)).collect::<String>()),
        Legacy::Vni => vni_to_unicode(text),
    }
}

/// Convert text set in a TCVN3 capital font (.VnTimeH, .VnArialH…): those
/// fonts draw every letter code, the lower-case ones included, as a capital,
/// so what the reader saw is the upper case of the text.
pub fn tcvn3_capitals(text: &str) -> String {
    to_unicode(text, Legacy::Tcvn3).to_uppercase()
}

/// Vietnamese letters that no legacy code reads as: text holding any of them
/// (or combining marks) is Unicode already.
fn is_unicode_vietnamese(c: char) -> bool {
    matches!(c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư'
        | '\u{1EA0}'..='\u{1EF9}' | '\u{300}'..='\u{36F}')
}

/// Words split at spaces and ASCII punctuation only: the legacy codes
/// include signs (§ ¶ · ¸ ×…) that are letters there.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit() || ('\u{2000}'..='\u{206F}').contains(&c)
    })
    .filter(|w| !w.is_empty())
}

fn is_legacy_code(c: char) -> bool {
    ('\u{A1}'..='\u{FE}').contains(&c)
}

/// Upper bound on the words [`detect`] looks at, so a large file costs no more than its first part.
const DETECT_WORDS: usize = 2000;

/// How many words with a legacy code the text must have before it is called legacy.
const MIN_LEGACY_WORDS: usize = 3;

/// The share of those words that must read as Vietnamese syllables once converted.
const MIN_VALID_SHARE: f64 = 0.85;

/// Whether `text` (a file's bytes decoded as Windows-1252, or pasted text) is
/// TCVN3 or VNI rather than Unicode, English or French. Conservative: text
/// with any Unicode Vietnamese letter is never legacy; otherwise at least
/// [`MIN_LEGACY_WORDS`] words must carry legacy codes, and nearly all of them
/// must become valid Vietnamese syllables after conversion ("café" becomes no
/// Vietnamese word in either encoding).
pub fn detect(text: &str) -> Option<Legacy> {
    if text.chars().any(is_unicode_vietnamese) {
        return None;
    }
    let candidates: Vec<&str> = words(text).filter(|w| w.chars().any(is_legacy_code)).take(DETECT_WORDS).collect();
    if candidates.len() < MIN_LEGACY_WORDS {
        return None;
    }
    let mut best: Option<(Legacy, usize)> = None;
    for from in Legacy::ALL {
        let valid = candidates.iter().filter(|w| is_syllable(&to_unicode(w, from))).count();
        if (valid as f64) < MIN_VALID_SHARE * candidates.len() as f64 || valid < MIN_LEGACY_WORDS {
            continue;
        }
        if best.is_none_or(|(_, v)| valid > v) {
            best = Some((from, valid));
        }
    }
    best.map(|(from, _)| from)
}

/// Text as it should be stored: NFC, legacy text converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// The encoding the text was converted from, if it was legacy text.
    pub converted_from: Option<Legacy>,
}

/// NFC-normalize `text`, converting it first when [`detect`] finds it legacy.
pub fn normalize(text: &str) -> Normalized {
    match detect(text) {
        Some(from) => Normalized { text: to_unicode(text, from), converted_from: Some(from) },
        None => Normalized { text: nfc(text), converted_from: None },
    }
}

/// Initial consonants of a Vietnamese syllable, longest first.
const INITIALS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x",
];

/// Final consonants.
const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Vowel groups (without tone) that a syllable's nucleus may be.
const NUCLEI: [&str; 54] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia",
    "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ",
    "ưu", "yê", "uya", "iêu", "oai", "oay", "oeo", "uây", "uôi", "uyê", "uyu", "ươi", "ươu", "yêu",
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y')
}

/// Whether `word` is a Vietnamese syllable: an initial (or none), a vowel
/// group, a final (or none), and at most one tone mark. Loose about which
/// finals go with which vowels: it only has to tell Vietnamese from
/// mojibake and foreign words.
fn is_syllable(word: &str) -> bool {
    let mut toneless = String::new();
    let mut tones = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        decompose_canonical(c, |d| match d {
            GRAVE | ACUTE | TILDE | HOOK | DOT_BELOW => tones += 1,
            _ => toneless.push(d),
        });
    }
    if tones > 1 {
        return false;
    }
    let toneless: String = toneless.nfc().collect();
    INITIALS.iter().chain(std::iter::once(&"")).any(|initial| {
        let Some(rest) = toneless.strip_prefix(initial) else { return false };
        let vowels_end = rest.char_indices().find(|(_, c)| !is_vowel(*c)).map_or(rest.len(), |(i, _)| i);
        let (nucleus, last) = rest.split_at(vowels_end);
        !nucleus.is_empty() && FINALS.contains(&last) && NUCLEI.contains(&nucleus)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Published samples: how "Hà Nội" and the name of the city's Party
    // organization look when a TCVN3 or VNI document is opened without its fonts.
    #[test]
    fn tcvn3_samples_convert() {
        assert_eq!(to_unicode("Hµ Néi", Legacy::Tcvn3), "Hà Nội");
        assert_eq!(to_unicode("§¶ng bé thµnh phè Hµ Néi", Legacy::Tcvn3), "Đảng bộ thành phố Hà Nội");
        assert_eq!(
            to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", Legacy::Tcvn3),
            "Cộng hoà xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(to_unicode("§éc lËp - Tù do - H¹nh phóc", Legacy::Tcvn3), "Độc lập - Tự do - Hạnh phúc");
    }

    #[test]
    fn vni_samples_convert() {
        assert_eq!(to_unicode("Haø Noäi", Legacy::Vni), "Hà Nội");
        assert_eq!(to_unicode("Ñaûng boä thaønh phoá Haø Noäi", Legacy::Vni), "Đảng bộ thành phố Hà Nội");
        assert_eq!(
            to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", Legacy::Vni),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc", Legacy::Vni), "Độc lập - Tự do - Hạnh phúc");
        assert_eq!(to_unicode("Tröôøng Ñaïi hoïc", Legacy::Vni), "Trường Đại học");
        assert_eq!(to_unicode("HAØ NOÄI", Legacy::Vni), "HÀ NỘI");
        assert_eq!(to_unicode("naêm, thaéng, ñaëc", Legacy::Vni), "năm, thắng, đặc");
    }

    #[test]
    fn the_tcvn3_table_is_sorted_by_code() {
        assert!(TCVN3.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn capital_fonts_draw_lower_case_codes_as_capitals() {
        // In .VnTimeH the heading "NGHỊ QUYẾT" is typed with the lower-case codes.
        assert_eq!(tcvn3_capitals("nghÞ quyÕt"), "NGHỊ QUYẾT");
        assert_eq!(tcvn3_capitals("§¶ng bé"), "ĐẢNG BỘ");
    }

    #[test]
    fn legacy_text_is_detected() {
        let tcvn3 = "§¶ng bé thµnh phè Hµ Néi tæ chøc Héi nghÞ lÇn thø m\u{AD}êi mét";
        assert_eq!(detect(tcvn3), Some(Legacy::Tcvn3));
        let vni = "Ñaûng boä thaønh phoá Haø Noäi toå chöùc Hoäi nghò laàn thöù möôøi moät";
        assert_eq!(detect(vni), Some(Legacy::Vni));
        assert_eq!(to_unicode(vni, Legacy::Vni), "Đảng bộ thành phố Hà Nội tổ chức Hội nghị lần thứ mười một");
        assert_eq!(to_unicode(tcvn3, Legacy::Tcvn3), "Đảng bộ thành phố Hà Nội tổ chức Hội nghị lần thứ mười một");
        let n = normalize(vni);
        assert_eq!(n.converted_from, Some(Legacy::Vni));
        assert!(n.text.starts_with("Đảng bộ"));
    }

    #[test]
    fn unicode_english_and_french_are_not_legacy() {
        for text in [
            "Đảng bộ thành phố Hà Nội tổ chức Hội nghị lần thứ mười một, thảo luận các dự thảo",
            "Ban Chấp hành cơ bản nhất trí với báo cáo; đề nghị bổ sung giải pháp về đầu tư công",
            "The committee adopted the resolution after a short debate on the budget.",
            "Le café de la gare est fermé à Noël; nous irons à l'hôtel près de la rivière, où l'été dure.",
            "café crème, Noël, déjà vu, naïve, façade, rôle, élève, piñata",
            "Hµ Néi",
        ] {
            assert_eq!(detect(text), None, "{text}");
            assert_eq!(normalize(text).converted_from, None);
        }
        // Decomposed Unicode is made NFC, not converted.
        assert_eq!(normalize("Vie\u{323}\u{302}t Nam").text, "Việt Nam");
    }

    #[test]
    fn syllables_are_told_from_other_words() {
        for ok in ["nghiêng", "Trường", "quyết", "giữa", "khuya", "người", "đoàn", "thế"] {
            assert!(is_syllable(ok), "{ok}");
        }
        for bad in ["café", "cafộ", "hello", "Noở", "strong", "aư", "ẩá"] {
            assert!(!is_syllable(bad), "{bad}");
        }
    }
}
