//! "My participations": every action a local person took part in, here or on another server,
//! newest first, a page at a time.

use crate::db::DbUser;
use crate::service::ServiceError;
use crate::state::AppState;

/// Most participations on one page.
pub const MAX_PAGE: i64 = 100;
/// Participations on a page when the request does not say.
const DEFAULT_PAGE: i64 = 20;

/// Which page of a person's participations: at most `limit`, after skipping `offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
}

impl Page {
    /// The page a request asks for, held within bounds: 1 to `MAX_PAGE` (20 when not given),
    /// from offset 0 at least.
    pub fn new(limit: Option<i64>, offset: Option<i64>) -> Self {
        Self {
            limit: limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE),
            offset: offset.unwrap_or(0).max(0),
        }
    }

    /// The page after this one.
    pub fn next(self) -> Self {
        Self {
            offset: self.offset + self.limit,
            ..self
        }
    }
}

/// One of the person's participations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnParticipation {
    /// The action's ActivityPub id.
    pub action: String,
    /// `counted` here; elsewhere the host's answer: `pending`, `accepted` or `rejected`.
    pub state: String,
    pub remote: bool,
    /// The comment and consent given, for actions here (another server keeps its own copy).
    pub comment: Option<String>,
    pub consent_to_contact: Option<bool>,
    pub created_at: i64,
}

/// One page of `user`'s participations.
pub async fn own_participations(
    app: &AppState,
    user: &DbUser,
    page: Page,
) -> Result<Vec<OwnParticipation>, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let participant = urls.actor(&user.handle).to_string();
    let rows = store
        .own_participations(user.actor_id, &participant, page.limit, page.offset)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| OwnParticipation {
            remote: row.local_action_id.is_none(),
            action: match (row.local_action_id, row.remote_action) {
                (Some(id), _) => urls.action(&id).to_string(),
                (None, remote) => remote.unwrap_or_default(),
            },
            state: row.state,
            comment: row.comment,
            consent_to_contact: row.consent_to_contact.map(|c| c != 0),
            created_at: row.created_at,
        })
        .collect())
}
