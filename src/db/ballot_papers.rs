//! On a member's instance: the registry's proposals kept as ballot papers for the people they
//! were put to, and the ballots those people cast from here.

use super::{DbError, Reply, Store};

/// A ballot paper as stored; `options` and `result` are JSON.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbBallotPaper {
    pub id: i64,
    pub question: String,
    pub registry: String,
    pub title: String,
    pub body: String,
    pub kind: String,
    pub options: String,
    /// 1: a secret vote.
    pub secret: i64,
    pub roll_hash: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub result: Option<String>,
}

/// A ballot cast from here.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbCastBallot {
    /// JSON option names; `None` for a secret vote.
    pub choices: Option<String>,
    pub token: Option<String>,
    pub version: i64,
    pub cast_at: i64,
}

const COLUMNS: &str = "p.id, p.question, p.registry, p.title, p.body, p.kind, p.options, \
     CAST(p.secret AS BIGINT) AS secret, p.roll_hash, p.opens_at, p.closes_at, p.result";

impl Store {
    /// Keeps the paper (or its newer state: the result at closing) for the local actors
    /// `voters`; `false` when a paper with this id came from another registry.
    pub async fn keep_ballot_paper(
        &self,
        paper: &DbBallotPaper,
        voters: &[i64],
        now: i64,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO ballot_papers (question, registry, title, body, kind, options, secret, \
             roll_hash, opens_at, closes_at, result, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (question) DO UPDATE SET title = excluded.title, body = excluded.body, \
             closes_at = excluded.closes_at, result = COALESCE(excluded.result, ballot_papers.result) \
             WHERE ballot_papers.registry = excluded.registry RETURNING id",
        )
        .bind(&paper.question)
        .bind(&paper.registry)
        .bind(&paper.title)
        .bind(&paper.body)
        .bind(&paper.kind)
        .bind(&paper.options)
        .bind(paper.secret)
        .bind(&paper.roll_hash)
        .bind(paper.opens_at)
        .bind(paper.closes_at)
        .bind(&paper.result)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(false);
        };
        for voter in voters {
            sqlx::query(
                "INSERT INTO ballot_paper_voters (paper_id, actor_id) VALUES ($1, $2) \
                 ON CONFLICT (paper_id, actor_id) DO NOTHING",
            )
            .bind(id)
            .bind(voter)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The papers put to local actor `actor_id`, latest closing first.
    pub async fn ballot_papers_of(&self, actor_id: i64) -> Result<Vec<DbBallotPaper>, DbError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM ballot_papers p JOIN ballot_paper_voters v \
             ON v.paper_id = p.id WHERE v.actor_id = $1 ORDER BY p.closes_at DESC, p.id"
        ))
        .bind(actor_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Paper `id`, when it was put to local actor `actor_id`.
    pub async fn ballot_paper_for(
        &self,
        id: i64,
        actor_id: i64,
    ) -> Result<Option<DbBallotPaper>, DbError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM ballot_papers p JOIN ballot_paper_voters v \
             ON v.paper_id = p.id WHERE p.id = $1 AND v.actor_id = $2"
        ))
        .bind(id)
        .bind(actor_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// What local actor `actor_id` cast on paper `id`, if anything.
    pub async fn cast_ballot(
        &self,
        paper_id: i64,
        actor_id: i64,
    ) -> Result<Option<DbCastBallot>, DbError> {
        Ok(sqlx::query_as(
            "SELECT choices, token, CAST(version AS BIGINT) AS version, cast_at FROM cast_ballots \
             WHERE paper_id = $1 AND actor_id = $2",
        )
        .bind(paper_id)
        .bind(actor_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Keeps `ballot` as what `actor_id` cast on paper `paper_id`, when it is the next version
    /// (`false` otherwise: another one was cast meanwhile), and queues `send` in the same
    /// transaction.
    pub async fn keep_cast_ballot(
        &self,
        paper_id: i64,
        actor_id: i64,
        ballot: &DbCastBallot,
        send: &Reply<'_>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO cast_ballots (paper_id, actor_id, choices, token, version, cast_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (paper_id, actor_id) DO UPDATE \
             SET choices = excluded.choices, version = excluded.version, \
             cast_at = excluded.cast_at WHERE cast_ballots.version = excluded.version - 1",
        )
        .bind(paper_id)
        .bind(actor_id)
        .bind(&ballot.choices)
        .bind(&ballot.token)
        .bind(ballot.version)
        .bind(ballot.cast_at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        super::deliveries::enqueue_in(&mut tx, &send.activity, &send.recipients).await?;
        sqlx::query("INSERT INTO sent_ballots (activity_id) VALUES ($1)")
            .bind(send.activity.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Forgets the ballots sent from here once delivered (or given up): what they carried is
    /// kept in `cast_ballots` only, and a secret choice nowhere. How many were forgotten.
    pub async fn forget_sent_ballots(&self) -> Result<u64, DbError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "DELETE FROM outbox_activities WHERE id IN (SELECT activity_id FROM sent_ballots) \
             AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.activity_id = outbox_activities.id \
             AND d.state = 'pending')",
        )
        .execute(&mut *tx)
        .await?;
        tx.changes_documents();
        // Should foreign keys not cascade (they do on both backends), the rows go anyway.
        sqlx::query(
            "DELETE FROM sent_ballots WHERE NOT EXISTS \
             (SELECT 1 FROM outbox_activities o WHERE o.id = sent_ballots.activity_id)",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }
}
