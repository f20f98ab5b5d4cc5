//! Creating a user: validate, hash the password, claim the handle.

use super::super::ServiceError;
use super::hash_password;
use crate::db::{DbUser, NewUser, Store};
use crate::domain::{Handle, Password};
use crate::service::actors::generate_keys;

/// Longest display name accepted.
const MAX_DISPLAY_NAME_LEN: usize = 100;

/// A request to create a local user.
#[derive(Debug)]
pub struct NewUserRequest {
    pub handle: Handle,
    /// Shown instead of the handle; the handle when absent.
    pub display_name: Option<String>,
    pub password: Password,
    pub is_admin: bool,
}

/// Creates the user. A taken handle (by a person or an organization) is a `Conflict`.
pub async fn create_user(store: &Store, request: NewUserRequest) -> Result<DbUser, ServiceError> {
    let display_name = request
        .display_name
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| request.handle.to_string());
    if display_name.chars().count() > MAX_DISPLAY_NAME_LEN {
        return Err(ServiceError::Invalid {
            field: "display_name",
            message: format!("may have at most {MAX_DISPLAY_NAME_LEN} characters"),
        });
    }
    let password_hash = hash_password(request.password).await?;
    let keys = generate_keys().await?;
    store
        .insert_user(NewUser {
            handle: &request.handle,
            keys: keys.as_new(),
            display_name: &display_name,
            password_hash: &password_hash,
            is_admin: request.is_admin,
        })
        .await
        .map_err(ServiceError::handle_taken(&request.handle))
}
