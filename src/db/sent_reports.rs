//! Reports our people make about posts from other servers, until an administrator forwards
//! them (the `Flag` queued in the same transaction) or sets them aside.

use super::deliveries::enqueue_in;
use super::{DbError, Reply, Store, now_millis};

/// A report one of our people made.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbSentReport {
    pub id: i64,
    /// The reporter's handle.
    pub reporter: String,
    pub object_ap_id: String,
    pub account_ap_id: String,
    pub comment: String,
    pub created_at: i64,
}

impl Store {
    /// Keeps a report by `reporter_id` about `object_ap_id`, written by `account_ap_id`.
    pub async fn insert_sent_report(
        &self,
        reporter_id: i64,
        object_ap_id: &str,
        account_ap_id: &str,
        comment: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO sent_reports (reporter_id, object_ap_id, account_ap_id, comment, \
             created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(reporter_id)
        .bind(object_ap_id)
        .bind(account_ap_id)
        .bind(comment)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The reports no administrator forwarded or set aside yet, oldest first (at most 500).
    pub async fn open_sent_reports(&self) -> Result<Vec<DbSentReport>, DbError> {
        Ok(sqlx::query_as(
            "SELECT r.id, a.handle AS reporter, r.object_ap_id, r.account_ap_id, r.comment, \
             r.created_at FROM sent_reports r JOIN users u ON u.id = r.reporter_id \
             JOIN local_actors a ON a.id = u.actor_id \
             WHERE r.closed_at IS NULL ORDER BY r.created_at, r.id LIMIT 500",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// The open report `id`.
    pub async fn open_sent_report(&self, id: i64) -> Result<DbSentReport, DbError> {
        sqlx::query_as(
            "SELECT r.id, a.handle AS reporter, r.object_ap_id, r.account_ap_id, r.comment, \
             r.created_at FROM sent_reports r JOIN users u ON u.id = r.reporter_id \
             JOIN local_actors a ON a.id = u.actor_id \
             WHERE r.id = $1 AND r.closed_at IS NULL",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)
    }

    /// Closes the open report `id`; with `flag`, queues it to the author's server in the same
    /// transaction. Whether it was open.
    pub async fn close_sent_report(
        &self,
        id: i64,
        flag: Option<&Reply<'_>>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let now = now_millis();
        let closed = sqlx::query(
            "UPDATE sent_reports SET closed_at = $1, forwarded_at = $2 \
             WHERE id = $3 AND closed_at IS NULL",
        )
        .bind(now)
        .bind(flag.map(|_| now))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if let (true, Some(flag)) = (closed, flag) {
            enqueue_in(&mut tx, &flag.activity, &flag.recipients).await?;
        }
        tx.commit().await?;
        Ok(closed)
    }
}
