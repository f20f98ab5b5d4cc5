//! Creating an organization with its first owner.

use super::super::ServiceError;
use crate::db::{DbOrganization, NewOrganization, Store};
use crate::domain::Handle;
use crate::service::actors::generate_keys;

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
    let (name, summary) = super::profile::checked(&request.name, &request.summary)?;
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
