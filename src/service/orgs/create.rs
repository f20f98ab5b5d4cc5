//! Creating an organization with its first owner.

use super::super::ServiceError;
use crate::db::{DbOrganization, NewOrganization, Store};
use crate::domain::Handle;
use crate::service::actors::generate_keys;

/// Longest organization name accepted.
const MAX_NAME_LEN: usize = 100;
/// Longest plain-text summary accepted.
const MAX_SUMMARY_LEN: usize = 2000;

/// A request to create an organization owned by an existing user.
#[derive(Debug)]
pub struct NewOrganizationRequest {
    pub handle: Handle,
    pub name: String,
    pub summary: String,
    pub owner: Handle,
}

/// Creates the organization; its owner must exist and not be disabled, and its handle must be
/// free.
pub async fn create_organization(
    store: &Store,
    request: NewOrganizationRequest,
) -> Result<DbOrganization, ServiceError> {
    let name = request.name.trim();
    if name.is_empty() {
        return Err(ServiceError::Invalid {
            field: "name",
            message: "must not be empty".to_owned(),
        });
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(ServiceError::Invalid {
            field: "name",
            message: format!("may have at most {MAX_NAME_LEN} characters"),
        });
    }
    let summary = request.summary.trim();
    if summary.chars().count() > MAX_SUMMARY_LEN {
        return Err(ServiceError::Invalid {
            field: "summary",
            message: format!("may have at most {MAX_SUMMARY_LEN} characters"),
        });
    }
    let owner = crate::service::users::enabled(store, &request.owner).await?;
    let keys = generate_keys().await?;
    store
        .insert_organization(NewOrganization {
            handle: &request.handle,
            keys: keys.as_new(),
            name,
            summary,
            owner_user_id: owner.id,
        })
        .await
        .map_err(ServiceError::handle_taken(&request.handle))
}
