//! The registry's proposals and the ballots received for them.

use super::{DbError, Reply, Store};

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
    /// 1: a secret vote.
    pub secret: i64,
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
    /// A native ballot's version; 0 for a poll answer.
    pub version: i64,
}

const COLUMNS: &str = "id, title, body, kind, options, rule, CAST(quorum_percent AS BIGINT) AS \
     quorum_percent, weights, record_date, opens_at, closes_at, roll, roll_hash, CAST(secret AS BIGINT) AS secret, opened_by, \
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
             weights, record_date, opens_at, closes_at, roll, roll_hash, opened_by, created_at, \
             secret) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
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
        .bind(proposal.secret)
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

    /// The proposals to close at `now`: past their closing time, or closing already (a
    /// process stopped between the two steps), and without a result.
    pub async fn proposals_due(&self, now: i64) -> Result<Vec<DbProposal>, DbError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM proposals WHERE result IS NULL \
             AND (closed_at IS NOT NULL OR closes_at <= $1) ORDER BY closes_at"
        ))
        .bind(now)
        .fetch_all(self.pool())
        .await?)
    }

    /// Keeps a ballot: one that may count only while the proposal takes ballots (closing waits
    /// for it, and it for closing), a refused one (`refused`: why) at any time. What happened.
    pub async fn insert_ballot(
        &self,
        proposal_id: &str,
        ballot: &DbBallot,
        refused: Option<&str>,
    ) -> Result<BallotKept, DbError> {
        let mut tx = self.begin_write().await?;
        let closed = closing_of(&mut tx, self.backend(), proposal_id).await?;
        match closed {
            None => return Err(DbError::NotFound),
            Some(Some(_)) if refused.is_none() => return Ok(BallotKept::Closed),
            _ => {}
        }
        if ballot.version > 0 && refused.is_none() {
            let newest: Option<i64> = sqlx::query_scalar(
                "SELECT MAX(version) FROM ballots WHERE proposal_id = $1 AND voter = $2 \
                 AND refused IS NULL",
            )
            .bind(proposal_id)
            .bind(&ballot.voter)
            .fetch_one(&mut *tx)
            .await?;
            if newest.is_some_and(|newest| newest >= ballot.version) {
                // An older version arriving after a newer one: the newer one stands.
                return Ok(BallotKept::Again);
            }
        }
        let done = sqlx::query(
            "INSERT INTO ballots (proposal_id, activity, voter, choices, via, refused, \
             received_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (proposal_id, voter, activity) DO NOTHING",
        )
        .bind(proposal_id)
        .bind(&ballot.activity)
        .bind(&ballot.voter)
        .bind(&ballot.choices)
        .bind(&ballot.via)
        .bind(refused)
        .bind(ballot.received_at)
        .bind(ballot.version)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(if done.rows_affected() > 0 {
            BallotKept::New
        } else {
            BallotKept::Again
        })
    }

    /// How many ballots of `voter` on the proposal were refused.
    pub async fn refused_ballots(&self, proposal_id: &str, voter: &str) -> Result<i64, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM ballots WHERE proposal_id = $1 AND voter = $2 \
             AND refused IS NOT NULL",
        )
        .bind(proposal_id)
        .bind(voter)
        .fetch_one(self.pool())
        .await?)
    }

    /// The ballots of a proposal that may count, in the order received.
    pub async fn ballots(&self, proposal_id: &str) -> Result<Vec<DbBallot>, DbError> {
        Ok(sqlx::query_as(
            "SELECT activity, voter, choices, via, received_at, CAST(version AS BIGINT) AS \
             version FROM ballots \
             WHERE proposal_id = $1 AND refused IS NULL ORDER BY received_at, id",
        )
        .bind(proposal_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Stops the proposal taking ballots at `at` (the first step of closing); `false` when it
    /// had stopped already. Waits for ballots being kept (`insert_ballot`).
    pub async fn begin_closing(&self, id: &str, at: i64) -> Result<bool, DbError> {
        let done =
            sqlx::query("UPDATE proposals SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
                .bind(at)
                .bind(id)
                .execute(self.pool())
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Keeps the `result` of a proposal that stopped taking ballots, queueing `announce` in the
    /// same transaction; `false` when it has a result already.
    pub async fn finish_closing(
        &self,
        id: &str,
        result: &str,
        announce: &Reply<'_>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let closed = sqlx::query(
            "UPDATE proposals SET result = $1 WHERE id = $2 AND closed_at IS NOT NULL \
             AND result IS NULL",
        )
        .bind(result)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if closed.rows_affected() == 0 {
            return Ok(false);
        }
        super::deliveries::enqueue_in(&mut tx, &announce.activity, &announce.recipients).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Whether an activity received before `before` (ms) still waits in the inbox.
    pub async fn inbox_pending_before(&self, before: i64) -> Result<bool, DbError> {
        let waiting: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM inbox_activities WHERE state = 'pending' AND received_at < $1 LIMIT 1",
        )
        .bind(before)
        .fetch_optional(self.pool())
        .await?;
        Ok(waiting.is_some())
    }
}

/// When proposal `id` stopped taking ballots (`Some(None)`: it takes them; `None`: no such
/// proposal), read so that closing waits for the transaction (`FOR SHARE` on PostgreSQL; SQLite
/// writes one at a time).
pub(super) async fn closing_of(
    tx: &mut super::WriteTx,
    backend: super::Backend,
    id: &str,
) -> Result<Option<Option<i64>>, DbError> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT closed_at FROM proposals WHERE id = $1{}",
        super::dialect::for_share(backend)
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// What became of a ballot kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BallotKept {
    New,
    /// Already kept (the same activity from the same account).
    Again,
    /// The proposal stopped taking ballots: keep it as refused instead.
    Closed,
}
