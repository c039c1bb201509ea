//! The counting minutes and the result sheet of a vote, read back as DOCX
//! (through LibreOffice) and as PDF (through poppler) the way the office's
//! software reads them, with the numbers the count produced.
#![cfg(feature = "inspect")]

use std::collections::BTreeMap;

use plenum_core::decide::election::{self, BallotCount, Election};
use plenum_core::decide::{motion, Ballot, ElectionResult, RuleSet};
use plenum_docs::export::inspect::{docx_text, pdf_text};
use plenum_docs::export::minutes::{
    counting_minutes, result_sheet, BallotKind, ConfidenceRow, CountingMinutes, Header, Person, ResultSheet,
};
use plenum_docs::export::party::{self, PartyDocument};

const LIST: [&str; 5] = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Đỗ Minh Đức"];

fn header() -> Header {
    Header {
        issuer_parent: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI".into(),
        issuer: "BAN CHẤP HÀNH".into(),
        place: "Hà Nội".into(),
        date: (2023, 1, 6),
        plenum_title: "Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ Thành phố khóa XVII".into(),
    }
}

fn committee() -> Vec<Person> {
    [
        ("Trần Thị Ánh", "Trưởng ban"),
        ("Lê Đức Mạnh", "Ủy viên"),
        ("Vũ Thị Hạnh", "Ủy viên"),
        ("Ngô Quang Huy", "Ủy viên"),
    ]
    .into_iter()
    .map(|(name, role)| Person { name: name.into(), role: role.into() })
    .collect()
}

/// A ballot crossing out these names of the list, by position.
fn crossing(positions: &[usize]) -> Ballot {
    Ballot { crossed: Some(positions.iter().map(|&i| LIST[i].to_string()).collect()), ..Ballot::default() }
}

/// 5 candidates for 3 seats; 12 members summoned, 1 excluded, so the base is 11
/// and 6 votes elect. 11 ballots: 9 valid, giving An 8, Bình 7, Cường 6, Dung 6
/// and Đức 0; one keeps four names, one crosses out all five. An and Bình are
/// elected, and Cường and Dung tie at the last seat.
fn tied_election() -> ElectionResult {
    let mut ballots = vec![crossing(&[0, 4])];
    ballots.extend(vec![crossing(&[3, 4]); 3]);
    ballots.extend(vec![crossing(&[2, 4]); 3]);
    ballots.extend(vec![crossing(&[1, 4]); 2]);
    ballots.push(crossing(&[4]));
    ballots.push(crossing(&[0, 1, 2, 3, 4]));
    let e = Election {
        members: 12,
        excluded: 1,
        present: None,
        seats: 3,
        candidates: LIST.iter().map(|s| s.to_string()).collect(),
        ballots,
        runoff: false,
    };
    election::tally(&RuleSet::party_committee(), &e).unwrap()
}

fn minutes(kind: BallotKind, title: &str, result: ElectionResult) -> CountingMinutes {
    CountingMinutes {
        header: header(),
        kind,
        title: title.into(),
        round: 1,
        mode: "phiếu giấy".into(),
        rules_name: "party-committee".into(),
        seats: Some(3),
        candidates: LIST.iter().map(|s| s.to_string()).collect(),
        counting_committee: committee(),
        summoned: 12,
        excluded: 1,
        present: 11,
        absent: 1,
        issued: 11,
        result,
        confidence: Vec::new(),
        root: None,
    }
}

/// Text as read back, whitespace collapsed.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document read back both ways, each with its form's name; written to
/// `PLENUM_DOCS_OUT` too when that names a folder, to be looked at.
fn read_back(name: &str, doc: &PartyDocument) -> [(&'static str, String); 2] {
    let (pdf, docx) = (party::pdf(std::slice::from_ref(doc)).unwrap(), party::docx(std::slice::from_ref(doc)).unwrap());
    if let Ok(dir) = std::env::var("PLENUM_DOCS_OUT") {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join(format!("{name}.pdf")), &pdf).unwrap();
        std::fs::write(dir.join(format!("{name}.docx")), &docx).unwrap();
    }
    [("pdf", pdf_text(&pdf)), ("docx", docx_text(&docx))]
}

