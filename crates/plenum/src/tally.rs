//! `plenum tally`: counts a motion or an election given as one JSON document
//! on standard input, with the same domain functions the server uses, and
//! writes the result as one JSON document on standard output. It needs no
//! database.

use std::io::{Read, Write};

use anyhow::{bail, Context};
use plenum_core::decide::count::{self, Count};
use plenum_core::decide::{Election, RuleSet, TallyError};
use serde_json::Value;

/// At most this many bytes on standard input.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

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
    let count = match kind.as_ref().and_then(Value::as_str) {
        Some("motion") => Count::Motion { rules, counts: serde_json::from_value(rest).context("a motion")? },
        Some("election") => {
            let election: Election = serde_json::from_value(rest).context("an election")?;
            Count::Election { rules, election }
        }
        _ => bail!("\"kind\" must be \"motion\" or \"election\""),
    };
    // The same function recounts a published secret poll (plenum verify-poll).
    let result = count::tally(&count).map_err(refused)?;
    serde_json::to_writer(&mut output, &result)?;
    writeln!(output)?;
    Ok(())
}
