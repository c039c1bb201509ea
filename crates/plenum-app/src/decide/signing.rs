//! The key that signs a closed secret poll's published result (ed25519,
//! RFC 8032 §5.1).
//!
//! The key file holds the 32-byte ed25519 seed (RFC 8032 §5.1.5's private key)
//! as 64 lowercase hex digits and a trailing newline, nothing else. Plenum
//! makes it on first start, in the data folder, unless a key file is
//! configured; with several nodes, every node is given the same file, so any
//! node signs with the same key. Because anyone holding the file can sign a
//! result in the committee's name, a file others may read (mode wider than
//! 0600) is refused rather than used.
//!
//! Rotating makes a new key and records a statement, signed by the new key,
//! naming the old one and when it was replaced, in `<key file>.statements.json`;
//! results signed before then still check against the old public key, which
//! the statement names. The old key file is kept as
//! `<key file>.<old fingerprint>.old`. Nodes read the key when they start, so
//! every node is restarted with the new file.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use plenum_core::decide::published::{self, canonical_json, PublishedPoll};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};

/// The key file's name in the data folder, when none is configured.
pub const KEY_FILE: &str = "poll-signing.key";

/// A key file is 65 bytes; anything much longer is not one.
const MAX_KEY_FILE_BYTES: u64 = 1024;

/// The signing key of published poll results.
pub struct PollSigner {
    key: SigningKey,
}

/// Shows the public half only.
impl std::fmt::Debug for PollSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PollSigner").field("public_key", &self.public_hex()).finish()
    }
}

impl PollSigner {
    /// Read the key from `path`, or make one there (file mode 0600, written
    /// atomically via temp + rename) if absent.
    ///
    /// The new file is put in place with a hard link rather than a rename, so
    /// that of two processes making the key at once, the second finds the
    /// first's key and uses it instead of replacing it.
    pub fn load_or_create(path: &Path) -> anyhow::Result<PollSigner> {
        if path.exists() {
            return Ok(PollSigner { key: read_key(path)? });
        }
        let key = new_key();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).with_context(|| format!("creating the folder {}", dir.display()))?;
        }
        let temp = write_temp(path, key_text(&key).as_bytes(), 0o600)?;
        let linked = fs::hard_link(&temp, path);
        let _ = fs::remove_file(&temp);
        match linked {
            Ok(()) => {
                sync_dir(path);
                Ok(PollSigner { key })
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(PollSigner { key: read_key(path)? }),
            Err(e) => Err(e).with_context(|| format!("writing the poll signing key {}", path.display())),
        }
    }

    /// A key held in memory only, for an application that keeps no data
    /// folder (tests, tools); a server is given its key file's.
    pub fn generate() -> PollSigner {
        PollSigner { key: new_key() }
    }

    /// Read the key from `path`, which must exist: for a key file that was
    /// configured. Making one there instead would give a node its own key,
    /// while the others sign with the shared one.
    pub fn load(path: &Path) -> anyhow::Result<PollSigner> {
        if !path.exists() {
            bail!(
                "{}: there is no poll signing key; give every node the same key file, \
                 made once with `plenum poll-key show --key FILE`",
                path.display()
            );
        }
        Ok(PollSigner { key: read_key(path)? })
    }

    /// The public key, 64 lowercase hex digits: what the product shows and
    /// every signed result names.
    pub fn public_hex(&self) -> String {
        hex::encode(self.key.verifying_key().as_bytes())
    }

    /// A short name for the key: the first 16 hex digits of the public key.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.public_hex())
    }

    /// Names this key in the poll and signs it.
    pub fn sign(&self, p: &mut PublishedPoll) {
        published::sign(p, &self.key);
    }

    /// Replace the key at `path` with a new one, and append to
    /// `<path>.statements.json` a statement signed by the NEW key naming the
    /// old public key and the time; keep the old key file as
    /// `<path>.<old-fingerprint>.old`.
    ///
    /// The statement is written before the new key is put in place: a
    /// failure between the two leaves the old key in use and a statement for
    /// a key that never signed anything, never a new key without its
    /// statement.
    pub fn rotate(path: &Path) -> anyhow::Result<(PollSigner, KeyStatement)> {
        if !path.exists() {
            bail!("{}: there is no poll signing key to replace", path.display());
        }
        let old = PollSigner { key: read_key(path)? };
        let new = PollSigner { key: new_key() };
        let kept = sibling(path, &format!(".{}.old", old.fingerprint()))?;
        let temp = write_temp(&kept, key_text(&old.key).as_bytes(), 0o600)?;
        rename(&temp, &kept)?;

        let statement = KeyStatement::new(&new.key, &old.public_hex(), &now_utc());
        let mut all = Self::statements(path)?;
        all.push(statement.clone());
        let list = statements_path(path)?;
        let mut text = serde_json::to_string_pretty(&all)?;
        text.push('\n');
        // The statements are public: anyone checking an old result reads them.
        let temp = write_temp(&list, text.as_bytes(), 0o644)?;
        rename(&temp, &list)?;

        let temp = write_temp(path, key_text(&new.key).as_bytes(), 0o600)?;
        rename(&temp, path)?;
        Ok((new, statement))
    }

    /// The statements recorded by earlier rotations of the key at `path`,
    /// oldest first; none if it was never rotated.
    pub fn statements(path: &Path) -> anyhow::Result<Vec<KeyStatement>> {
        let list = statements_path(path)?;
        let text = match fs::read_to_string(&list) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", list.display())),
        };
        serde_json::from_str(&text).with_context(|| format!("{}: not a list of key statements", list.display()))
    }
}