/// The one line of a results table that names `name` and gives a percentage
/// (the elected list, which also does, says "Đồng chí" first).
fn table_row<'a>(form: &str, text: &'a str, name: &str) -> &'a str {
    let rows: Vec<&str> =
        text.lines().filter(|l| l.contains(name) && l.contains('%') && !l.contains("Đồng chí")).collect();
    assert_eq!(rows.len(), 1, "{form}: one table row for {name} in\n{text}");
    rows[0]
}

fn tokens(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

#[test]
fn the_count_itself_has_a_tie_at_the_last_seat() {
    // What the minutes below are built from, so their numbers can be trusted.
    let r = tied_election();
    assert_eq!((r.ballots.returned, r.ballots.valid, r.ballots.invalid), (11, 9, 2));
    assert_eq!((r.base, r.threshold), (11, 6));
    assert_eq!(r.candidates.iter().map(|c| c.votes).collect::<Vec<_>>(), [8, 7, 6, 6, 0]);
    assert_eq!(r.elected, ["Nguyễn Văn An", "Trần Thị Bình"]);
    assert_eq!(r.runoff, ["Lê Hoàng Cường", "Phạm Thu Dung"]);
    assert_eq!(r.unfilled, 1);
}

#[test]
fn the_counting_minutes_read_back_with_every_number_name_and_signature() {
    let doc = counting_minutes(&minutes(BallotKind::Election, "Bầu Ban Thường vụ Thành ủy", tied_election()));
    for (form, text) in read_back("counting-minutes", &doc) {
        let all = flat(&text);
        let has = |want: &str| assert!(all.contains(want), "{form}: {want:?} in\n{text}");
        has("ĐẢNG CỘNG SẢN VIỆT NAM");
        has("Hà Nội, ngày 06 tháng 01 năm 2023");
        has("BIÊN BẢN KIỂM PHIẾU");
        has("Bầu Ban Thường vụ Thành ủy");
        has("Ban kiểm phiếu của Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ Thành phố khóa XVII đã kiểm phiếu bầu cử");
        has("Số lượng cần bầu: 3");
        has("Danh sách bầu cử: 5 đồng chí 1. Nguyễn Văn An 2. Trần Thị Bình 3. Lê Hoàng Cường 4. Phạm Thu Dung 5. Đỗ Minh Đức");
        has("Hình thức: phiếu giấy");
        has("Tổng số ủy viên được triệu tập: 12");
        has("Số ủy viên không tính vào tổng số theo bộ quy tắc: 1");
        has("Số ủy viên có mặt: 11");
        has("Số ủy viên vắng mặt: 1");
        has("Số phiếu phát ra: 11");
        has("Số phiếu thu vào: 11");
        has("Số phiếu thu vào bằng số phiếu phát ra.");
        has("Số phiếu hợp lệ: 9");
        has("Số phiếu không hợp lệ: 2, trong đó: - phiếu gạch tên tất cả ứng cử viên: 1 - phiếu để lại số người nhiều hơn số lượng cần bầu: 1");
        has("Số phiếu cần để trúng cử: quá 1/2 tổng số ủy viên được triệu tập, trừ số không tính (11): 6 phiếu");

        // Each candidate's row: votes, the percentage against 11, and the outcome.
        for (name, votes, percent, outcome) in [
            ("Nguyễn Văn An", "8", "72,73%", "Trúng cử"),
            ("Trần Thị Bình", "7", "63,64%", "Trúng cử"),
            ("Lê Hoàng Cường", "6", "54,55%", "Bầu lại"),
            ("Phạm Thu Dung", "6", "54,55%", "Bầu lại"),
            ("Đỗ Minh Đức", "0", "0,00%", "Không trúng cử"),
        ] {
            let row = table_row(form, &text, name);
            assert!(tokens(row).contains(&votes), "{form}: {votes} votes for {name}: {row:?}");
            assert!(tokens(row).contains(&percent), "{form}: {percent} for {name}: {row:?}");
            assert!(row.contains(outcome), "{form}: {outcome} for {name}: {row:?}");
            if outcome != "Không trúng cử" {
                assert!(!row.contains("Không"), "{form}: {name} is not marked as not elected: {row:?}");
            }
        }

        // The elected, in order of votes.
        let first = "1. Đồng chí Nguyễn Văn An: 8 phiếu, đạt 72,73%.";
        let second = "2. Đồng chí Trần Thị Bình: 7 phiếu, đạt 63,64%.";
        has("Các đồng chí trúng cử (2), theo thứ tự số phiếu từ cao xuống thấp:");
        has(first);
        has(second);
        assert!(all.find(first) < all.find(second), "{form}: An before Bình");
        has("Các đồng chí Lê Hoàng Cường và Phạm Thu Dung cùng đạt 6 phiếu ở vị trí cuối, nhiều hơn số chỗ còn lại (1).");
        has("Ban kiểm phiếu đề nghị bầu lại giữa các đồng chí Lê Hoàng Cường và Phạm Thu Dung");
        has("Số lượng còn thiếu: 1 (cần bầu 3, đã trúng cử 2)");
        has("5 ứng cử viên cho 3 chỗ: số dư 2 vượt quá 30% số cần bầu");

        // Every member of the counting committee, listed first and then under a signature line.
        let (listed, signed) = all.split_once("cùng ký tên dưới đây").expect("the closing sentence");
        for p in committee() {
            assert!(listed.contains(&p.name), "{form}: {} in the counting committee", p.name);
            assert!(signed.contains(&p.name), "{form}: {} signs, in\n{signed}", p.name);
        }
        assert_eq!(signed.matches("TRƯỞNG BAN").count(), 1, "{form}: one chair's title above a signature: {signed}");
        assert_eq!(signed.matches("ỦY VIÊN").count(), 3, "{form}: three members' titles: {signed}");
        assert!(!all.contains("Mã gốc Merkle"), "{form}: a paper ballot has no Merkle root");
    }
}

#[test]
fn a_runoff_round_drops_the_threshold_and_elects_the_higher_total() {
    let runoff = Election {
        members: 12,
        excluded: 1,
        present: None,
        seats: 1,
        candidates: vec![LIST[2].into(), LIST[3].into()],
        ballots: [vec![crossing(&[3]); 6], vec![crossing(&[2]); 4]].concat(),
        runoff: true,
    };
    let result = election::tally(&RuleSet::party_committee(), &runoff).unwrap();
    let mut m = minutes(BallotKind::Election, "Bầu Ban Thường vụ Thành ủy", result);
    m.round = 2;
    m.seats = Some(1);
    m.candidates = runoff.candidates.clone();
    m.issued = 10;
    let [(form, text), _] = read_back("counting-minutes-runoff", &counting_minutes(&m));
    let all = flat(&text);
    for want in [
        "Bầu Ban Thường vụ Thành ủy (lần bỏ phiếu thứ 2)",
        "Lần bỏ phiếu: 2 (bầu lại giữa các đồng chí có số phiếu bằng nhau ở vị trí cuối)",
        "Danh sách bầu lại: 2 đồng chí 1. Lê Hoàng Cường 2. Phạm Thu Dung",
        "Số phiếu thu vào: 10",
        "người có số phiếu cao hơn trúng cử, không cần đạt số phiếu tối thiểu",
        "Đồng chí trúng cử: 1. Đồng chí Lê Hoàng Cường: 6 phiếu, đạt 54,55%.",
    ] {
        assert!(all.contains(want), "{form}: {want:?} in\n{text}");
    }
    assert!(!all.contains("Số phiếu cần để trúng cử"), "{form}: no threshold in a runoff");
    assert!(tokens(table_row(form, &text, "Phạm Thu Dung")).contains(&"36,36%"), "4 of 11");
    assert!(!all.contains("Số lượng còn thiếu"), "{form}: the seat is filled");
}

#[test]
fn nomination_minutes_rank_the_names_and_elect_no_one() {
    // 4 names, 2 to put forward; 10 ballots issued, 9 returned, all valid.
    let names = &LIST[..4];
    let mut ballots = vec![crossing(&[2, 3]); 5]; // An, Bình
    ballots.extend(vec![crossing(&[0, 2]); 3]); // Bình, Dung
    ballots.push(crossing(&[0, 1])); // Cường, Dung
    let e = Election {
        members: 12,
        excluded: 1,
        present: None,
        seats: 2,
        candidates: names.iter().map(|s| s.to_string()).collect(),
        ballots,
        runoff: false,
    };
    let result = election::tally(&RuleSet::party_committee(), &e).unwrap();
    assert!(!result.warnings.is_empty(), "the count warns of the surplus, which a nomination ignores");
    let mut m = minutes(BallotKind::Nomination, "Giới thiệu nhân sự ứng cử chức danh Phó Bí thư", result);
    m.seats = Some(2);
    m.candidates = e.candidates.clone();
    m.present = 10;
    m.absent = 2;
    m.issued = 10;
    for (form, text) in read_back("nomination-minutes", &counting_minutes(&m)) {
        let all = flat(&text);
        let has = |want: &str| assert!(all.contains(want), "{form}: {want:?} in\n{text}");
        has("BIÊN BẢN KIỂM PHIẾU");
        has("đã kiểm phiếu giới thiệu nhân sự");
        has("Số lượng cần giới thiệu: 2");
        has("Danh sách giới thiệu: 4 đồng chí");
        has("Số phiếu thu vào: 9");
        has("Số phiếu thu vào ít hơn số phiếu phát ra 1 phiếu.");
        has("Số phiếu hợp lệ: 9");
        has("Số phiếu không hợp lệ: 0");
        has("xếp theo số phiếu giới thiệu, từ cao xuống thấp");
        // Bình 8, An 5, Dung 4, Cường 1: ranked, with the percentage against 11.
        let mut at = Vec::new();
        for (rank, name, votes, percent) in [
            ("1", "Trần Thị Bình", "8", "72,73%"),
            ("2", "Nguyễn Văn An", "5", "45,45%"),
            ("3", "Phạm Thu Dung", "4", "36,36%"),
            ("4", "Lê Hoàng Cường", "1", "9,09%"),
        ] {
            let row = table_row(form, &text, name);
            let t = tokens(row);
            assert_eq!(t[0], rank, "{form}: {name} ranked {rank}: {row:?}");
            assert!(t.contains(&votes) && t.contains(&percent), "{form}: {votes}, {percent} for {name}: {row:?}");
            at.push(text.find(row).unwrap());
        }
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{form}: rows in rank order");
        assert!(!all.to_lowercase().contains("trúng cử"), "{form}: a nomination elects no one:\n{text}");
        assert!(!all.contains("vượt quá 30%"), "{form}: no surplus warning on a nomination");
        for p in committee() {
            assert!(all.rsplit_once("cùng ký tên").unwrap().1.contains(&p.name), "{form}: {} signs", p.name);
        }
    }
}

#[test]
fn confidence_minutes_show_the_three_levels_per_person_and_the_merkle_root() {
    let result = ElectionResult {
        ballots: BallotCount {
            returned: 11,
            valid: 10,
            invalid: 1,
            invalid_reasons: BTreeMap::from([("not-issued", 1), ("too-many-kept", 0)]),
        },
        base: 11,
        threshold: 6,
        candidates: Vec::new(),
        elected: Vec::new(),
        runoff: Vec::new(),
        unfilled: 0,
        warnings: Vec::new(),
    };
    let root = "4f1c9a0be27d53c86e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f";
    let mut m =
        minutes(BallotKind::Confidence, "Lấy phiếu tín nhiệm đối với các chức danh do Ban Chấp hành bầu", result);
    m.mode = "điện tử".into();
    m.seats = None;
    m.candidates = Vec::new();
    m.root = Some(root.into());
    m.confidence = vec![
        ConfidenceRow { name: "Nguyễn Văn An".into(), high: 7, confidence: 3, low: 0 },
        ConfidenceRow { name: "Trần Thị Bình".into(), high: 2, confidence: 1, low: 7 },
    ];
    for (form, text) in read_back("confidence-minutes", &counting_minutes(&m)) {
        let all = flat(&text);
        let has = |want: &str| assert!(all.contains(want), "{form}: {want:?} in\n{text}");
        has("BIÊN BẢN KIỂM PHIẾU");
        has("đã kiểm phiếu tín nhiệm");
        has("Danh sách lấy phiếu tín nhiệm: 2 đồng chí 1. Nguyễn Văn An 2. Trần Thị Bình");
        has("“tín nhiệm cao”, “tín nhiệm”, “tín nhiệm thấp”");
        has("Tỷ lệ tính trên tổng số 12 ủy viên được triệu tập");
        has("Hình thức: điện tử");
        has("Số ủy viên đã bỏ phiếu: 11");
        has("Số phiếu điện tử ghi nhận: 11");
        has("Số phiếu điện tử ghi nhận bằng số ủy viên đã bỏ phiếu.");
        has("Số phiếu không hợp lệ: 1, trong đó: - phiếu không do Ban kiểm phiếu phát ra: 1");
        assert!(!all.contains("phiếu để lại số người"), "{form}: a reason with no ballot is not listed");
        has("Mã gốc Merkle đã ký của các phiếu điện tử:");
        assert!(text.contains(root), "{form}: the root unbroken in\n{text}");
        for cell in ["Tín nhiệm cao", "Tín nhiệm thấp"] {
            has(cell);
        }
        // Against the 12 summoned: 7 is 58,33%, 3 is 25,00%, 2 is 16,67%, 1 is 8,33%.
        let an = flat(table_row(form, &text, "Nguyễn Văn An"));
        assert!(an.contains("7 (58,33%) 3 (25,00%) 0 (0,00%)"), "{form}: {an:?}");
        let binh = flat(table_row(form, &text, "Trần Thị Bình"));
        assert!(binh.contains("2 (16,67%) 1 (8,33%) 7 (58,33%)"), "{form}: {binh:?}");
        assert!(!all.to_lowercase().contains("trúng cử"), "{form}: nobody is elected in a confidence vote");
    }
}

#[test]
fn a_result_sheet_reads_back_with_the_counts_and_the_explanation() {
    let result = motion::tally(&RuleSet::two_thirds(), 72, 2, 70, 47, 20, 2).unwrap();
    let sheet = ResultSheet {
        header: header(),
        title: "Kết nạp lại đảng viên".into(),
        method: "giơ tay".into(),
        rules_name: "two-thirds".into(),
        members: 72,
        excluded: 2,
        present: 70,
        yes: 47,
        no: 20,
        abstain: 2,
        not_voting: 1,
        result,
    };
    for (form, text) in read_back("result-sheet", &result_sheet(&sheet)) {
        let all = flat(&text);
        let has = |want: &str| assert!(all.contains(want), "{form}: {want:?} in\n{text}");
        has("KẾT QUẢ BIỂU QUYẾT");
        has("Kết nạp lại đảng viên");
        has("Hình thức biểu quyết: giơ tay");
        has("Bộ quy tắc áp dụng: two-thirds");
        has("Tổng số ủy viên: 72");
        has("Số ủy viên không tính vào tổng số theo bộ quy tắc: 2");
        has("Số ủy viên có mặt: 70");
        has("Số ủy viên vắng mặt: 0");
        has("Số ủy viên tán thành cần để thông qua: 47");
        has("47/70 ủy viên tán thành, đạt ít nhất 2/3 tổng số → thông qua");
        has("Nội dung biểu quyết được thông qua.");
        for (label, n, percent) in [
            ("Tán thành", "47", "67,14%"),
            ("Không tán thành", "20", "28,57%"),
            ("Không biểu quyết", "2", "2,86%"),
            ("Không tham gia biểu quyết", "1", "1,43%"),
        ] {
            let row = text
                .lines()
                .find(|l| l.trim_start().starts_with(label) && l.contains('%') && tokens(l).contains(&n))
                .unwrap_or_else(|| panic!("{form}: a row {label} {n} in\n{text}"));
            assert!(tokens(row).contains(&percent), "{form}: {percent} for {label}: {row:?}");
        }
        has("CHỦ TRÌ HỘI NGHỊ");
        has("THƯ KÝ HỘI NGHỊ");
    }
}
