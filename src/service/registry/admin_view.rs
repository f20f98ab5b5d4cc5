//! What the registry's administrators see on their page: the applications waiting for a
//! decision, the members (active or suspended), the classes and the proposals.

use super::software_only;
use crate::db::{DbProposal, DbRegistryClass, DbUser};
use crate::domain::registry_log::{Membership, Status};
use crate::service::ServiceError;
use crate::state::AppState;

/// The registry as its administrators see it.
#[derive(Debug)]
pub struct RegistryAdmin {
    pub applications: Vec<Membership>,
    /// Active and suspended members.
    pub members: Vec<Membership>,
    pub classes: Vec<DbRegistryClass>,
    /// Latest first.
    pub proposals: Vec<DbProposal>,
}

/// The registry for `admin`, an administrator of the software co-op's instance.
pub async fn admin_view(app: &AppState, admin: &DbUser) -> Result<RegistryAdmin, ServiceError> {
    software_only(app)?;
    super::registry_admin(admin)?;
    let store = &app.store;
    let (mut applications, mut members) = (Vec::new(), Vec::new());
    for membership in store.registry_members().await? {
        match membership.status {
            Status::Applied => applications.push(membership),
            Status::Active | Status::Suspended => members.push(membership),
            Status::Rejected | Status::Left | Status::Removed => {}
        }
    }
    Ok(RegistryAdmin {
        applications,
        members,
        classes: store.registry_classes().await?,
        proposals: store.proposals().await?,
    })
}
