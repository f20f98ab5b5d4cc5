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
    /// Stores a new session; false when its id is taken already.
    pub async fn insert_web_session(&self, row: &WebSessionRow<'_>) -> Result<bool, DbError> {
        let done = sqlx::query(
            "INSERT INTO web_sessions (id, user_id, data, expires_at, created_at, seen_at, \
             user_agent) VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT (id) DO NOTHING",
        )
        .bind(row.id)
        .bind(row.user_id)
        .bind(row.data)
        .bind(row.expires_at)
        .bind(row.seen_at)
        .bind(row.user_agent)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Stores a changed session; a session deleted meanwhile (signed out everywhere) stays
    /// deleted.
    pub async fn update_web_session(&self, row: &WebSessionRow<'_>) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE web_sessions SET user_id = $2, data = $3, expires_at = $4, seen_at = $5, \
             user_agent = $6 WHERE id = $1",
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