/// The first 16 hex digits of a public key: enough to tell keys apart by eye
/// and in file names.
pub fn fingerprint(public_hex: &str) -> String {
    public_hex.chars().take(16).collect()
}

/// "A new key signs a statement naming the old one": signed by `new_key`,
/// it says that from `at` on `new_key` signs results, replacing `old_key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyStatement {
    /// The new public key, hex.
    pub new_key: String,
    /// The public key it replaces, hex.
    pub old_key: String,
    /// When, RFC 3339 in UTC, to the second.
    pub at: String,
    /// Hex, by the new key over [`KeyStatement::signed_bytes`].
    pub signature: String,
}

impl KeyStatement {
    /// Starts the signed bytes, so a statement's signature can never pass for a
    /// poll's, whose signed bytes start with "{".
    pub const CONTEXT: &'static [u8] = b"plenum-key-statement/1\n";

    fn new(new: &SigningKey, old_key: &str, at: &str) -> KeyStatement {
        let mut s = KeyStatement {
            new_key: hex::encode(new.verifying_key().as_bytes()),
            old_key: old_key.to_string(),
            at: at.to_string(),
            signature: String::new(),
        };
        s.signature = hex::encode(new.sign(&s.signed_bytes()).to_bytes());
        s
    }

    /// The context, then the statement without its signature as canonical JSON.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let body = serde_json::json!({ "new_key": self.new_key, "old_key": self.old_key, "at": self.at });
        let mut bytes = Self::CONTEXT.to_vec();
        bytes.extend(canonical_json(&body).into_bytes());
        bytes
    }

    /// Whether the new key signed this statement as it reads.
    pub fn verify(&self) -> bool {
        let (mut key, mut sig) = ([0u8; 32], [0u8; 64]);
        if hex::decode_to_slice(&self.new_key, &mut key).is_err()
            || hex::decode_to_slice(&self.signature, &mut sig).is_err()
        {
            return false;
        }
        let Ok(key) = VerifyingKey::from_bytes(&key) else {
            return false;
        };
        key.verify_strict(&self.signed_bytes(), &Signature::from_bytes(&sig)).is_ok()
    }
}

fn new_key() -> SigningKey {
    let mut seed = [0u8; 32];
    OsRng.fill_bytes(&mut seed);
    SigningKey::from_bytes(&seed)
}

fn key_text(key: &SigningKey) -> String {
    format!("{}\n", hex::encode(key.as_bytes()))
}

