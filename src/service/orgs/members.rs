//! An organization's people: who is in it and in which role, inviting a person here (who then
//! accepts or declines), changing roles and removing members. Owners may do everything; admins
//! invite and remove members but appoint nobody above member; an organization keeps at least
//! one owner.

use super::super::ServiceError;
use super::as_member;
use crate::db::{DbMember, DbOrgInvitation, DbUser};
use crate::domain::{Handle, OrgRole};
use crate::state::AppState;

/// An organization's members, as one of them sees them.
#[derive(Debug)]
pub struct Members {
    pub members: Vec<Member>,
    /// The viewer's own role.
    pub viewer: OrgRole,
}

/// One member and their role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub handle: String,
    pub display_name: String,
    pub role: OrgRole,
}

/// An invitation waiting for a person's answer: the organization's handle and name, the role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub handle: String,
    pub name: String,
    pub role: OrgRole,
}

/// The members of `org`, for one of them.
pub async fn members(app: &AppState, user: &DbUser, org: &Handle) -> Result<Members, ServiceError> {
    let organization = as_member(&app.store, user, org).await?;
    let members = app.store.members_of(organization.id).await?;
    let viewer = role_in(&members, user.id)?;
    let members = members
        .into_iter()
        .map(|m| Member {
            handle: m.handle,
            display_name: m.display_name,
            role: m.role,
        })
        .collect();
    Ok(Members { members, viewer })
}

fn role_in(members: &[DbMember], user_id: i64) -> Result<OrgRole, ServiceError> {
    members
        .iter()
        .find(|m| m.user_id == user_id)
        .map(|m| m.role)
        .ok_or_else(|| ServiceError::Forbidden("you are not a member".to_owned()))
}

fn refuse(message: &str) -> ServiceError {
    ServiceError::Forbidden(message.to_owned())
}

/// Whether `by` may give or take `role` (or act on someone holding it).
fn may_handle(by: OrgRole, role: OrgRole) -> bool {
    match by {
        OrgRole::Owner => true,
        OrgRole::Admin => role == OrgRole::Member,
        OrgRole::Member => false,
    }
}

/// `user` invites the local person `handle` into `org` as `role`; they join once they accept.
pub async fn invite(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    handle: &str,
    role: OrgRole,
) -> Result<(), ServiceError> {
    let organization = as_member(&app.store, user, org).await?;
    let members = app.store.members_of(organization.id).await?;
    if !may_handle(role_in(&members, user.id)?, role) {
        return Err(refuse("you may not invite people in this role"));
    }
    let invited_handle = Handle::parse(handle.trim().trim_start_matches('@')).map_err(|e| {
        ServiceError::Invalid {
            field: "handle",
            message: e.to_string(),
        }
    })?;
    let invited = crate::service::users::enabled(&app.store, &invited_handle)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound(message) => ServiceError::Invalid {
                field: "handle",
                message,
            },
            other => other,
        })?;
    if members.iter().any(|m| m.user_id == invited.id) {
        return Err(ServiceError::Conflict(format!(
            "{invited_handle} is already a member"
        )));
    }
    app.store
        .invite_member(organization.id, invited.id, role, user.id)
        .await?;
    tracing::info!(%org, invited = %invited_handle, role = role.as_str(), "member invited");
    Ok(())
}

/// The invitations waiting for `user`.
pub async fn invitations(app: &AppState, user: &DbUser) -> Result<Vec<Invitation>, ServiceError> {
    Ok(app
        .store
        .invitations_of(user.id)
        .await?
        .into_iter()
        .map(|i: DbOrgInvitation| Invitation {
            handle: i.handle,
            name: i.name,
            role: i.role,
        })
        .collect())
}

/// `user` accepts or declines the invitation into `org`.
pub async fn answer_invitation(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    accept: bool,
) -> Result<(), ServiceError> {
    let organization = super::named(&app.store, org).await?;
    match app
        .store
        .answer_invitation(organization.id, user.id, accept)
        .await?
    {
        Some(_) => Ok(()),
        None => Err(ServiceError::NotFound(format!(
            "no invitation into '{org}'"
        ))),
    }
}

/// `user` gives the member `handle` of `org` the role `role`.
pub async fn set_role(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    handle: &str,
    role: OrgRole,
) -> Result<(), ServiceError> {
    let (organization_id, members, target) = member_named(app, user, org, handle).await?;
    let by = role_in(&members, user.id)?;
    if !may_handle(by, role) || !may_handle(by, target.role) {
        return Err(refuse("you may not change this role"));
    }
    keeps_an_owner(&members, &target, Some(role))?;
    app.store
        .set_member_role(organization_id, target.user_id, role)
        .await?;
    Ok(())
}

/// `user` removes the member `handle` from `org` (anyone may leave; an owner stays).
pub async fn remove(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    handle: &str,
) -> Result<(), ServiceError> {
    let (organization_id, members, target) = member_named(app, user, org, handle).await?;
    let by = role_in(&members, user.id)?;
    if target.user_id != user.id && !may_handle(by, target.role) {
        return Err(refuse("you may not remove this member"));
    }
    keeps_an_owner(&members, &target, None)?;
    app.store
        .remove_member(organization_id, target.user_id)
        .await?;
    Ok(())
}

async fn member_named(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    handle: &str,
) -> Result<(i64, Vec<DbMember>, DbMember), ServiceError> {
    let organization = as_member(&app.store, user, org).await?;
    let members = app.store.members_of(organization.id).await?;
    let target = members
        .iter()
        .find(|m| m.handle == handle.trim().trim_start_matches('@'))
        .cloned()
        .ok_or_else(|| ServiceError::NotFound(format!("{handle} is not a member of '{org}'")))?;
    Ok((organization.id, members, target))
}

/// Refuses a change that would leave the organization without an owner.
fn keeps_an_owner(
    members: &[DbMember],
    target: &DbMember,
    new_role: Option<OrgRole>,
) -> Result<(), ServiceError> {
    let owners = members.iter().filter(|m| m.role == OrgRole::Owner).count();
    let loses_owner = target.role == OrgRole::Owner && new_role != Some(OrgRole::Owner);
    if loses_owner && owners <= 1 {
        return Err(ServiceError::Conflict(
            "an organization keeps at least one owner: make someone else owner first".to_owned(),
        ));
    }
    Ok(())
}
