//! The counting minutes of a secret ballot (biên bản kiểm phiếu) and the
//! result sheet of an open vote (kết quả biểu quyết), as documents in Party
//! form ([`PartyDocument`]). Pure document building from counts already made
//! by `plenum_core::decide`; Party documents are in Vietnamese, so is every
//! word here.
//!
//! What the minutes hold follows Quyết định 190-QĐ/TW (2024) as
//! shared/DOMAIN.md gives it: the seats, the candidates, the counting
//! committee, the numbers summoned, present and absent, the ballots issued,
//! returned, valid and invalid with the reasons, and each candidate's votes
//! with the percentage against the base; the elected in order of votes. The
//! counting committee writes and signs them (art. 8), so every member has a
//! signature line. A nomination (phiếu giới thiệu nhân sự) and a confidence
//! vote (lấy phiếu tín nhiệm, QĐ 96-QĐ/TW, 2023) are counted and signed the
//! same way, with their own wording.

use plenum_core::decide::{Base, ElectionResult, InvalidReason, Majority, MotionResult, RuleSet};

use super::party::{place_and_date, Block, PartyDocument, Signature, Table};

/// Who issues a document, where and when, and the plenum it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The level above the issuer, e.g. "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"; may be empty.
    pub issuer_parent: String,
    /// The issuing body, e.g. "BAN CHẤP HÀNH".
    pub issuer: String,
    pub place: String,
    /// Year, month, day.
    pub date: (i32, u8, u8),
    /// "Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ Thành phố khóa XVII".
    pub plenum_title: String,
}

/// A member of the counting committee (thành viên Ban kiểm phiếu).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// "Trưởng ban", "Ủy viên".
    pub role: String,
}

/// What a secret ballot decides, which sets the minutes' wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotKind {
    /// An election (bầu cử): candidates are elected to seats.
    Election,
    /// A nomination ballot (phiếu giới thiệu nhân sự): the names are ranked
    /// by votes and no one is elected.
    Nomination,
    /// A confidence vote (lấy phiếu tín nhiệm): each person is rated at one
    /// of three levels.
    Confidence,
}

/// Everything the counting minutes (biên bản kiểm phiếu) record.
#[derive(Debug, Clone)]
pub struct CountingMinutes {
    pub header: Header,
    pub kind: BallotKind,
    /// What was voted on, e.g. "Bầu Ban Thường vụ Thành ủy".
    pub title: String,
    /// 1 for the first round; more for a new round among candidates tied at
    /// the last seat.
    pub round: u32,
    /// "phiếu giấy" or "điện tử".
    pub mode: String,
    /// The rule set the vote was held under.
    pub rules_name: String,
    pub seats: Option<u64>,
    /// In ballot order.
    pub candidates: Vec<String>,
    pub counting_committee: Vec<Person>,
    pub summoned: u64,
    /// Members left out of the base under the rule set.
    pub excluded: u64,
    pub present: u64,
    pub absent: u64,
    /// Ballots issued on paper, or members marked as having voted electronically.
    pub issued: u64,
    pub result: ElectionResult,
    /// For a confidence vote only: each person's ratings.
    pub confidence: Vec<ConfidenceRow>,
    /// The signed Merkle root of an electronic poll's ballots; its presence
    /// is what marks the poll as electronic.
    pub root: Option<String>,
}

/// One person's ratings in a confidence vote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfidenceRow {
    pub name: String,
    /// "tín nhiệm cao"
    pub high: u64,
    /// "tín nhiệm"
    pub confidence: u64,
    /// "tín nhiệm thấp"
    pub low: u64,
}

/// The result sheet of one open vote (biểu quyết): by show of hands, on
/// tablets, or in writing.
#[derive(Debug, Clone)]
pub struct ResultSheet {
    pub header: Header,
    /// What was voted on.
    pub title: String,
    /// "giơ tay", "điện tử", "lấy ý kiến bằng văn bản".
    pub method: String,
    pub rules_name: String,
    pub members: u64,
    pub excluded: u64,
    pub present: u64,
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    /// Present but cast no vote at all.
    pub not_voting: u64,
    pub result: MotionResult,
}

