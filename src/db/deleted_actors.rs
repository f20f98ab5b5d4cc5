//! Deleting a person's or an organization's actor, as a campaign's is deleted: the actor row
//! stays with `deleted_at` set (the handle is never given to anyone else and its addresses
//! answer 410), `Delete` goes to its followers and to the hosts of the actors it follows, its
//! other pending deliveries fail (but for withdrawals, `Leave` and `Undo`, which still go), and
//! its follow relationships are forgotten. A person's participations and RSVPs here are erased
//! with them, and the servers that hold theirs elsewhere are told too.

use super::WriteTx;
use super::deliveries::{also_deliver_in, enqueue_in};
use super::published::Published;
use super::{DbError, DbOrganization, DbUser, Reply, Store, now_millis};

impl Store {
    /// Deletes a user's actor (see the module), whose ActivityPub id is `ap_id`, revokes its
    /// tokens, ends its memberships and erases its participations and RSVPs here (their counts
    /// go down, and the count Updates follow).
    pub async fn delete_user(
        &self,
        user: &DbUser,
        ap_id: &str,
        delete: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        delete_actor_in(&mut tx, user.actor_id, delete, "the user was deleted").await?;
        // The hosts of what the person took part in elsewhere hear of the deletion too.
        also_deliver_in(
            &mut tx,
            delete.activity.id,
            "r.ap_id IN (SELECT host_actor_ap_id FROM sent_rsvps WHERE local_actor_id = $3)",
            user.actor_id,
        )
        .await?;
        erase_participation(&mut tx, ap_id).await?;
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now_millis())
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM organization_members WHERE user_id = $1")
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an organization's actor (see the module); its member list stays for the record.
    pub async fn delete_organization(
        &self,
        organization: &DbOrganization,
        delete: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        delete_actor_in(
            &mut tx,
            organization.actor_id,
            delete,
            "the organization was deleted",
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Marks `actor_id` deleted and queues `delete` to its followers and the hosts it follows,
/// failing its other pending deliveries with `reason`, then forgets its follows both ways.
pub(super) async fn delete_actor_in(
    tx: &mut WriteTx,
    actor_id: i64,
    delete: &Reply<'_>,
    reason: &str,
) -> Result<(), DbError> {
    let now = now_millis();
    sqlx::query("UPDATE local_actors SET deleted_at = $1 WHERE id = $2")
        .bind(now)
        .bind(actor_id)
        .execute(&mut **tx)
        .await?;
    // The followers are read here, before they go; what it queued before will not go out.
    enqueue_in(tx, &delete.activity, &delete.recipients).await?;
    sqlx::query(
        "UPDATE deliveries SET state = 'failed', last_error = $1, lease_until = NULL, \
         updated_at = $2 WHERE state = 'pending' AND activity_id IN \
         (SELECT id FROM outbox_activities WHERE local_actor_id = $3 AND id <> $4 \
         AND kind NOT IN ('Leave', 'Undo'))",
    )
    .bind(reason)
    .bind(now)
    .bind(actor_id)
    .bind(delete.activity.id)
    .execute(&mut **tx)
    .await?;
    also_deliver_in(
        tx,
        delete.activity.id,
        "r.id IN (SELECT remote_actor_id FROM following WHERE local_actor_id = $3)",
        actor_id,
    )
    .await?;
    for query in [
        "DELETE FROM followers WHERE local_actor_id = $1",
        "DELETE FROM following WHERE local_actor_id = $1",
    ] {
        sqlx::query(query).bind(actor_id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Erases the participations and RSVPs of `participant` here, bumping the counts of what they
/// were in so that the count Updates tell the followers.
pub(super) async fn erase_participation(
    tx: &mut WriteTx,
    participant: &str,
) -> Result<(), DbError> {
    for (kind, table, column) in [
        (Published::Actions, "action_participants", "action_id"),
        (Published::Events, "event_rsvps", "event_id"),
    ] {
        // One statement for every object they were in, before their rows go.
        sqlx::query(&format!(
            "UPDATE {} SET counts_version = counts_version + 1 \
             WHERE id IN (SELECT {column} FROM {table} WHERE participant = $1)",
            kind.table()
        ))
        .bind(participant)
        .execute(&mut **tx)
        .await?;
        sqlx::query(&format!("DELETE FROM {table} WHERE participant = $1"))
            .bind(participant)
            .execute(&mut **tx)
            .await?;
    }
    tx.changes_documents();
    Ok(())
}