/// Reads a key file, refusing one that others may read or that is not one
/// seed in hex.
fn read_key(path: &Path) -> anyhow::Result<SigningKey> {
    let shown = path.display();
    let file = File::open(path).with_context(|| format!("opening the poll signing key {shown}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata().with_context(|| format!("reading {shown}"))?.permissions().mode() & 0o777;
        if mode & !0o600 != 0 {
            bail!(
                "{shown}: the poll signing key's file mode is {mode:04o}, wider than 0600, so others may read it; \
                 if no one else did, restrict it with `chmod 600 {shown}`, else rotate the key"
            );
        }
    }
    let mut text = String::new();
    file.take(MAX_KEY_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .with_context(|| format!("{shown}: the poll signing key is not text"))?;
    let digits = text.strip_suffix('\n').unwrap_or(&text);
    let digits = digits.strip_suffix('\r').unwrap_or(digits);
    let mut seed = [0u8; 32];
    if digits.len() != 64 || hex::decode_to_slice(digits, &mut seed).is_err() {
        bail!(
            "{shown}: a poll signing key file holds 64 hex digits (a 32-byte ed25519 seed) and a newline; \
             this one holds {} characters",
            text.chars().count()
        );
    }
    Ok(SigningKey::from_bytes(&seed))
}

/// `path` with `suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    let name = path.file_name().with_context(|| format!("{} is not a file name", path.display()))?;
    let mut name = name.to_os_string();
    name.push(suffix);
    Ok(path.with_file_name(name))
}

fn statements_path(path: &Path) -> anyhow::Result<PathBuf> {
    sibling(path, ".statements.json")
}

/// Writes `bytes` to a new file beside `target`, with `mode` from the start
/// (never readable by others, even for a moment), and flushes it to disk.
fn write_temp(target: &Path, bytes: &[u8], mode: u32) -> anyhow::Result<PathBuf> {
    let temp = sibling(target, &format!(".tmp-{:016x}", OsRng.next_u64()))?;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let written = options.open(&temp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e).with_context(|| format!("writing {}", temp.display()));
    }
    Ok(temp)
}

fn rename(from: &Path, to: &Path) -> anyhow::Result<()> {
    if let Err(e) = fs::rename(from, to) {
        let _ = fs::remove_file(from);
        return Err(e).with_context(|| format!("replacing {}", to.display()));
    }
    sync_dir(to);
    Ok(())
}