/// The counting minutes in Party form, ending with a signature line for each
/// member of the counting committee.
pub fn counting_minutes(m: &CountingMinutes) -> PartyDocument {
    let words = Words::of(m.kind);
    let (year, month, day) = m.header.date;
    let mut summary = m.title.clone();
    if m.round > 1 {
        summary.push_str(&format!(" (lần bỏ phiếu thứ {})", m.round));
    }
    let mut blocks = vec![Block::paragraph(format!(
        "Hôm nay, ngày {day:02} tháng {month:02} năm {year}, tại {place}, Ban kiểm phiếu của {plenum} đã kiểm phiếu {what} và lập biên bản như sau:",
        place = m.header.place,
        plenum = m.header.plenum_title,
        what = words.what,
    ))];

    blocks.push(Block::heading("I. BAN KIỂM PHIẾU"));
    blocks.push(Block::Table(Table {
        columns: vec!["STT".into(), "Họ và tên".into(), "Chức danh trong Ban kiểm phiếu".into()],
        widths: vec![1, 6, 4],
        rows: m
            .counting_committee
            .iter()
            .enumerate()
            .map(|(i, p)| vec![(i + 1).to_string(), p.name.clone(), p.role.clone()])
            .collect(),
    }));

    blocks.push(Block::heading("II. NỘI DUNG BỎ PHIẾU"));
    blocks.push(Block::field("Nội dung", m.title.clone()));
    let round = if m.round > 1 && m.kind == BallotKind::Election {
        format!("{} (bầu lại giữa các đồng chí có số phiếu bằng nhau ở vị trí cuối)", m.round)
    } else {
        m.round.to_string()
    };
    blocks.push(Block::field("Lần bỏ phiếu", round));
    blocks.push(Block::field("Hình thức", m.mode.clone()));
    blocks.push(Block::field("Bộ quy tắc áp dụng", m.rules_name.clone()));
    if let (Some(seats), Some(label)) = (m.seats, words.seats) {
        blocks.push(Block::field(label, seats.to_string()));
    }
    let listed: Vec<&str> = if m.candidates.is_empty() {
        m.confidence.iter().map(|r| r.name.as_str()).collect()
    } else {
        m.candidates.iter().map(String::as_str).collect()
    };
    if !listed.is_empty() {
        let names: Vec<String> = listed.iter().enumerate().map(|(i, n)| format!("{}. {n}", i + 1)).collect();
        let label = if m.round > 1 && m.kind == BallotKind::Election { "Danh sách bầu lại" } else { words.list };
        blocks.push(Block::field(label, format!("{} đồng chí\n{}", listed.len(), names.join("\n"))));
    }

    blocks.push(Block::heading("III. SỐ ỦY VIÊN VÀ SỐ PHIẾU"));
    ballots(&mut blocks, m);

    blocks.push(Block::heading("IV. KẾT QUẢ KIỂM PHIẾU"));
    match m.kind {
        BallotKind::Election => election(&mut blocks, m),
        BallotKind::Nomination => nomination(&mut blocks, m),
        BallotKind::Confidence => confidence(&mut blocks, m),
    }
    // The surplus of candidates over seats is a rule for election lists (QĐ
    // 190-QĐ/TW art. 14); a nomination or a confidence vote has no seats to
    // exceed, whatever the count reports.
    let warnings = m.result.warnings.iter().filter(|w| m.kind == BallotKind::Election || w.code != SURPLUS_WARNING);
    for w in warnings {
        blocks.push(Block::paragraph(format!("Lưu ý: {}.", w.message_vi)));
    }

    // QĐ 190-QĐ/TW art. 8: the counting committee writes and signs the minutes.
    blocks.push(Block::paragraph(
        "Biên bản kiểm phiếu này được Ban kiểm phiếu thống nhất thông qua; các thành viên Ban kiểm phiếu cùng ký tên dưới đây.",
    ));
    blocks.push(Block::signatures(
        m.counting_committee
            .iter()
            .map(|p| Signature { on_behalf: String::new(), title: p.role.to_uppercase(), name: p.name.clone() })
            .collect(),
    ));

    PartyDocument {
        issuer_parent: m.header.issuer_parent.clone(),
        issuer: m.header.issuer.clone(),
        number: String::new(),
        place_date: place_and_date(&m.header.place, year, month, day),
        kind: "BIÊN BẢN KIỂM PHIẾU".into(),
        summary,
        blocks,
        signature: None,
        recipients: Vec::new(),
        recipients_label: String::new(),
    }
}

