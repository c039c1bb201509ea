//! The character encoding of an uploaded text table, told from its bytes.
//!
//! Vietnamese offices save CSV files from Excel in the encodings Windows
//! gives them: "CSV UTF-8" (UTF-8 with a byte order mark), plain "CSV" in the
//! ANSI code page of a Vietnamese Windows (Windows-1258, whose tone marks are
//! often combining characters after the vowel: decomposed text), and
//! "Unicode text" (UTF-16 little-endian, with a byte order mark, tab-separated).
//! Other tools write UTF-16 without a byte order mark, or big-endian.
//! Whatever comes in goes out as NFC, as all text in Plenum is.

use std::borrow::Cow;

use encoding_rs::{Encoding as Codec, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1258};

/// An encoding a text table may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
}

impl Encoding {
    /// The encoding's name as Excel and text editors show it.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1258 => "Windows-1258",
        }
    }

    fn codec(self) -> &'static Codec {
        match self {
            Encoding::Utf8 => UTF_8,
            Encoding::Utf16Le => UTF_16LE,
            Encoding::Utf16Be => UTF_16BE,
            Encoding::Windows1258 => WINDOWS_1258,
        }
    }
}

/// Text decoded from an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// The file began with a byte order mark.
    pub bom: bool,
    /// Some bytes were not valid in `encoding` and were replaced by U+FFFD.
    pub lossy: bool,
}

/// How many bytes the guess between UTF-16 and 8-bit text looks at.
const SAMPLE: usize = 4096;

/// Decode `bytes`, guessing the encoding: a byte order mark wins; else UTF-16
/// if its NUL bytes fall on every other byte; else UTF-8 if it is valid, or
/// mostly valid; else Windows-1258.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, bom, body) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (Encoding::Utf8, true, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (Encoding::Utf16Le, true, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (Encoding::Utf16Be, true, rest)
    } else {
        (guess(bytes), false, bytes)
    };
    let (text, lossy) = encoding.codec().decode_without_bom_handling(body);
    let text = match text {
        Cow::Borrowed(s) => plenum_core::text::nfc(s),
        Cow::Owned(s) => plenum_core::text::nfc(&s),
    };
    Decoded { text, encoding, bom, lossy }
}

fn guess(bytes: &[u8]) -> Encoding {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let nul_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    // Table text is mostly ASCII (digits, separators, Latin letters), whose
    // UTF-16 code units have a NUL high byte; 8-bit text has no NUL at all.
    let units = sample.len() / 2;
    if odd * 4 >= units && even * 10 <= odd && units > 0 {
        return Encoding::Utf16Le;
    }
    if even * 4 >= units && odd * 10 <= even && units > 0 {
        return Encoding::Utf16Be;
    }
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        Encoding::Utf8
    } else {
        Encoding::Windows1258
    }
}

/// UTF-8 with a few damaged bytes (a row pasted in from elsewhere) rather
/// than 8-bit text: more well-formed multi-byte characters than bad bytes.
/// Windows-1258 Vietnamese almost never forms a valid UTF-8 sequence, since
/// its letters are followed by ASCII or by tone marks above 0xC0.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > bad
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = if bom {
            "\u{feff}".encode_utf16().chain(text.encode_utf16()).collect()
        } else {
            text.encode_utf16().collect::<Vec<_>>()
        };
        for u in units {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    /// Vietnamese as Windows-1258 holds it: each letter without its tone
    /// (ê, ơ, ă… are in the code page), then the tone as a combining mark.
    fn as_windows_1258_writes_it(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mut out = String::new();
        for c in text.chars() {
            let parts: String = c.nfd().collect();
            out.extend(parts.chars().filter(|m| !TONES.contains(m)).nfc());
            out.extend(parts.chars().filter(|m| TONES.contains(m)));
        }
        out
    }

    /// "Nguyễn Văn Hùng" as Vietnamese Windows saves it: precomposed letters
    /// where the code page has them, combining tone marks after the vowel.
    const NGUYEN_1258: &[u8] = b"Nguy\xEA\xDEn V\xE3n Hu\xCCng";

    #[test]
    fn windows_1258_is_decoded_and_composed() {
        let d = decode(NGUYEN_1258);
        assert_eq!(d.encoding, Encoding::Windows1258);
        assert_eq!(d.text, "Nguyễn Văn Hùng");
        assert!(d.text.chars().all(|c| !('\u{300}'..='\u{36f}').contains(&c)), "NFC, no combining marks");
        assert!(!d.lossy);
    }

    #[test]
    fn utf16_in_both_byte_orders_with_or_without_a_mark() {
        let text = "Họ và tên\tTổ\r\nĐặng Thị Ánh\tTổ 2\r\n";
        for (le, bom) in [(true, true), (true, false), (false, true), (false, false)] {
            let d = decode(&utf16(text, le, bom));
            assert_eq!(d.encoding, if le { Encoding::Utf16Le } else { Encoding::Utf16Be }, "le {le} bom {bom}");
            assert_eq!((d.text.as_str(), d.bom), (text, bom));
        }
    }

    #[test]
    fn utf8_with_or_without_a_mark_and_decomposed_utf8_is_composed() {
        assert_eq!(
            decode("\u{feff}Hà Nội".as_bytes()),
            Decoded { text: "Hà Nội".into(), encoding: Encoding::Utf8, bom: true, lossy: false }
        );
        let d = decode("Nguye\u{302}\u{303}n".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding, d.bom), ("Nguyễn", Encoding::Utf8, false));
    }

    #[test]
    fn utf8_with_one_damaged_byte_stays_utf8() {
        let mut bytes = "Họ và tên,Đơn vị\nTrần Thị Bình,Hà Nội\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Nguy\xEAn,X\n");
        let d = decode(&bytes);
        assert_eq!((d.encoding, d.lossy), (Encoding::Utf8, true));
        assert!(d.text.contains("Trần Thị Bình") && d.text.contains("Nguy\u{fffd}n"));
    }

    #[test]
    fn every_encoding_has_a_label() {
        for e in [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Windows1258] {
            assert!(!e.label().is_empty());
        }
    }

    proptest! {
        /// Vietnamese text written by any of the encodings Excel uses reads
        /// back as the same NFC text.
        #[test]
        fn any_vietnamese_text_survives_each_encoding(
            text in "[a-zA-Z0-9 ,;\t\r\nàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]{1,60}"
        ) {
            // Mostly letters and separators, as a table is; at least a few ASCII.
            prop_assume!(text.chars().filter(char::is_ascii).count() * 2 >= text.chars().count());
            let nfc = plenum_core::text::nfc(&text);
            for le in [true, false] {
                let d = decode(&utf16(&text, le, false));
                prop_assert_eq!(&d.text, &nfc);
            }
            let d = decode(text.as_bytes());
            prop_assert_eq!((&d.text, d.encoding), (&nfc, Encoding::Utf8));
            let written = as_windows_1258_writes_it(&text);
            let (bytes, _, unmappable) = WINDOWS_1258.encode(&written);
            prop_assert!(!unmappable);
            let d = decode(&bytes);
            prop_assert_eq!(&d.text, &nfc);
        }
    }
}
