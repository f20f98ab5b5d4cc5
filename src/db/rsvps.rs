//! Who takes part in an event, and the counts the event publishes. Every change bumps the
//! event's `counts_version`, so the count publisher knows an Update is due.

use super::deliveries::enqueue_in;
use super::published::{Published, bump_counts};
use super::{DbError, Reply, Store, now_millis};
use crate::domain::RsvpState;
use std::collections::HashMap;

/// How an RSVP arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsvpVia {
    /// Our own API, by a local user.
    Local,
    /// A `Join` (Mobilizon, Solidarity).
    Join,
    /// Friendica's `Accept`/`TentativeAccept`/`Reject` of the Event.
    Answer,
    /// A vote in the poll we sent to a fediverse user.
    Poll,
}

impl RsvpVia {
    fn as_str(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Join => "join",
            Self::Answer => "answer",
            Self::Poll => "poll",
        }
    }
}

/// One person's RSVP to be stored.
#[derive(Clone, Debug)]
pub struct NewRsvp<'a> {
    pub event_id: &'a str,
    /// The participant's actor id.
    pub participant: &'a str,
    pub host: &'a str,
    pub state: RsvpState,
    pub via: RsvpVia,
    pub activity_ap_id: Option<&'a str>,
    pub message: &'a str,
}

/// What storing an RSVP came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsvpApplied {
    /// Stored; the participant's earlier state, if any.
    Stored { previous: Option<RsvpState> },
    /// Refused: everyone the event has room for is going.
    Full,
}

/// A stored RSVP, for the organizers' list.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbRsvp {
    pub participant: String,
    pub host: String,
    pub state: String,
    pub via: String,
    pub activity_ap_id: Option<String>,
    pub message: String,
    pub updated_at: i64,
}

/// How many people are going, maybe going or waiting for approval.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventCounts {
    pub going: i64,
    pub maybe: i64,
    pub pending: i64,
    /// People going, per instance host, largest first.
    pub going_by_host: Vec<(String, i64)>,
}

