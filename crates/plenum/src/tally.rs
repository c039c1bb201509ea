//! `plenum tally`: counts a motion or an election given as one JSON document
//! on standard input, with the same domain functions the server uses, and
//! writes the result as one JSON document on standard output. It needs no
//! database.

use std::io::{Read, Write};

use anyhow::{bail, Context};
use plenum_core::decide::{election, motion, Election, RuleSet, TallyError};
use serde_json::Value;

/// At most this many bytes on standard input.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

/// A motion's counts, as given.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Motion {
    members: i64,
    #[serde(default)]
    excluded: i64,
    present: i64,
    yes: i64,
    no: i64,
    abstain: i64,
}

fn refused(e: TallyError) -> anyhow::Error {
    anyhow::anyhow!("refused ({}): {} / {}", e.code(), e.message_en(), e.message_vi())
}

/// Reads the document, counts it and writes the result.
pub fn tally(input: impl Read, mut output: impl Write) -> anyhow::Result<()> {
    let mut bytes = Vec::new();
    input.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).context("reading standard input")?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        bail!("the input is larger than {} MiB", MAX_INPUT_BYTES / (1024 * 1024));
    }
    let mut doc: Value = serde_json::from_slice(&bytes).context("the input is not one JSON document")?;
    let Some(fields) = doc.as_object_mut() else {
        bail!("the input must be a JSON object with \"kind\": \"motion\" or \"election\"");
    };
    let kind = fields.remove("kind");
    // A built-in rule set's name, or one the office defines in full.
    let rules = match fields.remove("rules") {
        None => RuleSet::party_committee(),
        Some(Value::String(name)) => RuleSet::by_name(&name).map_err(refused)?,
        Some(v @ Value::Object(_)) => {
            let rules: RuleSet = serde_json::from_value(v)
                .context("\"rules\": a rule set is {\"name\", \"base\", \"majority\", \"exclusions\"}")?;
            rules.check().map_err(refused)?;
            rules
        }
        Some(_) => bail!("\"rules\": give a rule set's name ({}) or a rule set", RuleSet::BUILT_IN.join(", ")),
    };
    let rest = Value::Object(std::mem::take(fields));
    match kind.as_ref().and_then(Value::as_str) {
        Some("motion") => {
            let m: Motion = serde_json::from_value(rest).context("a motion")?;
            let r = motion::tally(&rules, m.members, m.excluded, m.present, m.yes, m.no, m.abstain).map_err(refused)?;
            serde_json::to_writer(&mut output, &r)?;
        }
        Some("election") => {
            let e: Election = serde_json::from_value(rest).context("an election")?;
            let r = election::tally(&rules, &e).map_err(refused)?;
            serde_json::to_writer(&mut output, &r)?;
        }
        _ => bail!("\"kind\" must be \"motion\" or \"election\""),
    }
    writeln!(output)?;
    Ok(())
}
