//! What an organization says about itself, its name and summary: checked the same way when it
//! is created and when its owners or admins change it; a change reaches its followers as an
//! `Update` of its actor.

use super::super::ServiceError;
use crate::db::{DbOrganization, DbUser};
use crate::domain::Handle;
use crate::state::AppState;

/// Longest organization name accepted.
const MAX_NAME_LEN: usize = 100;
/// Longest plain-text summary accepted.
const MAX_SUMMARY_LEN: usize = 2000;

/// What an organization says about itself, for its settings page.
#[derive(Debug, Default)]
pub struct OrgProfile {
    pub handle: String,
    pub name: String,
    pub summary: String,
}

/// `org` as its owners and admins may change it.
pub async fn profile_for_manager(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
) -> Result<OrgProfile, ServiceError> {
    let organization = super::as_manager(&app.store, user, org).await?;
    Ok(OrgProfile {
        handle: organization.handle.to_string(),
        name: organization.name,
        summary: organization.summary,
    })
}

/// `name` and `summary` trimmed, or why not.
pub(super) fn checked<'a>(
    name: &'a str,
    summary: &'a str,
) -> Result<(&'a str, &'a str), ServiceError> {
    let name = name.trim();
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
    let summary = summary.trim();
    if summary.chars().count() > MAX_SUMMARY_LEN {
        return Err(ServiceError::Invalid {
            field: "summary",
            message: format!("may have at most {MAX_SUMMARY_LEN} characters"),
        });
    }
    Ok((name, summary))
}

/// An owner or admin of `org` changes its name and summary; its followers receive `Update` of
/// its actor with the new ones.
pub async fn update_organization(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    name: &str,
    summary: &str,
) -> Result<DbOrganization, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    crate::service::instance::check_bound_domain(store, &app.config.domain).await?;
    let organization = super::as_manager(store, user, org).await?;
    let (name, summary) = checked(name, summary)?;
    let mut actor = crate::service::actors::local_actor(app, org).await?;
    actor.name = name.to_owned();
    actor.summary = summary.to_owned();
    let document = crate::federation::actors::local_actor_document(&actor, urls);
    let update = crate::federation::outbox::update_actor(urls, &document);
    store
        .update_organization(
            organization.id,
            name,
            summary,
            &update.to_followers(organization.actor_id),
        )
        .await?;
    tracing::info!(%org, "organization changed");
    Ok(DbOrganization {
        name: name.to_owned(),
        summary: summary.to_owned(),
        ..organization
    })
}

/// Refuses anyone but an instance administrator, who alone creates organizations.
pub fn may_create(user: &DbUser) -> Result<(), ServiceError> {
    if user.is_admin {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "only the instance's administrators create organizations".to_owned(),
        ))
    }
}

/// An instance admin creates the organization `handle` with `owner` (a local person's handle)
/// as its first owner.
pub async fn create_as_admin(
    app: &AppState,
    user: &DbUser,
    handle: &str,
    name: &str,
    summary: &str,
    owner: &str,
) -> Result<DbOrganization, ServiceError> {
    may_create(user)?;
    let parse = |field: &'static str, text: &str| {
        Handle::parse(text.trim().trim_start_matches('@')).map_err(|_| ServiceError::Invalid {
            field,
            message: "1 to 30 of a-z, 0-9 and _".to_owned(),
        })
    };
    let request = super::NewOrganizationRequest {
        handle: parse("handle", handle)?,
        name: name.to_owned(),
        summary: summary.to_owned(),
        owner: parse("owner", owner)?,
    };
    super::create_organization(&app.store, request).await
}

/// An owner of `org` deletes it (refused while it hosts campaigns, events or actions; see
/// `delete_organization`).
pub async fn delete_as_owner(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
) -> Result<DbOrganization, ServiceError> {
    let organization = super::as_member(&app.store, user, org).await?;
    match app
        .store
        .organization_role(organization.id, user.id)
        .await?
    {
        Some(crate::domain::OrgRole::Owner) => super::delete_organization(app, org).await,
        _ => Err(ServiceError::Forbidden(format!(
            "only owners of '{org}' may delete it"
        ))),
    }
}
