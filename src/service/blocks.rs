//! Domain blocks: an administrator cuts a remote domain (and its subdomains) off. Blocking ends
//! every follow relationship with the domain and stops deliveries to it; the inbox, signed
//! fetches, the delivery worker and outgoing follows then refuse it (SECURITY.md T16, T34).

use super::ServiceError;
use crate::db::{BlockApplied, DbDomainBlock, Store};
use crate::domain::HostName;
use crate::state::AppState;

/// The longest reason kept with a block.
const MAX_REASON_CHARS: usize = 1_000;

/// Blocks `domain` with an optional `reason` for the record, and reports what was removed.
pub async fn block_domain(
    store: &Store,
    domain: &HostName,
    reason: &str,
) -> Result<BlockApplied, ServiceError> {
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(ServiceError::Invalid {
            field: "reason",
            message: format!("must be at most {MAX_REASON_CHARS} characters"),
        });
    }
    let applied = store.add_domain_block(domain, reason).await?;
    tracing::info!(
        %domain,
        followers_removed = applied.followers_removed.len(),
        following_removed = applied.following_removed.len(),
        deliveries_failed = applied.deliveries_failed,
        "domain blocked"
    );
    Ok(applied)
}

/// Lifts the block on exactly `domain` (a block on a parent domain stays in force).
pub async fn unblock_domain(store: &Store, domain: &HostName) -> Result<(), ServiceError> {
    if store.remove_domain_block(domain).await? {
        tracing::info!(%domain, "domain unblocked");
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("{domain} is not blocked")))
    }
}

/// Every block, by domain.
pub async fn domain_blocks(store: &Store) -> Result<Vec<DbDomainBlock>, ServiceError> {
    Ok(store.domain_blocks().await?)
}

/// `Forbidden` when the server `host` (`host[:port]`) that signed a request is on a blocked
/// domain.
pub async fn refuse_signer(app: &AppState, host: &str) -> Result<(), ServiceError> {
    refuse_blocked(&app.store, host).await
}

/// `Forbidden` when `host` (`host[:port]`) is on a blocked domain.
pub(crate) async fn refuse_blocked(store: &Store, host: &str) -> Result<(), ServiceError> {
    match store.domain_block_covering(host).await? {
        Some(block) => Err(ServiceError::Forbidden(format!(
            "{block} is blocked on this instance"
        ))),
        None => Ok(()),
    }
}
