//! Browser sessions: one row per session record of the web pages, with the signed-in user and
//! the browser beside the opaque data, so that people can see their sessions and end them.

use super::{DbError, Store};

/// A session as the store keeps it.
#[derive(Debug)]
pub struct WebSessionRow<'a> {
    pub id: &'a str,
    pub user_id: Option<i64>,
    /// The session's data, JSON.
    pub data: &'a str,
    pub expires_at: i64,
    pub seen_at: i64,
    pub user_agent: &'a str,
}

/// One signed-in session of a user, for their account page.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbWebSession {
    pub id: String,
    pub created_at: i64,
    pub seen_at: i64,
    pub expires_at: i64,
    pub user_agent: String,
}

impl Store {
    /// Stores a session, new or changed.
    pub async fn save_web_session(&self, row: &WebSessionRow<'_>) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO web_sessions (id, user_id, data, expires_at, created_at, seen_at, \
             user_agent) VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT (id) DO UPDATE SET \
             user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at, \
             seen_at = excluded.seen_at, user_agent = excluded.user_agent",
        )
        .bind(row.id)
        .bind(row.user_id)
        .bind(row.data)
        .bind(row.expires_at)
        .bind(row.seen_at)
        .bind(row.user_agent)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The data and expiry of session `id`, unless it expired by `now`.
    pub async fn web_session(&self, id: &str, now: i64) -> Result<Option<(String, i64)>, DbError> {
        Ok(sqlx::query_as(
            "SELECT data, expires_at FROM web_sessions WHERE id = $1 AND expires_at > $2",
        )
        .bind(id)
        .bind(now)
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn delete_web_session(&self, id: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM web_sessions WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The live sessions of user `user_id`, most recently used first.
    pub async fn web_sessions_of(
        &self,
        user_id: i64,
        now: i64,
    ) -> Result<Vec<DbWebSession>, DbError> {
        Ok(sqlx::query_as(
            "SELECT id, created_at, seen_at, expires_at, user_agent FROM web_sessions \
             WHERE user_id = $1 AND expires_at > $2 ORDER BY seen_at DESC, id",
        )
        .bind(user_id)
        .bind(now)
        .fetch_all(self.pool())
        .await?)
    }

    /// Ends every session of user `user_id`; how many there were.
    pub async fn delete_web_sessions_of(&self, user_id: i64) -> Result<u64, DbError> {
        Ok(sqlx::query("DELETE FROM web_sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?
            .rows_affected())
    }

    /// Forgets sessions that expired by `now`; how many.
    pub async fn delete_expired_web_sessions(&self, now: i64) -> Result<u64, DbError> {
        Ok(
            sqlx::query("DELETE FROM web_sessions WHERE expires_at <= $1")
                .bind(now)
                .execute(self.pool())
                .await?
                .rows_affected(),
        )
    }
}
