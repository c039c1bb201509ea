//! The paragraphs of a Word document (DOCX), in reading order, with the
//! numbers Word's automatic numbering shows ("I.", "1.", "a)"), so a draft
//! numbered by Word splits into passages like one numbered by hand.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use plenum_core::prepare::document::refusal;
use plenum_core::text::legacy::{self, Legacy};
use plenum_core::text::nfc;

use super::Deadline;

/// A part of the package may unpack to at most this much, so a small
/// crafted archive cannot make the server inflate gigabytes.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

type Archive<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

/// A part of the package, inflated to at most `max` bytes (the caller passes
/// [`MAX_XML_BYTES`]; tests a smaller bound, to check it without inflating 64 MiB).
fn part(archive: &mut Archive<'_>, name: &str, max: u64) -> Result<Option<Vec<u8>>, &'static str> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(refusal::UNREADABLE),
    };
    let mut xml = Vec::new();
    file.take(max + 1).read_to_end(&mut xml).map_err(|_| refusal::UNREADABLE)?;
    if xml.len() as u64 > max {
        return Err(refusal::TOO_LARGE);
    }
    Ok(Some(xml))
}

/// The legacy encoding a run's font implies. Documents typed before Unicode
/// set their text in 8-bit fonts, and only the font tells how to read its
/// codes: the .Vn… fonts are TCVN3 (ABC), those whose name ends in H
/// (.VnTimeH, .VnArialH) its all-capital variants; the VNI-… fonts are VNI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LegacyFont {
    Tcvn3,
    Tcvn3Capitals,
    Vni,
}

impl LegacyFont {
    fn of(name: &str) -> Option<LegacyFont> {
        let name = name.trim();
        if name.starts_with(".Vn") || name.starts_with(".VN") {
            Some(if name.ends_with('H') { LegacyFont::Tcvn3Capitals } else { LegacyFont::Tcvn3 })
        } else if name.to_ascii_uppercase().starts_with("VNI-") {
            Some(LegacyFont::Vni)
        } else {
            None
        }
    }

    /// The font of a `w:rFonts` element: the one for ASCII text, or else the
    /// one for the rest of Latin text (the legacy codes are read with either).
    fn of_run_fonts(e: &BytesStart<'_>) -> Option<LegacyFont> {
        ["w:ascii", "w:hAnsi"].iter().find_map(|attr| {
            e.try_get_attribute(*attr).ok().flatten().and_then(|a| a.unescape_value().ok()).map(|v| LegacyFont::of(&v))
        })?
    }

    fn to_unicode(self, text: &str) -> String {
        match self {
            LegacyFont::Tcvn3 => legacy::to_unicode(text, Legacy::Tcvn3),
            LegacyFont::Tcvn3Capitals => legacy::tcvn3_capitals(text),
            LegacyFont::Vni => legacy::to_unicode(text, Legacy::Vni),
        }
    }
}

/// The value of a `w:val` attribute.
fn val(e: &BytesStart<'_>) -> Option<String> {
    e.try_get_attribute("w:val").ok().flatten().and_then(|a| a.unescape_value().ok()).map(|v| v.into_owned())
}

/// One level of a numbered list: its format ("decimal", "upperRoman",
/// "lowerLetter", "bullet"…), its text ("%1.", "%2)") and its first number.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// word/numbering.xml: the levels of each abstract list, and which abstract list each list uses.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    lists: HashMap<String, String>,
}

