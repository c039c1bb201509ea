//! Splitting decoded CSV text into rows of cells, as spreadsheets write it
//! (RFC 4180): cells quoted with `"`, a quote doubled inside, line breaks
//! allowed inside a quoted cell. What spreadsheets never write is refused
//! instead of guessed at: a quote left open would swallow the rows after it
//! into one cell, so it is an error on the row where it was opened.

use super::sheet::{Limits, SheetError};

/// One row: the line it starts on (as a text editor numbers lines) and its cells.
pub(crate) type Row = (usize, Vec<String>);

/// Lines the separator is counted over: the header is among them.
const DELIMITER_LINES: usize = 10;

/// The separator of the first lines: comma, semicolon (Excel set up for a
/// decimal comma, as in Vietnam) or tab (Excel's "Unicode text"), whichever
/// occurs most outside quoted cells. Counting over several lines keeps a
/// title line ("Hà Nội, ngày 5 tháng 12") from deciding for a whole file.
pub(crate) fn delimiter(text: &str) -> char {
    let mut counts = [0usize; 3];
    let (mut quoted, mut lines) = (false, 0);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                lines += 1;
                if lines == DELIMITER_LINES {
                    break;
                }
            }
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts {
        [c, s, t] if s > c && s >= t => ';',
        [c, _, t] if t > c => '\t',
        _ => ',',
    }
}

