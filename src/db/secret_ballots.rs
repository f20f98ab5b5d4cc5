//! A secret proposal's ballots, in two tables nothing joins (see migration 0019): who voted,
//! and each counted choice under its ballot token's hash, with neither a time nor a number
//! that would give away the order ballots came in.

use super::{DbError, Store};

/// One member a secret ballot is cast for: who (kept among those who voted), and the class and
/// weight kept with the choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretSlot {
    pub member: String,
    pub class: String,
    pub weight: i64,
}

/// What became of a secret ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretKept {
    New,
    /// A newer version of the ballot under the same token replaced the choice.
    Changed,
    /// The choice kept is as new or newer (a re-delivery, or versions crossing).
    Stale,
    /// The proposal stopped taking ballots.
    Closed,
    /// A member it is cast for voted already under another token.
    VotedAlready,
}

/// A counted choice read back for the tally.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbSecretChoice {
    pub class: String,
    pub weight: i64,
    pub choices: String,
}

impl Store {
    /// Keeps version `version` of the secret ballot whose token hashes to `token_hash`, cast for
    /// `slots` with `choices` (JSON), while the proposal takes ballots.
    pub async fn keep_secret_ballot(
        &self,
        proposal_id: &str,
        slots: &[SecretSlot],
        token_hash: &str,
        choices: &str,
        version: i64,
    ) -> Result<SecretKept, DbError> {
        let mut tx = self.begin_write().await?;
        let closed = super::proposals::closing_of(&mut tx, self.backend(), proposal_id).await?;
        match closed {
            None => return Err(DbError::NotFound),
            Some(Some(_)) => return Ok(SecretKept::Closed),
            Some(None) => {}
        }
        let kept: Option<i64> = sqlx::query_scalar(
            "SELECT version FROM secret_choices WHERE proposal_id = $1 AND token_hash = $2 \
             AND slot = 0",
        )
        .bind(proposal_id)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(kept) = kept {
            if kept >= version {
                return Ok(SecretKept::Stale);
            }
            sqlx::query(
                "UPDATE secret_choices SET choices = $1, version = $2 \
                 WHERE proposal_id = $3 AND token_hash = $4",
            )
            .bind(choices)
            .bind(version)
            .bind(proposal_id)
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            return Ok(SecretKept::Changed);
        }
        for (slot, cast_for) in slots.iter().enumerate() {
            let voted = sqlx::query(
                "INSERT INTO secret_voters (proposal_id, member) VALUES ($1, $2) \
                 ON CONFLICT (proposal_id, member) DO NOTHING",
            )
            .bind(proposal_id)
            .bind(&cast_for.member)
            .execute(&mut *tx)
            .await?;
            if voted.rows_affected() == 0 {
                // Rolled back: nothing of this ballot is kept.
                return Ok(SecretKept::VotedAlready);
            }
            sqlx::query(
                "INSERT INTO secret_choices (proposal_id, token_hash, slot, class, weight, \
                 choices, version) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(proposal_id)
            .bind(token_hash)
            .bind(i64::try_from(slot).unwrap_or(i64::MAX))
            .bind(&cast_for.class)
            .bind(cast_for.weight)
            .bind(choices)
            .bind(version)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(SecretKept::New)
    }

    /// Who voted on a secret proposal, in byte order.
    pub async fn secret_voters(&self, proposal_id: &str) -> Result<Vec<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT member FROM secret_voters WHERE proposal_id = $1 ORDER BY member",
        )
        .bind(proposal_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The counted choices of a secret proposal, in the order of their tokens' hashes.
    pub async fn secret_choices(&self, proposal_id: &str) -> Result<Vec<DbSecretChoice>, DbError> {
        Ok(sqlx::query_as(
            "SELECT class, CAST(weight AS BIGINT) AS weight, choices FROM secret_choices \
             WHERE proposal_id = $1 ORDER BY token_hash, slot",
        )
        .bind(proposal_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Forgets what a received activity said (a secret ballot's choice), keeping the row that
    /// answers its re-delivery.
    pub async fn forget_inbox_body(&self, ap_id: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE inbox_activities SET json = '{}' WHERE ap_id = $1")
            .bind(ap_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
