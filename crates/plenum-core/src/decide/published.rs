//! The published result of a closed secret poll (kết quả bỏ phiếu kín công
//! bố): the ballots' contents, the Merkle leaves of their commitments, the
//! signed root, and the result, so that anyone can check it offline.
//!
//! What it lets a reader check, with no access to Plenum:
//! - the signature, ed25519 (RFC 8032 §5.1) over [`statement_bytes`], against
//!   the public key it names; whether that key is the committee's is for the
//!   reader to compare with the key Plenum shows;
//! - the root, recomputed from the leaves as RFC 6962 §2.1 hashes them, the
//!   leaves in ascending order, each once ([`super::receipt`] says what a leaf
//!   is);
//! - as many ballots as leaves, and as many as members marked as having voted;
//! - the result, recounted from the published ballots with the same function
//!   `plenum tally` uses.
//!
//! The contents are listed in ascending order of their canonical content, not
//! in casting order and not in leaf order. That order is a function of the
//! ballots alone, so it cannot carry who cast which ballot, or when; and,
//! unlike a random shuffle, anyone can check that it was followed.
//! A voter's receipt finds their leaf, never their ballot.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ballot::Ballot;
use super::count::{self, Count, MotionCounts};
use super::election::Election;
use super::receipt::{self, Hash};
use super::rules::RuleSet;
use super::TallyError;

/// The format tag of a published poll.
pub const FORMAT: &str = "plenum-poll/1";

pub use super::poll::Choice;

/// The ballots' contents, in ascending order of their canonical content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Contents {
    Motion(Vec<Choice>),
    Election(Vec<Ballot>),
}

impl Contents {
    pub fn len(&self) -> usize {
        match self {
            Contents::Motion(c) => c.len(),
            Contents::Election(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// "motion" or "election", as [`PublishedPoll::kind`] writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            Contents::Motion(_) => "motion",
            Contents::Election(_) => "election",
        }
    }

    /// Each ballot's canonical content, in list order.
    pub fn canonical(&self) -> Vec<String> {
        match self {
            Contents::Motion(c) => c.iter().map(|c| c.as_str().to_string()).collect(),
            Contents::Election(b) => b.iter().map(ballot_content).collect(),
        }
    }

    /// Puts the ballots in the published order: ascending by canonical content.
    pub fn sort(&mut self) {
        match self {
            Contents::Motion(c) => c.sort_by_key(|c| c.as_str()),
            Contents::Election(b) => b.sort_by_cached_key(ballot_content),
        }
    }
}

/// The canonical content of an election ballot: its JSON with the crossed
/// names sorted and once each, object keys in sorted order and no
/// whitespace, so equal ballots read equal.
pub fn ballot_content(b: &Ballot) -> String {
    let mut b = b.clone();
    if let Some(c) = &mut b.crossed {
        c.sort();
        c.dedup();
    }
    canonical_json(&serde_json::to_value(&b).unwrap_or(Value::Null))
}

/// A value as JSON with every object's keys in ascending byte order and no
/// whitespace. Written out here rather than left to the map type's order, so
/// signed bytes never depend on how a JSON library is built.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        // Strings, numbers, booleans and null as serde_json writes them.
        other => out.push_str(&other.to_string()),
    }
}

/// The published result of a closed secret poll (kết quả bỏ phiếu kín),
/// format `"plenum-poll/1"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedPoll {
    pub format: String,
    /// The poll's public identifier; every commitment includes it.
    pub poll_uid: String,
    pub title: String,
    /// "motion" or "election".
    pub kind: String,
    /// The rule set the poll was held under, as it was then.
    pub rules: RuleSet,
    pub members: i64,
    pub excluded: i64,
    pub present: Option<i64>,
    pub seats: Option<i64>,
    pub candidates: Vec<String>,
    pub runoff: bool,
    /// Members marked as having voted.
    pub roll_count: i64,
    pub contents: Contents,
    /// The commitments in lowercase hex, ascending: the tree's leaves in order.
    pub leaves: Vec<String>,
    /// The Merkle root over `leaves`, hex.
    pub root: String,
    /// When the poll closed: RFC 3339 in UTC, to the second.
    pub closed_at: String,
    /// The result exactly as `plenum tally` writes it for this input.
    pub result: Value,
    /// The ed25519 public key, hex.
    pub public_key: String,
    /// Hex, over [`statement_bytes`].
    pub signature: String,
}

