//! What campaigns ask of our organizations' events and actions: invitations from campaigns
//! elsewhere to include one of ours, and items proposed to campaigns here that their host
//! organization has not accepted yet.

use super::deliveries::enqueue_in;
use super::{DbError, Reply, Store, now_millis};
use crate::domain::Handle;

/// A campaign elsewhere that asked to include one of our events or actions.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbCampaignInvitation {
    pub campaign_ap_id: String,
    pub object_ap_id: String,
    pub add_ap_id: String,
    /// `pending` or `accepted`.
    pub state: String,
    pub created_at: i64,
}

/// An event or action of ours proposed to a campaign here, waiting for its host's consent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbProposedItem {
    pub campaign_handle: Handle,
    pub campaign_title: String,
    pub object_ap_id: String,
    /// `event` or `action`.
    pub kind: String,
    pub added_at: i64,
}

#[derive(sqlx::FromRow)]
struct ProposedRow {
    campaign_handle: String,
    campaign_title: String,
    object_ap_id: String,
    kind: String,
    added_at: i64,
}

impl Store {
    /// Records a campaign elsewhere asking to include one of our objects (once per pair).
    pub async fn add_campaign_invitation(
        &self,
        campaign_ap_id: &str,
        object_ap_id: &str,
        add_ap_id: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO campaign_invitations (campaign_ap_id, object_ap_id, add_ap_id, state, \
             created_at) VALUES ($1, $2, $3, 'pending', $4) \
             ON CONFLICT (campaign_ap_id, object_ap_id) DO UPDATE SET add_ap_id = excluded.add_ap_id",
        )
        .bind(campaign_ap_id)
        .bind(object_ap_id)
        .bind(add_ap_id)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The oldest 1000 invitations about objects of ours.
    pub async fn campaign_invitations(&self) -> Result<Vec<DbCampaignInvitation>, DbError> {
        Ok(sqlx::query_as(
            "SELECT campaign_ap_id, object_ap_id, add_ap_id, state, created_at \
             FROM campaign_invitations ORDER BY created_at, campaign_ap_id LIMIT 1000",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// Marks an invitation accepted and queues the Accept that tells the campaign.
    pub async fn accept_campaign_invitation(
        &self,
        campaign_ap_id: &str,
        object_ap_id: &str,
        accept: &Reply<'_>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE campaign_invitations SET state = 'accepted' \
             WHERE campaign_ap_id = $1 AND object_ap_id = $2 AND state = 'pending'",
        )
        .bind(campaign_ap_id)
        .bind(object_ap_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if changed {
            enqueue_in(&mut tx, &accept.activity, &accept.recipients).await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// The oldest 1000 items proposed to campaigns here and not accepted yet.
    pub async fn proposed_campaign_items(&self) -> Result<Vec<DbProposedItem>, DbError> {
        let rows: Vec<ProposedRow> = sqlx::query_as(
            "SELECT a.handle AS campaign_handle, c.title AS campaign_title, i.object_ap_id, \
             i.kind, i.added_at FROM campaign_items i JOIN campaigns c ON c.id = i.campaign_id \
             JOIN local_actors a ON a.id = c.actor_id \
             WHERE i.state = 'proposed' AND i.host_actor_ap_id IS NULL \
             ORDER BY i.added_at, i.object_ap_id LIMIT 1000",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| DbProposedItem {
                campaign_handle: Handle::from_trusted(row.campaign_handle),
                campaign_title: row.campaign_title,
                object_ap_id: row.object_ap_id,
                kind: row.kind,
                added_at: row.added_at,
            })
            .collect())
    }
}