impl Store {
    /// Stores `rsvp` (replacing the participant's earlier one) unless it is `Going` and the
    /// event is full, and queues `reply` in the same transaction when it is stored.
    pub async fn apply_rsvp(
        &self,
        rsvp: &NewRsvp<'_>,
        capacity: Option<i64>,
        reply: Option<&Reply<'_>>,
    ) -> Result<RsvpApplied, DbError> {
        let mut tx = self.begin_write().await?;
        // Bumping first locks the event's row on PostgreSQL (SQLite's write transaction holds
        // the whole database), so two concurrent RSVPs cannot both take the last place. A full
        // event rolls the bump back with the rest.
        bump_counts(&mut tx, Published::Events, rsvp.event_id).await?;
        let previous: Option<String> = sqlx::query_scalar(
            "SELECT state FROM event_rsvps WHERE event_id = $1 AND participant = $2",
        )
        .bind(rsvp.event_id)
        .bind(rsvp.participant)
        .fetch_optional(&mut *tx)
        .await?;
        let previous = previous.as_deref().and_then(RsvpState::from_stored);
        if let (RsvpState::Going, Some(capacity)) = (rsvp.state, capacity) {
            let others: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM event_rsvps WHERE event_id = $1 AND state = 'going' \
                 AND participant <> $2",
            )
            .bind(rsvp.event_id)
            .bind(rsvp.participant)
            .fetch_one(&mut *tx)
            .await?;
            if others >= capacity {
                return Ok(RsvpApplied::Full);
            }
        }
        // Someone already going is not sent back to the waiting list by a repeated request.
        let state = match (previous, rsvp.state) {
            (Some(RsvpState::Going), RsvpState::Pending) => RsvpState::Going,
            (_, state) => state,
        };
        let now = now_millis();
        sqlx::query(
            "INSERT INTO event_rsvps (event_id, participant, host, state, via, activity_ap_id, \
             message, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
             ON CONFLICT (event_id, participant) DO UPDATE SET state = excluded.state, \
             via = excluded.via, activity_ap_id = excluded.activity_ap_id, \
             message = excluded.message, updated_at = excluded.updated_at",
        )
        .bind(rsvp.event_id)
        .bind(rsvp.participant)
        .bind(rsvp.host)
        .bind(state.as_str())
        .bind(rsvp.via.as_str())
        .bind(rsvp.activity_ap_id)
        .bind(rsvp.message)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if let Some(reply) = reply {
            enqueue_in(&mut tx, &reply.activity, &reply.recipients).await?;
        }
        tx.commit().await?;
        Ok(RsvpApplied::Stored { previous })
    }

    /// Removes a participant's RSVP; whether there was one.
    pub async fn remove_rsvp(&self, event_id: &str, participant: &str) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let removed =
            sqlx::query("DELETE FROM event_rsvps WHERE event_id = $1 AND participant = $2")
                .bind(event_id)
                .bind(participant)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                > 0;
        if removed {
            bump_counts(&mut tx, Published::Events, event_id).await?;
        }
        tx.commit().await?;
        Ok(removed)
    }

    /// The participant's RSVP to the event, if any.
    pub async fn rsvp(&self, event_id: &str, participant: &str) -> Result<Option<DbRsvp>, DbError> {
        Ok(sqlx::query_as(
            "SELECT participant, host, state, via, activity_ap_id, message, updated_at \
             FROM event_rsvps WHERE event_id = $1 AND participant = $2",
        )
        .bind(event_id)
        .bind(participant)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The live local events a participant answered, with the state: `(event id, state)`.
    pub async fn rsvps_of(&self, participant: &str) -> Result<Vec<(String, String)>, DbError> {
        Ok(sqlx::query_as(
            "SELECT r.event_id, r.state FROM event_rsvps r JOIN events e ON e.id = r.event_id              WHERE r.participant = $1 AND e.deleted_at IS NULL ORDER BY e.starts_at, e.id",
        )
        .bind(participant)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every RSVP of an event, oldest first.
    pub async fn rsvps(&self, event_id: &str) -> Result<Vec<DbRsvp>, DbError> {
        Ok(sqlx::query_as(
            "SELECT participant, host, state, via, activity_ap_id, message, updated_at \
             FROM event_rsvps WHERE event_id = $1 ORDER BY created_at, participant",
        )
        .bind(event_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The event's current counts.
    pub async fn event_counts(&self, event_id: &str) -> Result<EventCounts, DbError> {
        let mut counts = self.event_counts_of(&[event_id]).await?;
        Ok(counts.remove(event_id).unwrap_or_default())
    }

    /// The current counts of several events in one query, by event id; an event nobody
    /// answered has no entry (its counts are the default).
    pub async fn event_counts_of(
        &self,
        event_ids: &[&str],
    ) -> Result<HashMap<String, EventCounts>, DbError> {
        let rows: Vec<(String, String, String, i64)> = self
            .rows_for_ids(
                |list| {
                    format!(
                        "SELECT event_id, state, host, COUNT(*) FROM event_rsvps \
                         WHERE event_id IN ({list}) GROUP BY event_id, state, host"
                    )
                },
                event_ids,
            )
            .await?;
        let mut all: HashMap<String, EventCounts> = HashMap::new();
        for (event_id, state, host, n) in rows {
            let counts = all.entry(event_id).or_default();
            match RsvpState::from_stored(&state) {
                Some(RsvpState::Going) => {
                    counts.going += n;
                    counts.going_by_host.push((host, n));
                }
                Some(RsvpState::Maybe) => counts.maybe += n,
                Some(RsvpState::Pending) => counts.pending += n,
                _ => {}
            }
        }
        for counts in all.values_mut() {
            counts
                .going_by_host
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        Ok(all)
    }

    /// Live events whose counts changed since their last Update, with the version to publish.
    pub async fn events_with_unpublished_counts(
        &self,
        limit: i64,
    ) -> Result<Vec<(String, i64)>, DbError> {
        self.unpublished_counts(Published::Events, limit).await
    }

    /// Records that the counts at `version` went out, and queues the Update that carries them.
    pub async fn publish_event_counts(
        &self,
        event_id: &str,
        version: i64,
        update: &Reply<'_>,
    ) -> Result<(), DbError> {
        self.mark_counts_published(Published::Events, event_id, version, update)
            .await
    }
}