/// A poll of the current format with nothing filled in yet, to build one
/// field by field: `PublishedPoll { poll_uid, title, .., ..Default::default() }`.
impl Default for PublishedPoll {
    fn default() -> PublishedPoll {
        PublishedPoll {
            format: FORMAT.into(),
            poll_uid: String::new(),
            title: String::new(),
            kind: String::new(),
            rules: RuleSet::party_committee(),
            members: 0,
            excluded: 0,
            present: None,
            seats: None,
            candidates: Vec::new(),
            runoff: false,
            roll_count: 0,
            contents: Contents::Motion(Vec::new()),
            leaves: Vec::new(),
            root: String::new(),
            closed_at: String::new(),
            result: Value::Null,
            public_key: String::new(),
            signature: String::new(),
        }
    }
}

impl PublishedPoll {
    /// Fills in what follows from the ballots, ready to sign: the leaves in
    /// tree order, the root over them, the contents in published order, the
    /// kind, and the result of counting them. The roll count is left as given:
    /// it comes from the roll, and checks the ballots. Refused when a leaf is
    /// not a receipt code or the ballots cannot be counted.
    pub fn seal(&mut self) -> Result<(), VerifyError> {
        let mut leaves = self.leaf_hashes()?;
        leaves = receipt::tree_order(leaves);
        self.leaves = leaves.iter().map(receipt::receipt_code).collect();
        self.root = hex::encode(receipt::root(&leaves));
        self.contents.sort();
        self.kind = self.contents.kind().into();
        self.result = recount(self).map_err(VerifyError::Recount)?;
        Ok(())
    }

    /// The leaves as hashes, or the first that is not 64 hex digits.
    pub fn leaf_hashes(&self) -> Result<Vec<Hash>, VerifyError> {
        self.leaves.iter().enumerate().map(|(i, l)| hash_hex(l).ok_or(VerifyError::Leaf { index: i + 1 })).collect()
    }

    /// Where the ballot with this receipt is among the leaves, and its
    /// inclusion proof; `None` if no leaf is that commitment.
    pub fn inclusion(&self, receipt: &Hash) -> Option<Inclusion> {
        let leaves = self.leaf_hashes().ok()?;
        let index = leaves.binary_search(receipt).ok()?;
        Some(Inclusion {
            index: index as u64,
            size: leaves.len() as u64,
            proof: receipt::inclusion_proof(&leaves, index).iter().map(hex::encode).collect(),
            root: hex::encode(receipt::root(&leaves)),
        })
    }
}

/// A ballot's place in the published tree, with the proof that puts it there
/// (RFC 6962 §2.1.1), checked by [`receipt::verify_inclusion`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inclusion {
    /// From 0, in tree order.
    pub index: u64,
    pub size: u64,
    /// Sibling hashes in hex, from the leaf up.
    pub proof: Vec<String>,
    pub root: String,
}

