//! Single-use links administrators hand out: an invitation to sign up, or a reset of one
//! person's password; and approving accounts that wait for it.

use super::{DbError, Store, now_millis};

/// What a link does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Invitation,
    Reset,
}

impl LinkKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Invitation => "invitation",
            Self::Reset => "reset",
        }
    }
}

impl Store {
    /// Keeps a new link (by the hash of its secret).
    pub async fn insert_account_link(
        &self,
        token_hash: &str,
        kind: LinkKind,
        user_id: Option<i64>,
        created_by: i64,
        expires_at: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO account_links (token_hash, kind, user_id, created_by, created_at, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(kind.as_str())
        .bind(user_id)
        .bind(created_by)
        .bind(now_millis())
        .bind(expires_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Uses the link `token_hash` of `kind` once, if it is unused and unexpired at `now`: its
    /// user (for a reset), or `Some(None)` for an invitation; `None` when it cannot be used.
    pub async fn use_account_link(
        &self,
        token_hash: &str,
        kind: LinkKind,
        now: i64,
    ) -> Result<Option<Option<i64>>, DbError> {
        let used: Option<Option<i64>> = sqlx::query_scalar(
            "UPDATE account_links SET used_at = $1 WHERE token_hash = $2 AND kind = $3 \
             AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash)
        .bind(kind.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(used)
    }

    /// Whether the link `token_hash` of `kind` could be used at `now` (for showing its form).
    pub async fn account_link_usable(
        &self,
        token_hash: &str,
        kind: LinkKind,
        now: i64,
    ) -> Result<bool, DbError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM account_links WHERE token_hash = $1 AND kind = $2 \
             AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash)
        .bind(kind.as_str())
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Replaces the password hash of user `user_id`.
    pub async fn set_password_hash(&self, user_id: i64, hash: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Marks a new account as waiting for an administrator's approval (and disabled meanwhile).
    pub async fn set_awaiting_approval(&self, user_id: i64) -> Result<(), DbError> {
        sqlx::query("UPDATE users SET awaiting_approval = 1, disabled_at = $1 WHERE id = $2")
            .bind(now_millis())
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Approves a waiting account; false when it was not waiting.
    pub async fn approve_user(&self, user_id: i64) -> Result<bool, DbError> {
        let done = sqlx::query(
            "UPDATE users SET awaiting_approval = 0, disabled_at = NULL \
             WHERE id = $1 AND awaiting_approval = 1",
        )
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
