//! `plenum tally`, run as a real process: the examples of the issue and of
//! shared/DOMAIN.md, and refusals on stderr with exit code 2.

mod piped;

use std::process::Output;

use piped::stderr;
use serde_json::{json, Value};

fn tally(stdin: &[u8]) -> Output {
    piped::plenum(&["tally"], stdin)
}

/// The result of a document that must be counted.
fn counted(doc: Value) -> Value {
    let o = tally(doc.to_string().as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one document on one line: {text}");
    serde_json::from_str(&text).unwrap()
}

/// The refusal of a document that must not be counted.
fn refused(doc: &[u8]) -> String {
    let o = tally(doc);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(o.stdout.is_empty());
    stderr(&o)
}

#[test]
fn the_issue_motion() {
    let r = counted(
        json!({"kind":"motion","rules":"party-committee","members":72,"excluded":2,"present":65,"yes":40,"no":10,"abstain":5}),
    );
    assert_eq!(
        r,
        json!({
            "passed": true, "base": 70, "required": 36, "yes": 40,
            "explanation_vi": "40/70 ủy viên tán thành, quá 1/2 tổng số → thông qua",
            "explanation_en": "40 of 70 members in favour, more than 1/2 of all members → passed"
        })
    );
    // Absent members count against it: 35 of 70 does not pass, even with everyone present agreeing.
    let r = counted(json!({"kind":"motion","members":70,"present":35,"yes":35,"no":0,"abstain":0}));
    assert_eq!(r["passed"], false);
    assert_eq!(r["explanation_vi"], "35/70 ủy viên tán thành, chưa quá 1/2 tổng số (cần 36) → không thông qua");
    // Two thirds of 70 is 47.
    let r =
        counted(json!({"kind":"motion","rules":"two-thirds","members":70,"present":70,"yes":47,"no":23,"abstain":0}));
    assert_eq!((r["passed"].clone(), r["required"].clone()), (json!(true), json!(47)));
    assert_eq!(r["explanation_vi"], "47/70 ủy viên tán thành, đạt ít nhất 2/3 tổng số → thông qua");
}

#[test]
fn the_issue_election() {
    let r = counted(json!({
        "kind":"election","rules":"party-committee","members":11,"excluded":0,"seats":3,
        "candidates":["A","B","C","D"],
        "ballots":[{"crossed":["D"]},{"crossed":["C","D"]},{"crossed":[],"issued_by_committee":false}],
        "runoff":false
    }));
    assert_eq!(
        r["ballots"],
        json!({"returned":3,"valid":2,"invalid":1,"invalid_reasons":{"all-crossed-out":0,"not-issued":1,"too-many-kept":0}})
    );
    assert_eq!((r["base"].clone(), r["threshold"].clone()), (json!(11), json!(6)));
    assert_eq!(r["candidates"][0], json!({"name":"A","votes":2,"percent_of_base":18.18,"passes_threshold":false}));
    assert_eq!(r["candidates"][3]["votes"], 0);
    assert_eq!((r["elected"].clone(), r["runoff"].clone(), r["unfilled"].clone()), (json!([]), json!([]), json!(3)));
    // 4 candidates for 3 seats is above a 30% surplus: a warning, not a refusal.
    assert_eq!(r["warnings"][0]["code"], "surplus-above-30-percent");
    assert!(r["warnings"][0]["message_vi"].as_str().unwrap().contains("vượt quá 30%"));
}

/// `n` ballots crossing out `names`.
fn ballots(n: usize, names: &[&str]) -> Vec<Value> {
    vec![json!({ "crossed": names }); n]
}

#[test]
fn with_eleven_members_five_votes_of_ten_ballots_do_not_elect_and_six_do() {
    let mut b = ballots(5, &["C"]); // A and B kept
    b.extend(ballots(1, &["B", "C"])); // A kept
    b.extend(ballots(4, &["A", "B"])); // C kept
    let r = counted(json!({"kind":"election","members":11,"seats":2,"candidates":["A","B","C"],"ballots":b}));
    assert_eq!(r["threshold"], 6);
    assert_eq!(r["candidates"][0], json!({"name":"A","votes":6,"percent_of_base":54.55,"passes_threshold":true}));
    assert_eq!(r["candidates"][1], json!({"name":"B","votes":5,"percent_of_base":45.45,"passes_threshold":false}));
    assert_eq!(r["elected"], json!(["A"]));
    assert_eq!(r["unfilled"], 1);
    // 3 candidates for 2 seats is a surplus of 50%: counted all the same, with a warning.
    assert_eq!(r["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn a_tie_at_the_last_seat_goes_to_a_runoff_that_elects_the_highest() {
    // 5 candidates for 3 seats, 10 members: A has 10, B, C and D 6 each.
    let mut b = ballots(3, &["D", "E"]);
    b.extend(ballots(3, &["C", "E"]));
    b.extend(ballots(3, &["B", "E"]));
    b.extend(ballots(1, &["B", "C", "D", "E"]));
    let r = counted(json!({"kind":"election","members":10,"seats":3,"candidates":["A","B","C","D","E"],"ballots":b}));
    assert_eq!(r["elected"], json!(["A"]));
    assert_eq!(r["runoff"], json!(["B", "C", "D"]));
    assert_eq!(r["unfilled"], 2);

    // The new round among the tied, for the 2 seats left: no threshold, the highest win.
    let r = counted(json!({
        "kind":"election","members":10,"seats":2,"candidates":["B","C","D"],"runoff":true,
        "ballots":[{"crossed":["D"]},{"crossed":["C"]},{"crossed":["C"]}]
    }));
    assert_eq!(
        r["candidates"].as_array().unwrap().iter().map(|c| c["votes"].as_u64().unwrap()).collect::<Vec<_>>(),
        [3, 1, 2]
    );
    assert_eq!(r["elected"], json!(["B", "D"]));
    assert_eq!((r["runoff"].clone(), r["unfilled"].clone()), (json!([]), json!(0)));
    assert_eq!(r["warnings"], json!([]));
}

#[test]
fn a_list_with_no_surplus_is_marked_agree_or_disagree() {
    let r = counted(json!({
        "kind":"election","members":5,"seats":3,"candidates":["A","B","C"],
        "ballots":[
            {"marks":{"A":"agree","B":"disagree","C":"both"}},
            {"marks":{"A":"agree","B":"agree","C":"agree"}},
            {"marks":{"A":"agree","B":"agree"}},
            {"marks":{"A":"disagree","B":"disagree","C":"disagree"}},
            {"marks":{"A":"agree"},"issued_by_committee":false}
        ]
    }));
    assert_eq!(r["ballots"]["valid"], 4);
    assert_eq!(r["ballots"]["invalid_reasons"]["not-issued"], 1);
    let votes: Vec<u64> = r["candidates"].as_array().unwrap().iter().map(|c| c["votes"].as_u64().unwrap()).collect();
    assert_eq!(votes, [3, 2, 1]);
    assert_eq!(r["threshold"], 3);
    assert_eq!(r["elected"], json!(["A"]));
}

#[test]
fn an_office_defined_rule_set_is_taken_in_full() {
    let rules = json!({"name":"present-two-thirds","base":"present","majority":"at-least-2/3","exclusions":[]});
    let r = counted(json!({"kind":"motion","rules":rules,"members":70,"present":60,"yes":40,"no":20,"abstain":0}));
    assert_eq!((r["base"].clone(), r["required"].clone(), r["passed"].clone()), (json!(60), json!(40), json!(true)));
    assert_eq!(r["explanation_vi"], "40/60 ủy viên tán thành, đạt ít nhất 2/3 số có mặt → thông qua");
    // It excludes no one, so no one may be given as excluded.
    let e = refused(
        json!({"kind":"motion","rules":rules,"members":70,"excluded":1,"present":60,"yes":40,"no":20,"abstain":0})
            .to_string()
            .as_bytes(),
    );
    assert!(e.contains("no-exclusions-in-rules"), "{e}");
    let bad = json!({"name":"Bad Name","base":"present","majority":"at-least-2/3"});
    let e = refused(
        json!({"kind":"motion","rules":bad,"members":1,"present":1,"yes":1,"no":0,"abstain":0}).to_string().as_bytes(),
    );
    assert!(e.contains("bad-rules") && e.contains("lower case"), "{e}");
    let bad = json!({"name":"x","base":"present","majority":"3/4"});
    let e = refused(
        json!({"kind":"motion","rules":bad,"members":1,"present":1,"yes":1,"no":0,"abstain":0}).to_string().as_bytes(),
    );
    assert!(e.contains("\"rules\"") && e.contains("3/4"), "{e}");
}

#[test]
fn bad_input_is_refused_on_stderr_with_exit_2() {
    let election = |extra: Value| {
        let mut doc = json!({"kind":"election","members":11,"seats":3,"candidates":["A","B","C","D"],"ballots":[]});
        doc.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        doc.to_string()
    };
    let e = refused(election(json!({"ballots":[{"crossed":["D"]},{"crossed":["E"]}]})).as_bytes());
    assert!(e.contains("unknown-candidate") && e.contains("ballot 2: \"E\" is not a candidate"), "{e}");
    assert!(e.contains("phiếu 2: \"E\" không có trong danh sách bầu cử"), "{e}");
    let e = refused(election(json!({"seats":5})).as_bytes());
    assert!(e.contains("5 seats, but only 4 candidates"), "{e}");
    let e = refused(election(json!({"members":-11})).as_bytes());
    assert!(e.contains("members: a count cannot be negative (-11)"), "{e}");
    let e = refused(election(json!({"members":1,"ballots":[{"crossed":["D"]},{"crossed":["D"]}]})).as_bytes());
    assert!(e.contains("2 ballots returned, but only 1 members may vote"), "{e}");
    let e = refused(election(json!({"ballots":[{"crosed":["D"]}]})).as_bytes());
    assert!(e.contains("unknown field `crosed`"), "{e}");
    let e = refused(election(json!({"ballots":[{"crossed":["D"],"marks":{"A":"agree"}}]})).as_bytes());
    assert!(e.contains("ballot-form"), "{e}");
    let e = refused(election(json!({"ballots":[{"crossed":["D","D"]}]})).as_bytes());
    assert!(e.contains("\"D\" is entered twice"), "{e}");

    let motion = r#"{"kind":"motion","members":70,"present":60,"yes":40,"no":15,"abstain":6}"#;
    let e = refused(motion.as_bytes());
    assert!(e.contains("votes-above-present") && e.contains("61 votes"), "{e}");
    let e = refused(br#"{"kind":"motion","members":70,"present":60,"yes":-1,"no":0,"abstain":0}"#);
    assert!(e.contains("yes: a count cannot be negative"), "{e}");
    let e = refused(br#"{"kind":"motion","members":70,"present":60,"yes":1}"#);
    assert!(e.contains("missing field `no`"), "{e}");
    let e =
        refused(br#"{"kind":"motion","rules":"simple-majority","members":70,"present":60,"yes":1,"no":0,"abstain":0}"#);
    assert!(e.contains("unknown-rules") && e.contains("party-committee, two-thirds, present-majority"), "{e}");
    let e = refused(br#"{"kind":"vote"}"#);
    assert!(e.contains("\"kind\" must be \"motion\" or \"election\""), "{e}");
    let e = refused(b"[1, 2]");
    assert!(e.contains("JSON object"), "{e}");
    let e = refused(b"{\"kind\":");
    assert!(e.contains("not one JSON document"), "{e}");
    let e = refused(b"{} {}");
    assert!(e.contains("not one JSON document"), "{e}");
    let big = format!("{{\"kind\":\"motion\",\"pad\":\"{}\"}}", "x".repeat(9 * 1024 * 1024));
    let e = refused(big.as_bytes());
    assert!(e.contains("larger than 8 MiB"), "{e}");
}
