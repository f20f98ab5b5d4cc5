//! Events organizations publish, stored with the activity that announces each change.

use super::deliveries::enqueue_in;
use super::published::Published;
use super::{DbError, Reply, Store};
use crate::domain::{EventStatus, Handle, JoinMode};

/// What an organization decides about an event: everything it may change.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDetails {
    pub title: String,
    pub description: String,
    pub body_markdown: String,
    pub content_html: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub timezone: String,
    pub place_name: Option<String>,
    pub place_address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub join_mode: JoinMode,
    pub external_url: Option<String>,
    pub status: EventStatus,
    pub category: Option<String>,
}

/// A stored event (deleted ones keep their row, for the Tombstone).
#[derive(Clone, Debug, PartialEq)]
pub struct DbEvent {
    pub id: String,
    pub local_actor_id: i64,
    /// The hosting organization's handle.
    pub handle: Handle,
    pub details: EventDetails,
    pub created_at: i64,
    pub updated_at: Option<i64>,
    pub deleted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: String,
    local_actor_id: i64,
    handle: String,
    title: String,
    description: String,
    body_markdown: String,
    content_html: String,
    starts_at: i64,
    ends_at: i64,
    timezone: String,
    place_name: Option<String>,
    place_address: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    online_url: Option<String>,
    capacity: Option<i64>,
    join_mode: String,
    external_url: Option<String>,
    status: String,
    category: Option<String>,
    created_at: i64,
    updated_at: Option<i64>,
    deleted_at: Option<i64>,
}

const EVENT_COLUMNS: &str = "e.id, e.local_actor_id, a.handle, e.title, e.description, \
    e.body_markdown, e.content_html, e.starts_at, e.ends_at, e.timezone, e.place_name, \
    e.place_address, e.latitude, e.longitude, e.online_url, e.capacity, e.join_mode, \
    e.external_url, e.status, e.category, e.created_at, e.updated_at, e.deleted_at";

impl TryFrom<EventRow> for DbEvent {
    type Error = DbError;

    fn try_from(row: EventRow) -> Result<Self, DbError> {
        let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("event {what} '{value}'"));
        Ok(Self {
            details: EventDetails {
                join_mode: JoinMode::from_stored(&row.join_mode)
                    .ok_or_else(|| corrupt("join mode", &row.join_mode))?,
                status: EventStatus::from_stored(&row.status)
                    .ok_or_else(|| corrupt("status", &row.status))?,
                title: row.title,
                description: row.description,
                body_markdown: row.body_markdown,
                content_html: row.content_html,
                starts_at: row.starts_at,
                ends_at: row.ends_at,
                timezone: row.timezone,
                place_name: row.place_name,
                place_address: row.place_address,
                latitude: row.latitude,
                longitude: row.longitude,
                online_url: row.online_url,
                capacity: row.capacity,
                external_url: row.external_url,
                category: row.category,
            },
            id: row.id,
            local_actor_id: row.local_actor_id,
            handle: Handle::from_trusted(row.handle),
            created_at: row.created_at,
            updated_at: row.updated_at,
            deleted_at: row.deleted_at,
        })
    }
}

/// Binds the details in column order (`title` .. `category`, 17 values) after whatever the
/// query bound before them.
fn bind_details<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    details: &'q EventDetails,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(&details.title)
        .bind(&details.description)
        .bind(&details.body_markdown)
        .bind(&details.content_html)
        .bind(details.starts_at)
        .bind(details.ends_at)
        .bind(&details.timezone)
        .bind(&details.place_name)
        .bind(&details.place_address)
        .bind(details.latitude)
        .bind(details.longitude)
        .bind(&details.online_url)
        .bind(details.capacity)
        .bind(details.join_mode.as_str())
        .bind(&details.external_url)
        .bind(details.status.as_str())
        .bind(&details.category)
}