fn hash_hex(s: &str) -> Option<Hash> {
    let mut out = [0u8; 32];
    if s.len() != 64 || s.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

/// The bytes the signature covers: the poll as JSON without its "signature"
/// field, in [`canonical_json`] form. The public key is among them, so a
/// signature cannot be moved to a poll that names another key.
pub fn statement_bytes(p: &PublishedPoll) -> Vec<u8> {
    let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
    if let Some(map) = v.as_object_mut() {
        map.remove("signature");
    }
    canonical_json(&v).into_bytes()
}

/// The count the published input describes.
fn to_count(p: &PublishedPoll) -> Result<Count, TallyError> {
    let rules = p.rules.clone();
    match &p.contents {
        Contents::Motion(choices) => {
            let n = |c: Choice| choices.iter().filter(|x| **x == c).count() as i64;
            let present = p.present.ok_or(TallyError::Missing("present"))?;
            let counts = MotionCounts {
                members: p.members,
                excluded: p.excluded,
                present,
                yes: n(Choice::Yes),
                no: n(Choice::No),
                abstain: n(Choice::Abstain),
            };
            Ok(Count::Motion { rules, counts })
        }
        Contents::Election(ballots) => {
            let election = Election {
                members: p.members,
                excluded: p.excluded,
                present: p.present,
                seats: p.seats.ok_or(TallyError::Missing("seats"))?,
                candidates: p.candidates.clone(),
                ballots: ballots.clone(),
                runoff: p.runoff,
            };
            Ok(Count::Election { rules, election })
        }
    }
}

/// Counts the published ballots again, with the function `plenum tally` uses,
/// and gives the result as `plenum tally` writes it.
pub fn recount(p: &PublishedPoll) -> Result<Value, TallyError> {
    p.rules.check()?;
    Ok(count::tally(&to_count(p)?)?.to_json())
}

/// Signs the poll: names the key's public half, then signs [`statement_bytes`].
pub fn sign(p: &mut PublishedPoll, key: &SigningKey) {
    p.public_key = hex::encode(key.verifying_key().as_bytes());
    let signature = key.sign(&statement_bytes(p));
    p.signature = hex::encode(signature.to_bytes());
}

/// Why a published poll does not hold. Each has a stable `code` and a
/// sentence in Vietnamese and in English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("the format is {0:?}, not \"plenum-poll/1\"")]
    Format(String),
    #[error("the public key is not an ed25519 public key in hex")]
    PublicKey,
    #[error("signed by the key {found}, not by {expected}")]
    OtherKey { expected: String, found: String },
    #[error("the signature does not match the published content and its public key")]
    Signature,
    #[error("the closing time {0:?} is not in the form 2025-01-31T08:30:00Z")]
    ClosedAt(String),
    #[error("leaf {index} is not 64 lowercase hex digits")]
    Leaf { index: usize },
    #[error("leaf {index} does not come after the one before it: the leaves are in ascending order, each once")]
    LeafOrder { index: usize },
    #[error("the root is not the Merkle root of the leaves")]
    Root,
    #[error(
        "{contents} ballots, {leaves} leaves and {roll_count} members marked as having voted: the three must be equal"
    )]
    BallotCount { contents: usize, leaves: usize, roll_count: i64 },
    #[error("the kind is {kind:?}, but the ballots are of a {contents}")]
    Kind { kind: String, contents: &'static str },
    #[error("ballot {index} is out of order: the ballots are listed in ascending order of their content")]
    ContentOrder { index: usize },
    #[error("the published ballots cannot be counted: {}", .0.message_en())]
    Recount(TallyError),
    #[error("the published result is not the result of counting the published ballots")]
    Result,
}

