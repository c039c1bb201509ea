//! Receipts for a secret ballot (phiếu kín): each ballot is committed to, the
//! commitments are the leaves of a Merkle tree hashed as RFC 6962 §2.1 says,
//! and after the poll closes the tree's root is published and signed (see
//! [`super::published`]).
//!
//! # What a leaf is
//!
//! A leaf's data is the ballot's *commitment*, 32 bytes:
//!
//! ```text
//! commitment = SHA-256( "plenum-ballot/1"                      15 bytes, ASCII
//!                     || u64be(len(poll_uid)) || poll_uid      UTF-8
//!                     || nonce                                 32 bytes
//!                     || u64be(len(content))  || content )     UTF-8
//! ```
//!
//! - `poll_uid` is the poll's public identifier, so a commitment made for one
//!   poll is never a leaf of another;
//! - `nonce` is 32 random bytes drawn when the ballot is cast. It is kept with
//!   the ballot in storage and never published, never shown to the voter;
//! - `content` is the ballot's canonical content: for a motion the choice,
//!   `yes`, `no` or `abstain`; for an election the ballot as canonical JSON
//!   (object keys sorted, no whitespace), as
//!   [`super::published::ballot_content`] writes it.
//!
//! Each variable part is preceded by its length, so two different inputs never
//! make the same byte string. Because of the nonce, trying every possible
//! ballot against a leaf finds nothing: there are only a few possible contents,
//! but 2^256 nonces for each.
//!
//! The receipt code is the commitment in lowercase hex. The leaf hash in the
//! tree is `SHA-256(0x00 || commitment)` (RFC 6962 §2.1), and an inner node is
//! `SHA-256(0x01 || left || right)`.
//!
//! # Tree order
//!
//! Leaves are taken in ascending byte order of the commitment, with no two
//! equal. Commitments look random, so that order is unrelated to the order in
//! which ballots were cast, and a leaf's position tells nothing about when, or
//! by whom, it was cast. The functions here hash leaves in the order given;
//! the published poll checks that order ([`super::published::verify`]).
//!
//! # What a receipt proves, and what not
//!
//! With the receipt, a voter finds their commitment among the published
//! leaves and checks an inclusion proof against the signed root: their ballot
//! was *recorded* and is one of the ballots counted. It does not prove the
//! ballot was recorded *as cast*: the voter cannot recompute the commitment,
//! since the nonce is never shown to them. That is deliberate. A receipt never
//! shows how someone voted, so it can be neither sold nor demanded by someone
//! who wants to check a vote. The published contents are listed in an order of
//! their own (see [`super::published`]), so a leaf's position does not point
//! to a content either.

use sha2::{Digest, Sha256};

/// A SHA-256 value.
pub type Hash = [u8; 32];

/// The domain tag that starts every commitment: a commitment of another kind,
/// or of a later format, cannot be taken for this one.
pub const COMMITMENT_TAG: &str = "plenum-ballot/1";

/// The ballot commitment: the Merkle leaf's data (see the module doc).
pub fn commitment(poll_uid: &str, nonce: &[u8; 32], content: &str) -> Hash {
    let mut h = Sha256::new();
    h.update(COMMITMENT_TAG.as_bytes());
    h.update((poll_uid.len() as u64).to_be_bytes());
    h.update(poll_uid.as_bytes());
    h.update(nonce);
    h.update((content.len() as u64).to_be_bytes());
    h.update(content.as_bytes());
    h.finalize().into()
}

/// A leaf's hash in the tree, RFC 6962 §2.1: SHA-256(0x00 || leaf). The
/// prefix keeps a leaf from being read as an inner node (second preimages).
pub fn leaf_hash(leaf: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(leaf);
    h.finalize().into()
}