/// The rows of `text`, within `limits` (rows, columns, cell size, time).
pub(crate) fn rows(text: &str, delimiter: char, limits: &Limits) -> Result<Vec<Row>, SheetError> {
    let mut chars = text.chars().peekable();
    let mut rows = Vec::new();
    let mut line = 1;
    while chars.peek().is_some() {
        if limits.deadline.passed() {
            return Err(SheetError::TooSlow);
        }
        if rows.len() == limits.rows {
            return Err(SheetError::TooManyRows { max: limits.rows });
        }
        let start = line;
        let mut cells = Vec::new();
        loop {
            if cells.len() == limits.columns {
                return Err(SheetError::TooManyColumns { max: limits.columns });
            }
            let mut cell = String::new();
            if chars.next_if_eq(&'"').is_some() {
                let opened = line;
                loop {
                    match chars.next() {
                        None => return Err(SheetError::UnclosedQuote { line: opened }),
                        Some('"') if chars.next_if_eq(&'"').is_some() => cell.push('"'),
                        Some('"') => break,
                        Some(c) => {
                            line += usize::from(c == '\n');
                            cell.push(c);
                        }
                    }
                    if cell.len() > limits.cell_bytes {
                        return Err(SheetError::CellTooLong { max: limits.cell_bytes });
                    }
                }
                // A closing quote ends the cell. Text after it means the quote
                // that closed was really the next cell's opening one.
                if chars.peek().is_some_and(|c| *c != delimiter && *c != '\r' && *c != '\n') {
                    return Err(SheetError::UnclosedQuote { line: opened });
                }
            } else {
                while let Some(c) = chars.next_if(|c| *c != delimiter && *c != '\r' && *c != '\n') {
                    cell.push(c);
                }
                if cell.len() > limits.cell_bytes {
                    return Err(SheetError::CellTooLong { max: limits.cell_bytes });
                }
            }
            cells.push(cell);
            match chars.next() {
                Some(c) if c == delimiter => {}
                Some('\r') => {
                    chars.next_if_eq(&'\n');
                    line += 1;
                    break;
                }
                Some(_) => {
                    line += 1;
                    break;
                }
                None => break,
            }
        }
        rows.push((start, cells));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(text: &str) -> Result<Vec<Row>, SheetError> {
        rows(text, delimiter(text), &Limits::default())
    }

    fn row(line: usize, cells: &[&str]) -> Row {
        (line, cells.iter().map(|c| c.to_string()).collect())
    }

    #[test]
    fn quoted_cells_may_hold_separators_quotes_and_line_breaks() {
        let text = "Họ và tên,Ghi chú\r\n\"Lê Văn A\",\"Quận 1, \"\"Hà Nội\"\"\nphòng 2\"\r\nTrần B,\r\n";
        assert_eq!(
            split(text).unwrap(),
            vec![
                row(1, &["Họ và tên", "Ghi chú"]),
                row(2, &["Lê Văn A", "Quận 1, \"Hà Nội\"\nphòng 2"]),
                row(4, &["Trần B", ""])
            ]
        );
    }

    #[test]
    fn the_separator_is_the_one_used_most_over_the_first_lines() {
        assert_eq!(delimiter("Hà Nội, ngày 5 tháng 12;;\nHọ và tên;Đơn vị;Tổ\nA;B;C\n"), ';');
        assert_eq!(delimiter("Họ và tên\tĐơn vị\tTổ\n"), '\t');
        assert_eq!(delimiter("Họ và tên,Đơn vị\n\"A; B\",C\n"), ',');
        assert_eq!(delimiter("Họ và tên\n"), ',');
    }

    #[test]
    fn an_unclosed_quote_is_an_error_on_the_row_where_it_opens() {
        // Left open to the end of the file.
        let text = "Họ và tên,Vai trò\nTrần B,ủy viên\n\"Lê Văn A,ủy viên\nPhạm C,khách mời\n";
        assert_eq!(split(text), Err(SheetError::UnclosedQuote { line: 3 }));
        // Left open until the next quoted cell, which it would have swallowed.
        let text = "Họ và tên,Vai trò\n\"Lê Văn A,ủy viên\nPhạm C,\"khách mời\"\n";
        assert_eq!(split(text), Err(SheetError::UnclosedQuote { line: 2 }));
    }

    #[test]
    fn bounds_are_checked_as_rows_are_split() {
        let small = Limits { rows: 2, columns: 2, cell_bytes: 8, ..Limits::default() };
        assert_eq!(rows("a\nb\nc\n", ',', &small), Err(SheetError::TooManyRows { max: 2 }));
        assert_eq!(rows("a,b,c\n", ',', &small), Err(SheetError::TooManyColumns { max: 2 }));
        assert_eq!(rows("123456789\n", ',', &small), Err(SheetError::CellTooLong { max: 8 }));
        assert_eq!(rows("\"123456789\"\n", ',', &small), Err(SheetError::CellTooLong { max: 8 }));
        assert!(rows("a,b\nc,d\n", ',', &small).is_ok());
    }

    proptest! {
        /// Whatever cells a CSV writer produces, with any of the three
        /// separators, are read back as written, each row on its own line.
        #[test]
        fn written_rows_read_back(
            rows_in in proptest::collection::vec(proptest::collection::vec("[^\u{0}\r\n]{0,12}", 3), 1..8),
            sep in prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
        ) {
            let mut w = csv::WriterBuilder::new().delimiter(sep).quote_style(csv::QuoteStyle::Always).from_writer(Vec::new());
            for r in &rows_in {
                w.write_record(r).unwrap();
            }
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            let read = rows(&text, sep as char, &Limits::default()).unwrap();
            prop_assert_eq!(read.iter().map(|r| r.0).collect::<Vec<_>>(), (1..=rows_in.len()).collect::<Vec<_>>());
            prop_assert_eq!(read.into_iter().map(|r| r.1).collect::<Vec<_>>(), rows_in);
        }

        /// Removing the closing quote of any one quoted cell is an error on its row, never a merge.
        #[test]
        fn a_dropped_closing_quote_is_never_a_merge(
            rows_in in proptest::collection::vec(proptest::collection::vec("[a-zA-Zàễơư ]{1,8}", 3), 2..6),
            pick in any::<proptest::sample::Index>(),
        ) {
            let mut w = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_writer(Vec::new());
            for r in &rows_in {
                w.write_record(r).unwrap();
            }
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            // Every cell is quoted; the closing quotes are the 2nd, 4th… quote.
            let closing: Vec<usize> = text.match_indices('"').map(|(i, _)| i).skip(1).step_by(2).collect();
            let at = closing[pick.index(closing.len())];
            let line = text[..at].matches('\n').count() + 1;
            let broken = format!("{}{}", &text[..at], &text[at + 1..]);
            prop_assert_eq!(rows(&broken, ',', &Limits::default()), Err(SheetError::UnclosedQuote { line }));
        }
    }
}
