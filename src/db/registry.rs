//! The membership registry's log and the member list beside it (see `domain::registry_log`).
//! An entry and the member row it changes are written in one transaction; two writers racing for
//! the same number make one of them fail with `Conflict`, to try again on the new last entry.

use super::{DbError, Store};
use crate::domain::registry_log::{Change, Entry, Membership, Status};

#[derive(sqlx::FromRow)]
pub(super) struct EntryRow {
    seq: i64,
    at: i64,
    author: String,
    change: String,
    class: Option<String>,
    member: String,
    previous: String,
    reason: String,
    representative: Option<String>,
    serving: Option<String>,
}

impl TryFrom<EntryRow> for Entry {
    type Error = DbError;

    fn try_from(row: EntryRow) -> Result<Self, DbError> {
        Ok(Self {
            change: Change::parse(&row.change)
                .ok_or_else(|| DbError::Corrupt(format!("registry change '{}'", row.change)))?,
            seq: row.seq,
            at: row.at,
            author: row.author,
            class: row.class,
            member: row.member,
            previous: row.previous,
            reason: row.reason,
            representative: row.representative,
            serving: row.serving,
        })
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    member: String,
    class: String,
    status: String,
    serving: Option<String>,
    representative: Option<String>,
    since: Option<i64>,
    until: Option<i64>,
    version: i64,
}

impl TryFrom<MemberRow> for Membership {
    type Error = DbError;

    fn try_from(row: MemberRow) -> Result<Self, DbError> {
        let status: Status = serde_json::from_value(serde_json::Value::String(row.status.clone()))
            .map_err(|_| DbError::Corrupt(format!("registry status '{}'", row.status)))?;
        Ok(Self {
            member: row.member,
            class: row.class,
            status,
            serving: row.serving,
            representative: row.representative,
            since: row.since,
            until: row.until,
            version: row.version,
        })
    }
}

/// A class of members and its weight in votes.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbRegistryClass {
    pub name: String,
    pub label: String,
    pub weight: i32,
}

pub(super) const ENTRY_COLUMNS: &str =
    "seq, at, author, change, class, member, previous, reason, representative, serving";
const MEMBER_COLUMNS: &str =
    "member, class, status, serving, representative, since, until, version";

impl Store {
    /// Up to `limit` entries after number `after`, in order.
    pub async fn registry_entries(&self, after: i64, limit: i64) -> Result<Vec<Entry>, DbError> {
        let rows: Vec<EntryRow> = sqlx::query_as(&format!(
            "SELECT {ENTRY_COLUMNS} FROM registry_log WHERE seq > $1 ORDER BY seq LIMIT $2"
        ))
        .bind(after)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Entry::try_from).collect()
    }

    /// The last entry, if there is one.
    pub async fn last_registry_entry(&self) -> Result<Option<Entry>, DbError> {
        let row: Option<EntryRow> = sqlx::query_as(&format!(
            "SELECT {ENTRY_COLUMNS} FROM registry_log ORDER BY seq DESC LIMIT 1"
        ))
        .fetch_optional(self.pool())
        .await?;
        row.map(Entry::try_from).transpose()
    }

    /// The hash each entry was stored with, in order.
    pub async fn registry_stored_hashes(&self) -> Result<Vec<String>, DbError> {
        Ok(
            sqlx::query_scalar("SELECT hash FROM registry_log ORDER BY seq")
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// How many entries the log holds.
    pub async fn registry_entry_count(&self) -> Result<i64, DbError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM registry_log")
            .fetch_one(self.pool())
            .await?)
    }

    /// The member `member` as the log says now.
    pub async fn registry_member(&self, member: &str) -> Result<Option<Membership>, DbError> {
        let row: Option<MemberRow> = sqlx::query_as(&format!(
            "SELECT {MEMBER_COLUMNS} FROM registry_members WHERE member = $1"
        ))
        .bind(member)
        .fetch_optional(self.pool())
        .await?;
        row.map(Membership::try_from).transpose()
    }

    /// Every member the log knows now, by actor id.
    pub async fn registry_members(&self) -> Result<Vec<Membership>, DbError> {
        let rows: Vec<MemberRow> = sqlx::query_as(&format!(
            "SELECT {MEMBER_COLUMNS} FROM registry_members ORDER BY member"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Membership::try_from).collect()
    }

    /// The active members of `class`, by actor id.
    pub async fn active_registry_members_of(&self, class: &str) -> Result<Vec<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT member FROM registry_members WHERE status = 'active' AND class = $1 \
             ORDER BY member",
        )
        .bind(class)
        .fetch_all(self.pool())
        .await?)
    }

    /// The classes of members.
    pub async fn registry_classes(&self) -> Result<Vec<DbRegistryClass>, DbError> {
        Ok(
            sqlx::query_as("SELECT name, label, weight FROM registry_classes ORDER BY name")
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// Adds class `name`, or changes its label and weight.
    pub async fn set_registry_class(&self, class: &DbRegistryClass) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO registry_classes (name, label, weight) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET label = excluded.label, weight = excluded.weight",
        )
        .bind(&class.name)
        .bind(&class.label)
        .bind(class.weight)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Appends `entry` (its number must be the next one) and stores `membership`, what it makes
    /// of its member, in one transaction.
    pub async fn append_registry_entry(
        &self,
        entry: &Entry,
        membership: &Membership,
        notice: Option<&super::Reply<'_>>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        insert_entry(&mut tx, "registry_log", entry, "registry entry number").await?;
        sqlx::query(
            "INSERT INTO registry_members (member, class, status, serving, representative, since, \
             until, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (member) DO UPDATE SET class = excluded.class, status = excluded.status, \
             serving = excluded.serving, representative = excluded.representative, \
             since = excluded.since, until = excluded.until, version = excluded.version",
        )
        .bind(&membership.member)
        .bind(&membership.class)
        .bind(membership.status.as_str())
        .bind(&membership.serving)
        .bind(&membership.representative)
        .bind(membership.since)
        .bind(membership.until)
        .bind(membership.version)
        .execute(&mut *tx)
        .await?;
        if let Some(notice) = notice {
            super::deliveries::enqueue_in(&mut tx, &notice.activity, &notice.recipients).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Inserts `entry` into `table`: the registry's own log (`registry_log`) or a platform co-op's
/// copy of it (`network_log`), which hold the same columns; a number already there is a
/// `Conflict` about `what`.
pub(super) async fn insert_entry(
    tx: &mut super::WriteTx,
    table: &'static str,
    entry: &Entry,
    what: &'static str,
) -> Result<(), DbError> {
    sqlx::query(&format!(
        "INSERT INTO {table} (seq, at, author, change, class, member, previous, reason, \
         representative, serving, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    ))
    .bind(entry.seq)
    .bind(entry.at)
    .bind(&entry.author)
    .bind(entry.change.as_str())
    .bind(&entry.class)
    .bind(&entry.member)
    .bind(&entry.previous)
    .bind(&entry.reason)
    .bind(&entry.representative)
    .bind(&entry.serving)
    .bind(entry.hash())
    .execute(&mut **tx)
    .await
    .map_err(DbError::conflict_on(what))?;
    Ok(())
}
