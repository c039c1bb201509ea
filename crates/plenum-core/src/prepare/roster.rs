//! The list of delegates summoned to a plenum (danh sách đại biểu triệu
//! tập), as the office keeps it in a spreadsheet: one row per person with
//! name, title, unit, role (ủy viên or khách mời) and discussion group.
//!
//! Reading the file into rows of text happens elsewhere; here the rows are
//! given meaning: the header row is found (in Vietnamese or English), each
//! row is checked against the plenum (its committee's members, its groups,
//! who is already summoned), and every problem is reported on its own row so
//! the office can fix the file in one pass. An import goes ahead only when
//! no row has a problem.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::text::{nfc, optional_line, required_line};
use crate::FieldErrors;

/// Longest name, title or unit, as elsewhere in the store.
pub const MAX_FIELD: usize = 200;
/// More rows than any committee summons; a larger file is surely the wrong file.
pub const MAX_ROWS: usize = 2000;
/// The header is looked for among the first rows (a sheet often starts with a title).
const HEADER_SEARCH: usize = 10;

/// Whether a delegate votes: a member of the committee (ủy viên) or an invited guest (khách mời).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelegateKind {
    Member,
    Guest,
}

impl DelegateKind {
    pub const ALL: [DelegateKind; 2] = [DelegateKind::Member, DelegateKind::Guest];

    pub fn as_str(self) -> &'static str {
        match self {
            DelegateKind::Member => "member",
            DelegateKind::Guest => "guest",
        }
    }

    pub fn parse(s: &str) -> Option<DelegateKind> {
        match s.trim() {
            "member" => Some(DelegateKind::Member),
            "guest" => Some(DelegateKind::Guest),
            _ => None,
        }
    }

    /// The role a delegate takes on their own plenum: a member takes part
    /// (speaks and votes) as a delegate, a guest stays a guest.
    pub fn role(self) -> crate::access::Role {
        match self {
            DelegateKind::Member => crate::access::Role::Delegate,
            DelegateKind::Guest => crate::access::Role::Guest,
        }
    }

    /// A role as people write it in a file: "ủy viên", "Uỷ viên BCH", "khách mời", "member", "guest"…
    pub fn from_label(label: &str) -> Option<DelegateKind> {
        const MEMBER: [&str; 6] =
            ["member", "uy vien", "uy vien bch", "uy vien ban chap hanh", "dai bieu uy vien", "committee member"];
        const GUEST: [&str; 5] = ["guest", "khach moi", "khach", "dai bieu khach moi", "invited guest"];
        let f = fold(label);
        if MEMBER.contains(&f.as_str()) {
            Some(DelegateKind::Member)
        } else if GUEST.contains(&f.as_str()) {
            Some(DelegateKind::Guest)
        } else {
            None
        }
    }
}

crate::stored_code!(DelegateKind, "delegate kind");

/// A column the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Name,
    Title,
    Unit,
    Role,
    Group,
}

impl Column {
    pub const ALL: [Column; 5] = [Column::Name, Column::Title, Column::Unit, Column::Role, Column::Group];

    /// Header spellings, folded (see [`fold`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Name => {
                &["name", "full name", "fullname", "ho va ten", "ho ten", "ten", "ho va ten dai bieu", "dai bieu"]
            }
            Column::Title => &["title", "position", "chuc vu", "chuc danh"],
            Column::Unit => {
                &["unit", "organization", "organisation", "don vi", "don vi cong tac", "co quan", "noi cong tac"]
            }
            Column::Role => &["role", "kind", "type", "vai tro", "loai", "loai dai bieu", "thanh phan"],
            Column::Group => &["group", "discussion group", "to", "to thao luan", "nhom"],
        }
    }

    pub fn from_header(cell: &str) -> Option<Column> {
        let f = fold(cell);
        Column::ALL.into_iter().find(|c| c.aliases().contains(&f.as_str()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Title => "title",
            Column::Unit => "unit",
            Column::Role => "role",
            Column::Group => "group",
        }
    }
}

