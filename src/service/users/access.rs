//! Disabling and enabling an account. A disabled user's API tokens answer 401 and it cannot be
//! made an organization's owner; nothing else changes, so enabling it restores everything.

use super::super::ServiceError;
use super::named;
use crate::db::Store;
use crate::domain::Handle;

/// Whether an account may be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Enabled,
    Disabled,
}

/// Sets the access of user `handle`; returns whether this changed anything.
pub async fn set_access(
    store: &Store,
    handle: &Handle,
    access: Access,
) -> Result<bool, ServiceError> {
    let user = named(store, handle).await?;
    let changed = store
        .set_user_disabled(user.id, access == Access::Disabled)
        .await?;
    if changed {
        tracing::info!(%handle, ?access, "user access changed");
    }
    Ok(changed)
}
