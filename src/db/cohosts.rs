//! Campaign co-hosts: organizations invited to host one of our campaigns (here or elsewhere),
//! and invitations our organizations received from campaigns elsewhere.

use super::deliveries::enqueue_in;
use super::{DbError, Reply, Store, now_millis};

/// An organization invited to co-host one of our campaigns.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbCohost {
    pub campaign_id: i64,
    /// The organization's actor id (ours or another instance's).
    pub organization_ap_id: String,
    /// `invited` or `accepted`.
    pub state: String,
    /// Our Invite, for an organization elsewhere.
    pub invite_ap_id: Option<String>,
    pub invited_at: i64,
    pub accepted_at: Option<i64>,
}

/// A campaign elsewhere inviting one of our organizations to co-host it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbCohostInvitation {
    pub campaign_ap_id: String,
    pub organization_id: i64,
    pub invite_ap_id: String,
    /// `pending` or `accepted`.
    pub state: String,
    pub created_at: i64,
}

const COHOST_SELECT: &str = "SELECT campaign_id, organization_ap_id, state, invite_ap_id, \
    invited_at, accepted_at FROM campaign_cohosts";

impl Store {
    /// Invites an organization to co-host, and queues `invite` in the same transaction. Asking
    /// again while it is still invited sends a new `invite` (the first may have been lost);
    /// once accepted, nothing changes. Whether anything was recorded or sent.
    pub async fn invite_cohost(
        &self,
        campaign_id: i64,
        organization_ap_id: &str,
        invite: Option<&Reply<'_>>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "INSERT INTO campaign_cohosts (campaign_id, organization_ap_id, state, invite_ap_id, \
             invited_at) VALUES ($1, $2, 'invited', $3, $4) \
             ON CONFLICT (campaign_id, organization_ap_id) \
             DO UPDATE SET invite_ap_id = excluded.invite_ap_id \
             WHERE campaign_cohosts.state = 'invited' AND excluded.invite_ap_id IS NOT NULL",
        )
        .bind(campaign_id)
        .bind(organization_ap_id)
        .bind(invite.map(|i| i.activity.ap_id))
        .bind(now_millis())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if let (true, Some(invite)) = (changed, invite) {
            enqueue_in(&mut tx, &invite.activity, &invite.recipients).await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Forgets an invitation that was declined, so the organization may be invited again.
    pub async fn remove_invited_cohost(
        &self,
        campaign_id: i64,
        organization_ap_id: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "DELETE FROM campaign_cohosts WHERE campaign_id = $1 AND organization_ap_id = $2 \
             AND state = 'invited'",
        )
        .bind(campaign_id)
        .bind(organization_ap_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The co-hosts of a campaign, in the order they were invited.
    pub async fn campaign_cohosts(&self, campaign_id: i64) -> Result<Vec<DbCohost>, DbError> {
        Ok(sqlx::query_as(&format!(
            "{COHOST_SELECT} WHERE campaign_id = $1 ORDER BY invited_at, organization_ap_id"
        ))
        .bind(campaign_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Whether `organization_ap_id` accepted to co-host the campaign.
    pub async fn is_cohost(
        &self,
        campaign_id: i64,
        organization_ap_id: &str,
    ) -> Result<bool, DbError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT campaign_id FROM campaign_cohosts \
             WHERE campaign_id = $1 AND organization_ap_id = $2 AND state = 'accepted'",
        )
        .bind(campaign_id)
        .bind(organization_ap_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Our campaigns that invited `organization_ap_id` (a local organization), oldest first.
    pub async fn cohostings_of(&self, organization_ap_id: &str) -> Result<Vec<DbCohost>, DbError> {
        Ok(sqlx::query_as(&format!(
            "{COHOST_SELECT} WHERE organization_ap_id = $1 ORDER BY invited_at, campaign_id \
             LIMIT 1000"
        ))
        .bind(organization_ap_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The co-hosting our Invite `invite_ap_id` asked for, if `answerer` is the organization
    /// it went to.
    pub async fn cohost_by_invite(
        &self,
        invite_ap_id: &str,
        answerer: &str,
    ) -> Result<Option<DbCohost>, DbError> {
        Ok(sqlx::query_as(&format!(
            "{COHOST_SELECT} WHERE invite_ap_id = $1 AND organization_ap_id = $2"
        ))
        .bind(invite_ap_id)
        .bind(answerer)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Marks a co-host accepted. Whether it was still invited.
    pub async fn accept_cohost(
        &self,
        campaign_id: i64,
        organization_ap_id: &str,
    ) -> Result<bool, DbError> {
        Ok(sqlx::query(
            "UPDATE campaign_cohosts SET state = 'accepted', accepted_at = $1 \
             WHERE campaign_id = $2 AND organization_ap_id = $3 AND state = 'invited'",
        )
        .bind(now_millis())
        .bind(campaign_id)
        .bind(organization_ap_id)
        .execute(self.pool())
        .await?
        .rows_affected()
            > 0)
    }

    /// Records a campaign elsewhere inviting one of our organizations (once per pair; a repeated
    /// Invite keeps the answer already given).
    pub async fn add_cohost_invitation(
        &self,
        campaign_ap_id: &str,
        organization_id: i64,
        invite_ap_id: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO cohost_invitations (campaign_ap_id, organization_id, invite_ap_id, \
             state, created_at) VALUES ($1, $2, $3, 'pending', $4) \
             ON CONFLICT (campaign_ap_id, organization_id) \
             DO UPDATE SET invite_ap_id = excluded.invite_ap_id",
        )
        .bind(campaign_ap_id)
        .bind(organization_id)
        .bind(invite_ap_id)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The invitations an organization received, oldest first.
    pub async fn cohost_invitations_of(
        &self,
        organization_id: i64,
    ) -> Result<Vec<DbCohostInvitation>, DbError> {
        Ok(sqlx::query_as(
            "SELECT campaign_ap_id, organization_id, invite_ap_id, state, created_at \
             FROM cohost_invitations WHERE organization_id = $1 \
             ORDER BY created_at, campaign_ap_id LIMIT 1000",
        )
        .bind(organization_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Whether the organization accepted to co-host the campaign elsewhere `campaign_ap_id`.
    pub async fn cohosts_elsewhere(
        &self,
        campaign_ap_id: &str,
        organization_id: i64,
    ) -> Result<bool, DbError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT organization_id FROM cohost_invitations WHERE campaign_ap_id = $1 \
             AND organization_id = $2 AND state = 'accepted'",
        )
        .bind(campaign_ap_id)
        .bind(organization_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Marks an invitation accepted and queues the Accept that tells the campaign (again, when
    /// it was already accepted: the first Accept may have been lost). Whether it exists.
    pub async fn accept_cohost_invitation(
        &self,
        campaign_ap_id: &str,
        organization_id: i64,
        accept: &Reply<'_>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE cohost_invitations SET state = 'accepted' \
             WHERE campaign_ap_id = $1 AND organization_id = $2",
        )
        .bind(campaign_ap_id)
        .bind(organization_id)
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
}