fn read_numbering(xml: &[u8], deadline: Deadline) -> Result<Numbering, &'static str> {
    let mut n = Numbering::default();
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut abstract_id, mut level, mut num_id): (Option<String>, Option<u8>, Option<String>) = (None, None, None);
    loop {
        if deadline.passed() {
            return Err(refusal::TOO_SLOW);
        }
        let ev = reader.read_event_into(&mut buf).map_err(|_| refusal::UNREADABLE)?;
        let (e, empty) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.name().as_ref() {
                    b"w:abstractNum" => abstract_id = None,
                    b"w:lvl" => level = None,
                    b"w:num" => num_id = None,
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        let attr = |name: &str| {
            e.try_get_attribute(name).ok().flatten().and_then(|a| a.unescape_value().ok()).map(|v| v.into_owned())
        };
        match e.name().as_ref() {
            b"w:abstractNum" if !empty => abstract_id = attr("w:abstractNumId"),
            b"w:lvl" if !empty => level = attr("w:ilvl").and_then(|v| v.parse().ok()),
            b"w:num" if !empty => num_id = attr("w:numId"),
            b"w:abstractNumId" => {
                if let (Some(num), Some(v)) = (&num_id, val(e)) {
                    n.lists.insert(num.clone(), v);
                }
            }
            name @ (b"w:numFmt" | b"w:lvlText" | b"w:start") => {
                if let (Some(a), Some(l)) = (&abstract_id, level) {
                    let lvl = n
                        .abstracts
                        .entry(a.clone())
                        .or_default()
                        .entry(l)
                        .or_insert_with(|| Level { start: 1, ..Default::default() });
                    let v = val(e).unwrap_or_default();
                    match name {
                        b"w:numFmt" => lvl.format = v,
                        b"w:lvlText" => lvl.text = v,
                        _ => lvl.start = v.parse().unwrap_or(1),
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(n)
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A number in a level's format, as Word shows it.
fn formatted(n: u32, format: &str) -> String {
    let letter =
        |n: u32| char::from(b'a' + ((n.max(1) - 1) % 26) as u8).to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize);
    match format {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "lowerLetter" => letter(n),
        "upperLetter" => letter(n).to_uppercase(),
        _ => n.to_string(),
    }
}

/// Counters of the lists met so far, per abstract list (lists sharing one continue each other, as in Word).
#[derive(Default)]
struct Counters(HashMap<String, [Option<u32>; 9]>);

impl Counters {
    /// The marker Word shows for the next paragraph of list `num_id` at level `ilvl`.
    fn next(&mut self, numbering: &Numbering, num_id: &str, ilvl: u8) -> Option<String> {
        let abs = numbering.lists.get(num_id)?;
        let levels = numbering.abstracts.get(abs)?;
        let level = levels.get(&ilvl)?;
        if matches!(level.format.as_str(), "bullet" | "none") || ilvl > 8 {
            return None;
        }
        let counts = self.0.entry(abs.clone()).or_default();
        let i = ilvl as usize;
        counts[i] = Some(counts[i].map_or(level.start, |c| c + 1));
        for deeper in counts.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        let mut text = level.text.clone();
        for k in (0..=i).rev() {
            let l = levels.get(&(k as u8)).cloned().unwrap_or_default();
            let n = counts[k].unwrap_or(l.start);
            text = text.replace(&format!("%{}", k + 1), &formatted(n, &l.format));
        }
        Some(text)
    }
}

/// A paragraph being read.
#[derive(Default)]
struct Open {
    text: String,
    num_id: Option<String>,
    ilvl: u8,
}

/// The paragraphs of a DOCX, in reading order: each `w:p` of
/// word/document.xml, with its runs' text (`w:t`), tabs as spaces, line
/// breaks kept, and the marker of Word's automatic numbering in front.
/// Deleted text of tracked changes (`w:delText`) is left out, and so is the
/// fallback copy of text boxes (`mc:Fallback`), which Word writes twice.
pub fn docx_paragraphs(bytes: &[u8], deadline: Deadline) -> Result<Vec<String>, &'static str> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| refusal::UNREADABLE)?;
    let xml = part(&mut archive, "word/document.xml", MAX_XML_BYTES)?.ok_or(refusal::TYPE)?;
    let numbering = match part(&mut archive, "word/numbering.xml", MAX_XML_BYTES)? {
        Some(n) => read_numbering(&n, deadline)?,
        None => Numbering::default(),
    };
    let mut counters = Counters::default();
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut paragraphs = Vec::new();
    // A stack, because a text box's paragraphs sit inside a paragraph's run.
    let mut open: Vec<Open> = Vec::new();
    let (mut in_text, mut in_props, mut fallback_depth) = (false, false, 0usize);
    // The legacy font of the run being read, whose text is converted as read.
    let mut run_font: Option<LegacyFont> = None;
    loop {
        if deadline.passed() {
            return Err(refusal::TOO_SLOW);
        }
        match reader.read_event_into(&mut buf).map_err(|_| refusal::UNREADABLE)? {
            Event::Start(e) => match e.name().as_ref() {
                b"mc:Fallback" => fallback_depth += 1,
                _ if fallback_depth > 0 => {}
                b"w:p" => open.push(Open::default()),
                b"w:r" => run_font = None,
                b"w:rFonts" if !in_props => run_font = LegacyFont::of_run_fonts(&e),
                b"w:pPr" => in_props = true,
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) if fallback_depth == 0 => match (e.name().as_ref(), open.last_mut()) {
                (b"w:tab", Some(p)) if !in_props => p.text.push(' '),
                (b"w:br" | b"w:cr", Some(p)) => p.text.push('\n'),
                (b"w:numId", Some(p)) if in_props => p.num_id = val(&e).filter(|v| v != "0"),
                (b"w:ilvl", Some(p)) if in_props => p.ilvl = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                (b"w:rFonts", _) if !in_props => run_font = LegacyFont::of_run_fonts(&e),
                (b"w:p", _) => paragraphs.push(String::new()),
                _ => {}
            },
            Event::Text(t) if in_text && fallback_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&in_font(run_font, &t.unescape().map_err(|_| refusal::UNREADABLE)?));
                }
            }
            Event::CData(t) if in_text && fallback_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&in_font(run_font, &String::from_utf8_lossy(&t)));
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"mc:Fallback" => fallback_depth = fallback_depth.saturating_sub(1),
                _ if fallback_depth > 0 => {}
                b"w:t" => in_text = false,
                b"w:r" => run_font = None,
                b"w:pPr" => in_props = false,
                b"w:p" => {
                    if let Some(p) = open.pop() {
                        let marker = p.num_id.as_deref().and_then(|id| counters.next(&numbering, id, p.ilvl));
                        let text = match marker {
                            Some(m) if !p.text.trim().is_empty() => format!("{m} {}", p.text.trim_start()),
                            _ => p.text,
                        };
                        paragraphs.push(nfc(&text));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(paragraphs)
}

/// A run's text as Unicode, converted when its font is a legacy one.
fn in_font(font: Option<LegacyFont>, text: &str) -> std::borrow::Cow<'_, str> {
    match font {
        Some(f) => f.to_unicode(text).into(),
        None => text.into(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A minimal DOCX: the given body XML, and numbering.xml when given.
    pub fn docx_with(body_xml: &str, numbering_xml: Option<&str>) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        write!(
            z,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body_xml}</w:body></w:document>"#
        )
        .unwrap();
        if let Some(n) = numbering_xml {
            z.start_file("word/numbering.xml", opts).unwrap();
            write!(z, r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{n}</w:numbering>"#).unwrap();
        }
        z.finish().unwrap();
        out.into_inner()
    }

    pub fn docx(body_xml: &str) -> Vec<u8> {
        docx_with(body_xml, None)
    }

    pub fn para(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn numbered(num: u32, ilvl: u8, text: &str) -> String {
        format!("<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_come_from_runs_in_order() {
        let body = format!(
            "{}{}<w:p><w:r><w:t>a) Lập </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>quy hoạch</w:t></w:r><w:r><w:tab/><w:t>&amp; kế hoạch</w:t></w:r></w:p>\
             <w:p><w:r><w:delText>đã xóa</w:delText><w:t>b) Giữ</w:t></w:r></w:p>\
             <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:p><w:r><w:t>hộp</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p><w:p/>",
            para("I. MỤC TIÊU"),
            para("1. Quy hoạch")
        );
        let got = docx_paragraphs(&docx(&body), Deadline::NONE).unwrap();
        assert_eq!(got, vec!["I. MỤC TIÊU", "1. Quy hoạch", "a) Lập quy hoạch & kế hoạch", "b) Giữ", "hộp", "", ""]);
    }

    #[test]
    fn word_automatic_numbering_becomes_markers() {
        // One list with three levels (I., 1., a)), a bullet list, and a second list
        // using the same abstract list, which continues its numbering as Word does.
        let numbering = r#"<w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
          </w:abstractNum>
          <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
          <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#;
        let body = [
            numbered(1, 0, "MỤC ĐÍCH"),
            numbered(1, 1, "Quán triệt."),
            numbered(1, 2, "Học tập."),
            numbered(1, 2, "Tuyên truyền."),
            numbered(2, 0, "gạch đầu dòng"),
            numbered(1, 1, "Quy hoạch."),
            numbered(3, 0, "NHIỆM VỤ"),
            numbered(3, 1, "Kiểm tra."),
            para("Đoạn thường."),
        ]
        .concat();
        let got = docx_paragraphs(&docx_with(&body, Some(numbering)), Deadline::NONE).unwrap();
        assert_eq!(
            got,
            vec![
                "I. MỤC ĐÍCH",
                "1. Quán triệt.",
                "a) Học tập.",
                "b) Tuyên truyền.",
                "gạch đầu dòng",
                "2. Quy hoạch.",
                "II. NHIỆM VỤ",
                "1. Kiểm tra.",
                "Đoạn thường."
            ]
        );
        let labels: Vec<String> = plenum_core::prepare::passages::split(&got).into_iter().map(|p| p.label).collect();
        assert_eq!(labels, vec!["I", "I.1", "I.1.a", "I.1.b", "I.1.b ¶1", "I.2", "II", "II.1", "II.1 ¶1"]);
    }

    /// A run of `text` in `font`.
    fn run(font: &str, text: &str) -> String {
        format!("<w:r><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\"/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    }

    #[test]
    fn runs_in_legacy_fonts_are_converted_by_their_font() {
        let body = format!(
            "<w:p>{}</w:p><w:p>{}{}</w:p><w:p>{}</w:p><w:p><w:pPr><w:rPr><w:rFonts w:ascii=\".VnTime\"/></w:rPr></w:pPr>{}</w:p>",
            // The heading in the capital font is typed with the lower-case codes.
            run(".VnTimeH", "nghÞ quyÕt"),
            run(".VnTime", "§¶ng bé thµnh phè Hµ Néi "),
            run("Times New Roman", "(khóa XVII)"),
            run("VNI-Times", "Ñaûng boä thaønh phoá Haø Noäi"),
            // Only a run's own font counts, not the paragraph mark's.
            run("Arial", "Hà Nội")
        );
        let got = docx_paragraphs(&docx(&body), Deadline::NONE).unwrap();
        assert_eq!(
            got,
            vec!["NGHỊ QUYẾT", "Đảng bộ thành phố Hà Nội (khóa XVII)", "Đảng bộ thành phố Hà Nội", "Hà Nội"]
        );
        assert_eq!(LegacyFont::of(".VnArialH"), Some(LegacyFont::Tcvn3Capitals));
        assert_eq!(LegacyFont::of("VNI-Helve"), Some(LegacyFont::Vni));
        assert_eq!(LegacyFont::of("Times New Roman"), None);
    }

    #[test]
    fn a_part_that_inflates_past_its_bound_is_refused() {
        // 2 MiB of spaces deflate to a few kilobytes: a small zip bomb, refused
        // once it passes the bound, before it is inflated any further.
        let bomb = docx(&format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", " ".repeat(2 << 20)));
        assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bomb.as_slice())).unwrap();
        assert_eq!(part(&mut archive, "word/document.xml", 1 << 20).unwrap_err(), refusal::TOO_LARGE);
        assert!(part(&mut archive, "word/document.xml", 4 << 20).unwrap().is_some());
    }

    #[test]
    fn numbers_are_formatted_as_word_shows_them() {
        assert_eq!(
            (
                formatted(4, "upperRoman"),
                formatted(14, "lowerRoman"),
                formatted(27, "lowerLetter"),
                formatted(2, "upperLetter"),
                formatted(7, "decimalZero")
            ),
            ("IV".into(), "xiv".into(), "aa".into(), "B".into(), "7".into())
        );
    }
}
