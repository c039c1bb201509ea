//! `plenum verify-poll` and `plenum poll-key`, run as real processes: a
//! published secret poll signed here verifies offline, each kind of tampering
//! fails with exit 1 naming the check, and a file that is no published poll is
//! exit 2.

mod piped;

use std::path::{Path, PathBuf};
use std::process::Output;

use ed25519_dalek::SigningKey;
use piped::{stderr, stdout};
use plenum_core::decide::published::{self, Choice, Contents, PublishedPoll};
use plenum_core::decide::{receipt, Ballot};
use serde_json::{json, Value};

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn public(seed: u8) -> String {
    hex::encode(key(seed).verifying_key().as_bytes())
}

/// A closed secret poll as Plenum publishes it, sealed and signed: `base`
/// holds the counts and the list. Also the leaves, in tree order.
fn publish(uid: &str, contents: Contents, base: PublishedPoll) -> (PublishedPoll, Vec<receipt::Hash>) {
    let leaves: Vec<receipt::Hash> =
        contents.canonical().iter().enumerate().map(|(i, c)| receipt::commitment(uid, &[i as u8 + 1; 32], c)).collect();
    let mut p = PublishedPoll {
        poll_uid: uid.into(),
        roll_count: leaves.len() as i64,
        contents,
        leaves: leaves.iter().map(receipt::receipt_code).collect(),
        closed_at: "2023-01-12T09:30:00Z".into(),
        ..base
    };
    p.seal().unwrap();
    published::sign(&mut p, &key(1));
    (p, receipt::tree_order(leaves))
}

/// The issue's motion, as a secret vote: 72 members, 2 excluded, 65 present,
/// 55 ballots: 40 yes, 10 no, 5 abstain.
fn motion() -> (PublishedPoll, Vec<receipt::Hash>) {
    let mut choices = vec![Choice::Yes; 40];
    choices.extend(vec![Choice::No; 10]);
    choices.extend(vec![Choice::Abstain; 5]);
    let b = PublishedPoll {
        title: "Thông qua Nghị quyết Hội nghị lần thứ 11".into(),
        members: 72,
        excluded: 2,
        present: Some(65),
        ..PublishedPoll::default()
    };
    publish("poll-motion-11", Contents::Motion(choices), b)
}

fn election() -> PublishedPoll {
    let crossed = |n: &[&str]| Ballot { crossed: Some(n.iter().map(|s| s.to_string()).collect()), ..Ballot::default() };
    let mut ballots = vec![crossed(&["D"]); 6];
    ballots.extend(vec![crossed(&["C", "D"]); 2]);
    ballots.push(crossed(&["A", "B", "C", "D"]));
    let b = PublishedPoll {
        title: "Bầu Ban Thường vụ".into(),
        members: 11,
        seats: Some(3),
        candidates: vec!["A".into(), "B".into(), "C".into(), "D".into()],
        ..PublishedPoll::default()
    };
    publish("poll-election-11", Contents::Election(ballots), b).0
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }

    fn write(&self, name: &str, p: &PublishedPoll) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, serde_json::to_string_pretty(p).unwrap()).unwrap();
        path
    }
}

fn verify_poll(path: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["verify-poll", "--from", path.to_str().unwrap()];
    args.extend(extra);
    piped::plenum(&args, b"")
}

/// Exit 1, and the check that failed, by code, in both languages, last.
fn fails(o: &Output, code: &str) {
    let out = stdout(o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(o));
    let lines: Vec<&str> = out.lines().rev().take(2).collect();
    assert!(lines[1].starts_with(&format!("Không hợp lệ ({code}): ")), "{out}");
    assert!(lines[0].starts_with(&format!("Not valid ({code}): ")), "{out}");
}

fn resigned(mut p: PublishedPoll) -> PublishedPoll {
    published::sign(&mut p, &key(1));
    p
}

