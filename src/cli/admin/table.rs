//! How `admin` listings are printed: an aligned table for people, or JSON (`--json`) for
//! scripts. An empty listing says so in words, or prints `[]`.

use serde::Serialize;

/// The output format every listing honours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// A listing: its column headers and, per row, the JSON view and the table cells.
pub struct Listing<'a, T> {
    pub headers: &'a [&'a str],
    /// Printed instead of an empty table, e.g. "no users".
    pub empty: &'a str,
    pub rows: Vec<T>,
    pub cells: fn(&T) -> Vec<String>,
}

impl<T: Serialize> Listing<'_, T> {
    /// Prints the listing in `format` on standard output.
    pub fn print(&self, format: Format) -> anyhow::Result<()> {
        match format {
            Format::Json => println!("{}", serde_json::to_string_pretty(&self.rows)?),
            Format::Table if self.rows.is_empty() => println!("{}", self.empty),
            Format::Table => {
                let rows: Vec<Vec<String>> = self.rows.iter().map(self.cells).collect();
                print!("{}", render(self.headers, &rows));
            }
        }
        Ok(())
    }
}

/// Columns padded to their widest cell, two spaces apart, no trailing spaces.
fn render(headers: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    let all: Vec<&Vec<String>> = std::iter::once(&header).chain(rows).collect();
    let widths: Vec<usize> = (0..headers.len())
        .map(|column| {
            all.iter()
                .map(|row| row.get(column).map_or(0, |cell| cell.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in all {
        let mut line = String::new();
        for (column, width) in widths.iter().enumerate() {
            let cell = row.get(column).map_or("", String::as_str);
            if column > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            let pad = width.saturating_sub(cell.chars().count());
            line.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A stored millisecond timestamp as RFC 3339, e.g. `2026-05-01T12:00:00Z`.
pub fn time(millis: i64) -> String {
    crate::federation::notes::rfc3339(millis)
}

/// "yes" or "no".
pub fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn columns_align_on_the_widest_cell() {
        let rows = vec![
            vec![
                "alice".to_owned(),
                "Alice Liddell".to_owned(),
                "yes".to_owned(),
            ],
            vec!["bo".to_owned(), "Bo".to_owned(), "no".to_owned()],
        ];
        assert_eq!(
            render(&["HANDLE", "NAME", "ADMIN"], &rows),
            "HANDLE  NAME           ADMIN\nalice   Alice Liddell  yes\nbo      Bo             no\n"
        );
    }
}
