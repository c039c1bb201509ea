//! Reading an uploaded document (tài liệu): its real type (sniffed from the
//! bytes, never taken from the name or the browser), and for drafts in DOCX,
//! Markdown or plain text, its passages. PDF is kept and shown as it is: its
//! layout is the document, and its text is not reliably recoverable in
//! reading order.

use plenum_core::prepare::document::{refusal, MediaKind, ReadDocument, MAX_DOCUMENT_BYTES};
use plenum_core::prepare::passages::{split, text_paragraphs};
use plenum_core::text::legacy;

use super::docx::docx_paragraphs;
use super::Deadline;

/// Check an upload and split it into passages. `filename` only tells
/// Markdown from plain text; the bytes decide everything else.
pub fn read(filename: &str, bytes: &[u8]) -> Result<ReadDocument, &'static str> {
    read_within(filename, bytes, Deadline::NONE)
}

/// [`read`], giving up with [`refusal::TOO_SLOW`] once `deadline` has passed.
/// The DOCX reader checks it per XML event; splitting into passages is linear
/// in the text, which the size limit bounds, so it is checked between steps.
pub fn read_within(filename: &str, bytes: &[u8], deadline: Deadline) -> Result<ReadDocument, &'static str> {
    let in_time = || if deadline.passed() { Err(refusal::TOO_SLOW) } else { Ok(()) };
    in_time()?;
    let media = sniff(filename, bytes)?;
    in_time()?;
    let paragraphs = match media {
        MediaKind::Pdf => Vec::new(),
        MediaKind::Docx => docx_paragraphs(bytes, deadline)?,
        MediaKind::Markdown | MediaKind::Text => text_paragraphs(&decode_text(bytes)?),
    };
    in_time()?;
    let passages = split(&paragraphs);
    in_time()?;
    if media != MediaKind::Pdf && passages.is_empty() {
        return Err(refusal::NO_TEXT);
    }
    Ok(ReadDocument { media, passages })
}

/// The type of a file from its first bytes.
pub fn sniff(filename: &str, bytes: &[u8]) -> Result<MediaKind, &'static str> {
    if bytes.is_empty() {
        return Err(refusal::EMPTY);
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(refusal::TOO_LARGE);
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(MediaKind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| refusal::UNREADABLE)?;
        return if archive.index_for_name("word/document.xml").is_some() {
            Ok(MediaKind::Docx)
        } else {
            Err(refusal::TYPE)
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(refusal::LEGACY_OFFICE);
    }
    decode_text(bytes)?;
    let lower = filename.to_lowercase();
    Ok(if lower.ends_with(".md") || lower.ends_with(".markdown") { MediaKind::Markdown } else { MediaKind::Text })
}

