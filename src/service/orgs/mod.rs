//! Member organizations of the co-op.

mod create;
mod delete;
pub mod members;
mod profile;

pub use create::{NewOrganizationRequest, create_organization};
pub use delete::delete_organization;
pub use profile::{
    OrgProfile, create_as_admin, delete_as_owner, may_create, profile_for_manager,
    update_organization,
};

use super::ServiceError;
use crate::db::{DbOrganization, DbOrganizationListing, DbUser, Store};
use crate::domain::{Handle, OrgRole};
use crate::state::AppState;

/// Every organization, deleted ones included, with owners and member counts, by handle.
pub async fn organizations(store: &Store) -> Result<Vec<DbOrganizationListing>, ServiceError> {
    Ok(store.organizations().await?)
}

/// Organization `org`, or `NotFound` naming it.
pub async fn named(store: &Store, org: &Handle) -> Result<DbOrganization, ServiceError> {
    store
        .organization_by_handle(org)
        .await
        .map_err(ServiceError::not_found(format!(
            "no organization named '{org}'"
        )))
}

/// Organization `org`, when `user` holds any role in it; `Forbidden` otherwise.
pub async fn as_member(
    store: &Store,
    user: &DbUser,
    org: &Handle,
) -> Result<DbOrganization, ServiceError> {
    let organization = named(store, org).await?;
    if store
        .organization_role(organization.id, user.id)
        .await?
        .is_none()
    {
        return Err(ServiceError::Forbidden(format!(
            "you are not a member of '{org}'"
        )));
    }
    Ok(organization)
}

/// Organization `org`, when `user` is one of its owners or admins; `Forbidden` otherwise.
pub async fn as_manager(
    store: &Store,
    user: &DbUser,
    org: &Handle,
) -> Result<DbOrganization, ServiceError> {
    let organization = as_member(store, user, org).await?;
    match store.organization_role(organization.id, user.id).await? {
        Some(crate::domain::OrgRole::Owner | crate::domain::OrgRole::Admin) => Ok(organization),
        _ => Err(ServiceError::Forbidden(format!(
            "only owners and admins of '{org}' may do this"
        ))),
    }
}

/// The role `user` holds in organization `org`, if any (for showing the tools it allows).
pub async fn role_of(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
) -> Result<Option<OrgRole>, ServiceError> {
    let organization = named(&app.store, org).await?;
    Ok(app
        .store
        .organization_role(organization.id, user.id)
        .await?)
}
