//! `admin reports` and `admin resolve-report`: reports other servers sent about our accounts
//! and posts.

use super::table::{Format, Listing, time};
use crate::db::DbReport;
use crate::service::reports;
use crate::state::AppState;
use serde::Serialize;

/// A report as `admin reports --json` prints it.
#[derive(Serialize)]
struct ReportView {
    id: i64,
    reporter: String,
    instance: String,
    comment: String,
    /// The reported accounts and posts of ours.
    objects: Vec<String>,
    received: String,
}

impl From<DbReport> for ReportView {
    fn from(report: DbReport) -> Self {
        Self {
            id: report.id,
            reporter: report.reporter,
            instance: report.reporter_host,
            comment: report.comment,
            objects: report.objects,
            received: time(report.received_at),
        }
    }
}

/// `admin reports`: the open reports, oldest first.
pub async fn list(state: &AppState, format: Format) -> anyhow::Result<()> {
    let rows: Vec<ReportView> = reports::open_reports(state)
        .await?
        .into_iter()
        .map(ReportView::from)
        .collect();
    Listing {
        headers: &["ID", "RECEIVED", "FROM", "ABOUT", "COMMENT"],
        empty: "no open report",
        rows,
        cells: |report| {
            vec![
                report.id.to_string(),
                report.received.clone(),
                report.instance.clone(),
                report.objects.join(" "),
                report.comment.clone(),
            ]
        },
    }
    .print(format)
}

/// `admin resolve-report ID`.
pub async fn resolve(state: &AppState, id: i64) -> anyhow::Result<()> {
    reports::resolve_report(state, id).await?;
    println!("report {id} resolved");
    Ok(())
}
