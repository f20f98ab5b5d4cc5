//! Actions organizations call for, stored with the activity that announces each change, and the
//! people who took part (one participation per actor).

use super::deliveries::enqueue_in;
use super::published::{Published, bump_counts};
use super::{DbError, Reply, Store, now_millis};
use crate::domain::{ActionKind, ActionStatus, Handle};
use std::collections::HashMap;

/// What an organization decides about an action: everything it may change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionDetails {
    pub kind: ActionKind,
    pub title: String,
    pub description: String,
    pub body_markdown: String,
    pub content_html: String,
    /// Who the action addresses, one per entry.
    pub targets: Vec<String>,
    pub goal: Option<i64>,
    pub goal_unit: String,
    pub deadline: Option<i64>,
    pub timezone: String,
    /// An external call to action (link and button text) instead of built-in participation.
    pub external_url: Option<String>,
    pub external_label: Option<String>,
    pub status: ActionStatus,
}

/// A stored action (deleted ones keep their row, for the Tombstone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbAction {
    pub id: String,
    pub local_actor_id: i64,
    pub handle: Handle,
    pub details: ActionDetails,
    pub created_at: i64,
    pub updated_at: Option<i64>,
    pub deleted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: String,
    local_actor_id: i64,
    handle: String,
    kind: String,
    title: String,
    description: String,
    body_markdown: String,
    content_html: String,
    targets: String,
    goal: Option<i64>,
    goal_unit: String,
    deadline: Option<i64>,
    timezone: String,
    external_url: Option<String>,
    external_label: Option<String>,
    status: String,
    created_at: i64,
    updated_at: Option<i64>,
    deleted_at: Option<i64>,
}

const ACTION_COLUMNS: &str = "x.id, x.local_actor_id, a.handle, x.kind, x.title, x.description, \
    x.body_markdown, x.content_html, x.targets, x.goal, x.goal_unit, x.deadline, x.timezone, \
    x.external_url, x.external_label, x.status, x.created_at, x.updated_at, x.deleted_at";

impl TryFrom<ActionRow> for DbAction {
    type Error = DbError;

