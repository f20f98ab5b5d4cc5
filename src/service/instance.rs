//! The instance itself: its health and the identity its database is bound to.

use super::ServiceError;
use crate::config::DatabaseUrl;
use crate::db::{HostQueueStats, Store};
use crate::domain::Domain;
use crate::state::AppState;

/// The setting that records which domain a database's ids were minted under.
const DOMAIN_SETTING: &str = "domain";

/// Binds the database to `domain` on first start, and refuses a different domain later:
/// every id already published lives under the first one, so changing it would orphan followers.
pub async fn claim_domain(store: &Store, domain: &Domain) -> Result<(), ServiceError> {
    let stored = store
        .setting_or_insert(DOMAIN_SETTING, domain.as_str())
        .await?;
    same_domain(&stored, domain)
}

/// Refuses a `domain` other than the one the database is bound to, without binding it (for
/// commands that publish, like deleting an account, run beside or before `serve`).
pub async fn check_bound_domain(store: &Store, domain: &Domain) -> Result<(), ServiceError> {
    match store.setting(DOMAIN_SETTING).await? {
        Some(stored) => same_domain(&stored, domain),
        None => Ok(()),
    }
}

fn same_domain(stored: &str, domain: &Domain) -> Result<(), ServiceError> {
    match domain_mismatch(stored, domain) {
        Some(message) => Err(ServiceError::Invalid {
            field: "domain",
            message,
        }),
        None => Ok(()),
    }
}

/// What `check-config` found out about the configured database.
#[derive(Debug, PartialEq, Eq)]
pub enum DatabaseCheck {
    /// It opens. `bound_to` is the domain its ids were minted under, once it was served.
    Opens { bound_to: Option<String> },
    /// A SQLite file that does not exist yet; `serve` or `migrate` can create it.
    WillBeCreated,
}

/// Opens the database at `url` without creating or migrating it.
pub async fn check_database(url: &DatabaseUrl) -> Result<DatabaseCheck, ServiceError> {
    let Some(store) = Store::open_if_exists(url).await? else {
        return Ok(DatabaseCheck::WillBeCreated);
    };
    let bound_to = store.setting_if_migrated(DOMAIN_SETTING).await;
    store.close().await;
    Ok(DatabaseCheck::Opens {
        bound_to: bound_to?,
    })
}

/// Why `domain` does not fit a database bound to `bound_to`, if it does not.
pub fn domain_mismatch(bound_to: &str, domain: &Domain) -> Option<String> {
    (bound_to != domain.as_str()).then(|| {
        format!(
            "this database belongs to '{bound_to}', not '{domain}'; ids published under \
             '{bound_to}' would stop resolving (set domain = \"{bound_to}\" or use another \
             database)"
        )
    })
}

/// Whether the database answers.
pub async fn healthy(app: &AppState) -> bool {
    let store = &app.store;
    store.ping().await.is_ok()
}

/// How many people have local accounts.
pub async fn user_count(app: &AppState) -> Result<i64, ServiceError> {
    let store = &app.store;
    Ok(store.count_users().await?)
}

/// Pending, failing and dead deliveries per remote instance, busiest first.
pub async fn delivery_queue(store: &Store) -> Result<Vec<HostQueueStats>, ServiceError> {
    Ok(store.queue_stats().await?)
}

/// Makes pending deliveries (to `host` only, when given) due now; how many.
pub async fn retry_deliveries_now(store: &Store, host: Option<&str>) -> Result<u64, ServiceError> {
    Ok(store.retry_deliveries_now(host).await?)
}
