//! A local person's own participations in actions: those counted here and those sent to
//! actions on other servers, read together newest first.

use super::{DbError, Store};

/// One of a person's participations.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbOwnParticipation {
    /// The action's id here, for a participation counted on this instance.
    pub local_action_id: Option<String>,
    /// The action's ActivityPub id, for a participation sent to another server.
    pub remote_action: Option<String>,
    /// `counted` here; `pending`, `accepted` or `rejected` as the other server answered.
    pub state: String,
    /// What the person said to the organizers (kept here only for actions here).
    pub comment: Option<String>,
    pub consent_to_contact: Option<i64>,
    pub created_at: i64,
}

impl Store {
    /// The participations of the local actor `local_actor_id` (ActivityPub id `participant`),
    /// here (in live actions) and elsewhere, newest first: `limit` of them after skipping
    /// `offset`.
    pub async fn own_participations(
        &self,
        local_actor_id: i64,
        participant: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<DbOwnParticipation>, DbError> {
        Ok(sqlx::query_as(
            "SELECT p.action_id AS local_action_id, CAST(NULL AS TEXT) AS remote_action, \
             'counted' AS state, p.comment AS comment, \
             CAST(p.consent_to_contact AS BIGINT) AS consent_to_contact, \
             p.created_at AS created_at \
             FROM action_participants p JOIN actions x ON x.id = p.action_id \
             WHERE p.participant = $1 AND x.deleted_at IS NULL \
             UNION ALL \
             SELECT CAST(NULL AS TEXT), s.object_ap_id, s.state, CAST(NULL AS TEXT), \
             CAST(NULL AS BIGINT), s.created_at \
             FROM sent_rsvps s WHERE s.local_actor_id = $2 AND s.kind = 'action' \
             ORDER BY created_at DESC, local_action_id, remote_action \
             LIMIT $3 OFFSET $4",
        )
        .bind(participant)
        .bind(local_actor_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?)
    }

    /// The participation of `participant` (an actor id) in the action `action_id`, if any.
    pub async fn participation(
        &self,
        action_id: &str,
        participant: &str,
    ) -> Result<Option<super::DbParticipation>, DbError> {
        Ok(sqlx::query_as(
            "SELECT participant, host, via, name, comment, consent_to_contact, created_at \
             FROM action_participants WHERE action_id = $1 AND participant = $2",
        )
        .bind(action_id)
        .bind(participant)
        .fetch_optional(self.pool())
        .await?)
    }
}