/// The code of the count's warning that the list exceeds the seats by more than 30%.
const SURPLUS_WARNING: &str = "surplus-above-30-percent";

/// The wording that differs between the kinds of ballot.
struct Words {
    /// "kiểm phiếu {what}".
    what: &'static str,
    seats: Option<&'static str>,
    list: &'static str,
}

impl Words {
    fn of(kind: BallotKind) -> Words {
        match kind {
            BallotKind::Election => {
                Words { what: "bầu cử", seats: Some("Số lượng cần bầu"), list: "Danh sách bầu cử" }
            }
            BallotKind::Nomination => Words {
                what: "giới thiệu nhân sự",
                seats: Some("Số lượng cần giới thiệu"),
                list: "Danh sách giới thiệu",
            },
            BallotKind::Confidence => {
                Words { what: "tín nhiệm", seats: None, list: "Danh sách lấy phiếu tín nhiệm" }
            }
        }
    }
}

/// Members, then ballots: issued against returned, valid, and invalid by reason.
fn ballots(blocks: &mut Vec<Block>, m: &CountingMinutes) {
    let b = &m.result.ballots;
    blocks.push(Block::field("Tổng số ủy viên được triệu tập", m.summoned.to_string()));
    if m.excluded > 0 {
        blocks.push(Block::field("Số ủy viên không tính vào tổng số theo bộ quy tắc", m.excluded.to_string()));
    }
    blocks.push(Block::field("Số ủy viên có mặt", m.present.to_string()));
    blocks.push(Block::field("Số ủy viên vắng mặt", m.absent.to_string()));
    // An electronic poll issues no paper: what stands for the ballots issued
    // is the members the system marked as having voted.
    let electronic = m.root.is_some();
    let (issued, returned) = if electronic {
        ("Số ủy viên đã bỏ phiếu", "Số phiếu điện tử ghi nhận")
    } else {
        ("Số phiếu phát ra", "Số phiếu thu vào")
    };
    blocks.push(Block::field(issued, m.issued.to_string()));
    blocks.push(Block::field(returned, b.returned.to_string()));
    let compared = match b.returned.cmp(&m.issued) {
        std::cmp::Ordering::Equal => format!("{returned} bằng {}.", lower_first(issued)),
        std::cmp::Ordering::Less => {
            format!("{returned} ít hơn {} {} phiếu.", lower_first(issued), m.issued - b.returned)
        }
        std::cmp::Ordering::Greater => {
            format!("{returned} nhiều hơn {} {} phiếu.", lower_first(issued), b.returned - m.issued)
        }
    };
    blocks.push(Block::paragraph(compared));
    blocks.push(Block::field("Số phiếu hợp lệ", b.valid.to_string()));
    let mut invalid = b.invalid.to_string();
    // Every reason the count found, worded as the minutes write it; a code this
    // build does not know is still shown, by its code, so no ballot goes unexplained.
    let reasons: Vec<String> = b
        .invalid_reasons
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(code, n)| {
            let label = InvalidReason::ALL.iter().find(|r| r.as_str() == *code).map_or(*code, |r| r.label_vi());
            format!("- {label}: {n}")
        })
        .collect();
    if !reasons.is_empty() {
        invalid.push_str(", trong đó:\n");
        invalid.push_str(&reasons.join("\n"));
    }
    blocks.push(Block::field("Số phiếu không hợp lệ", invalid));
    if let Some(root) = &m.root {
        blocks.push(Block::field("Mã gốc Merkle đã ký của các phiếu điện tử", root.clone()));
        blocks.push(Block::paragraph(
            "Mỗi ủy viên đối chiếu biên nhận phiếu của mình với mã gốc này để biết phiếu của mình đã được kiểm.",
        ));
    }
}

