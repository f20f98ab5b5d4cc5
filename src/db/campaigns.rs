//! Campaigns, each with its own Group actor, and the events and actions they gather.

use super::actors::insert_actor;
use super::deleted_actors::delete_actor_in;
use super::deliveries::{also_deliver_in, enqueue_in};
use super::{DbError, NewActorKeys, Reply, Store, now_millis};
use crate::domain::{ActorKind, CampaignStatus, Handle};

/// What an organization decides about a campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignDetails {
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub content_html: String,
    pub demands: Vec<String>,
    pub goal_statement: String,
    pub status: CampaignStatus,
}

/// A stored campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbCampaign {
    pub id: i64,
    /// The campaign's own actor.
    pub actor_id: i64,
    pub handle: Handle,
    pub organization_id: i64,
    /// The hosting organization's actor and handle.
    pub organization_actor_id: i64,
    pub organization_handle: Handle,
    pub details: CampaignDetails,
    pub created_at: i64,
    pub updated_at: Option<i64>,
}

/// One event or action of a campaign.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbCampaignItem {
    pub object_ap_id: String,
    /// `event` or `action`.
    pub kind: String,
    /// `proposed` or `accepted`.
    pub state: String,
    /// For an item on another instance: the actor hosting it.
    pub host_actor_ap_id: Option<String>,
    /// For an item on another instance: our Add that asked for it.
    pub request_ap_id: Option<String>,
    pub added_at: i64,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    campaign_id: i64,
    #[sqlx(flatten)]
    item: DbCampaignItem,
}

#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: i64,
    actor_id: i64,
    handle: String,
    organization_id: i64,
    organization_actor_id: i64,
    organization_handle: String,
    title: String,
    summary: String,
    body_markdown: String,
    content_html: String,
    demands: String,
    goal_statement: String,
    status: String,
    created_at: i64,
    updated_at: Option<i64>,
}

impl TryFrom<CampaignRow> for DbCampaign {
    type Error = DbError;

