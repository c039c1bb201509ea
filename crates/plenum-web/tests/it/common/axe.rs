//! axe-core, the accessibility checker, run inside the pages of a browser
//! test. It comes from the npm registry at the version pinned in
//! `scripts/axe-core-version`; `scripts/test` installs it under
//! `target/axe/` (never committed), where plain `cargo nextest` finds it too.
//! A test that needs it fails, never skips, when it is missing.

use std::path::PathBuf;

use fantoccini::Client;
use serde_json::{json, Value};

/// WCAG 2.2 level AA, every rule of these tags, none disabled.
pub const TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const PINNED: &str = include_str!("../../../../../scripts/axe-core-version");

/// The pinned version, as `scripts/test` installs it.
pub fn version() -> &'static str {
    PINNED.trim()
}

/// Where axe-core's script is: `PLENUM_AXE_CORE`, or where `scripts/test` puts it.
fn script_path() -> PathBuf {
    std::env::var_os("PLENUM_AXE_CORE").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/axe/node_modules/axe-core/axe.min.js")
    })
}

/// axe-core's script, read once per test.
pub fn script() -> String {
    let path = script_path();
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is not installed at {} ({e}). Run `scripts/test` once, which installs it, or \
             `npm install --prefix target/axe --no-save --no-package-lock axe-core@{}` at the workspace root, \
             or set PLENUM_AXE_CORE to its axe.min.js (accessibility tests are never skipped)",
            path.display(),
            version()
        )
    })
}

/// One rule broken somewhere on a page, said so a failure can be acted on.
pub fn describe(v: &Value) -> String {
    // The first few places are enough to act on; a shared cause repeats on every row.
    const SHOWN: usize = 5;
    let all = v["nodes"].as_array().cloned().unwrap_or_default();
    let mut nodes: Vec<String> = all
        .iter()
        .take(SHOWN)
        .map(|n| {
            format!(
                "      {}\n        {}",
                n["target"].as_str().unwrap_or("?"),
                n["summary"].as_str().unwrap_or("").replace('\n', "\n        ")
            )
        })
        .collect();
    if all.len() > SHOWN {
        nodes.push(format!("      … and {} more", all.len() - SHOWN));
    }
    format!(
        "  {} ({}): {} — {} node(s)\n{}",
        v["id"].as_str().unwrap_or("?"),
        v["impact"].as_str().unwrap_or("?"),
        v["help"].as_str().unwrap_or(""),
        all.len(),
        nodes.join("\n")
    )
}

/// Run axe-core over the page as it is now (injected if the page lacks it),
/// and return its violations.
pub async fn violations(client: &Client, script: &str) -> Vec<Value> {
    let loaded = client.execute("return typeof window.axe === 'object'", vec![]).await.unwrap();
    if loaded != json!(true) {
        let loaded = client.execute(&format!("{script}\n;return window.axe.version;"), vec![]).await.unwrap();
        assert_eq!(loaded, json!(version()), "axe-core at {} is not the pinned version", script_path().display());
    }
    let run = r#"
        const [tags, done] = arguments;
        window.axe
            .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
            .then(
                (r) => done({ violations: r.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map((n) => ({ target: n.target.flat().join(' '), summary: n.failureSummary })),
                })) }),
                (e) => done({ error: String(e) }),
            );
    "#;
    let result = client.execute_async(run, vec![json!(TAGS)]).await.unwrap();
    assert!(result["error"].is_null(), "axe-core failed: {}", result["error"]);
    result["violations"].as_array().unwrap().clone()
}
