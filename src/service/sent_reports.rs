//! Reports our people make about posts from other servers that reached their timeline: kept
//! for our administrators, who forward them to the author's server (a `Flag` from our instance
//! actor, not naming the reporter) or set them aside.

use super::ServiceError;
use super::admin::admin_only;
use crate::db::{DbError, DbUser, Recipients};
use crate::domain::Handle;
use crate::federation::inbound::authority;
use crate::federation::sanitize::plain_text;
use crate::state::AppState;
use url::Url;

/// Longest comment kept, in characters.
const MAX_COMMENT: usize = 1000;

/// A report as the administration page shows it.
#[derive(Debug)]
pub struct SentReportView {
    pub id: i64,
    /// The reporter's handle here.
    pub reporter: String,
    pub object: String,
    pub account: String,
    /// The server the report would go to.
    pub host: String,
    pub comment: String,
}

/// `user` reports the post `object` from another server, which reached this one, with
/// `comment` for the administrators.
pub async fn report_post(
    app: &AppState,
    user: &DbUser,
    object: &str,
    comment: &str,
) -> Result<(), ServiceError> {
    let invalid = |message: &str| ServiceError::Invalid {
        field: "object",
        message: message.to_owned(),
    };
    let url = Url::parse(object.trim()).map_err(|_| invalid("not a post's address"))?;
    if app.urls().is_ours(&url) {
        return Err(invalid(
            "this post is from this server: tell its administrators",
        ));
    }
    let store = &app.store;
    let author = store
        .remote_object_author(url.as_str())
        .await?
        .ok_or_else(|| invalid("only posts that reached this server can be reported"))?;
    let comment = plain_text(comment, MAX_COMMENT);
    store
        .insert_sent_report(user.id, url.as_str(), &author, &comment)
        .await?;
    tracing::info!(reporter = %user.handle, object = %url, "report made");
    Ok(())
}

/// The reports waiting for an administrator.
pub async fn open_sent_reports(
    app: &AppState,
    user: &DbUser,
) -> Result<Vec<SentReportView>, ServiceError> {
    admin_only(user)?;
    Ok(app
        .store
        .open_sent_reports()
        .await?
        .into_iter()
        .map(|report| SentReportView {
            id: report.id,
            reporter: report.reporter,
            host: Url::parse(&report.account_ap_id)
                .map(|url| authority(&url))
                .unwrap_or_default(),
            object: report.object_ap_id,
            account: report.account_ap_id,
            comment: report.comment,
        })
        .collect())
}

/// An administrator forwards report `id` to the author's server, or (`forward` false) sets it
/// aside.
pub async fn close_sent_report(
    app: &AppState,
    user: &DbUser,
    id: i64,
    forward: bool,
) -> Result<(), ServiceError> {
    admin_only(user)?;
    let store = &app.store;
    let missing = || ServiceError::NotFound(format!("no open report {id}"));
    let report = match store.open_sent_report(id).await {
        Ok(report) => report,
        Err(DbError::NotFound) => return Err(missing()),
        Err(other) => return Err(other.into()),
    };
    let closed = if forward {
        let parse =
            |text: &str| Url::parse(text).map_err(|e| ServiceError::Internal(e.to_string()));
        let account = parse(&report.account_ap_id)?;
        let object = parse(&report.object_ap_id)?;
        let author = app.federation.actor(store, &account).await?;
        let instance = store.local_actor(&Handle::instance_actor()).await?;
        let flag = crate::federation::outbox::flag(app.urls(), &account, &object, &report.comment);
        let reply = flag.reply(instance.id, Recipients::inbox_of(&author));
        store.close_sent_report(id, Some(&reply)).await?
    } else {
        store.close_sent_report(id, None).await?
    };
    if closed { Ok(()) } else { Err(missing()) }
}