/// Fold text for matching headers, roles and group names: no diacritics
/// (so "Uỷ viên" and "Ủy viên", "TỔ 1" and "to 1" agree), lower case, single
/// spaces, without `_`, `-` or trailing `:`/`*`/`.`.
pub fn fold(s: &str) -> String {
    let stripped: String = s
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            '_' | '-' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches([':', '*', '.']).trim_end().to_string()
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Key for comparing people's names (and units): case and spacing do not
/// matter, diacritics do ("Hùng" is not "Hưng"), and the two accepted
/// placements of a tone mark in a final oa, oe, uy ("Thủy"/"Thuỷ",
/// "Hòa"/"Hoà") are the same name.
pub fn name_key(s: &str) -> String {
    nfc(s)
        .to_lowercase()
        .split_whitespace()
        .map(|word| {
            // Base letters, each with its marks, in decomposed form.
            let mut letters: Vec<(char, Vec<char>)> = Vec::new();
            for c in word.nfd() {
                match letters.last_mut() {
                    Some(l) if ('\u{300}'..='\u{36f}').contains(&c) => l.1.push(c),
                    _ => letters.push((c, Vec::new())),
                }
            }
            let n = letters.len();
            if n >= 2
                && matches!((letters[n - 2].0, letters[n - 1].0), ('o', 'a') | ('o', 'e') | ('u', 'y'))
                && letters[n - 2].1.iter().all(|m| TONES.contains(m))
            {
                let tones: Vec<char> = std::mem::take(&mut letters[n - 2].1);
                if letters[n - 1].1.is_empty() {
                    letters[n - 1].1 = tones;
                } else {
                    letters[n - 2].1 = tones;
                }
            }
            letters
                .into_iter()
                .flat_map(|(b, m)| std::iter::once(b).chain(m))
                .collect::<String>()
                .nfc()
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One data row of the file, its five fields as text (NFC, trimmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterRow {
    /// The line (CSV) or row number (spreadsheet) people see.
    pub line: usize,
    pub full_name: String,
    pub title: String,
    pub unit: String,
    pub role: String,
    pub group: String,
    /// Some of the row's bytes were not valid UTF-8.
    #[serde(default)]
    pub bad_encoding: bool,
}

/// A problem with the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FileProblem {
    /// No row names the columns (no "Họ và tên"/"name" header).
    NoHeader,
    /// The header lacks a required column.
    MissingColumn(Column),
    /// A header was found but no data rows follow.
    NoRows,
    TooManyRows,
}

impl FileProblem {
    pub fn code(&self) -> &'static str {
        match self {
            FileProblem::NoHeader => "no-header",
            FileProblem::MissingColumn(_) => "missing-column",
            FileProblem::NoRows => "no-rows",
            FileProblem::TooManyRows => "too-many-rows",
        }
    }
}

/// Find the header among the first rows and read every later non-empty row.
/// `rows` are (line, cells, bad_encoding) as read from the file.
pub fn rows_from_table(rows: &[(usize, Vec<String>, bool)]) -> Result<Vec<RosterRow>, FileProblem> {
    let (at, columns) = rows
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .find_map(|(i, (_, cells, _))| {
            let cols: Vec<Option<Column>> = cells.iter().map(|c| Column::from_header(c)).collect();
            cols.contains(&Some(Column::Name)).then_some((i, cols))
        })
        .ok_or(FileProblem::NoHeader)?;
    if !columns.contains(&Some(Column::Role)) {
        return Err(FileProblem::MissingColumn(Column::Role));
    }
    let cell = |cells: &[String], col: Column| -> String {
        // The first column with this meaning wins, should a header repeat.
        columns
            .iter()
            .position(|c| *c == Some(col))
            .and_then(|i| cells.get(i))
            .map(|v| nfc(v.trim()))
            .unwrap_or_default()
    };
    let out: Vec<RosterRow> = rows[at + 1..]
        .iter()
        .filter(|(_, cells, _)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(line, cells, bad)| RosterRow {
            line: *line,
            full_name: cell(cells, Column::Name),
            title: cell(cells, Column::Title),
            unit: cell(cells, Column::Unit),
            role: cell(cells, Column::Role),
            group: cell(cells, Column::Group),
            bad_encoding: *bad,
        })
        .collect();
    match out.len() {
        0 => Err(FileProblem::NoRows),
        n if n > MAX_ROWS => Err(FileProblem::TooManyRows),
        _ => Ok(out),
    }
}

/// A committee member who may be summoned as a voting delegate.
#[derive(Debug, Clone)]
pub struct KnownMember {
    pub id: i64,
    pub full_name: String,
    pub unit: String,
}

/// Someone already summoned to the plenum.
#[derive(Debug, Clone)]
pub struct Summoned {
    pub member_id: Option<i64>,
    pub full_name: String,
    pub unit: String,
}

/// What rows are checked against: the plenum as it is now.
#[derive(Debug, Clone, Default)]
pub struct RosterContext {
    /// Discussion groups: (id, name).
    pub groups: Vec<(i64, String)>,
    pub members: Vec<KnownMember>,
    pub summoned: Vec<Summoned>,
}

/// One problem on one row. `code` names a catalog message (`import-error-{code}`);
/// `detail` is the value or line it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub code: &'static str,
    pub detail: String,
}

impl RowProblem {
    fn new(code: &'static str, detail: impl Into<String>) -> RowProblem {
        RowProblem { code, detail: detail.into() }
    }
}

/// A row with what it resolved to, and its problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckedRow {
    pub row: RosterRow,
    pub kind: Option<DelegateKind>,
    pub member_id: Option<i64>,
    pub group_id: Option<i64>,
    pub problems: Vec<RowProblem>,
}

/// Which group a cell names: its name ("Tổ 1", "to 1"), or just its number ("1").
pub fn match_group(groups: &[(i64, String)], cell: &str) -> Option<i64> {
    let f = fold(cell);
    if f.is_empty() {
        return None;
    }
    groups
        .iter()
        .find(|(_, name)| fold(name) == f)
        .or_else(|| {
            f.chars()
                .all(|c| c.is_ascii_digit())
                .then(|| groups.iter().find(|(_, name)| fold(name).rsplit(' ').next() == Some(f.as_str())))
                .flatten()
        })
        .map(|(id, _)| *id)
}

/// Check every row against the plenum; each row carries all its own problems.
pub fn check_rows(rows: &[RosterRow], ctx: &RosterContext) -> Vec<CheckedRow> {
    let person = |name: &str, unit: &str| (name_key(name), name_key(unit));
    let mut seen_people: Vec<((String, String), usize)> = Vec::new();
    let mut seen_members: Vec<(i64, usize)> = Vec::new();
    rows.iter()
        .map(|row| {
            let mut problems = Vec::new();
            if row.bad_encoding {
                problems.push(RowProblem::new("bad-encoding", ""));
            }
            let mut fe = FieldErrors::default();
            let name = required_line(&mut fe, "full_name", &row.full_name, MAX_FIELD);
            optional_line(&mut fe, "title", Some(&row.title), MAX_FIELD);
            optional_line(&mut fe, "unit", Some(&row.unit), MAX_FIELD);
            for e in fe.0 {
                problems.push(match e.code {
                    "required" => RowProblem::new("missing-name", ""),
                    code => {
                        RowProblem::new(if code == "too-long" { "too-long" } else { "invalid-characters" }, e.field)
                    }
                });
            }
            let kind = if row.role.is_empty() {
                problems.push(RowProblem::new("missing-role", ""));
                None
            } else {
                let k = DelegateKind::from_label(&row.role);
                if k.is_none() {
                    problems.push(RowProblem::new("unknown-role", row.role.clone()));
                }
                k
            };
            let group_id = match_group(&ctx.groups, &row.group);
            if group_id.is_none() && !row.group.is_empty() {
                problems.push(RowProblem::new("unknown-group", row.group.clone()));
            }
            let mut member_id = None;
            if kind == Some(DelegateKind::Member) && !name.is_empty() {
                let by_name: Vec<&KnownMember> =
                    ctx.members.iter().filter(|m| name_key(&m.full_name) == name_key(&name)).collect();
                let chosen: Vec<&KnownMember> = if by_name.len() > 1 {
                    by_name.iter().copied().filter(|m| name_key(&m.unit) == name_key(&row.unit)).collect()
                } else {
                    by_name.clone()
                };
                match chosen.as_slice() {
                    [m] => member_id = Some(m.id),
                    [] if by_name.is_empty() => problems.push(RowProblem::new("not-a-member", name.clone())),
                    _ => problems.push(RowProblem::new("ambiguous-member", name.clone())),
                }
            }
            if !name.is_empty() {
                let key = person(&name, &row.unit);
                let earlier =
                    seen_people.iter().find(|(k, _)| *k == key).map(|(_, l)| *l).or_else(|| {
                        member_id.and_then(|m| seen_members.iter().find(|(id, _)| *id == m).map(|(_, l)| *l))
                    });
                if let Some(first) = earlier {
                    problems.push(RowProblem::new("duplicate", first.to_string()));
                } else {
                    seen_people.push((key.clone(), row.line));
                    if let Some(m) = member_id {
                        seen_members.push((m, row.line));
                    }
                }
                let already = match member_id {
                    Some(m) => ctx.summoned.iter().any(|s| s.member_id == Some(m)),
                    None => {
                        kind == Some(DelegateKind::Guest)
                            && ctx
                                .summoned
                                .iter()
                                .any(|s| s.member_id.is_none() && person(&s.full_name, &s.unit) == key)
                    }
                };
                if already {
                    problems.push(RowProblem::new("already-summoned", ""));
                }
            }
            CheckedRow { row: row.clone(), kind, member_id, group_id, problems }
        })
        .collect()
}

/// An import may go ahead: there are rows, and none has a problem.
pub fn importable(rows: &[CheckedRow]) -> bool {
    !rows.is_empty() && rows.iter().all(|r| r.problems.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn table(rows: &[&[&str]]) -> Vec<(usize, Vec<String>, bool)> {
        rows.iter().enumerate().map(|(i, r)| (i + 1, r.iter().map(|c| c.to_string()).collect(), false)).collect()
    }

    fn ctx() -> RosterContext {
        RosterContext {
            groups: vec![(10, "Tổ 1".into()), (11, "Tổ 2".into())],
            members: vec![
                KnownMember { id: 1, full_name: "Nguyễn Thị Thủy".into(), unit: "Thành ủy".into() },
                KnownMember { id: 2, full_name: "Lê Văn Hòa".into(), unit: "Quận Ba Đình".into() },
                KnownMember { id: 3, full_name: "Trần Văn Nam".into(), unit: "Quận Hoàn Kiếm".into() },
                KnownMember { id: 4, full_name: "Trần Văn Nam".into(), unit: "Huyện Sóc Sơn".into() },
            ],
            summoned: vec![Summoned {
                member_id: Some(2),
                full_name: "Lê Văn Hòa".into(),
                unit: "Quận Ba Đình".into(),
            }],
        }
    }

    fn row(line: usize, name: &str, unit: &str, role: &str, group: &str) -> RosterRow {
        RosterRow {
            line,
            full_name: name.into(),
            title: String::new(),
            unit: unit.into(),
            role: role.into(),
            group: group.into(),
            bad_encoding: false,
        }
    }

    fn codes(c: &CheckedRow) -> Vec<&'static str> {
        c.problems.iter().map(|p| p.code).collect()
    }

    #[test]
    fn vietnamese_header_below_a_title_row_in_any_order() {
        let t = table(&[
            &["DANH SÁCH ĐẠI BIỂU TRIỆU TẬP", "", ""],
            &[],
            &["STT", "Tổ", "HỌ VÀ TÊN", "Chức vụ", "Đơn vị công tác", "Vai trò", "Ghi chú"],
            &["1", "Tổ 1", "  Nguye\u{302}\u{303}n Văn An ", "Bí thư", "Quận Đống Đa", "Ủy viên", "x"],
            &["", "", "", "", "", "", ""],
            &["2", "", "Phạm Thu Hà", "", "Báo Hà Nội mới", "khách mời"],
        ]);
        let rows = rows_from_table(&t).unwrap();
        assert_eq!(rows.len(), 2, "empty rows are skipped");
        assert_eq!(
            rows[0],
            RosterRow {
                line: 4,
                full_name: "Nguyễn Văn An".into(),
                title: "Bí thư".into(),
                unit: "Quận Đống Đa".into(),
                role: "Ủy viên".into(),
                group: "Tổ 1".into(),
                bad_encoding: false
            }
        );
        assert_eq!(rows[1].line, 6);
        assert_eq!(rows[1].group, "", "a short row lacks the last cells");
    }

    #[test]
    fn english_headers_and_file_problems() {
        assert!(rows_from_table(&table(&[&["name", "title", "unit", "role", "group"], &["A", "", "", "guest", ""]]))
            .is_ok());
        assert_eq!(rows_from_table(&table(&[&["Nguyễn Văn A", "Quận 1"]])), Err(FileProblem::NoHeader));
        assert_eq!(
            rows_from_table(&table(&[&["Họ và tên", "Đơn vị"], &["A", "B"]])),
            Err(FileProblem::MissingColumn(Column::Role))
        );
        assert_eq!(rows_from_table(&table(&[&["Họ và tên", "Vai trò"], &["", ""]])), Err(FileProblem::NoRows));
    }

    #[test]
    fn roles_in_both_languages_and_both_spellings() {
        for m in ["ủy viên", "Uỷ viên", "ỦY VIÊN BCH", "member", "Ủy viên Ban Chấp hành"] {
            assert_eq!(DelegateKind::from_label(m), Some(DelegateKind::Member), "{m}");
        }
        for g in ["khách mời", "Khách Mời", "guest", "Đại biểu khách mời"] {
            assert_eq!(DelegateKind::from_label(g), Some(DelegateKind::Guest), "{g}");
        }
        assert_eq!(DelegateKind::from_label("thư ký"), None);
    }

    #[test]
    fn tone_placement_and_case_do_not_make_another_person() {
        assert_eq!(name_key("Nguyễn Thị Thuỷ"), name_key("nguyễn  thị THỦY"));
        assert_eq!(name_key("Lê Văn Hoà"), name_key("Lê Văn Hòa"));
        assert_eq!(name_key("Khoẻ"), name_key("Khỏe"));
        assert_ne!(name_key("Nguyễn Văn Hùng"), name_key("Nguyễn Văn Hưng"), "diacritics matter in names");
        assert_eq!(name_key("Hoàng"), "hoàng");
    }

    #[test]
    fn each_row_carries_its_own_problems() {
        let rows = vec![
            row(2, "Nguyễn Thị Thuỷ", "Thành ủy", "uỷ viên", "to 1"),
            row(3, "", "X", "khách mời", ""),
            row(4, "Phạm Văn B", "Y", "thư ký", "Tổ 9"),
            row(5, "nguyễn thị thủy", "thành ủy", "Ủy viên", "1"),
            row(6, "Lê Văn Hoà", "Quận Ba Đình", "ủy viên", "2"),
            row(7, "Người Ngoài", "Z", "ủy viên", ""),
            row(8, "Trần Văn Nam", "Huyện Sóc Sơn", "ủy viên", ""),
            row(9, "Trần Văn Nam", "", "ủy viên", ""),
            row(10, "Khách Một", "Báo", "khách mời", "Tổ 2"),
        ];
        let mut r = rows.clone();
        r[8].bad_encoding = true;
        let c = check_rows(&r, &ctx());
        assert_eq!((codes(&c[0]), c[0].member_id, c[0].group_id), (vec![], Some(1), Some(10)));
        assert_eq!(codes(&c[1]), vec!["missing-name"]);
        assert_eq!(codes(&c[2]), vec!["unknown-role", "unknown-group"]);
        assert_eq!(c[2].problems[1].detail, "Tổ 9");
        assert_eq!(codes(&c[3]), vec!["duplicate"], "same person, other spelling");
        assert_eq!(c[3].problems[0].detail, "2");
        assert_eq!(codes(&c[4]), vec!["already-summoned"]);
        assert_eq!(codes(&c[5]), vec!["not-a-member"]);
        assert_eq!((codes(&c[6]), c[6].member_id), (vec![], Some(4)), "a shared name is told apart by unit");
        assert_eq!(codes(&c[7]), vec!["ambiguous-member"]);
        assert_eq!(
            (codes(&c[8]), c[8].kind, c[8].group_id),
            (vec!["bad-encoding"], Some(DelegateKind::Guest), Some(11))
        );
        assert!(!importable(&c));
        assert!(importable(&check_rows(&[rows[0].clone(), rows[8].clone()], &ctx())));
        assert!(!importable(&[]), "nothing to import");
    }

    #[test]
    fn overlong_and_control_characters_name_their_field() {
        let mut r = row(2, "A", "Đơn vị", "khách mời", "");
        r.title = "x".repeat(MAX_FIELD + 1);
        r.unit = "a\u{7}b".into();
        let c = check_rows(&[r], &ctx());
        assert_eq!(
            c[0].problems,
            vec![RowProblem::new("too-long", "title"), RowProblem::new("invalid-characters", "unit")]
        );
    }

    fn arb_name() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!["Nguyễn", "Trần", "Lê", "Thị", "Văn", "Hòa", "Thủy", "An", "Hùng", "Hưng"]),
            2..4,
        )
        .prop_map(|w| w.join(" "))
    }

    proptest! {
        /// Reading a well-formed table gives back exactly its rows, whatever the
        /// column order and header spelling, and guests with distinct names all pass.
        #[test]
        fn well_formed_tables_round_trip(
            names in proptest::collection::btree_set(arb_name(), 1..12),
            order in Just(vec![0usize, 1, 2, 3, 4]).prop_shuffle(),
            vi in any::<bool>(),
        ) {
            let headers = if vi { ["Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Tổ"] } else { ["name", "title", "unit", "role", "group"] };
            let mut t = vec![(1, order.iter().map(|&i| headers[i].to_string()).collect::<Vec<_>>(), false)];
            let names: Vec<String> = names.into_iter().collect();
            for (i, n) in names.iter().enumerate() {
                let fields = [n.clone(), "Phó Bí thư".into(), format!("Đơn vị {i}"), "khách mời".into(), "Tổ 2".into()];
                t.push((i + 2, order.iter().map(|&k| fields[k].clone()).collect(), false));
            }
            let rows = rows_from_table(&t).unwrap();
            prop_assert_eq!(rows.len(), names.len());
            for (r, n) in rows.iter().zip(&names) {
                prop_assert_eq!(&r.full_name, n);
                prop_assert_eq!(r.group.as_str(), "Tổ 2");
            }
            let checked = check_rows(&rows, &ctx());
            prop_assert!(importable(&checked), "{:?}", checked.iter().flat_map(|c| c.problems.clone()).collect::<Vec<_>>());
        }

        /// A repeated row is always reported, on the later line, naming the first.
        #[test]
        fn a_repeated_row_is_always_caught(names in proptest::collection::vec(arb_name(), 1..10), dup in any::<prop::sample::Index>()) {
            let mut rows: Vec<RosterRow> = names.iter().enumerate().map(|(i, n)| row(i + 2, n, &format!("Đơn vị {i}"), "khách mời", "")).collect();
            let source = rows[dup.index(rows.len())].clone();
            rows.push(RosterRow { line: 99, ..source.clone() });
            let checked = check_rows(&rows, &ctx());
            let last = checked.last().unwrap();
            prop_assert!(last.problems.iter().any(|p| p.code == "duplicate" && p.detail == source.line.to_string()));
            prop_assert!(!importable(&checked));
        }

        #[test]
        fn name_key_is_idempotent(s in "\\PC{0,30}") {
            let k = name_key(&s);
            prop_assert_eq!(name_key(&k), k);
        }
    }
}