impl VerifyError {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::Format(_) => "format",
            VerifyError::PublicKey => "public-key",
            VerifyError::OtherKey { .. } => "other-key",
            VerifyError::Signature => "signature",
            VerifyError::ClosedAt(_) => "closed-at",
            VerifyError::Leaf { .. } => "leaf",
            VerifyError::LeafOrder { .. } => "leaf-order",
            VerifyError::Root => "root",
            VerifyError::BallotCount { .. } => "ballot-count",
            VerifyError::Kind { .. } => "kind",
            VerifyError::ContentOrder { .. } => "content-order",
            VerifyError::Recount(_) => "recount-refused",
            VerifyError::Result => "result",
        }
    }

    /// The failure in English.
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The failure in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            VerifyError::Format(found) => format!("định dạng là {found:?}, không phải \"plenum-poll/1\""),
            VerifyError::PublicKey => "khóa công khai không phải khóa công khai ed25519 dạng hex".to_string(),
            VerifyError::OtherKey { expected, found } => format!("được ký bằng khóa {found}, không phải khóa {expected}"),
            VerifyError::Signature => "chữ ký không khớp với nội dung công bố và khóa công khai của nó".to_string(),
            VerifyError::ClosedAt(found) => {
                format!("thời điểm kết thúc {found:?} không theo dạng 2025-01-31T08:30:00Z")
            }
            VerifyError::Leaf { index } => format!("lá thứ {index} không phải 64 chữ số hex viết thường"),
            VerifyError::LeafOrder { index } => format!(
                "lá thứ {index} không đứng sau lá trước nó: các lá xếp theo thứ tự tăng dần, mỗi lá một lần"
            ),
            VerifyError::Root => "gốc không phải gốc Merkle của các lá".to_string(),
            VerifyError::BallotCount { contents, leaves, roll_count } => format!(
                "{contents} phiếu, {leaves} lá và {roll_count} ủy viên được ghi là đã bỏ phiếu: ba số này phải bằng nhau"
            ),
            VerifyError::Kind { kind, contents } => {
                let contents = if *contents == "motion" { "biểu quyết" } else { "bầu cử" };
                format!("loại là {kind:?}, nhưng các phiếu là phiếu {contents}")
            }
            VerifyError::ContentOrder { index } => {
                format!("phiếu thứ {index} sai thứ tự: các phiếu xếp theo thứ tự tăng dần của nội dung")
            }
            VerifyError::Recount(e) => format!("không kiểm lại được các phiếu đã công bố: {}", e.message_vi()),
            VerifyError::Result => "kết quả công bố không phải kết quả kiểm lại từ các phiếu đã công bố".to_string(),
        }
    }
}

/// Whether `s` is a UTC time to the second in RFC 3339 §5.6 form:
/// `YYYY-MM-DDTHH:MM:SSZ`.
fn is_utc_second(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20 {
        return false;
    }
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        10 => *c == b'T',
        13 | 16 => *c == b':',
        19 => *c == b'Z',
        _ => c.is_ascii_digit(),
    });
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(99);
    // Second 60 is a leap second, which RFC 3339 §5.6 allows.
    shape
        && (1..=12).contains(&n(5..7))
        && (1..=31).contains(&n(8..10))
        && n(11..13) < 24
        && n(14..16) < 60
        && n(17..19) <= 60
}

/// Checks a published poll, in this order: the format; the signature against
/// the key it names; the closing time; the leaves (hex, ascending, each once)
/// and the root over them; as many ballots as leaves and as members marked as
/// having voted; the kind; the order of the ballots; and the result against a
/// recount. The first failure is the answer.
pub fn verify(p: &PublishedPoll) -> Result<(), VerifyError> {
    if p.format != FORMAT {
        return Err(VerifyError::Format(p.format.clone()));
    }
    let key = hash_hex(&p.public_key).and_then(|k| VerifyingKey::from_bytes(&k).ok()).ok_or(VerifyError::PublicKey)?;
    let mut sig = [0u8; 64];
    if p.signature.len() != 128 || hex::decode_to_slice(&p.signature, &mut sig).is_err() {
        return Err(VerifyError::Signature);
    }
    // Strict: refuses the small-order keys and non-canonical signatures that
    // would let one signature pass for another statement (RFC 8032 §5.1.7
    // leaves these checks optional).
    key.verify_strict(&statement_bytes(p), &Signature::from_bytes(&sig)).map_err(|_| VerifyError::Signature)?;
    if !is_utc_second(&p.closed_at) {
        return Err(VerifyError::ClosedAt(p.closed_at.clone()));
    }
    let leaves = p.leaf_hashes()?;
    if let Some(i) = leaves.windows(2).position(|w| w[0] >= w[1]) {
        return Err(VerifyError::LeafOrder { index: i + 2 });
    }
    if hash_hex(&p.root) != Some(receipt::root(&leaves)) {
        return Err(VerifyError::Root);
    }
    let contents = p.contents.len();
    if contents != leaves.len() || i64::try_from(contents).ok() != Some(p.roll_count) {
        return Err(VerifyError::BallotCount { contents, leaves: leaves.len(), roll_count: p.roll_count });
    }
    if p.kind != p.contents.kind() {
        return Err(VerifyError::Kind { kind: p.kind.clone(), contents: p.contents.kind() });
    }
    let canonical = p.contents.canonical();
    if let Some(i) = canonical.windows(2).position(|w| w[0] > w[1]) {
        return Err(VerifyError::ContentOrder { index: i + 2 });
    }
    let recounted = recount(p).map_err(VerifyError::Recount)?;
    if recounted != p.result {
        return Err(VerifyError::Result);
    }
    Ok(())
}