fn election(blocks: &mut Vec<Block>, m: &CountingMinutes) {
    let r = &m.result;
    if m.round > 1 {
        // QĐ 190-QĐ/TW, as shared/DOMAIN.md gives it: in the new round among the
        // tied, the highest total wins and the threshold does not apply.
        blocks.push(Block::paragraph(
            "Ở lần bầu lại này, người có số phiếu cao hơn trúng cử, không cần đạt số phiếu tối thiểu.",
        ));
    } else {
        blocks.push(Block::field("Số phiếu cần để trúng cử", threshold(m)));
    }
    let verdict = |name: &str| {
        if r.elected.iter().any(|e| e == name) {
            "Trúng cử"
        } else if r.runoff.iter().any(|e| e == name) {
            "Bầu lại"
        } else {
            "Không trúng cử"
        }
    };
    blocks.push(Block::Table(Table {
        columns: vec![
            "STT".into(),
            "Họ và tên".into(),
            "Số phiếu".into(),
            format!("Tỷ lệ so với {}", r.base),
            "Kết quả".into(),
        ],
        widths: vec![2, 8, 3, 4, 5],
        rows: r
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    (i + 1).to_string(),
                    c.name.clone(),
                    c.votes.to_string(),
                    percent_text(hundredths_of(c.percent_of_base)),
                    verdict(&c.name).into(),
                ]
            })
            .collect(),
    }));

    // Điều lệ Đảng art. 12(3), QĐ 190-QĐ/TW art. 30: the elected in order of votes,
    // which `elected` already is.
    if r.elected.is_empty() {
        blocks.push(Block::paragraph("Không có đồng chí nào trúng cử ở lần bỏ phiếu này."));
    } else {
        blocks.push(Block::paragraph(match r.elected.len() {
            1 => "Đồng chí trúng cử:".to_string(),
            n => format!("Các đồng chí trúng cử ({n}), theo thứ tự số phiếu từ cao xuống thấp:"),
        }));
        for (i, name) in r.elected.iter().enumerate() {
            let line = match r.candidates.iter().find(|c| &c.name == name) {
                Some(c) => format!(
                    "{}. Đồng chí {name}: {} phiếu, đạt {}.",
                    i + 1,
                    c.votes,
                    percent_text(hundredths_of(c.percent_of_base))
                ),
                None => format!("{}. Đồng chí {name}.", i + 1),
            };
            blocks.push(Block::paragraph(line));
        }
    }
    if !r.runoff.is_empty() {
        let votes = r.candidates.iter().find(|c| c.name == r.runoff[0]).map_or(0, |c| c.votes);
        let names = join_vi(&r.runoff);
        blocks.push(Block::paragraph(format!(
            "Các đồng chí {names} cùng đạt {votes} phiếu ở vị trí cuối, nhiều hơn số chỗ còn lại ({}). Ban kiểm phiếu đề nghị bầu lại giữa các đồng chí {names}; ở lần bầu lại, người có số phiếu cao hơn trúng cử.",
            r.unfilled
        )));
    }
    if r.unfilled > 0 {
        let seats = m.seats.unwrap_or(r.elected.len() as u64 + r.unfilled);
        blocks.push(Block::field(
            "Số lượng còn thiếu",
            format!("{} (cần bầu {seats}, đã trúng cử {})", r.unfilled, r.elected.len()),
        ));
        if r.runoff.is_empty() {
            // QĐ 190-QĐ/TW, as shared/DOMAIN.md gives it: the meeting decides on further rounds.
            blocks.push(Block::paragraph("Hội nghị xem xét, quyết định việc bầu tiếp."));
        }
    }
}

