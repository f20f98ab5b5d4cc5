//! The SQL that differs between SQLite and PostgreSQL, kept in one place.

use crate::config::Backend;

/// The locking clause of a queue's claim subquery. PostgreSQL: rows another process has locked
/// are skipped, so several `solidarity serve` processes claim disjoint rows. SQLite serialises
/// writers, so the single `UPDATE ... WHERE id IN (SELECT ...)` statement is already atomic.
/// `table` names the alias whose rows are locked (PostgreSQL cannot lock the nullable side of an
/// outer join, so joined tables must be left out).
pub(super) fn skip_locked(backend: Backend, table: &str) -> String {
    match backend {
        Backend::Sqlite => String::new(),
        Backend::Postgres => format!(" FOR UPDATE OF {table} SKIP LOCKED"),
    }
}

/// The clause that keeps a row from changing until the transaction ends while others still read
/// it. PostgreSQL: `FOR SHARE`. SQLite: nothing (a write transaction already excludes writers).
pub(super) fn for_share(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " FOR SHARE",
    }
}

/// How a write transaction starts. SQLite: `BEGIN IMMEDIATE` takes the write lock up front, so
/// concurrent writers wait for each other under the busy timeout instead of failing at once when
/// a read lock cannot be upgraded (SQLITE_BUSY_SNAPSHOT). PostgreSQL: a plain `BEGIN`.
pub(super) fn begin_write(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    }
}

/// At most this many values in one `IN (...)` list: far below SQLite's and PostgreSQL's limits
/// on bound parameters, large enough that a page of ids is one query.
pub(super) const MAX_IN_LIST: usize = 500;

/// `$first, $first+1, ...`: `count` numbered placeholders for an `IN (...)` list (both backends
/// read `$N`).
pub(super) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `items` in runs whose lengths are powers of two, `max` (a power of two) at most: a
/// multi-row statement is then prepared in a few sizes only (sqlx keeps one prepared statement
/// per text).
pub(super) fn power_of_two_runs<T>(items: &[T], max: usize) -> Vec<&[T]> {
    let mut runs = Vec::new();
    let mut rest = items;
    while !rest.is_empty() {
        let size = max.min(1 << rest.len().ilog2());
        let (run, after) = rest.split_at(size);
        runs.push(run);
        rest = after;
    }
    runs
}

/// The rows of a multi-row `VALUES`, `rows` rows of `width` placeholders, the statement's only
/// parameters. PostgreSQL: `($1, $2), ($3, $4)`. SQLite: `(?, ?), (?, ?)`, the same parameters in
/// the same order: sqlx asks SQLite for each parameter's name, which for a named one (`$N`) is a
/// linear search, so a statement of 448 numbered parameters spent ~100,000 steps (1.6% of the
/// instance's CPU in `bench inbox`, inside the writer's turn) finding them.
pub(super) fn value_rows(backend: Backend, rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| match backend {
            Backend::Sqlite => format!("({})", vec!["?"; width].join(", ")),
            Backend::Postgres => format!("({})", placeholders(1 + row * width, width)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_powers_of_two_in_order_and_cover_everything() {
        let items: Vec<usize> = (0..203).collect();
        let runs = power_of_two_runs(&items, 64);
        let lengths: Vec<usize> = runs.iter().map(|run| run.len()).collect();
        assert_eq!(lengths, [64, 64, 64, 8, 2, 1]);
        assert_eq!(runs.concat(), items);
        assert!(power_of_two_runs::<u8>(&[], 64).is_empty());
    }

    #[test]
    fn value_rows_number_placeholders_across_rows() {
        assert_eq!(
            value_rows(Backend::Postgres, 2, 3),
            "($1, $2, $3), ($4, $5, $6)"
        );
        assert_eq!(value_rows(Backend::Sqlite, 2, 3), "(?, ?, ?), (?, ?, ?)");
    }
}