/// [`verify`], and the poll must be signed by the key `public_hex`.
pub fn verify_signed_by(p: &PublishedPoll, public_hex: &str) -> Result<(), VerifyError> {
    let expected = public_hex.trim().to_ascii_lowercase();
    if p.public_key != expected {
        return Err(VerifyError::OtherKey { expected, found: p.public_key.clone() });
    }
    verify(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::ballot::Mark;
    use serde_json::json;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    /// A closed poll as the storage side would publish it: a commitment per
    /// ballot, the leaves in tree order, the contents in published order, the
    /// tally's result, signed by `key(1)`. `counts` sets the members and the list.
    fn closed(uid: &str, contents: Contents, counts: impl FnOnce(&mut PublishedPoll)) -> PublishedPoll {
        // Leaves in casting order: sealing puts them in tree order.
        let leaves: Vec<String> = (contents.canonical().iter().enumerate())
            .map(|(i, c)| receipt::receipt_code(&receipt::commitment(uid, &[i as u8; 32], c)))
            .collect();
        let mut p = PublishedPoll {
            poll_uid: uid.into(),
            roll_count: contents.len() as i64,
            contents,
            leaves,
            closed_at: "2023-01-12T09:30:00Z".into(),
            ..PublishedPoll::default()
        };
        counts(&mut p);
        p.seal().unwrap();
        sign(&mut p, &key(1));
        p
    }

    /// A closed secret motion: 5 ballots cast by 6 members present of 7.
    fn motion_poll() -> PublishedPoll {
        let choices = vec![Choice::Yes, Choice::No, Choice::Yes, Choice::Abstain, Choice::Yes];
        closed("poll-7f3a", Contents::Motion(choices), |p| {
            p.title = "Thông qua Nghị quyết Hội nghị lần thứ 11".into();
            (p.members, p.present) = (7, Some(6));
        })
    }

    fn resigned(mut p: PublishedPoll) -> PublishedPoll {
        sign(&mut p, &key(1));
        p
    }

    fn code(p: &PublishedPoll) -> &'static str {
        verify(p).unwrap_err().code()
    }

    #[test]
    fn a_published_motion_verifies_and_its_result_is_the_tally() {
        let p = motion_poll();
        verify(&p).unwrap();
        verify_signed_by(&p, &hex::encode(key(1).verifying_key().as_bytes()).to_uppercase()).unwrap();
        assert_eq!(p.result["passed"], false, "3 of 7 is not more than half of all members");
        assert_eq!(p.result["yes"], 3);
        assert_eq!(
            p.result["explanation_en"],
            "3 of 7 members in favour, not more than 1/2 of all members (4 needed) → not passed"
        );
        // The published text reads back to the same poll, and still verifies.
        let text = serde_json::to_string_pretty(&p).unwrap();
        let back: PublishedPoll = serde_json::from_str(&text).unwrap();
        assert_eq!(back, p);
        verify(&back).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["contents"], json!({"motion": ["abstain", "no", "yes", "yes", "yes"]}));
    }

    #[test]
    fn the_statement_is_canonical_and_leaves_out_the_signature() {
        let p = motion_poll();
        let s = String::from_utf8(statement_bytes(&p)).unwrap();
        assert!(
            s.starts_with("{\"candidates\":[],\"closed_at\":\"2023-01-12T09:30:00Z\",\"contents\":{\"motion\":"),
            "{s}"
        );
        assert!(!s.contains("\"signature\""));
        assert!(s.contains(&format!("\"public_key\":\"{}\"", p.public_key)));
        // Nested objects are sorted too.
        assert!(s.contains("\"rules\":{\"base\":\"members\",\"exclusions\":"), "{s}");
        assert_eq!(
            canonical_json(&json!({"b": [1, {"z": null, "a": 2.5}], "a": "x\"y"})),
            r#"{"a":"x\"y","b":[1,{"a":2.5,"z":null}]}"#
        );
    }

    #[test]
    fn each_tampering_is_named() {
        let p = motion_poll();
        // Changed after signing, the signature no longer holds.
        let mut t = p.clone();
        t.title.push('!');
        assert_eq!(code(&t), "signature");
        let mut t = p.clone();
        t.public_key = hex::encode(key(2).verifying_key().as_bytes());
        assert_eq!(code(&t), "signature");
        let mut t = p.clone();
        sign(&mut t, &key(2));
        verify(&t).unwrap();
        assert_eq!(verify_signed_by(&t, &p.public_key).unwrap_err().code(), "other-key");
        let mut t = p.clone();
        t.signature = "00".into();
        assert_eq!(code(&t), "signature");
        let mut t = p.clone();
        t.public_key = "zz".into();
        assert_eq!(code(&t), "public-key");
        let mut t = p.clone();
        t.format = "plenum-poll/2".into();
        assert_eq!(code(&t), "format");

        // Changed and signed again by whoever holds the key, each check still catches it.
        let mut t = p.clone();
        t.contents = Contents::Motion(vec![Choice::Abstain, Choice::Yes, Choice::Yes, Choice::Yes, Choice::Yes]);
        let t = resigned(t);
        assert_eq!(code(&t), "result");
        assert_eq!(
            verify(&t).unwrap_err().message_vi(),
            "kết quả công bố không phải kết quả kiểm lại từ các phiếu đã công bố"
        );
        let mut t = p.clone();
        t.leaves.remove(2);
        assert_eq!(code(&resigned(t.clone())), "root");
        let leaves: Vec<Hash> = t.leaves.iter().map(|l| hash_hex(l).unwrap()).collect();
        t.root = hex::encode(receipt::root(&leaves));
        assert_eq!(code(&resigned(t.clone())), "ballot-count");
        t.roll_count = 4;
        let Contents::Motion(c) = &mut t.contents else { unreachable!() };
        c.remove(0);
        t.result = recount(&t).unwrap();
        verify(&resigned(t)).unwrap();
        let mut t = p.clone();
        t.leaves.swap(0, 1);
        assert_eq!(code(&resigned(t)), "leaf-order");
        let mut t = p.clone();
        t.leaves[1] = t.leaves[0].clone();
        assert_eq!(code(&resigned(t)), "leaf-order");
        let mut t = p.clone();
        t.leaves[3] = t.leaves[3].to_uppercase();
        assert_eq!(verify(&resigned(t)).unwrap_err(), VerifyError::Leaf { index: 4 });
        let mut t = p.clone();
        t.result["passed"] = json!(true);
        assert_eq!(code(&resigned(t)), "result");
        let mut t = p.clone();
        t.roll_count = 6;
        assert_eq!(code(&resigned(t)), "ballot-count");
        let mut t = p.clone();
        t.kind = "election".into();
        assert_eq!(code(&resigned(t)), "kind");
        let mut t = p.clone();
        let Contents::Motion(c) = &mut t.contents else { unreachable!() };
        c.reverse();
        let e = verify(&resigned(t)).unwrap_err();
        assert_eq!((e.code(), e.message_en().contains("ballot 4 is out of order")), ("content-order", true));
        let mut t = p.clone();
        t.present = None;
        let e = verify(&resigned(t)).unwrap_err();
        assert_eq!(e.code(), "recount-refused");
        assert!(e.message_en().contains("\"present\""), "{e}");
        let mut t = p.clone();
        t.present = Some(4);
        assert_eq!(code(&resigned(t)), "recount-refused");
        let mut t = p.clone();
        t.closed_at = "2023-01-12 09:30".into();
        assert_eq!(code(&resigned(t)), "closed-at");
    }

    #[test]
    fn an_election_verifies_and_its_ballots_are_sorted_by_content() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let ballots = vec![
            Ballot { crossed: Some(names(&["D"])), ..Ballot::default() },
            Ballot { crossed: Some(names(&["C", "D"])), ..Ballot::default() },
            Ballot { crossed: Some(names(&["A"])), ..Ballot::default() },
        ];
        let mut p = closed("poll-e1", Contents::Election(ballots), |p| {
            p.title = "Bầu Ban Thường vụ".into();
            (p.members, p.seats, p.candidates) = (5, Some(3), names(&["A", "B", "C", "D"]));
        });
        assert_eq!(
            p.contents.canonical(),
            [
                r#"{"crossed":["A"],"issued_by_committee":true}"#,
                r#"{"crossed":["C","D"],"issued_by_committee":true}"#,
                r#"{"crossed":["D"],"issued_by_committee":true}"#,
            ]
        );
        verify(&p).unwrap();
        assert_eq!(p.result["elected"], json!(["B"]), "B is kept on all 3 ballots, 3 of 5 members");
        // A marks ballot's content has its names sorted, whatever order they were entered in.
        let marks: Ballot = serde_json::from_str(r#"{"marks":{"B":"agree","A":"disagree"}}"#).unwrap();
        assert_eq!(ballot_content(&marks), r#"{"issued_by_committee":true,"marks":{"A":"disagree","B":"agree"}}"#);
        assert_eq!(marks.marks.unwrap()["A"], Mark::Disagree);
        p.seats = None;
        assert_eq!(recount(&p).unwrap_err().code(), "missing-field");
    }

    #[test]
    fn a_receipt_finds_its_leaf_and_a_proof() {
        let p = motion_poll();
        let leaves = p.leaf_hashes().unwrap();
        for (i, leaf) in leaves.iter().enumerate() {
            let inc = p.inclusion(leaf).unwrap();
            assert_eq!((inc.index, inc.size, inc.root.as_str()), (i as u64, 5, p.root.as_str()));
            let proof: Vec<Hash> = inc.proof.iter().map(|h| hash_hex(h).unwrap()).collect();
            assert!(receipt::verify_inclusion(leaf, inc.index, inc.size, &proof, &hash_hex(&p.root).unwrap()));
        }
        assert_eq!(p.inclusion(&[9; 32]), None);
    }

    #[test]
    fn sealing_refuses_what_cannot_be_published() {
        let base = PublishedPoll {
            members: 1,
            present: Some(1),
            contents: Contents::Motion(vec![Choice::Yes]),
            leaves: vec![receipt::receipt_code(&[1; 32])],
            ..PublishedPoll::default()
        };
        let mut p = PublishedPoll { leaves: vec!["not a receipt".into()], ..base.clone() };
        assert_eq!(p.seal().unwrap_err(), VerifyError::Leaf { index: 1 });
        let mut p = PublishedPoll { present: None, ..base.clone() };
        assert_eq!(p.seal().unwrap_err().code(), "recount-refused");
        let mut p = base;
        p.seal().unwrap();
        assert_eq!((p.kind.as_str(), p.result["passed"].as_bool()), ("motion", Some(true)));
    }

    #[test]
    fn closing_times_are_utc_seconds() {
        assert!(is_utc_second("2023-01-12T09:30:00Z"));
        assert!(is_utc_second("2016-12-31T23:59:60Z"));
        for bad in
            ["2023-01-12T09:30:00+07:00", "2023-01-12T09:30:00.5Z", "2023-13-12T09:30:00Z", "2023-01-12t09:30:00Z", ""]
        {
            assert!(!is_utc_second(bad), "{bad}");
        }
    }
}
