//! Finding organizations, campaigns and actions here by words in their names and descriptions
//! (events are searched in `events.rs`, where their rows are read). Patterns are lower-case
//! LIKE patterns with `\` escaping `%` and `_`.

use super::{DbError, Store};

/// A found thing: its handle or id, its title, and its organization's handle.
pub type Found = (String, String, String);

impl Store {
    /// Live organizations whose handle, name or summary contains `text`.
    pub async fn search_organizations(
        &self,
        text: &str,
        limit: i64,
    ) -> Result<Vec<Found>, DbError> {
        Ok(sqlx::query_as(
            "SELECT a.handle, o.name, a.handle FROM organizations o \
             JOIN local_actors a ON a.id = o.actor_id WHERE a.deleted_at IS NULL \
             AND (a.handle LIKE $1 ESCAPE '\\' OR LOWER(o.name) LIKE $1 ESCAPE '\\' \
             OR LOWER(o.summary) LIKE $1 ESCAPE '\\') ORDER BY a.handle LIMIT $2",
        )
        .bind(text)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Live campaigns whose title or summary contains `text`.
    pub async fn search_campaigns(&self, text: &str, limit: i64) -> Result<Vec<Found>, DbError> {
        Ok(sqlx::query_as(
            "SELECT a.handle, c.title, oa.handle FROM campaigns c \
             JOIN local_actors a ON a.id = c.actor_id \
             JOIN organizations o ON o.id = c.organization_id \
             JOIN local_actors oa ON oa.id = o.actor_id \
             WHERE a.deleted_at IS NULL AND oa.deleted_at IS NULL \
             AND (LOWER(c.title) LIKE $1 ESCAPE '\\' OR LOWER(c.summary) LIKE $1 ESCAPE '\\') \
             ORDER BY c.created_at DESC, c.id LIMIT $2",
        )
        .bind(text)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Live actions whose title or description contains `text`.
    pub async fn search_actions(&self, text: &str, limit: i64) -> Result<Vec<Found>, DbError> {
        Ok(sqlx::query_as(
            "SELECT x.id, x.title, a.handle FROM actions x \
             JOIN local_actors a ON a.id = x.local_actor_id \
             WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL \
             AND (LOWER(x.title) LIKE $1 ESCAPE '\\' OR LOWER(x.description) LIKE $1 ESCAPE '\\') \
             ORDER BY x.created_at DESC, x.id LIMIT $2",
        )
        .bind(text)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}
