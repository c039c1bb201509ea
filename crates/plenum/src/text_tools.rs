//! Text tools of the command line, which need no database: grouping opinions
//! that make the same point (`plenum opinions cluster`) and turning legacy
//! Vietnamese text into Unicode (`plenum text normalize`). Both read standard
//! input within bounds, so a wrong file given by mistake fails fast.

use std::collections::HashSet;
use std::io::{Read, Write};

use anyhow::{bail, Context};
use plenum_core::synthesize::{cluster, OpinionText, MAX_OPINIONS};
use plenum_core::text::legacy::{self, Legacy};

/// At most this many bytes of opinions on standard input.
pub const MAX_OPINIONS_BYTES: u64 = 8 * 1024 * 1024;
/// At most this many bytes on one line (one opinion).
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// At most this many bytes of text to normalize.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// The encoding `plenum text normalize --from` forces.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum From {
    Tcvn3,
    Vni,
    /// TCVN3 text set in a capital font (.VnTimeH…): the letters are capitals.
    Tcvn3Capitals,
}

/// All of `input`, refused past `max` bytes.
fn read_bounded(input: impl Read, max: u64, what: &str) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input.take(max + 1).read_to_end(&mut bytes).with_context(|| format!("reading {what}"))?;
    if bytes.len() as u64 > max {
        bail!("{what} is larger than {} MiB", max / (1024 * 1024));
    }
    Ok(bytes)
}

#[derive(serde::Deserialize)]
struct Opinion {
    id: String,
    text: String,
    #[serde(default)]
    item: Option<String>,
}

/// `plenum opinions cluster`: JSON lines `{"id","text","item"?}` in, one
/// `{"id","cluster"}` line per opinion out, in input order. Blank lines are
/// skipped; any other line that is not such an object is an error naming it.
pub fn cluster_opinions(input: impl Read, mut output: impl Write, threshold: f64) -> anyhow::Result<()> {
    let bytes = read_bounded(input, MAX_OPINIONS_BYTES, "the opinions")?;
    let text = std::str::from_utf8(&bytes).context("the opinions are not UTF-8 text")?;
    let mut opinions = Vec::new();
    let mut ids = HashSet::new();
    for (n, line) in text.lines().enumerate().map(|(n, l)| (n + 1, l)) {
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > MAX_LINE_BYTES {
            bail!("line {n}: longer than {} KiB", MAX_LINE_BYTES / 1024);
        }
        if opinions.len() == MAX_OPINIONS {
            bail!("line {n}: more than {MAX_OPINIONS} opinions");
        }
        let o: Opinion = serde_json::from_str(line)
            .with_context(|| format!("line {n}: expected {{\"id\": \"…\", \"text\": \"…\", \"item\": \"…\"}}"))?;
        if !ids.insert(o.id.clone()) {
            bail!("line {n}: the id {:?} was given before", o.id);
        }
        opinions.push(o);
    }
    let texts: Vec<OpinionText<'_>> =
        opinions.iter().map(|o| OpinionText { id: &o.id, item: o.item.as_deref(), text: &o.text }).collect();
    let numbers = cluster(&texts, threshold)?;
    // A struct, not a map, so the fields come out in this order.
    #[derive(serde::Serialize)]
    struct Grouped<'a> {
        id: &'a str,
        cluster: usize,
    }
    for (o, cluster) in opinions.iter().zip(numbers) {
        serde_json::to_writer(&mut output, &Grouped { id: &o.id, cluster })?;
        writeln!(output)?;
    }
    Ok(())
}

/// `plenum text normalize`: bytes in (UTF-8, or else Windows-1252, as a
/// legacy file's bytes read), NFC Unicode out, legacy text converted when
/// detected or when `from` says so. Returns what was converted, for stderr.
pub fn normalize_text(input: impl Read, mut output: impl Write, from: Option<From>) -> anyhow::Result<Option<String>> {
    let bytes = read_bounded(input, MAX_TEXT_BYTES, "the text")?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0,
    };
    let (text, converted) = match from {
        Some(From::Tcvn3) => (legacy::to_unicode(&text, Legacy::Tcvn3), Some("TCVN3".to_string())),
        Some(From::Vni) => (legacy::to_unicode(&text, Legacy::Vni), Some("VNI".to_string())),
        Some(From::Tcvn3Capitals) => (legacy::tcvn3_capitals(&text), Some("TCVN3 (capital font)".to_string())),
        None => {
            let n = legacy::normalize(&text);
            (n.text, n.converted_from.map(|l| l.as_str().to_string()))
        }
    };
    output.write_all(text.as_bytes())?;
    Ok(converted)
}
