//! The instance itself: its health and the identity its database is bound to.

use super::ServiceError;
use crate::db::Store;
use crate::domain::Domain;

/// The setting that records which domain a database's ids were minted under.
const DOMAIN_SETTING: &str = "domain";

/// Binds the database to `domain` on first start, and refuses a different domain later:
/// every id already published lives under the first one, so changing it would orphan followers.
pub async fn claim_domain(store: &Store, domain: &Domain) -> Result<(), ServiceError> {
    let stored = store
        .setting_or_insert(DOMAIN_SETTING, domain.as_str())
        .await?;
    if stored != domain.as_str() {
        return Err(ServiceError::Invalid {
            field: "domain",
            message: format!(
                "this database belongs to '{stored}', not '{domain}'; ids published under \
                 '{stored}' would stop resolving (set domain = \"{stored}\" or use another database)"
            ),
        });
    }
    Ok(())
}

/// Whether the database answers.
pub async fn healthy(store: &Store) -> bool {
    store.ping().await.is_ok()
}

/// How many people have local accounts.
pub async fn user_count(store: &Store) -> Result<i64, ServiceError> {
    Ok(store.count_users().await?)
}