    fn try_from(row: ActionRow) -> Result<Self, DbError> {
        let corrupt =
            |what: &str, value: &str| DbError::Corrupt(format!("action {what} '{value}'"));
        Ok(Self {
            details: ActionDetails {
                kind: ActionKind::from_stored(&row.kind)
                    .ok_or_else(|| corrupt("kind", &row.kind))?,
                status: ActionStatus::from_stored(&row.status)
                    .ok_or_else(|| corrupt("status", &row.status))?,
                title: row.title,
                description: row.description,
                body_markdown: row.body_markdown,
                content_html: row.content_html,
                targets: row
                    .targets
                    .lines()
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned)
                    .collect(),
                goal: row.goal,
                goal_unit: row.goal_unit,
                deadline: row.deadline,
                timezone: row.timezone,
                external_url: row.external_url,
                external_label: row.external_label,
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

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds the details in column order (`kind` .. `status`, 13 values).
fn bind_details<'q>(query: AnyQuery<'q>, details: &'q ActionDetails) -> AnyQuery<'q> {
    query
        .bind(details.kind.as_str())
        .bind(&details.title)
        .bind(&details.description)
        .bind(&details.body_markdown)
        .bind(&details.content_html)
        .bind(details.targets.join("\n"))
        .bind(details.goal)
        .bind(&details.goal_unit)
        .bind(details.deadline)
        .bind(&details.timezone)
        .bind(&details.external_url)
        .bind(&details.external_label)
        .bind(details.status.as_str())
}

/// One participation to be stored. On a repeat, what is `None` keeps its stored value, so a
/// second signature (or a poll vote, which carries nothing) never blanks the first one's words.
#[derive(Clone, Debug)]
pub struct NewParticipation<'a> {
    pub action_id: &'a str,
    pub participant: &'a str,
    pub host: &'a str,
    /// `local`, `join` or `poll`.
    pub via: &'static str,
    /// The name to show the organizers.
    pub name: Option<&'a str>,
    /// The name stored when a first participation gives none.
    pub default_name: &'a str,
    pub comment: Option<&'a str>,
    pub consent_to_contact: Option<bool>,
    pub activity_ap_id: Option<&'a str>,
}

/// A stored participation, for the organizers' list.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbParticipation {
    pub participant: String,
    pub host: String,
    pub via: String,
    pub name: String,
    pub comment: String,
    pub consent_to_contact: i64,
    pub created_at: i64,
}

/// How many took part, in all and per instance host (largest first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionProgress {
    pub total: i64,
    pub by_host: Vec<(String, i64)>,
}

impl Store {
    /// Stores a new action and queues its Create in one transaction.
    pub async fn insert_action(
        &self,
        action: &DbAction,
        create: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let query = sqlx::query(
            "INSERT INTO actions (id, local_actor_id, created_at, kind, title, description, \
             body_markdown, content_html, targets, goal, goal_unit, deadline, timezone, \
             external_url, external_label, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
             $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(&action.id)
        .bind(action.local_actor_id)
        .bind(action.created_at);
        bind_details(query, &action.details)
            .execute(&mut *tx)
            .await?;
        enqueue_in(&mut tx, &create.activity, &create.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a live action's details and queues its Update (which carries the current
    /// progress); `NotFound` for a deleted action.
    pub async fn update_action(
        &self,
        action: &DbAction,
        counts_version: i64,
        update: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let query = sqlx::query(
            "UPDATE actions SET updated_at = $1, kind = $2, title = $3, description = $4, \
             body_markdown = $5, content_html = $6, targets = $7, goal = $8, goal_unit = $9, \
             deadline = $10, timezone = $11, external_url = $12, external_label = $13, \
             status = $14, counts_published = CASE WHEN counts_published < $16 THEN $16 \
             ELSE counts_published END \
             WHERE id = $15 AND deleted_at IS NULL",
        )
        .bind(action.updated_at);
        let changed = bind_details(query, &action.details)
            .bind(&action.id)
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

    /// Deletes an action (see `delete_published`); participations stay for the organizers.
    pub async fn delete_action(
        &self,
        id: &str,
        ap_id: &str,
        delete: &Reply<'_>,
    ) -> Result<(), DbError> {
        self.delete_published(Published::Actions, id, ap_id, delete)
            .await
    }

    /// The action with this id, deleted or not.
    pub async fn action(&self, id: &str) -> Result<DbAction, DbError> {
        let row: ActionRow = sqlx::query_as(&format!(
            "SELECT {ACTION_COLUMNS} FROM actions x JOIN local_actors a ON a.id = x.local_actor_id \
             WHERE x.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)?;
        row.try_into()
    }

    /// The live actions of a local actor, newest first.
    pub async fn actions_of(&self, local_actor_id: i64) -> Result<Vec<DbAction>, DbError> {
        let rows: Vec<ActionRow> = sqlx::query_as(&format!(
            "SELECT {ACTION_COLUMNS} FROM actions x JOIN local_actors a ON a.id = x.local_actor_id \
             WHERE x.local_actor_id = $1 AND x.deleted_at IS NULL ORDER BY x.created_at DESC, x.id"
        ))
        .bind(local_actor_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Stores a participation, once per participant (a repeat changes what it gives of the name,
    /// comment and consent, not the count), and queues `reply` in the same transaction; whether
    /// it was new.
    pub async fn add_participation(
        &self,
        participation: &NewParticipation<'_>,
        reply: Option<&Reply<'_>>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let existed: Option<String> = sqlx::query_scalar(
            "SELECT participant FROM action_participants WHERE action_id = $1 AND participant = $2",
        )
        .bind(participation.action_id)
        .bind(participation.participant)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO action_participants (action_id, participant, host, via, name, comment, \
             consent_to_contact, activity_ap_id, created_at) \
             VALUES ($1, $2, $3, $4, COALESCE($5, $10), COALESCE($6, ''), COALESCE($7, 0), $8, \
             $9) \
             ON CONFLICT (action_id, participant) DO UPDATE SET \
             name = COALESCE($5, action_participants.name), \
             comment = COALESCE($6, action_participants.comment), \
             consent_to_contact = COALESCE($7, action_participants.consent_to_contact), \
             activity_ap_id = excluded.activity_ap_id",
        )
        .bind(participation.action_id)
        .bind(participation.participant)
        .bind(participation.host)
        .bind(participation.via)
        .bind(participation.name)
        .bind(participation.comment)
        .bind(participation.consent_to_contact.map(i64::from))
        .bind(participation.activity_ap_id)
        .bind(now_millis())
        .bind(participation.default_name)
        .execute(&mut *tx)
        .await?;
        if existed.is_none() {
            bump_counts(&mut tx, Published::Actions, participation.action_id).await?;
        }
        if let Some(reply) = reply {
            enqueue_in(&mut tx, &reply.activity, &reply.recipients).await?;
        }
        tx.commit().await?;
        Ok(existed.is_none())
    }

    /// Withdraws a participation; whether there was one.
    pub async fn remove_participation(
        &self,
        action_id: &str,
        participant: &str,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let removed = sqlx::query(
            "DELETE FROM action_participants WHERE action_id = $1 AND participant = $2",
        )
        .bind(action_id)
        .bind(participant)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if removed {
            bump_counts(&mut tx, Published::Actions, action_id).await?;
        }
        tx.commit().await?;
        Ok(removed)
    }

    /// Everyone who took part, oldest first.
    pub async fn participations(&self, action_id: &str) -> Result<Vec<DbParticipation>, DbError> {
        Ok(sqlx::query_as(
            "SELECT participant, host, via, name, comment, consent_to_contact, created_at \
             FROM action_participants WHERE action_id = $1 ORDER BY created_at, participant",
        )
        .bind(action_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// How many took part, in all and per instance.
    pub async fn action_progress(&self, action_id: &str) -> Result<ActionProgress, DbError> {
        let mut progress = self.action_progress_of(&[action_id]).await?;
        Ok(progress.remove(action_id).unwrap_or_default())
    }

    /// The progress of several actions in one query, by action id; an action nobody took part
    /// in has no entry (its progress is the default).
    pub async fn action_progress_of(
        &self,
        action_ids: &[&str],
    ) -> Result<HashMap<String, ActionProgress>, DbError> {
        let rows: Vec<(String, String, i64)> = self
            .rows_for_ids(
                |list| {
                    format!(
                        "SELECT action_id, host, COUNT(*) FROM action_participants \
                         WHERE action_id IN ({list}) GROUP BY action_id, host"
                    )
                },
                action_ids,
            )
            .await?;
        let mut all: HashMap<String, ActionProgress> = HashMap::new();
        for (action_id, host, n) in rows {
            let progress = all.entry(action_id).or_default();
            progress.total += n;
            progress.by_host.push((host, n));
        }
        for progress in all.values_mut() {
            progress
                .by_host
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        Ok(all)
    }

    /// Live actions whose progress changed since their last Update, with the version.
    pub async fn actions_with_unpublished_counts(
        &self,
        limit: i64,
    ) -> Result<Vec<(String, i64)>, DbError> {
        self.unpublished_counts(Published::Actions, limit).await
    }

    /// Records that the progress at `version` went out, and queues the Update carrying it.
    pub async fn publish_action_counts(
        &self,
        action_id: &str,
        version: i64,
        update: &Reply<'_>,
    ) -> Result<(), DbError> {
        self.mark_counts_published(Published::Actions, action_id, version, update)
            .await
    }
}
