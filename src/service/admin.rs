//! What instance administrators do in the browser: the same work as `solidarity admin`, behind
//! one check that the person is an administrator, with views that name no store rows.

use super::ServiceError;
use crate::db::DbUser;
use crate::domain::{Handle, HostName};
use crate::service::users::Access;
use crate::service::{blocks, instance, reports, users};
use crate::state::AppState;

/// Refuses anyone who is not an instance administrator.
/// Refuses anyone but an instance administrator.
pub(crate) fn admin_only(user: &DbUser) -> Result<(), ServiceError> {
    if user.is_admin {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "only the instance's administrators may do this".to_owned(),
        ))
    }
}

/// One account, as the administrators' page lists it.
#[derive(Debug)]
pub struct AccountLine {
    pub handle: String,
    pub display_name: String,
    pub is_admin: bool,
    pub disabled: bool,
    /// Signed up, waiting for approval.
    pub awaiting_approval: bool,
}

/// One blocked domain.
#[derive(Debug)]
pub struct BlockLine {
    pub domain: String,
    pub reason: String,
}

/// One remote instance's deliveries.
#[derive(Debug)]
pub struct QueueLine {
    pub instance: String,
    pub pending: i64,
    pub failing: i64,
    pub dead: i64,
    pub unreachable: bool,
}

/// One open report.
#[derive(Debug)]
pub struct ReportLine {
    pub id: i64,
    pub instance: String,
    pub comment: String,
    pub objects: Vec<String>,
}

/// Everything the administrators' page shows.
#[derive(Debug)]
pub struct Overview {
    pub accounts: Vec<AccountLine>,
    pub blocks: Vec<BlockLine>,
    pub queue: Vec<QueueLine>,
    pub reports: Vec<ReportLine>,
}

/// The instance as its administrators see it.
pub async fn overview(app: &AppState, user: &DbUser) -> Result<Overview, ServiceError> {
    admin_only(user)?;
    let store = &app.store;
    let accounts = users::users(store)
        .await?
        .into_iter()
        .filter(|u| u.deleted_at.is_none())
        .map(|u| AccountLine {
            handle: u.handle.to_string(),
            display_name: u.display_name,
            is_admin: u.is_admin,
            disabled: u.disabled_at.is_some(),
            awaiting_approval: u.awaiting_approval,
        })
        .collect();
    let blocks = blocks::domain_blocks(store)
        .await?
        .into_iter()
        .map(|b| BlockLine {
            domain: b.domain.to_string(),
            reason: b.reason,
        })
        .collect();
    let queue = instance::delivery_queue(store)
        .await?
        .into_iter()
        .map(|q| QueueLine {
            instance: q.host,
            pending: q.pending,
            failing: q.failing,
            dead: q.failed,
            unreachable: q.unreachable_since.is_some(),
        })
        .collect();
    let reports = reports::open_reports(app)
        .await?
        .into_iter()
        .map(|r| ReportLine {
            id: r.id,
            instance: r.reporter_host,
            comment: r.comment,
            objects: r.objects,
        })
        .collect();
    Ok(Overview {
        accounts,
        blocks,
        queue,
        reports,
    })
}

/// Disables or enables the account `handle` (its tokens and sessions stop working while
/// disabled). An administrator cannot disable themselves.
pub async fn set_access(
    app: &AppState,
    user: &DbUser,
    handle: &str,
    access: Access,
) -> Result<(), ServiceError> {
    admin_only(user)?;
    let handle = Handle::parse(handle).map_err(|e| ServiceError::Invalid {
        field: "handle",
        message: e.to_string(),
    })?;
    if handle == user.handle && access == Access::Disabled {
        return Err(ServiceError::Conflict(
            "you cannot disable your own account".to_owned(),
        ));
    }
    users::set_access(&app.store, &handle, access).await?;
    Ok(())
}

fn domain(text: &str) -> Result<HostName, ServiceError> {
    HostName::parse(text).map_err(|e| ServiceError::Invalid {
        field: "domain",
        message: e.to_string(),
    })
}

/// Blocks `domain` and everything under it.
pub async fn block(
    app: &AppState,
    user: &DbUser,
    text: &str,
    reason: &str,
) -> Result<(), ServiceError> {
    admin_only(user)?;
    blocks::block_domain(&app.store, &domain(text)?, reason).await?;
    Ok(())
}

/// Lifts the block on `domain`.
pub async fn unblock(app: &AppState, user: &DbUser, text: &str) -> Result<(), ServiceError> {
    admin_only(user)?;
    blocks::unblock_domain(&app.store, &domain(text)?).await
}

/// Marks report `id` resolved.
pub async fn resolve_report(app: &AppState, user: &DbUser, id: i64) -> Result<(), ServiceError> {
    admin_only(user)?;
    reports::resolve_report(app, id).await
}

/// Makes the pending deliveries to `host` (all when `None`) due now.
pub async fn retry_now(
    app: &AppState,
    user: &DbUser,
    host: Option<&str>,
) -> Result<u64, ServiceError> {
    admin_only(user)?;
    instance::retry_deliveries_now(&app.store, host).await
}

/// Approves the account `handle`, which signed up on an instance that approves sign-ups.
pub async fn approve(app: &AppState, user: &DbUser, handle: &str) -> Result<(), ServiceError> {
    admin_only(user)?;
    let handle = Handle::parse(handle).map_err(|e| ServiceError::Invalid {
        field: "handle",
        message: e.to_string(),
    })?;
    let account = users::named(&app.store, &handle).await?;
    if app.store.approve_user(account.id).await? {
        tracing::info!(%handle, "account approved");
        Ok(())
    } else {
        Err(ServiceError::Conflict(format!(
            "{handle} does not wait for approval"
        )))
    }
}