/// "quá 1/2 tổng số ủy viên được triệu tập (11): 6 phiếu", from the rule set
/// when it is a built-in one; otherwise the base and the number, which are
/// always right, under the rule set's name.
fn threshold(m: &CountingMinutes) -> String {
    let r = &m.result;
    let Ok(rules) = RuleSet::by_name(&m.rules_name) else {
        return format!("theo bộ quy tắc {}, trên cơ sở {}: {} phiếu", m.rules_name, r.base, r.threshold);
    };
    let share = match rules.majority {
        Majority::MoreThanHalf => "quá 1/2",
        Majority::AtLeastTwoThirds => "ít nhất 2/3",
    };
    let of = match rules.base {
        Base::Members if m.excluded > 0 => "tổng số ủy viên được triệu tập, trừ số không tính",
        Base::Members => "tổng số ủy viên được triệu tập",
        Base::Present => "số ủy viên có mặt",
        Base::ValidBallots => "số phiếu hợp lệ",
    };
    format!("{share} {of} ({}): {} phiếu", r.base, r.threshold)
}

/// The names ranked by votes, the most first; equal votes share a rank. No
/// one is elected by a nomination ballot, so nothing here says so.
fn nomination(blocks: &mut Vec<Block>, m: &CountingMinutes) {
    let r = &m.result;
    blocks.push(Block::paragraph(format!(
        "Phiếu giới thiệu nhân sự không phải là bầu cử. Các đồng chí được xếp theo số phiếu giới thiệu, từ cao xuống thấp; tỷ lệ tính trên {}.",
        r.base
    )));
    let mut ranked: Vec<_> = r.candidates.iter().collect();
    // Stable: equal votes keep the list's order.
    ranked.sort_by_key(|c| std::cmp::Reverse(c.votes));
    let rows = ranked
        .iter()
        .map(|c| {
            let rank = 1 + ranked.iter().filter(|o| o.votes > c.votes).count();
            vec![rank.to_string(), c.name.clone(), c.votes.to_string(), percent_text(hundredths_of(c.percent_of_base))]
        })
        .collect();
    blocks.push(Block::Table(Table {
        columns: vec![
            "Thứ tự".into(),
            "Họ và tên".into(),
            "Số phiếu giới thiệu".into(),
            format!("Tỷ lệ so với {}", r.base),
        ],
        widths: vec![2, 9, 4, 4],
        rows,
    }));
}

/// Each person's count at each of the three levels of QĐ 96-QĐ/TW (2023),
/// with the percentage against the members summoned.
fn confidence(blocks: &mut Vec<Block>, m: &CountingMinutes) {
    blocks.push(Block::paragraph(format!(
        "Mỗi đồng chí được đánh giá ở một trong ba mức: “tín nhiệm cao”, “tín nhiệm”, “tín nhiệm thấp” (Quy định 96-QĐ/TW năm 2023). Tỷ lệ tính trên tổng số {} ủy viên được triệu tập.",
        m.summoned
    )));
    let cell = |n: u64| format!("{n} ({})", percent_text(share(n, m.summoned)));
    blocks.push(Block::Table(Table {
        columns: vec![
            "STT".into(),
            "Họ và tên".into(),
            "Tín nhiệm cao".into(),
            "Tín nhiệm".into(),
            "Tín nhiệm thấp".into(),
        ],
        widths: vec![2, 7, 4, 4, 4],
        rows: m
            .confidence
            .iter()
            .enumerate()
            .map(|(i, row)| {
                vec![(i + 1).to_string(), row.name.clone(), cell(row.high), cell(row.confidence), cell(row.low)]
            })
            .collect(),
    }));
}

