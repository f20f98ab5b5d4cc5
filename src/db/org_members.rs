//! An organization's people: its members with their roles, invitations to join it, and the
//! changes owners and admins make.

use super::{DbError, Store, now_millis};
use crate::domain::OrgRole;

/// A member as the members page lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbMember {
    pub user_id: i64,
    pub handle: String,
    pub display_name: String,
    pub role: OrgRole,
}

/// An open invitation to a person: the organization's handle and name, and the role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbOrgInvitation {
    pub organization_id: i64,
    pub handle: String,
    pub name: String,
    pub role: OrgRole,
}

fn role_of(text: &str) -> Result<OrgRole, DbError> {
    OrgRole::from_stored(text).ok_or_else(|| DbError::Corrupt(format!("role '{text}'")))
}

impl Store {
    /// The members of `organization_id`, owners first, then by handle.
    pub async fn members_of(&self, organization_id: i64) -> Result<Vec<DbMember>, DbError> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT u.id, a.handle, u.display_name, m.role FROM organization_members m \
             JOIN users u ON u.id = m.user_id JOIN local_actors a ON a.id = u.actor_id \
             WHERE m.organization_id = $1 AND a.deleted_at IS NULL \
             ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, a.handle",
        )
        .bind(organization_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(user_id, handle, display_name, role)| {
                Ok(DbMember {
                    user_id,
                    handle,
                    display_name,
                    role: role_of(&role)?,
                })
            })
            .collect()
    }

    /// Invites `user_id` into `organization_id` as `role` (replacing an earlier invitation).
    pub async fn invite_member(
        &self,
        organization_id: i64,
        user_id: i64,
        role: OrgRole,
        invited_by: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO organization_invitations (organization_id, user_id, role, invited_by, \
             created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organization_id, user_id) \
             DO UPDATE SET role = excluded.role, invited_by = excluded.invited_by",
        )
        .bind(organization_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(invited_by)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The open invitations of `user_id`, newest first.
    pub async fn invitations_of(&self, user_id: i64) -> Result<Vec<DbOrgInvitation>, DbError> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT o.id, a.handle, o.name, i.role FROM organization_invitations i \
             JOIN organizations o ON o.id = i.organization_id \
             JOIN local_actors a ON a.id = o.actor_id \
             WHERE i.user_id = $1 AND a.deleted_at IS NULL ORDER BY i.created_at DESC, a.handle",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(organization_id, handle, name, role)| {
                Ok(DbOrgInvitation {
                    organization_id,
                    handle,
                    name,
                    role: role_of(&role)?,
                })
            })
            .collect()
    }

    /// Accepts (`true`) or declines the invitation of `user_id` into `organization_id`; the
    /// role it brings when accepted, `None` when there was none.
    pub async fn answer_invitation(
        &self,
        organization_id: i64,
        user_id: i64,
        accept: bool,
    ) -> Result<Option<OrgRole>, DbError> {
        let mut tx = self.begin_write().await?;
        let role: Option<String> = sqlx::query_scalar(
            "DELETE FROM organization_invitations WHERE organization_id = $1 AND user_id = $2 \
             RETURNING role",
        )
        .bind(organization_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(role) = role else {
            return Ok(None);
        };
        if accept {
            sqlx::query(
                "INSERT INTO organization_members (organization_id, user_id, role, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, user_id) \
                 DO UPDATE SET role = excluded.role",
            )
            .bind(organization_id)
            .bind(user_id)
            .bind(&role)
            .bind(now_millis())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        role_of(&role).map(Some)
    }

    /// Sets the role of member `user_id`; false when they are no member.
    pub async fn set_member_role(
        &self,
        organization_id: i64,
        user_id: i64,
        role: OrgRole,
    ) -> Result<bool, DbError> {
        let done = sqlx::query(
            "UPDATE organization_members SET role = $3 WHERE organization_id = $1 AND user_id = $2",
        )
        .bind(organization_id)
        .bind(user_id)
        .bind(role.as_str())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Removes member `user_id`; false when they were no member.
    pub async fn remove_member(&self, organization_id: i64, user_id: i64) -> Result<bool, DbError> {
        let done = sqlx::query(
            "DELETE FROM organization_members WHERE organization_id = $1 AND user_id = $2",
        )
        .bind(organization_id)
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