impl Store {
    /// Stores a new event and queues its Create in one transaction.
    pub async fn insert_event(&self, event: &DbEvent, create: &Reply<'_>) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let query = sqlx::query(
            "INSERT INTO events (id, local_actor_id, created_at, title, description, \
             body_markdown, content_html, starts_at, ends_at, timezone, place_name, \
             place_address, latitude, longitude, online_url, capacity, join_mode, external_url, \
             status, category) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
             $14, $15, $16, $17, $18, $19, $20)",
        )
        .bind(&event.id)
        .bind(event.local_actor_id)
        .bind(event.created_at);
        bind_details(query, &event.details)
            .execute(&mut *tx)
            .await?;
        enqueue_in(&mut tx, &create.activity, &create.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a live event's fields and queues its Update; `NotFound` for a deleted event.
    /// The Update carries the current counts, so pending count changes count as published.
    pub async fn update_event(
        &self,
        event: &DbEvent,
        counts_version: i64,
        update: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let query = sqlx::query(
            "UPDATE events SET updated_at = $1, title = $2, description = $3, \
             body_markdown = $4, content_html = $5, starts_at = $6, ends_at = $7, timezone = $8, \
             place_name = $9, place_address = $10, latitude = $11, longitude = $12, \
             online_url = $13, capacity = $14, join_mode = $15, external_url = $16, \
             status = $17, category = $18, counts_published = CASE WHEN counts_published < $20 THEN $20 \
             ELSE counts_published END \
             WHERE id = $19 AND deleted_at IS NULL",
        )
        .bind(event.updated_at);
        let changed = bind_details(query, &event.details)
            .bind(&event.id)
            .bind(counts_version)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Err(DbError::NotFound);
        }
        enqueue_in(&mut tx, &update.activity, &update.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks an event deleted (its id then answers a Tombstone), forgets the activities that
    /// carried its content, and queues the Delete. RSVPs stay, for the organizers' records.
    pub async fn delete_event(
        &self,
        id: &str,
        event_ap_id: &str,
        delete: &Reply<'_>,
    ) -> Result<(), DbError> {
        self.delete_published(Published::Events, id, event_ap_id, delete)
            .await
    }

    /// The event with this id, deleted or not.
    pub async fn event(&self, id: &str) -> Result<DbEvent, DbError> {
        let row: EventRow = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN local_actors a ON a.id = e.local_actor_id \
             WHERE e.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)?;
        row.try_into()
    }

    /// The live events of every local organization that end after `after` (ms), soonest first,
    /// at most `limit` after skipping `offset`.
    pub async fn upcoming_events(
        &self,
        after: i64,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<DbEvent>, DbError> {
        let rows: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN local_actors a ON a.id = e.local_actor_id \
             WHERE e.deleted_at IS NULL AND e.ends_at > $1 ORDER BY e.starts_at, e.id \
             LIMIT $2 OFFSET $3"
        ))
        .bind(after)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// The live events here that `participant` answered going, maybe or asked to join, soonest
    /// first, in one query.
    pub async fn events_answered_by(&self, participant: &str) -> Result<Vec<DbEvent>, DbError> {
        let rows: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM event_rsvps r JOIN events e ON e.id = r.event_id \
             JOIN local_actors a ON a.id = e.local_actor_id \
             WHERE r.participant = $1 AND e.deleted_at IS NULL \
             AND r.state IN ('going', 'maybe', 'pending') ORDER BY e.starts_at, e.id"
        ))
        .bind(participant)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// The live events of a local actor, soonest first; only those ending after `after` (ms).
    pub async fn events_of(
        &self,
        local_actor_id: i64,
        after: i64,
    ) -> Result<Vec<DbEvent>, DbError> {
        let rows: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN local_actors a ON a.id = e.local_actor_id \
             WHERE e.local_actor_id = $1 AND e.deleted_at IS NULL AND e.ends_at > $2 \
             ORDER BY e.starts_at, e.id"
        ))
        .bind(local_actor_id)
        .bind(after)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Live events whose title or description contains `text` and whose place contains `place`
    /// (both lower-case LIKE patterns, `%` when not asked), starting within `[from, to)` (ms),
    /// soonest first, at most `limit`.
    pub async fn search_events(
        &self,
        text: &str,
        place: &str,
        from: i64,
        to: i64,
        limit: i64,
    ) -> Result<Vec<DbEvent>, DbError> {
        let rows: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN local_actors a ON a.id = e.local_actor_id \
             WHERE e.deleted_at IS NULL AND a.deleted_at IS NULL \
             AND (LOWER(e.title) LIKE $1 ESCAPE '\\' OR LOWER(e.description) LIKE $1 ESCAPE '\\') \
             AND (LOWER(COALESCE(e.place_name, '') || ' ' || COALESCE(e.place_address, '')) \
             LIKE $2 ESCAPE '\\') AND e.starts_at >= $3 AND e.starts_at < $4 \
             ORDER BY e.starts_at, e.id LIMIT $5"
        ))
        .bind(text)
        .bind(place)
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
