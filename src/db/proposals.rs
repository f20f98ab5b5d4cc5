//! The registry's proposals and the ballots received for them.

use super::{DbError, Reply, Store, now_millis};

/// A proposal as stored; the JSON columns are read by `service::registry::votes`.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbProposal {
    pub id: String,
    pub title: String,
    pub body: String,
    pub kind: String,
    pub options: String,
    pub rule: String,
    pub quorum_percent: i64,
    pub weights: String,
    pub record_date: i64,
    pub opens_at: i64,
    pub closes_at: i64,
    pub roll: String,
    pub roll_hash: String,
    pub opened_by: String,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub result: Option<String>,
}

/// A ballot as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbBallot {
    pub activity: String,
    pub voter: String,
    pub choices: String,
    pub via: String,
    pub received_at: i64,
}

const COLUMNS: &str = "id, title, body, kind, options, rule, CAST(quorum_percent AS BIGINT) AS \
     quorum_percent, weights, record_date, opens_at, closes_at, roll, roll_hash, opened_by, \
     created_at, closed_at, result";

impl Store {
    /// Stores `proposal` and queues its announcement in one transaction.
    pub async fn insert_proposal(
        &self,
        proposal: &DbProposal,
        announce: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO proposals (id, title, body, kind, options, rule, quorum_percent, \
             weights, record_date, opens_at, closes_at, roll, roll_hash, opened_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(&proposal.id)
        .bind(&proposal.title)
        .bind(&proposal.body)
        .bind(&proposal.kind)
        .bind(&proposal.options)
        .bind(&proposal.rule)
        .bind(proposal.quorum_percent)
        .bind(&proposal.weights)
        .bind(proposal.record_date)
        .bind(proposal.opens_at)
        .bind(proposal.closes_at)
        .bind(&proposal.roll)
        .bind(&proposal.roll_hash)
        .bind(&proposal.opened_by)
        .bind(proposal.created_at)
        .execute(&mut *tx)
        .await
        .map_err(DbError::conflict_on("proposal"))?;
        super::deliveries::enqueue_in(&mut tx, &announce.activity, &announce.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn proposal(&self, id: &str) -> Result<Option<DbProposal>, DbError> {
        Ok(
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM proposals WHERE id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// Every proposal, the latest first.
    pub async fn proposals(&self) -> Result<Vec<DbProposal>, DbError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM proposals ORDER BY created_at DESC, id"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    /// The open proposals whose closing time is past at `now`.
    pub async fn proposals_due(&self, now: i64) -> Result<Vec<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM proposals WHERE closed_at IS NULL AND closes_at <= $1 ORDER BY closes_at",
        )
        .bind(now)
        .fetch_all(self.pool())
        .await?)
    }

    /// Keeps a ballot; `false` when this activity was already kept for the proposal.
    pub async fn insert_ballot(
        &self,
        proposal_id: &str,
        ballot: &DbBallot,
    ) -> Result<bool, DbError> {
        let done = sqlx::query(
            "INSERT INTO ballots (proposal_id, activity, voter, choices, via, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (proposal_id, activity) DO NOTHING",
        )
        .bind(proposal_id)
        .bind(&ballot.activity)
        .bind(&ballot.voter)
        .bind(&ballot.choices)
        .bind(&ballot.via)
        .bind(ballot.received_at)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The ballots of a proposal, in the order received.
    pub async fn ballots(&self, proposal_id: &str) -> Result<Vec<DbBallot>, DbError> {
        Ok(sqlx::query_as(
            "SELECT activity, voter, choices, via, received_at FROM ballots \
             WHERE proposal_id = $1 ORDER BY received_at, id",
        )
        .bind(proposal_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Closes an open proposal with its `result`, queueing `announce` (the results) and the
    /// `notices` (to refused voters) in the same transaction; `false` when it was closed already.
    pub async fn close_proposal(
        &self,
        id: &str,
        result: &str,
        announce: &Reply<'_>,
        notices: &[Reply<'_>],
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let closed = sqlx::query(
            "UPDATE proposals SET closed_at = $1, result = $2 WHERE id = $3 AND closed_at IS NULL",
        )
        .bind(now_millis())
        .bind(result)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if closed.rows_affected() == 0 {
            return Ok(false);
        }
        super::deliveries::enqueue_in(&mut tx, &announce.activity, &announce.recipients).await?;
        for notice in notices {
            super::deliveries::enqueue_in(&mut tx, &notice.activity, &notice.recipients).await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
