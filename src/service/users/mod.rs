//! People with local accounts: creating, listing, disabling and deleting them.

mod access;
mod create;
mod delete;
mod password_hash;

pub use access::{Access, set_access};
pub use create::{NewUserRequest, create_user};
pub use delete::delete_user;
pub use password_hash::{hash_password, verify_password};

use super::ServiceError;
use crate::db::{DbUser, Store};
use crate::domain::Handle;

/// Every user, deleted ones included, by handle.
pub async fn users(store: &Store) -> Result<Vec<DbUser>, ServiceError> {
    Ok(store.users().await?)
}

/// The (not deleted) user `handle`, or `NotFound` naming it.
pub async fn named(store: &Store, handle: &Handle) -> Result<DbUser, ServiceError> {
    store
        .user_by_handle(handle)
        .await
        .map_err(ServiceError::not_found(format!("no user named '{handle}'")))
}

/// The user `handle`, refused when disabled: for giving it a token or an organization.
pub async fn enabled(store: &Store, handle: &Handle) -> Result<DbUser, ServiceError> {
    let user = named(store, handle).await?;
    if user.disabled_at.is_some() {
        return Err(ServiceError::Forbidden(format!(
            "the user '{handle}' is disabled (admin enable-user {handle})"
        )));
    }
    Ok(user)
}