/// An inner node, RFC 6962 §2.1: SHA-256(0x01 || left || right).
fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The largest power of two smaller than `n` (n > 1): where RFC 6962 §2.1
/// splits a list of n leaves.
fn split(n: usize) -> usize {
    debug_assert!(n > 1);
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// MTH over leaves that are already hashed. Recursion depth is the tree's
/// height, at most 64.
fn tree_hash(hashed: &[Hash]) -> Hash {
    match hashed.len() {
        0 => Sha256::digest([]).into(),
        1 => hashed[0],
        n => {
            let k = split(n);
            node_hash(&tree_hash(&hashed[..k]), &tree_hash(&hashed[k..]))
        }
    }
}

/// The Merkle tree hash (MTH) of the leaves in the order given, RFC 6962
/// §2.1. The root of no leaves is the SHA-256 of the empty string.
pub fn root(leaves: &[Hash]) -> Hash {
    let hashed: Vec<Hash> = leaves.iter().map(leaf_hash).collect();
    tree_hash(&hashed)
}

/// PATH(m, D[n]) over hashed leaves, RFC 6962 §2.1.1, appended to `out`
/// from the leaf up.
fn path(hashed: &[Hash], m: usize, out: &mut Vec<Hash>) {
    let n = hashed.len();
    if n <= 1 {
        return;
    }
    let k = split(n);
    if m < k {
        path(&hashed[..k], m, out);
        out.push(tree_hash(&hashed[k..]));
    } else {
        path(&hashed[k..], m - k, out);
        out.push(tree_hash(&hashed[..k]));
    }
}

/// The audit path of the leaf at `index`, RFC 6962 §2.1.1 PATH(m, D[n]):
/// the sibling hashes from the leaf up to the root. Empty for an index out of
/// range, which no proof can stand for.
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Vec<Hash> {
    if index >= leaves.len() {
        return Vec::new();
    }
    let hashed: Vec<Hash> = leaves.iter().map(leaf_hash).collect();
    let mut out = Vec::new();
    path(&hashed, index, &mut out);
    out
}

/// Whether `proof` shows `leaf` (a commitment, the leaf's data) at `index` in
/// a tree of `size` leaves whose root is `root`: the algorithm of RFC 9162
/// §2.1.3.2, which RFC 6962 §2.1.1 leaves implicit.
///
/// A root stands for one size; the signed statement binds the two. A proof may
/// also fit another size whose tree has the same shape along this leaf's path
/// (index 0 of 3 leaves and of 4 leaves, say), so the size given here must be
/// the one signed with the root.
pub fn verify_inclusion(leaf: &Hash, index: u64, size: u64, proof: &[Hash], root: &Hash) -> bool {
    verify_hashed(&leaf_hash(leaf), index, size, proof, root)
}

fn verify_hashed(hashed: &Hash, index: u64, size: u64, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *hashed;
    for p in proof {
        if s == 0 {
            // More proof than the tree has levels.
            return false;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            // The right edge of an incomplete tree: climb the levels where
            // this node has no right sibling.
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && r == *root
}

/// The receipt code a voter is shown: the commitment in lowercase hex, 64
/// characters.
pub fn receipt_code(leaf: &Hash) -> String {
    hex::encode(leaf)
}

/// Reads a receipt code as a voter may type it back: upper or lower case,
/// with spaces or dashes between groups of digits. `None` unless it holds
/// exactly 64 hex digits.
pub fn parse_receipt(code: &str) -> Option<Hash> {
    let digits: String = code.chars().filter(|c| !matches!(c, ' ' | '-' | '\t')).collect();
    if digits.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(digits.to_ascii_lowercase(), &mut out).ok()?;
    Some(out)
}

/// Commitments in tree order: ascending, each once.
pub fn tree_order(mut leaves: Vec<Hash>) -> Vec<Hash> {
    leaves.sort_unstable();
    leaves.dedup();
    leaves
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn h(s: &str) -> Hash {
        let mut out = [0u8; 32];
        hex::decode_to_slice(s, &mut out).unwrap();
        out
    }

    fn sha(parts: &[&[u8]]) -> Hash {
        let mut d = Sha256::new();
        for p in parts {
            d.update(p);
        }
        d.finalize().into()
    }

    /// RFC 6962 §2.1 as written, over leaf data of any length: the model the
    /// code is checked against.
    fn naive_mth(data: &[Vec<u8>]) -> Hash {
        match data.len() {
            0 => sha(&[]),
            1 => sha(&[&[0], &data[0]]),
            n => {
                let mut k = 1;
                while k * 2 < n {
                    k *= 2;
                }
                sha(&[&[1], &naive_mth(&data[..k]), &naive_mth(&data[k..])])
            }
        }
    }

    /// RFC 6962 §2.1.1 PATH as written.
    fn naive_path(m: usize, data: &[Vec<u8>]) -> Vec<Hash> {
        let n = data.len();
        if n <= 1 {
            return vec![];
        }
        let mut k = 1;
        while k * 2 < n {
            k *= 2;
        }
        if m < k {
            let mut p = naive_path(m, &data[..k]);
            p.push(naive_mth(&data[k..]));
            p
        } else {
            let mut p = naive_path(m - k, &data[k..]);
            p.push(naive_mth(&data[..k]));
            p
        }
    }

    /// The Certificate Transparency reference leaves (RFC 6962 test data).
    fn reference_data() -> Vec<Vec<u8>> {
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
            .iter()
            .map(|s| hex::decode(s).unwrap())
            .collect()
    }

    /// Their published tree heads for 1 to 8 leaves.
    const REFERENCE_ROOTS: [&str; 8] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    #[test]
    fn the_reference_tree_heads() {
        let data = reference_data();
        let hashed: Vec<Hash> = data.iter().map(|d| sha(&[&[0], d])).collect();
        assert_eq!(hex::encode(tree_hash(&[])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(root(&[]), tree_hash(&[]));
        for n in 1..=8 {
            assert_eq!(hex::encode(tree_hash(&hashed[..n])), REFERENCE_ROOTS[n - 1], "{n} leaves");
            assert_eq!(hex::encode(naive_mth(&data[..n])), REFERENCE_ROOTS[n - 1], "the model, {n} leaves");
        }
        // The reference audit path of the first leaf among eight.
        let mut p = Vec::new();
        path(&hashed, 0, &mut p);
        assert_eq!(
            p.iter().map(hex::encode).collect::<Vec<_>>(),
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        );
        assert!(verify_hashed(&hashed[0], 0, 8, &p, &h(REFERENCE_ROOTS[7])));
    }

    #[test]
    fn roots_and_paths_of_commitments_follow_the_model() {
        for n in 0..40usize {
            let leaves: Vec<Hash> = (0..n).map(|i| sha(&[&(i as u64).to_be_bytes()])).collect();
            let data: Vec<Vec<u8>> = leaves.iter().map(|l| l.to_vec()).collect();
            let r = root(&leaves);
            assert_eq!(r, naive_mth(&data), "{n} leaves");
            for i in 0..n {
                let p = inclusion_proof(&leaves, i);
                assert_eq!(p, naive_path(i, &data), "leaf {i} of {n}");
                assert!(verify_inclusion(&leaves[i], i as u64, n as u64, &p, &r));
            }
            assert!(inclusion_proof(&leaves, n).is_empty());
        }
    }

    #[test]
    fn a_leaf_is_its_commitment_hashed_with_a_zero_byte() {
        let c = commitment("poll-1", &[7; 32], "yes");
        assert_eq!(leaf_hash(&c), sha(&[&[0], &c]));
        assert_eq!(root(&[c]), leaf_hash(&c));
        assert_eq!(inclusion_proof(&[c], 0), Vec::<Hash>::new());
        assert!(verify_inclusion(&c, 0, 1, &[], &leaf_hash(&c)));
        assert!(!verify_inclusion(&c, 0, 0, &[], &root(&[])), "no leaf is in an empty tree");
    }

    #[test]
    fn the_commitment_is_the_documented_byte_string() {
        let nonce = [0xab; 32];
        let mut bytes = b"plenum-ballot/1".to_vec();
        bytes.extend(6u64.to_be_bytes());
        bytes.extend(b"poll-1");
        bytes.extend(nonce);
        bytes.extend(3u64.to_be_bytes());
        bytes.extend(b"yes");
        assert_eq!(commitment("poll-1", &nonce, "yes"), sha(&[&bytes]));
        // Every part counts, and a part cannot lend bytes to its neighbour.
        let c = commitment("poll-1", &nonce, "yes");
        assert_ne!(c, commitment("poll-2", &nonce, "yes"));
        assert_ne!(c, commitment("poll-1", &[0xac; 32], "yes"));
        assert_ne!(c, commitment("poll-1", &nonce, "no"));
        assert_ne!(commitment("a", &nonce, "bc"), commitment("ab", &nonce, "c"));
    }

    #[test]
    fn receipt_codes_read_back_as_typed() {
        let c = commitment("poll-1", &[1; 32], "no");
        let code = receipt_code(&c);
        assert_eq!(code.len(), 64);
        assert_eq!(code, code.to_lowercase());
        assert_eq!(parse_receipt(&code), Some(c));
        let grouped: Vec<String> = code.as_bytes().chunks(8).map(|g| String::from_utf8(g.to_vec()).unwrap()).collect();
        assert_eq!(parse_receipt(&grouped.join(" ").to_uppercase()), Some(c));
        assert_eq!(parse_receipt(&grouped.join("-")), Some(c));
        assert_eq!(parse_receipt(&format!(" {} ", grouped.join(" - "))), Some(c));
        assert_eq!(parse_receipt(&code[..63]), None);
        assert_eq!(parse_receipt(&format!("{code}0")), None);
        assert_eq!(parse_receipt(&format!("{}g", &code[..63])), None);
        assert_eq!(parse_receipt(""), None);
        // Not a multibyte character counted as hex digits.
        assert_eq!(parse_receipt(&format!("{}é", &code[..62])), None);
    }

    #[test]
    fn tree_order_is_ascending_and_each_once() {
        let (a, b, c) = ([1; 32], [2; 32], [3; 32]);
        assert_eq!(tree_order(vec![c, a, b, a]), vec![a, b, c]);
    }

    /// The sides of a leaf's path, from the leaf up: true where the sibling is
    /// on the left. Two sizes with the same sides for an index take the same
    /// proof to the same root.
    fn sides(m: usize, n: usize) -> Vec<bool> {
        if n <= 1 {
            return vec![];
        }
        let mut k = 1;
        while k * 2 < n {
            k *= 2;
        }
        let mut s = if m < k { sides(m, k) } else { sides(m - k, n - k) };
        s.push(m >= k);
        s
    }

    fn distinct_leaves() -> impl Strategy<Value = Vec<Hash>> {
        proptest::collection::btree_set(any::<[u8; 32]>(), 1..70).prop_map(|s| s.into_iter().collect())
    }

    proptest! {
        #[test]
        fn every_index_has_a_proof_that_verifies(leaves in distinct_leaves()) {
            let r = root(&leaves);
            let n = leaves.len() as u64;
            for (i, leaf) in leaves.iter().enumerate() {
                let p = inclusion_proof(&leaves, i);
                prop_assert!(verify_inclusion(leaf, i as u64, n, &p, &r));
            }
        }

        #[test]
        fn a_changed_leaf_index_size_or_proof_fails(
            leaves in distinct_leaves(),
            pick in any::<prop::sample::Index>(),
            other in any::<prop::sample::Index>(),
            byte in 0usize..32,
            new_size in 1u64..200,
        ) {
            let n = leaves.len();
            let i = pick.index(n);
            let r = root(&leaves);
            let p = inclusion_proof(&leaves, i);
            let (leaf, size) = (leaves[i], n as u64);

            let mut changed = leaf;
            changed[byte] ^= 1;
            prop_assert!(!verify_inclusion(&changed, i as u64, size, &p, &r));

            let j = other.index(n);
            if j != i {
                prop_assert!(!verify_inclusion(&leaf, j as u64, size, &p, &r));
            }
            prop_assert!(!verify_inclusion(&leaf, size, size, &p, &r));

            if sides(i, new_size as usize) != sides(i, n) {
                prop_assert!(!verify_inclusion(&leaf, i as u64, new_size, &p, &r));
            }

            if !p.is_empty() {
                let mut bad = p.clone();
                let k = other.index(bad.len());
                bad[k][byte] ^= 0x80;
                prop_assert!(!verify_inclusion(&leaf, i as u64, size, &bad, &r));
                let mut short = p.clone();
                short.pop();
                prop_assert!(!verify_inclusion(&leaf, i as u64, size, &short, &r));
            }
            let mut long = p.clone();
            long.push(r);
            prop_assert!(!verify_inclusion(&leaf, i as u64, size, &long, &r));

            let mut wrong_root = r;
            wrong_root[byte] ^= 1;
            prop_assert!(!verify_inclusion(&leaf, i as u64, size, &p, &wrong_root));
        }
    }
}
