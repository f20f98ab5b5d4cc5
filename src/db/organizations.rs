//! Organizations: member groups of the co-op, each a `Group` actor with people in roles.

use super::actors::{NewActorKeys, insert_actor};
use super::deliveries::enqueue_in;
use super::{DbError, Reply, Store, now_millis};
use crate::domain::{ActorKind, Handle, OrgRole};

/// What the store needs to create an organization and its first owner.
#[derive(Debug)]
pub struct NewOrganization<'a> {
    pub handle: &'a Handle,
    pub keys: NewActorKeys<'a>,
    pub name: &'a str,
    pub summary: &'a str,
    pub owner_user_id: i64,
}

/// A stored organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbOrganization {
    pub id: i64,
    pub actor_id: i64,
    pub handle: Handle,
    pub name: String,
    pub summary: String,
    pub created_at: i64,
}

/// An organization as `admin orgs` lists it, with its owners and how many members it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbOrganizationListing {
    pub organization: DbOrganization,
    /// Handles of its owners, by handle.
    pub owners: Vec<Handle>,
    /// People in any role, owners included.
    pub members: i64,
    /// When it was deleted: its actor answers 410 and its handle stays taken.
    pub deleted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct OrganizationListingRow {
    #[sqlx(flatten)]
    organization: OrganizationRow,
    deleted_at: Option<i64>,
    members: i64,
}

#[derive(sqlx::FromRow)]
struct OrganizationRow {
    id: i64,
    actor_id: i64,
    handle: String,
    name: String,
    summary: String,
    created_at: i64,
}

impl From<OrganizationRow> for DbOrganization {
    fn from(row: OrganizationRow) -> Self {
        Self {
            id: row.id,
            actor_id: row.actor_id,
            handle: Handle::from_trusted(row.handle),
            name: row.name,
            summary: row.summary,
            created_at: row.created_at,
        }
    }
}

impl Store {
    /// Creates the organization, its actor and its owner's membership in one transaction.
    pub async fn insert_organization(
        &self,
        new: NewOrganization<'_>,
    ) -> Result<DbOrganization, DbError> {
        let mut tx = self.begin_write().await?;
        let actor_id = insert_actor(&mut tx, new.handle, ActorKind::Group, new.keys).await?;
        let created_at = now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organizations (actor_id, name, summary, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(actor_id)
        .bind(new.name)
        .bind(new.summary)
        .bind(created_at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO organization_members (organization_id, user_id, role, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(new.owner_user_id)
        .bind(OrgRole::Owner.as_str())
        .bind(created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(DbOrganization {
            id,
            actor_id,
            handle: new.handle.clone(),
            name: new.name.to_owned(),
            summary: new.summary.to_owned(),
            created_at,
        })
    }

    /// The organization with this handle, or `NotFound` (also for a deleted one).
    pub async fn organization_by_handle(&self, handle: &Handle) -> Result<DbOrganization, DbError> {
        sqlx::query_as::<_, OrganizationRow>(
            "SELECT o.id, o.actor_id, a.handle, o.name, o.summary, o.created_at \
             FROM organizations o JOIN local_actors a ON a.id = o.actor_id \
             WHERE a.handle = $1 AND a.deleted_at IS NULL",
        )
        .bind(handle.as_str())
        .fetch_optional(self.pool())
        .await?
        .map(DbOrganization::from)
        .ok_or(DbError::NotFound)
    }

    /// Changes the organization's name and summary and queues the `Update` that tells its
    /// followers, in one transaction.
    pub async fn update_organization(
        &self,
        id: i64,
        name: &str,
        summary: &str,
        update: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE organizations SET name = $1, summary = $2 WHERE id = $3")
            .bind(name)
            .bind(summary)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        enqueue_in(&mut tx, &update.activity, &update.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The role `user_id` holds in `organization_id`, if any.
    pub async fn organization_role(
        &self,
        organization_id: i64,
        user_id: i64,
    ) -> Result<Option<OrgRole>, DbError> {
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2",
        )
        .bind(organization_id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(role.as_deref().and_then(OrgRole::from_stored))
    }

    /// Every organization, deleted ones included, by handle.
    pub async fn organizations(&self) -> Result<Vec<DbOrganizationListing>, DbError> {
        let rows: Vec<OrganizationListingRow> = sqlx::query_as(
            "SELECT o.id, o.actor_id, a.handle, o.name, o.summary, o.created_at, a.deleted_at, \
             (SELECT COUNT(*) FROM organization_members m WHERE m.organization_id = o.id) \
             AS members FROM organizations o JOIN local_actors a ON a.id = o.actor_id \
             ORDER BY a.handle",
        )
        .fetch_all(self.pool())
        .await?;
        let owners: Vec<(i64, String)> = sqlx::query_as(
            "SELECT m.organization_id, a.handle FROM organization_members m \
             JOIN users u ON u.id = m.user_id JOIN local_actors a ON a.id = u.actor_id \
             WHERE m.role = $1 ORDER BY a.handle",
        )
        .bind(OrgRole::Owner.as_str())
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| DbOrganizationListing {
                owners: owners
                    .iter()
                    .filter(|(org, _)| *org == row.organization.id)
                    .map(|(_, handle)| Handle::from_trusted(handle.clone()))
                    .collect(),
                members: row.members,
                deleted_at: row.deleted_at,
                organization: row.organization.into(),
            })
            .collect())
    }

    /// The live organizations of which `user_id` is the only owner who is neither deleted nor
    /// disabled (a disabled co-owner could not act for it).
    pub async fn organizations_only_owned_by(&self, user_id: i64) -> Result<Vec<Handle>, DbError> {
        let handles: Vec<String> = sqlx::query_scalar(
            "SELECT a.handle FROM organization_members m \
             JOIN organizations o ON o.id = m.organization_id \
             JOIN local_actors a ON a.id = o.actor_id \
             WHERE m.user_id = $1 AND m.role = $2 AND a.deleted_at IS NULL AND NOT EXISTS (\
             SELECT 1 FROM organization_members other JOIN users u ON u.id = other.user_id \
             JOIN local_actors ua ON ua.id = u.actor_id \
             WHERE other.organization_id = m.organization_id AND other.role = $2 \
             AND other.user_id <> $1 AND ua.deleted_at IS NULL AND u.disabled_at IS NULL) \
             ORDER BY a.handle",
        )
        .bind(user_id)
        .bind(OrgRole::Owner.as_str())
        .fetch_all(self.pool())
        .await?;
        Ok(handles.into_iter().map(Handle::from_trusted).collect())
    }
}
