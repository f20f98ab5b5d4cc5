//! Reports from other servers (`Flag`) about our accounts and content: kept for the
//! administrators when they name something of ours, listed, and marked resolved.

use super::ServiceError;
use crate::db::{DbRemoteActor, DbReport, NewReport, Store};
use crate::federation::protocol::Flag;
use crate::federation::sanitize::plain_text;
use crate::federation::urls::Urls;
use crate::state::AppState;
use url::Url;

/// Most reported ids kept from one report.
const MAX_OBJECTS: usize = 50;
/// Longest comment kept, in characters.
const MAX_COMMENT: usize = 2000;

/// What a received report came to.
#[derive(Debug, PartialEq, Eq)]
pub enum ReportEffect {
    /// Kept, naming this many of our accounts or posts.
    Kept(usize),
    /// This report was kept already.
    Again,
    /// It names nothing of ours (a report about another server's account reaching us too).
    NotAboutUs,
}

/// Keeps a report from `sender` when it names any of our accounts or posts; only those ids
/// are kept, and the comment as plain text.
pub async fn receive_flag(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    flag: &Flag,
) -> Result<ReportEffect, ServiceError> {
    let ours: Vec<String> = flag
        .object
        .iter()
        .filter(|id| Url::parse(id).is_ok_and(|url| urls.is_ours(&url)))
        .take(MAX_OBJECTS)
        .cloned()
        .collect();
    if ours.is_empty() {
        return Ok(ReportEffect::NotAboutUs);
    }
    let comment = flag
        .content
        .as_deref()
        .or(flag.summary.as_deref())
        .map(|text| plain_text(text, MAX_COMMENT))
        .unwrap_or_default();
    let kept = store
        .insert_report(&NewReport {
            ap_id: flag.id.as_str(),
            reporter: &sender.ap_id,
            reporter_host: &sender.host,
            comment: &comment,
            objects: &ours,
        })
        .await?;
    if kept {
        tracing::warn!(reporter = %sender.ap_id, objects = ours.len(), "report received");
        Ok(ReportEffect::Kept(ours.len()))
    } else {
        Ok(ReportEffect::Again)
    }
}

/// The reports no administrator resolved yet, oldest first.
pub async fn open_reports(app: &AppState) -> Result<Vec<DbReport>, ServiceError> {
    Ok(app.store.open_reports().await?)
}

/// Marks report `id` resolved.
pub async fn resolve_report(app: &AppState, id: i64) -> Result<(), ServiceError> {
    if app.store.resolve_report(id).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("no open report {id}")))
    }
}
