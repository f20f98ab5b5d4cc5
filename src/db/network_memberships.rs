//! On a platform co-op's instance: the network registry's latest signed word about each member
//! it told us of, kept until a newer version replaces it.

use super::{DbError, Store, now_millis};

/// A membership as the registry signed it, with what we read from it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbNetworkMembership {
    pub member: String,
    pub class: String,
    pub status: String,
    pub serving: Option<String>,
    pub representative: Option<String>,
    pub version: i64,
    /// When its proof expires (ms): after that, ask the registry again.
    pub expires_at: i64,
    /// The signed document, as received.
    pub document: String,
    pub received_at: i64,
}

const COLUMNS: &str = "member, class, status, serving, representative, version, expires_at, \
                       document, received_at";

impl Store {
    /// Keeps `membership` unless a newer version of it is kept (an equal one replaces it when it
    /// lasts longer). `false` when an older or shorter-lived copy was offered.
    pub async fn keep_network_membership(
        &self,
        membership: &DbNetworkMembership,
    ) -> Result<bool, DbError> {
        let done = sqlx::query(
            "INSERT INTO network_memberships (member, class, status, serving, representative, \
             version, expires_at, document, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (member) DO UPDATE SET class = excluded.class, \
             status = excluded.status, serving = excluded.serving, \
             representative = excluded.representative, version = excluded.version, \
             expires_at = excluded.expires_at, document = excluded.document, \
             received_at = excluded.received_at \
             WHERE network_memberships.version < excluded.version \
             OR (network_memberships.version = excluded.version \
                 AND network_memberships.expires_at <= excluded.expires_at)",
        )
        .bind(&membership.member)
        .bind(&membership.class)
        .bind(&membership.status)
        .bind(&membership.serving)
        .bind(&membership.representative)
        .bind(membership.version)
        .bind(membership.expires_at)
        .bind(&membership.document)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// What the registry last said about `member`.
    pub async fn network_membership(
        &self,
        member: &str,
    ) -> Result<Option<DbNetworkMembership>, DbError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM network_memberships WHERE member = $1"
        ))
        .bind(member)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Every membership kept, by member.
    pub async fn network_memberships(&self) -> Result<Vec<DbNetworkMembership>, DbError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM network_memberships ORDER BY member"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    /// The active memberships of `own` (our instance actor) and of the members it serves whose
    /// kept proof expires before `before` (ms): to ask the registry again. The oldest word
    /// first, so one that keeps failing does not hold the others back.
    pub async fn network_memberships_expiring(
        &self,
        own: &str,
        before: i64,
        limit: i64,
    ) -> Result<Vec<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT member FROM network_memberships WHERE status = 'active' \
             AND (member = $1 OR serving = $1) AND expires_at < $2 \
             ORDER BY received_at LIMIT $3",
        )
        .bind(own)
        .bind(before)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Forgets every membership kept (when joining another registry, whose versions differ).
    pub async fn forget_network_memberships(&self) -> Result<(), DbError> {
        sqlx::query("DELETE FROM network_memberships")
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
