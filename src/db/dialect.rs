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
