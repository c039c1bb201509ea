//! `plenum opinions cluster` and `plenum text normalize`, run as a real process.

mod piped;

use piped::{plenum, stderr, stdout};

#[test]
fn opinions_are_grouped_in_input_order() {
    let input = r#"{"id":"b","item":"5","text":"Giải ngân vốn ĐTC còn chậm, đề nghị làm rõ nguyên nhân."}
{"id":"a","item":"5","text":"Ô nhiễm không khí vẫn ở mức báo động."}

{"id":"c","item":"5","text":"Tôi cơ bản nhất trí. Tuy nhiên, đề nghị làm rõ nguyên nhân chậm giải ngân vốn đầu tư công."}
{"id":"d","text":"Giải ngân vốn đầu tư công còn chậm."}
"#;
    let o = plenum(&["opinions", "cluster"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\"id\":\"b\",\"cluster\":0}\n{\"id\":\"a\",\"cluster\":1}\n{\"id\":\"c\",\"cluster\":0}\n{\"id\":\"d\",\"cluster\":2}\n"
    );
    // A threshold nothing reaches leaves every opinion alone.
    let o = plenum(&["opinions", "cluster", "--threshold", "1"], input.as_bytes());
    assert!(stdout(&o).contains("{\"id\":\"c\",\"cluster\":2}"), "{}", stdout(&o));
}

#[test]
fn a_bad_line_is_named_and_exits_2() {
    let input = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\"}\n";
    let o = plenum(&["opinions", "cluster"], input.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    let o = plenum(&["opinions", "cluster"], b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 2") && stderr(&o).contains("given before"), "{}", stderr(&o));

    let long = format!("{{\"id\":\"a\",\"text\":\"{}\"}}\n", "x".repeat(70 * 1024));
    let o = plenum(&["opinions", "cluster"], long.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 1: longer than 64 KiB"), "{}", stderr(&o));

    let many: String = (0..5001).map(|i| format!("{{\"id\":\"o{i}\",\"text\":\"x\"}}\n")).collect();
    let o = plenum(&["opinions", "cluster"], many.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 5001: more than 5000 opinions"), "{}", stderr(&o));

    let o = plenum(&["opinions", "cluster", "--threshold", "0"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("threshold"), "{}", stderr(&o));
}

#[test]
fn legacy_text_is_converted_and_said_so() {
    // A TCVN3 file's own bytes (not UTF-8): "Đảng bộ thành phố Hà Nội tổ chức Hội nghị".
    let tcvn3 = b"\xa7\xb6ng b\xe9 th\xb5nh ph\xe8 H\xb5 N\xe9i t\xe6 ch\xf8c H\xe9i ngh\xde\n";
    let o = plenum(&["text", "normalize"], tcvn3);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Đảng bộ thành phố Hà Nội tổ chức Hội nghị\n");
    assert!(stderr(&o).contains("converted from TCVN3"), "{}", stderr(&o));

    // VNI text pasted as UTF-8.
    let o = plenum(&["text", "normalize"], "Ñaûng boä thaønh phoá Haø Noäi toå chöùc Hoäi nghò".as_bytes());
    assert_eq!(stdout(&o), "Đảng bộ thành phố Hà Nội tổ chức Hội nghị");
    assert!(stderr(&o).contains("converted from VNI"), "{}", stderr(&o));

    // Unicode (here decomposed) comes out NFC, and nothing is said.
    let o = plenum(&["text", "normalize"], "Vie\u{323}\u{302}t Nam, café".as_bytes());
    assert_eq!(stdout(&o), "Việt Nam, café");
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));

    // Too short to detect, so forced; and a heading in a capital font.
    let o = plenum(&["text", "normalize", "--from", "tcvn3"], "Hµ Néi".as_bytes());
    assert_eq!(stdout(&o), "Hà Nội");
    let o = plenum(&["text", "normalize", "--from", "tcvn3-capitals"], "nghÞ quyÕt".as_bytes());
    assert_eq!(stdout(&o), "NGHỊ QUYẾT");
    let o = plenum(&["text", "normalize", "--from", "vni"], "Haø Noäi".as_bytes());
    assert_eq!(stdout(&o), "Hà Nội");
}