/// Makes a rename or link in `path`'s folder durable. Best effort: not every
/// system lets a folder be opened and synced.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Now, RFC 3339 in UTC, to the second.
pub fn now_utc() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join(KEY_FILE);
        let made = PollSigner::load_or_create(&path).unwrap();
        let again = PollSigner::load_or_create(&path).unwrap();
        assert_eq!(made.public_hex(), again.public_hex());
        assert_eq!(made.public_hex().len(), 64);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.ends_with('\n') && text.len() == 65, "{text:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        // No temporary file is left behind, and the secret never shows in Debug.
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
        assert!(!format!("{made:?}").contains(text.trim_end()));
        assert!(PollSigner::statements(&path).unwrap().is_empty());
    }

    #[test]
    fn a_rotation_is_signed_by_the_new_key_and_names_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(KEY_FILE);
        let old = PollSigner::load_or_create(&path).unwrap();
        let old_text = fs::read_to_string(&path).unwrap();
        let (new, statement) = PollSigner::rotate(&path).unwrap();
        assert_ne!(new.public_hex(), old.public_hex());
        assert_eq!(PollSigner::load_or_create(&path).unwrap().public_hex(), new.public_hex());
        assert_eq!((statement.new_key.as_str(), statement.old_key.as_str()), (&*new.public_hex(), &*old.public_hex()));
        assert!(statement.verify());
        assert_eq!(statement.at.len(), 20);
        let kept = dir.path().join(format!("{KEY_FILE}.{}.old", old.fingerprint()));
        assert_eq!(fs::read_to_string(kept).unwrap(), old_text);

        // A second rotation appends.
        let (newer, _) = PollSigner::rotate(&path).unwrap();
        let all = PollSigner::statements(&path).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0], statement);
        assert_eq!((all[1].old_key.as_str(), all[1].new_key.as_str()), (&*new.public_hex(), &*newer.public_hex()));
        assert!(all.iter().all(KeyStatement::verify));

        // A statement changed after signing, or signed by the old key, fails.
        let mut forged = statement.clone();
        forged.old_key = newer.public_hex();
        assert!(!forged.verify());
        let by_old = KeyStatement::new(
            &read_key(&dir.path().join(format!("{KEY_FILE}.{}.old", old.fingerprint()))).unwrap(),
            "00",
            "2025-01-01T00:00:00Z",
        );
        let mut swapped = by_old.clone();
        swapped.new_key = new.public_hex();
        assert!(by_old.verify() && !swapped.verify());
    }

    #[test]
    fn a_configured_key_is_read_never_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(KEY_FILE);
        let e = PollSigner::load(&path).unwrap_err().to_string();
        assert!(e.contains(KEY_FILE) && e.contains("same key file"), "{e}");
        assert!(!path.exists());
        let made = PollSigner::load_or_create(&path).unwrap();
        assert_eq!(PollSigner::load(&path).unwrap().public_hex(), made.public_hex());
    }

    #[test]
    fn nothing_to_rotate_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = PollSigner::rotate(&dir.path().join(KEY_FILE)).unwrap_err().to_string();
        assert!(e.contains("no poll signing key"), "{e}");
    }

    #[test]
    fn a_bad_key_file_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("short.key");
        write_temp_at(&path, "abcd\n", 0o600);
        let e = format!("{:#}", PollSigner::load_or_create(&path).unwrap_err());
        assert!(e.contains("short.key") && e.contains("64 hex digits") && e.contains("5 characters"), "{e}");
        let path = dir.path().join("not-hex.key");
        write_temp_at(&path, &format!("{}\n", "g".repeat(64)), 0o600);
        assert!(PollSigner::load_or_create(&path).is_err());
        // Without the trailing newline, or with a Windows one, the seed still reads.
        let path = dir.path().join("bare.key");
        write_temp_at(&path, &"1".repeat(64), 0o600);
        let bare = PollSigner::load_or_create(&path).unwrap();
        let path = dir.path().join("crlf.key");
        write_temp_at(&path, &format!("{}\r\n", "1".repeat(64)), 0o600);
        assert_eq!(PollSigner::load_or_create(&path).unwrap().public_hex(), bare.public_hex());
    }

    #[cfg(unix)]
    #[test]
    fn a_key_file_others_may_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("open.key");
        write_temp_at(&path, &format!("{}\n", "1".repeat(64)), 0o644);
        let e = format!("{:#}", PollSigner::load_or_create(&path).unwrap_err());
        assert!(e.contains("open.key") && e.contains("0644") && e.contains("wider than 0600"), "{e}");
        let path = dir.path().join("group.key");
        write_temp_at(&path, &format!("{}\n", "1".repeat(64)), 0o640);
        assert!(PollSigner::load_or_create(&path).is_err());
        let path = dir.path().join("owner-only.key");
        write_temp_at(&path, &format!("{}\n", "1".repeat(64)), 0o400);
        PollSigner::load_or_create(&path).unwrap();
    }

    #[test]
    fn a_signed_poll_names_the_key() {
        use plenum_core::decide::published::{verify, Contents};
        use plenum_core::decide::receipt;
        let dir = tempfile::tempdir().unwrap();
        let signer = PollSigner::load_or_create(&dir.path().join(KEY_FILE)).unwrap();
        let leaf = receipt::commitment("p", &[0; 32], "yes");
        let mut p = PublishedPoll {
            poll_uid: "p".into(),
            title: "t".into(),
            members: 3,
            present: Some(3),
            roll_count: 1,
            contents: Contents::Motion(vec![published::Choice::Yes]),
            leaves: vec![receipt::receipt_code(&leaf)],
            closed_at: now_utc(),
            ..PublishedPoll::default()
        };
        p.seal().unwrap();
        signer.sign(&mut p);
        assert_eq!(p.public_key, signer.public_hex());
        verify(&p).unwrap();
    }

    fn write_temp_at(path: &Path, text: &str, mode: u32) {
        let temp = write_temp(path, text.as_bytes(), mode).unwrap();
        fs::rename(temp, path).unwrap();
        // Whatever the umask took away, the test means this mode.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
        }
    }
}