#[test]
fn a_published_motion_verifies_offline() {
    let dir = Dir::new();
    let (p, _) = motion();
    let o = verify_poll(&dir.write("motion.json", &p), &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("Hợp lệ: \"Thông qua Nghị quyết Hội nghị lần thứ 11\""), "{out}");
    assert!(lines[0].contains(&format!("gốc Merkle {}, 55 phiếu", p.root)), "{out}");
    assert!(lines[0].ends_with("40/70 ủy viên tán thành, quá 1/2 tổng số → thông qua"), "{out}");
    assert!(lines[1].contains(&format!("signed by the key {}", public(1))), "{out}");
    assert!(lines[1].ends_with("55 ballots, the recount matches the result: 40 of 70 members in favour, more than 1/2 of all members → passed"), "{out}");
    // The result is what `plenum tally` gives for the same counts.
    let tally = piped::plenum(
        &["tally"],
        br#"{"kind":"motion","members":72,"excluded":2,"present":65,"yes":40,"no":10,"abstain":5}"#,
    );
    assert_eq!(serde_json::from_slice::<Value>(&tally.stdout).unwrap(), p.result);
    let o = verify_poll(&dir.write("motion.json", &p), &["--expect-key", &public(1)]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn a_published_election_verifies_offline() {
    let dir = Dir::new();
    let p = election();
    let o = verify_poll(&dir.write("election.json", &p), &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    // A kept on 8 ballots, B on 8, C on 6: 6 of 11 elects.
    assert!(stdout(&o).contains("trúng cử: A, B, C"), "{}", stdout(&o));
    assert!(stdout(&o).contains("9 ballots, the recount matches the result: elected: A, B, C"), "{}", stdout(&o));
}

#[test]
fn each_tampering_fails_naming_the_check() {
    let dir = Dir::new();
    let (p, _) = motion();

    // A ballot changed: as published, the signature no longer holds; signed
    // again by whoever holds the key, the recount no longer matches.
    let mut t = p.clone();
    t.contents = Contents::Motion({
        let Contents::Motion(mut c) = p.contents.clone() else { unreachable!() };
        // An abstention turned into a yes, the list put back in published order.
        c[0] = Choice::Yes;
        c.sort_by_key(|c| c.as_str());
        c
    });
    fails(&verify_poll(&dir.write("t.json", &t), &[]), "signature");
    let o = verify_poll(&dir.write("t.json", &resigned(t)), &[]);
    fails(&o, "result");
    assert!(stdout(&o).contains("the published result is not the result of counting the published ballots"));

    // A leaf removed.
    let mut t = p.clone();
    t.leaves.remove(7);
    fails(&verify_poll(&dir.write("t.json", &t), &[]), "signature");
    fails(&verify_poll(&dir.write("t.json", &resigned(t.clone())), &[]), "root");
    let leaves: Vec<receipt::Hash> = t.leaf_hashes().unwrap();
    t.root = hex::encode(receipt::root(&leaves));
    let o = verify_poll(&dir.write("t.json", &resigned(t)), &[]);
    fails(&o, "ballot-count");
    assert!(stdout(&o).contains("55 ballots, 54 leaves and 55 members marked as having voted"), "{}", stdout(&o));

    // The result changed.
    let mut t = p.clone();
    t.result["passed"] = json!(false);
    fails(&verify_poll(&dir.write("t.json", &t), &[]), "signature");
    fails(&verify_poll(&dir.write("t.json", &resigned(t)), &[]), "result");

    // Signed by another key, while naming ours; or naming the other key too,
    // when the reader expects ours.
    let mut t = p.clone();
    published::sign(&mut t, &key(2));
    t.public_key = public(1);
    fails(&verify_poll(&dir.write("t.json", &t), &[]), "signature");
    let mut t = p.clone();
    published::sign(&mut t, &key(2));
    assert!(verify_poll(&dir.write("t.json", &t), &[]).status.success());
    fails(&verify_poll(&dir.write("t.json", &t), &["--expect-key", &public(1)]), "other-key");

    // More ballots than members marked as having voted.
    let mut t = p.clone();
    t.roll_count = 54;
    fails(&verify_poll(&dir.write("t.json", &resigned(t)), &[]), "ballot-count");
}

#[test]
fn a_receipt_shows_its_ballot_was_recorded_and_nothing_more() {
    let dir = Dir::new();
    let (p, leaves) = motion();
    let path = dir.write("motion.json", &p);
    let code = receipt::receipt_code(&leaves[10]);
    let typed: Vec<String> = code.as_bytes().chunks(4).map(|g| String::from_utf8_lossy(g).to_uppercase()).collect();
    let o = verify_poll(&path, &["--receipt", &typed.join("-")]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("Phiếu có mã {code} đã được ghi nhận: lá thứ 11/55")), "{out}");
    assert!(out.contains(&format!("The ballot with receipt {code} was recorded: leaf 11 of 55; proof: ")), "{out}");
    // Nothing in the report says how that ballot voted beyond the overall result.
    let proof_line = out.lines().last().unwrap();
    assert!(!proof_line.contains("yes") && !proof_line.contains("abstain"), "{proof_line}");
    let proof: Vec<receipt::Hash> =
        proof_line.rsplit("proof: ").next().unwrap().split(' ').map(|h| receipt::parse_receipt(h).unwrap()).collect();
    let root = receipt::parse_receipt(&p.root).unwrap();
    assert!(receipt::verify_inclusion(&leaves[10], 10, 55, &proof, &root));

    fails(&verify_poll(&path, &["--receipt", &receipt::receipt_code(&[7; 32])]), "receipt-not-found");
    let o = verify_poll(&path, &["--receipt", "12345"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not 64 hex digits"), "{}", stderr(&o));
}

#[test]
fn a_file_that_is_no_published_poll_is_exit_2() {
    let dir = Dir::new();
    let path = dir.0.path().join("bad.json");
    let exit2 = |path: &Path, says: &str| {
        let o = verify_poll(path, &[]);
        assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
        assert!(o.stdout.is_empty());
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    };
    exit2(&path, "opening");
    std::fs::write(&path, "{\"format\":").unwrap();
    exit2(&path, "not a published poll");
    let mut v = serde_json::to_value(motion().0).unwrap();
    v["extra"] = json!("unsigned");
    std::fs::write(&path, v.to_string()).unwrap();
    exit2(&path, "unknown field `extra`");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(64 * 1024 * 1024 + 1).unwrap();
    exit2(&path, "larger than 64 MiB");
    // Not the format: read, then refused by the first check.
    let mut t = motion().0;
    t.format = "plenum-poll/0".into();
    fails(&verify_poll(&dir.write("t.json", &t), &[]), "format");
}

#[test]
fn the_poll_key_is_made_once_shown_and_rotated() {
    let dir = Dir::new();
    let data = dir.0.path().join("data");
    let show = || piped::plenum(&["--data-dir", data.to_str().unwrap(), "poll-key", "show"], b"");
    let o = show();
    assert!(o.status.success(), "{}", stderr(&o));
    let first = stdout(&o);
    assert!(first.contains("vừa tạo") && first.contains("just made"), "{first}");
    let path = data.join("poll-signing.key");
    assert!(first.contains(&path.display().to_string()), "{first}");
    let public_key = first.lines().nth(1).unwrap().split(' ').nth(3).unwrap().to_string();
    assert_eq!(public_key.len(), 64, "{first}");
    let again = stdout(&show());
    assert!(again.contains(&public_key) && !again.contains("just made"), "{again}");

    let o = piped::plenum(&["poll-key", "rotate", "--key", path.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let rotated = stdout(&o);
    assert!(rotated.contains(&format!("replaces {}", &public_key[..16])), "{rotated}");
    let after = stdout(&show());
    assert!(!after.contains(&public_key) && after.contains("1 earlier keys replaced"), "{after}");
    let statements: Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("poll-signing.key.statements.json")).unwrap()).unwrap();
    assert_eq!(statements[0]["old_key"], public_key);

    // A key file others may read is refused, naming it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let o = show();
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("poll-signing.key") && stderr(&o).contains("wider than 0600"), "{}", stderr(&o));
    }
}
