//! Secret polls on the command line: `plenum verify-poll` checks a published
//! result offline, as anyone given the file can; `plenum poll-key` shows and
//! rotates the key that signs them. Neither needs the database.
//!
//! Reports are two lines, Vietnamese first, then English.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use plenum_app::decide::signing::{self, PollSigner};
use plenum_core::decide::published::{self, PublishedPoll, VerifyError};
use plenum_core::decide::receipt;
use serde_json::Value;

use crate::config::Settings;

/// A published poll larger than this is refused unread: even a congress's
/// ballots take far less.
pub const MAX_PUBLISHED_BYTES: u64 = 64 * 1024 * 1024;

#[derive(clap::Subcommand)]
pub enum PollKeyCommand {
    /// Print the public key that signs published secret poll results (making
    /// the key if there is none yet).
    Show {
        /// The key file. Default: the setting poll_signing_key, else
        /// poll-signing.key in the data folder.
        #[arg(long)]
        key: Option<PathBuf>,
    },
    /// Replace the signing key with a new one, which signs a statement naming
    /// the old one. Restart every node with the new file afterwards.
    Rotate {
        /// The key file. Default: as for `show`.
        #[arg(long)]
        key: Option<PathBuf>,
    },
}

/// Reads a published poll: exit 2 (an error) when it cannot be read as one.
fn read_published(from: &Path) -> anyhow::Result<PublishedPoll> {
    let file = std::fs::File::open(from).with_context(|| format!("opening {}", from.display()))?;
    let too_big = || format!("{} is larger than {} MiB", from.display(), MAX_PUBLISHED_BYTES / (1024 * 1024));
    // Refused before reading when the size is known; the bounded read below
    // covers a pipe or a file that grows.
    if file.metadata().is_ok_and(|m| m.is_file() && m.len() > MAX_PUBLISHED_BYTES) {
        bail!(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_PUBLISHED_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {}", from.display()))?;
    if bytes.len() as u64 > MAX_PUBLISHED_BYTES {
        bail!(too_big());
    }
    serde_json::from_slice(&bytes)
        .with_context(|| format!("{} is not a published poll (format {:?})", from.display(), published::FORMAT))
}

/// The result in a few words: a motion's explanation, an election's elected.
fn summary(result: &Value) -> (String, String) {
    if let (Some(vi), Some(en)) = (result["explanation_vi"].as_str(), result["explanation_en"].as_str()) {
        return (vi.to_string(), en.to_string());
    }
    let names = |v: &Value| -> Vec<String> {
        v.as_array().into_iter().flatten().filter_map(|n| n.as_str().map(str::to_string)).collect()
    };
    let (elected, runoff) = (names(&result["elected"]), names(&result["runoff"]));
    let (mut vi, mut en) = if elected.is_empty() {
        ("không ai trúng cử".to_string(), "no one elected".to_string())
    } else {
        (format!("trúng cử: {}", elected.join(", ")), format!("elected: {}", elected.join(", ")))
    };
    if !runoff.is_empty() {
        vi.push_str(&format!("; bầu lại giữa: {}", runoff.join(", ")));
        en.push_str(&format!("; runoff among: {}", runoff.join(", ")));
    }
    (vi, en)
}

fn failed(out: &mut impl Write, e: &VerifyError) -> anyhow::Result<ExitCode> {
    writeln!(out, "Không hợp lệ ({}): {}", e.code(), e.message_vi())?;
    writeln!(out, "Not valid ({}): {}", e.code(), e.message_en())?;
    Ok(ExitCode::from(1))
}

/// `plenum verify-poll`: checks the signature, the root and the recount of a
/// published poll, and, given a receipt, that its ballot is among the leaves.
/// Exit 0 when every check holds, 1 naming the first that fails, 2 when the
/// file cannot be read as a published poll.
pub fn verify_poll(
    from: &Path,
    expect_key: Option<&str>,
    receipt_code: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let receipt = match receipt_code {
        None => None,
        Some(code) => Some(receipt::parse_receipt(code).with_context(|| {
            format!("the receipt {code:?} is not 64 hex digits (mã phiếu {code:?} không phải 64 chữ số hex)")
        })?),
    };
    let p = read_published(from)?;
    let checked = match expect_key {
        Some(key) => published::verify_signed_by(&p, key),
        None => published::verify(&p),
    };
    if let Err(e) = checked {
        return failed(out, &e);
    }
    let (vi, en) = summary(&p.result);
    let n = p.leaves.len();
    writeln!(
        out,
        "Hợp lệ: \"{}\", chữ ký đúng của khóa {}, gốc Merkle {}, {n} phiếu, kiểm lại khớp kết quả: {vi}",
        p.title, p.public_key, p.root
    )?;
    writeln!(
        out,
        "Valid: \"{}\", signed by the key {}, Merkle root {}, {n} ballots, the recount matches the result: {en}",
        p.title, p.public_key, p.root
    )?;
    if let Some(leaf) = receipt {
        let code = receipt::receipt_code(&leaf);
        let Some(inc) = p.inclusion(&leaf) else {
            writeln!(out, "Không hợp lệ (receipt-not-found): không lá nào là mã phiếu {code}")?;
            writeln!(out, "Not valid (receipt-not-found): no leaf is the receipt {code}")?;
            return Ok(ExitCode::from(1));
        };
        let proof = inc.proof.join(" ");
        let position = inc.index + 1;
        writeln!(out, "Phiếu có mã {code} đã được ghi nhận: lá thứ {position}/{}; chứng minh: {proof}", inc.size)?;
        writeln!(out, "The ballot with receipt {code} was recorded: leaf {position} of {}; proof: {proof}", inc.size)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `plenum poll-key show` and `plenum poll-key rotate`.
pub fn key(command: &PollKeyCommand, settings: &Settings, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    match command {
        PollKeyCommand::Show { key } => {
            let path = key.clone().unwrap_or_else(|| settings.poll_key_path());
            let made = !path.exists();
            let signer = PollSigner::load_or_create(&path)?;
            let earlier = PollSigner::statements(&path)?.len();
            let (fp, public, shown) = (signer.fingerprint(), signer.public_hex(), path.display());
            let (made_vi, made_en) = if made { (", vừa tạo", ", just made") } else { ("", "") };
            writeln!(
                out,
                "Khóa ký kết quả bỏ phiếu kín: {public} (dấu vân tay {fp}), tệp {shown}{made_vi}; đã thay {earlier} khóa trước"
            )?;
            writeln!(
                out,
                "Poll signing key: {public} (fingerprint {fp}), file {shown}{made_en}; {earlier} earlier keys replaced"
            )?;
        }
        PollKeyCommand::Rotate { key } => {
            let path = key.clone().unwrap_or_else(|| settings.poll_key_path());
            let (new, statement) = PollSigner::rotate(&path)?;
            let old_fp = signing::fingerprint(&statement.old_key);
            let (public, fp, shown) = (new.public_hex(), new.fingerprint(), path.display());
            writeln!(
                out,
                "Đã thay khóa ký: khóa mới {public} (dấu vân tay {fp}) thay cho khóa {old_fp}, tệp {shown}; khởi động lại mọi máy chủ với tệp khóa mới"
            )?;
            writeln!(
                out,
                "Signing key replaced: the new key {public} (fingerprint {fp}) replaces {old_fp}, file {shown}; restart every node with the new key file"
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