/// Text as Unicode: UTF-8 (with or without a byte-order mark) or UTF-16 with
/// its mark, which is what Windows Notepad writes as "Unicode". Bytes that
/// are not UTF-8 are read as Windows-1252, where drafts typed in the legacy
/// TCVN3 (ABC) and VNI fonts show as "Hµ Néi" or "Haø Noäi": such text is
/// converted; any other 8-bit text (Windows-1258…) is refused, since its
/// encoding cannot be told. UTF-8 text that is such mojibake (a legacy file
/// once re-saved as UTF-8) is converted too.
fn decode_text(bytes: &[u8]) -> Result<String, &'static str> {
    let utf16 = |b: &[u8], le: bool| {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).map_err(|_| refusal::ENCODING)
    };
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, true)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, false)?
    } else {
        // Control bytes other than tab, line breaks and form feed mean binary data, not text in another encoding.
        if bytes.iter().any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) {
            return Err(refusal::TYPE);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                if legacy::detect(&text).is_none() {
                    return Err(refusal::ENCODING);
                }
                text.into_owned()
            }
        }
    };
    if text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) {
        return Err(refusal::TYPE);
    }
    Ok(legacy::normalize(&text).text)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::super::docx::tests::{docx, para};
    use super::*;

    #[test]
    fn a_docx_is_split_into_passages() {
        let body = format!(
            "{}{}{}{}",
            para("I. MỤC TIÊU"),
            para("1. Quy hoạch"),
            para("a) Lập quy hoạch"),
            para("Đoạn giải thích.")
        );
        let read = read("du-thao.docx", &docx(&body)).unwrap();
        assert_eq!(read.media, MediaKind::Docx);
        assert_eq!(
            read.passages.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(),
            vec!["I", "I.1", "I.1.a", "I.1.a ¶1"]
        );
    }

    #[test]
    fn types_are_sniffed_from_the_bytes() {
        assert_eq!(sniff("x.bin", b"%PDF-1.7\n...").unwrap(), MediaKind::Pdf);
        assert_eq!(sniff("du-thao.MD", "# Dự thảo".as_bytes()).unwrap(), MediaKind::Markdown);
        assert_eq!(
            sniff("du-thao.pdf", "I. Mục tiêu".as_bytes()).unwrap(),
            MediaKind::Text,
            "the name does not decide"
        );
        assert_eq!(sniff("a.docx", &docx(&para("x"))).unwrap(), MediaKind::Docx);
        assert_eq!(sniff("a.txt", b"").unwrap_err(), refusal::EMPTY);
        assert_eq!(sniff("a.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(), refusal::TYPE);
        assert_eq!(
            sniff("a.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap_err(),
            refusal::LEGACY_OFFICE
        );
        // "Điều" in TCVN3/Windows-1258-like single bytes is not UTF-8.
        assert_eq!(sniff("a.txt", b"\xd0i\xd2u 1.").unwrap_err(), refusal::ENCODING);
        assert_eq!(sniff("a.zip", b"PK\x03\x04garbage").unwrap_err(), refusal::UNREADABLE);
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_DOCUMENT_BYTES + 1, b' ');
        assert_eq!(sniff("a.pdf", &big).unwrap_err(), refusal::TOO_LARGE);
        big.truncate(MAX_DOCUMENT_BYTES);
        assert!(sniff("a.pdf", &big).is_ok(), "exactly the limit is accepted");
    }

    #[test]
    fn a_zip_without_a_word_document_is_not_a_docx() {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut out);
        z.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(b"<workbook/>").unwrap();
        z.finish().unwrap();
        assert_eq!(sniff("bang.xlsx", &out.into_inner()).unwrap_err(), refusal::TYPE);
    }

    #[test]
    fn utf16_text_from_notepad_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "I. Mục tiêu\n1. Điều chỉnh".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let r = read("a.txt", &bytes).unwrap();
        assert_eq!(r.passages.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), vec!["I", "I.1"]);
    }

    #[test]
    fn a_text_draft_typed_in_tcvn3_is_read_as_unicode() {
        // The bytes a .txt saved from a TCVN3 (ABC) machine holds: "Điều 1." is
        // 0xA7 'i' 0xD2 'u', "Đảng bộ thành phố Hà Nội" as in the font's table.
        let mut bytes = b"I. \xa7\xb6ng b\xe9 th\xb5nh ph\xe8 H\xb5 N\xe9i\r\n".to_vec();
        bytes.extend_from_slice(b"1. \xa7i\xd2u ch\xd8nh quy ho\xb9ch giao th\xabng\r\n");
        let r = read("du-thao.txt", &bytes).unwrap();
        let texts: Vec<&str> = r.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["I. Đảng bộ thành phố Hà Nội", "1. Điều chỉnh quy hoạch giao thông"]);
        // The same text once re-saved as UTF-8 (mojibake kept) is converted too.
        let utf8 = "Haø Noäi ñieàu chænh quy hoaïch giao thoâng";
        let r = read("a.txt", utf8.as_bytes()).unwrap();
        assert_eq!(r.passages[0].text, "Hà Nội điều chỉnh quy hoạch giao thông");
    }

    #[test]
    fn a_truncated_docx_is_refused_as_unreadable() {
        let whole = docx(&para("I. MỤC TIÊU").repeat(50));
        for cut in [whole.len() / 2, whole.len() - 10, 40] {
            assert_eq!(read("a.docx", &whole[..cut]).unwrap_err(), refusal::UNREADABLE, "cut at {cut}");
        }
    }

    #[test]
    fn reading_stops_once_its_deadline_has_passed() {
        let passed = Deadline::after(std::time::Duration::ZERO);
        let body = para("I. MỤC TIÊU").repeat(1000);
        assert_eq!(read_within("a.docx", &docx(&body), passed).unwrap_err(), refusal::TOO_SLOW);
        assert_eq!(read_within("a.txt", "I. Mục tiêu".as_bytes(), passed).unwrap_err(), refusal::TOO_SLOW);
        assert!(read_within("a.docx", &docx(&body), Deadline::NONE).is_ok());
    }

    #[test]
    fn a_text_draft_without_words_is_refused() {
        assert_eq!(read("a.txt", b"  \n\n \t").unwrap_err(), refusal::NO_TEXT);
        assert_eq!(read("a.docx", &docx("<w:p/>")).unwrap_err(), refusal::NO_TEXT);
        assert!(read("a.pdf", b"%PDF-1.4").unwrap().passages.is_empty(), "a PDF has no passages and that is fine");
    }
}
