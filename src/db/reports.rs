//! Reports received from other servers (`Flag`), kept for the administrators.

use super::{DbError, Store, now_millis};

/// A report as received.
#[derive(Debug)]
pub struct NewReport<'a> {
    pub ap_id: &'a str,
    pub reporter: &'a str,
    pub reporter_host: &'a str,
    pub comment: &'a str,
    /// The reported ids that are ours.
    pub objects: &'a [String],
}

/// A stored report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbReport {
    pub id: i64,
    pub ap_id: String,
    pub reporter: String,
    pub reporter_host: String,
    pub comment: String,
    pub objects: Vec<String>,
    pub received_at: i64,
    pub resolved_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    ap_id: String,
    reporter: String,
    reporter_host: String,
    comment: String,
    objects: String,
    received_at: i64,
    resolved_at: Option<i64>,
}

impl From<ReportRow> for DbReport {
    fn from(row: ReportRow) -> Self {
        Self {
            id: row.id,
            ap_id: row.ap_id,
            reporter: row.reporter,
            reporter_host: row.reporter_host,
            comment: row.comment,
            objects: serde_json::from_str(&row.objects).unwrap_or_default(),
            received_at: row.received_at,
            resolved_at: row.resolved_at,
        }
    }
}

impl Store {
    /// Keeps a report; false when this activity was kept already.
    pub async fn insert_report(&self, report: &NewReport<'_>) -> Result<bool, DbError> {
        let objects = serde_json::to_string(report.objects)
            .map_err(|e| DbError::Corrupt(format!("report objects: {e}")))?;
        let done = sqlx::query(
            "INSERT INTO reports (ap_id, reporter, reporter_host, comment, objects, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ap_id) DO NOTHING",
        )
        .bind(report.ap_id)
        .bind(report.reporter)
        .bind(report.reporter_host)
        .bind(report.comment)
        .bind(objects)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Reports not resolved yet, oldest first.
    pub async fn open_reports(&self) -> Result<Vec<DbReport>, DbError> {
        let rows: Vec<ReportRow> = sqlx::query_as(
            "SELECT id, ap_id, reporter, reporter_host, comment, objects, received_at, \
             resolved_at FROM reports WHERE resolved_at IS NULL ORDER BY received_at, id",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(DbReport::from).collect())
    }

    /// Marks report `id` resolved; false when there is no such open report.
    pub async fn resolve_report(&self, id: i64) -> Result<bool, DbError> {
        let done = sqlx::query(
            "UPDATE reports SET resolved_at = $1 WHERE id = $2 AND resolved_at IS NULL",
        )
        .bind(now_millis())
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