/// The result sheet of an open vote in Party form: who could vote, how each
/// voted, and whether the motion passed and why, with lines for the chair
/// and the secretary to sign.
pub fn result_sheet(s: &ResultSheet) -> PartyDocument {
    let (year, month, day) = s.header.date;
    let r = &s.result;
    let voters = s.members.saturating_sub(s.excluded);
    let mut blocks = vec![Block::paragraph(format!(
        "Hôm nay, ngày {day:02} tháng {month:02} năm {year}, tại {place}, {plenum} đã biểu quyết về nội dung: {title}.",
        place = s.header.place,
        plenum = s.header.plenum_title,
        title = s.title,
    ))];
    blocks.push(Block::field("Hình thức biểu quyết", s.method.clone()));
    blocks.push(Block::field("Bộ quy tắc áp dụng", s.rules_name.clone()));
    blocks.push(Block::field("Tổng số ủy viên", s.members.to_string()));
    if s.excluded > 0 {
        blocks.push(Block::field("Số ủy viên không tính vào tổng số theo bộ quy tắc", s.excluded.to_string()));
    }
    blocks.push(Block::field("Số ủy viên có mặt", s.present.to_string()));
    blocks.push(Block::field("Số ủy viên vắng mặt", voters.saturating_sub(s.present).to_string()));
    let row = |label: &str, n: u64| vec![label.to_string(), n.to_string(), percent_text(share(n, r.base))];
    blocks.push(Block::Table(Table {
        columns: vec!["Ý kiến".into(), "Số ủy viên".into(), format!("Tỷ lệ so với {}", r.base)],
        widths: vec![6, 3, 4],
        rows: vec![
            row("Tán thành", s.yes),
            row("Không tán thành", s.no),
            row("Không biểu quyết", s.abstain),
            row("Không tham gia biểu quyết", s.not_voting),
        ],
    }));
    blocks.push(Block::field("Số ủy viên tán thành cần để thông qua", r.required.to_string()));
    blocks.push(Block::field("Kết quả", r.explanation_vi.clone()));
    blocks.push(Block::paragraph(if r.passed {
        "Nội dung biểu quyết được thông qua."
    } else {
        "Nội dung biểu quyết không được thông qua."
    }));
    // Left for the chair and the secretary of the meeting to sign by hand.
    blocks.push(Block::signatures(vec![
        Signature { on_behalf: String::new(), title: "CHỦ TRÌ HỘI NGHỊ".into(), name: String::new() },
        Signature { on_behalf: String::new(), title: "THƯ KÝ HỘI NGHỊ".into(), name: String::new() },
    ]));
    PartyDocument {
        issuer_parent: s.header.issuer_parent.clone(),
        issuer: s.header.issuer.clone(),
        number: String::new(),
        place_date: place_and_date(&s.header.place, year, month, day),
        kind: "KẾT QUẢ BIỂU QUYẾT".into(),
        summary: s.title.clone(),
        blocks,
        signature: None,
        recipients: Vec::new(),
        recipients_label: String::new(),
    }
}

/// `part` of `whole` in hundredths of a percent, half rounded up; none of nothing.
fn share(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        return 0;
    }
    let (part, whole) = (u128::from(part), u128::from(whole));
    ((part * 10_000 + whole / 2) / whole) as u64
}

/// A percentage the count already rounded to two decimals, in hundredths.
fn hundredths_of(percent: f64) -> u64 {
    (percent * 100.0).round().max(0.0) as u64
}

/// "54,55%": two decimals after a decimal comma, as Vietnamese writes them.
fn percent_text(hundredths: u64) -> String {
    format!("{},{:02}%", hundredths / 100, hundredths % 100)
}