    fn try_from(row: CampaignRow) -> Result<Self, DbError> {
        Ok(Self {
            details: CampaignDetails {
                status: CampaignStatus::from_stored(&row.status)
                    .ok_or_else(|| DbError::Corrupt(format!("campaign status '{}'", row.status)))?,
                title: row.title,
                summary: row.summary,
                body_markdown: row.body_markdown,
                content_html: row.content_html,
                demands: row
                    .demands
                    .lines()
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                goal_statement: row.goal_statement,
            },
            id: row.id,
            actor_id: row.actor_id,
            handle: Handle::from_trusted(row.handle),
            organization_id: row.organization_id,
            organization_actor_id: row.organization_actor_id,
            organization_handle: Handle::from_trusted(row.organization_handle),
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

const CAMPAIGN_SELECT: &str = "SELECT c.id, c.actor_id, a.handle, c.organization_id, \
    o.actor_id AS organization_actor_id, oa.handle AS organization_handle, c.title, c.summary, \
    c.body_markdown, c.content_html, c.demands, c.goal_statement, c.status, c.created_at, \
    c.updated_at FROM campaigns c JOIN local_actors a ON a.id = c.actor_id \
    JOIN organizations o ON o.id = c.organization_id JOIN local_actors oa ON oa.id = o.actor_id";

impl Store {
    /// Creates a campaign and its actor (claiming `handle`) for the organization.
    pub async fn insert_campaign(
        &self,
        handle: &Handle,
        keys: NewActorKeys<'_>,
        organization_id: i64,
        details: &CampaignDetails,
    ) -> Result<i64, DbError> {
        let mut tx = self.begin_write().await?;
        let actor_id = insert_actor(&mut tx, handle, ActorKind::Group, keys).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO campaigns (actor_id, organization_id, title, summary, body_markdown, \
             content_html, demands, goal_statement, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(actor_id)
        .bind(organization_id)
        .bind(&details.title)
        .bind(&details.summary)
        .bind(&details.body_markdown)
        .bind(&details.content_html)
        .bind(details.demands.join("\n"))
        .bind(&details.goal_statement)
        .bind(details.status.as_str())
        .bind(now_millis())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Deletes a campaign: its actor is marked deleted (its handle stays taken), `delete` goes to
    /// its followers, and its followers, items and co-hosts are forgotten, in one transaction.
    pub async fn delete_campaign(
        &self,
        campaign: &DbCampaign,
        delete: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        delete_actor_in(
            &mut tx,
            campaign.actor_id,
            delete,
            "the campaign was deleted",
        )
        .await?;
        // Its co-hosts and its items' hosts are told too.
        also_deliver_in(
            &mut tx,
            delete.activity.id,
            "r.ap_id IN (SELECT organization_ap_id FROM campaign_cohosts WHERE campaign_id = $3) \
             OR r.ap_id IN (SELECT host_actor_ap_id FROM campaign_items WHERE campaign_id = $3)",
            campaign.id,
        )
        .await?;
        for query in [
            "DELETE FROM campaign_items WHERE campaign_id = $1",
            "DELETE FROM campaign_cohosts WHERE campaign_id = $1",
        ] {
            sqlx::query(query)
                .bind(campaign.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a campaign's details.
    pub async fn update_campaign(&self, id: i64, details: &CampaignDetails) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE campaigns SET title = $1, summary = $2, body_markdown = $3, content_html = $4, \
             demands = $5, goal_statement = $6, status = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&details.title)
        .bind(&details.summary)
        .bind(&details.body_markdown)
        .bind(&details.content_html)
        .bind(details.demands.join("\n"))
        .bind(&details.goal_statement)
        .bind(details.status.as_str())
        .bind(now_millis())
        .bind(id)
        .execute(self.pool())
        .await?;
        self.documents_changed();
        Ok(())
    }

    /// The campaign whose actor has this handle.
    pub async fn campaign_by_handle(&self, handle: &Handle) -> Result<DbCampaign, DbError> {
        let row: CampaignRow = sqlx::query_as(&format!(
            "{CAMPAIGN_SELECT} WHERE a.handle = $1 AND a.deleted_at IS NULL"
        ))
        .bind(handle.as_str())
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)?;
        row.try_into()
    }

    /// Campaigns of every live organization whose status is `active`, newest first, at most
    /// `limit`.
    pub async fn active_campaigns(&self, limit: i64) -> Result<Vec<DbCampaign>, DbError> {
        let rows: Vec<CampaignRow> = sqlx::query_as(&format!(
            "{CAMPAIGN_SELECT} WHERE c.status = 'active' AND a.deleted_at IS NULL \
             AND oa.deleted_at IS NULL ORDER BY c.created_at DESC, c.id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// The campaigns of an organization, newest first.
    pub async fn campaigns_of(&self, organization_id: i64) -> Result<Vec<DbCampaign>, DbError> {
        let rows: Vec<CampaignRow> = sqlx::query_as(&format!(
            "{CAMPAIGN_SELECT} WHERE c.organization_id = $1 AND a.deleted_at IS NULL \
             ORDER BY c.created_at DESC, c.id"
        ))
        .bind(organization_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Adds an item in `state`, or moves a proposed one on to accepted or linked (never back),
    /// and queues `announces` in the same transaction when it did either (never for a deleted
    /// campaign). Whether it did.
    pub async fn put_campaign_item(
        &self,
        campaign_id: i64,
        item: &DbCampaignItem,
        announces: &[Reply<'_>],
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "INSERT INTO campaign_items (campaign_id, object_ap_id, kind, state, host_actor_ap_id, \
             request_ap_id, added_at) SELECT $1, $2, $3, $4, $5, $6, $7 \
             WHERE EXISTS (SELECT 1 FROM campaigns c JOIN local_actors a ON a.id = c.actor_id \
             WHERE c.id = $1 AND a.deleted_at IS NULL) \
             ON CONFLICT (campaign_id, object_ap_id) DO UPDATE SET state = excluded.state \
             WHERE campaign_items.state = 'proposed' AND excluded.state <> 'proposed'",
        )
        .bind(campaign_id)
        .bind(&item.object_ap_id)
        .bind(&item.kind)
        .bind(&item.state)
        .bind(&item.host_actor_ap_id)
        .bind(&item.request_ap_id)
        .bind(item.added_at)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if changed {
            for announce in announces {
                enqueue_in(&mut tx, &announce.activity, &announce.recipients).await?;
            }
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// The Announces the campaign's actor sent of `object_ap_id`, as sent.
    pub async fn campaign_announces(
        &self,
        campaign_actor_id: i64,
        object_ap_id: &str,
    ) -> Result<Vec<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT json FROM outbox_activities WHERE local_actor_id = $1 AND object_ap_id = $2 \
             AND kind = 'Announce' ORDER BY created_at, id",
        )
        .bind(campaign_actor_id)
        .bind(object_ap_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Takes an item out of a campaign: the item goes, its Announces no longer dereference, and
    /// `undos` (of those Announces) are queued, in one transaction. Whether it was there.
    pub async fn remove_campaign_item(
        &self,
        campaign: &DbCampaign,
        object_ap_id: &str,
        undos: &[Reply<'_>],
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let removed =
            sqlx::query("DELETE FROM campaign_items WHERE campaign_id = $1 AND object_ap_id = $2")
                .bind(campaign.id)
                .bind(object_ap_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                > 0;
        if removed {
            sqlx::query(
                "DELETE FROM outbox_activities WHERE local_actor_id = $1 AND object_ap_id = $2 \
                 AND kind = 'Announce'",
            )
            .bind(campaign.actor_id)
            .bind(object_ap_id)
            .execute(&mut *tx)
            .await?;
            tx.changes_documents();
            for undo in undos {
                enqueue_in(&mut tx, &undo.activity, &undo.recipients).await?;
            }
        }
        tx.commit().await?;
        Ok(removed)
    }

    /// Forgets a proposed item (its host declined), so it may be proposed again.
    pub async fn remove_proposed_campaign_item(
        &self,
        campaign_id: i64,
        object_ap_id: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "DELETE FROM campaign_items WHERE campaign_id = $1 AND object_ap_id = $2 \
             AND state = 'proposed'",
        )
        .bind(campaign_id)
        .bind(object_ap_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The items of a campaign, oldest first.
    pub async fn campaign_items(&self, campaign_id: i64) -> Result<Vec<DbCampaignItem>, DbError> {
        Ok(sqlx::query_as(
            "SELECT object_ap_id, kind, state, host_actor_ap_id, request_ap_id, added_at \
             FROM campaign_items WHERE campaign_id = $1 ORDER BY added_at, object_ap_id",
        )
        .bind(campaign_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The item `object_ap_id` of a campaign, if it has it.
    pub async fn campaign_item(
        &self,
        campaign_id: i64,
        object_ap_id: &str,
    ) -> Result<Option<DbCampaignItem>, DbError> {
        Ok(sqlx::query_as(
            "SELECT object_ap_id, kind, state, host_actor_ap_id, request_ap_id, added_at \
             FROM campaign_items WHERE campaign_id = $1 AND object_ap_id = $2",
        )
        .bind(campaign_id)
        .bind(object_ap_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The campaign with this id.
    pub async fn campaign_by_id(&self, id: i64) -> Result<DbCampaign, DbError> {
        let row: CampaignRow = sqlx::query_as(&format!("{CAMPAIGN_SELECT} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(DbError::NotFound)?;
        row.try_into()
    }

    /// The proposed item our Add `request_ap_id` asked for, if `answerer` is the actor it went
    /// to: the campaign's id and the item.
    pub async fn campaign_request(
        &self,
        request_ap_id: &str,
        answerer: &str,
    ) -> Result<Option<(i64, DbCampaignItem)>, DbError> {
        let row: Option<RequestRow> = sqlx::query_as(
            "SELECT campaign_id, object_ap_id, kind, state, host_actor_ap_id, request_ap_id, \
             added_at FROM campaign_items WHERE request_ap_id = $1 AND host_actor_ap_id = $2",
        )
        .bind(request_ap_id)
        .bind(answerer)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| (row.campaign_id, row.item)))
    }
}