/// "A", "A và B", "A, B và C".
fn join_vi(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

/// "Số phiếu phát ra" as it reads mid-sentence: "số phiếu phát ra".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_have_a_decimal_comma_and_two_decimals() {
        assert_eq!(percent_text(share(6, 11)), "54,55%");
        assert_eq!(percent_text(share(2, 3)), "66,67%");
        assert_eq!(percent_text(share(1, 8)), "12,50%");
        assert_eq!(percent_text(share(11, 11)), "100,00%");
        assert_eq!(percent_text(share(0, 0)), "0,00%");
        assert_eq!(percent_text(hundredths_of(54.55)), "54,55%");
        assert_eq!(percent_text(hundredths_of(0.29)), "0,29%");
    }

    fn committee() -> Vec<Person> {
        vec![
            Person { name: "Trần Thị Ánh".into(), role: "Trưởng ban".into() },
            Person { name: "Lê Đức Mạnh".into(), role: "Ủy viên".into() },
        ]
    }

    fn minutes(kind: BallotKind) -> CountingMinutes {
        use plenum_core::decide::{election, Ballot};
        let list: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        let ballots = vec![Ballot { crossed: Some(vec!["C".into()]), ..Ballot::default() }; 4];
        let e = election::Election {
            members: 5,
            excluded: 0,
            present: None,
            seats: 2,
            candidates: list.clone(),
            ballots,
            runoff: false,
        };
        CountingMinutes {
            header: Header { place: "Hà Nội".into(), date: (2023, 1, 6), ..Header::default() },
            kind,
            title: "Bầu".into(),
            round: 1,
            mode: "phiếu giấy".into(),
            rules_name: "party-committee".into(),
            seats: Some(2),
            candidates: list,
            counting_committee: committee(),
            summoned: 5,
            excluded: 0,
            present: 4,
            absent: 1,
            issued: 4,
            result: election::tally(&RuleSet::party_committee(), &e).unwrap(),
            confidence: Vec::new(),
            root: None,
        }
    }

    #[test]
    fn the_minutes_end_with_every_counting_committee_member_signing_under_their_role() {
        let doc = counting_minutes(&minutes(BallotKind::Election));
        assert!(doc.signature.is_none(), "signed by the counting committee, not by one person");
        let Some(Block::Signatures { signers }) = doc.blocks.last() else { panic!("signature lines last") };
        let signed: Vec<(&str, &str)> = signers.iter().map(|s| (s.title.as_str(), s.name.as_str())).collect();
        assert_eq!(signed, [("TRƯỞNG BAN", "Trần Thị Ánh"), ("ỦY VIÊN", "Lê Đức Mạnh")]);
    }

    #[test]
    fn only_an_election_speaks_of_the_elected_and_of_the_surplus() {
        let text = |kind| serde_json::to_string(&counting_minutes(&minutes(kind))).unwrap();
        // 3 for 2 seats is a surplus of 50%: the count warns, and A and B are elected.
        let election = text(BallotKind::Election);
        assert!(election.contains("Các đồng chí trúng cử (2)"), "{election}");
        assert!(election.contains("vượt quá 30%"), "{election}");
        for kind in [BallotKind::Nomination, BallotKind::Confidence] {
            let other = text(kind).to_lowercase();
            assert!(!other.contains("trúng cử") && !other.contains("vượt quá 30%"), "{kind:?}: {other}");
        }
    }

    #[test]
    fn names_join_with_a_final_va() {
        let n = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_vi(&n(&["A"])), "A");
        assert_eq!(join_vi(&n(&["A", "B"])), "A và B");
        assert_eq!(join_vi(&n(&["A", "B", "C"])), "A, B và C");
        assert_eq!(lower_first("Số phiếu phát ra"), "số phiếu phát ra");
    }
}
