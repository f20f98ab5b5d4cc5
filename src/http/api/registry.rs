//! The network's membership registry and its votes, for the software co-op's administrators:
//! `/api/v1/registry/changes` (record an application, approval, removal... in the log),
//! `/api/v1/registry/classes`, `/api/v1/registry/proposals` (open one, list them, see one with
//! its result) and `/api/v1/registry/proposals/{id}/close`.

use super::json::ApiJson;
use crate::domain::registry_log::Change;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::registry::{self, ChangeRequest, ProposalRequest, ProposalView};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// A change to record in the log.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeInput {
    /// `applied`, `approved`, `rejected`, `suspended`, `restored`, `left`, `removed`,
    /// `class_changed` or `representative_changed`.
    pub change: String,
    /// The member's actor id.
    pub member: String,
    /// On `applied` and `class_changed`.
    pub class: Option<String>,
    /// The serving platform co-op's instance actor (on `applied`).
    pub serving: Option<String>,
    /// The actor who votes for a member organization.
    pub representative: Option<String>,
    /// Why, for the record (published in the log).
    #[serde(default)]
    pub reason: String,
}

/// The entry recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryView {
    pub seq: i64,
    pub change: String,
    pub member: String,
    /// Its SHA-256 (what the next entry names as `previous`).
    pub hash: String,
}

/// Records a change in the registry's log; the member and every active platform co-op are
/// sent the signed membership. Instance administrators, on the software co-op's instance.
#[utoipa::path(
    post, path = "/api/v1/registry/changes", tag = "registry",
    request_body = ChangeInput,
    responses(
        (status = 200, body = EntryView),
        (status = 403, description = "Not an administrator"),
        (status = 404, description = "This instance keeps no registry"),
        (status = 409, description = "The change does not follow the member's status"),
        (status = 422, description = "An unknown change, class or address"),
    ),
    security(("bearer" = []))
)]
pub async fn change(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<ChangeInput>,
) -> Result<Json<EntryView>, AppError> {
    let change = Change::parse(&input.change).ok_or_else(|| {
        AppError::Unprocessable(format!("change: '{}' is no change", input.change))
    })?;
    let request = ChangeRequest {
        member: input.member,
        class: input.class,
        serving: input.serving,
        representative: input.representative,
        reason: input.reason,
    };
    let entry = registry::record_as_admin(&state, &user, change, request).await?;
    Ok(Json(EntryView {
        seq: entry.seq,
        change: entry.change.as_str().to_owned(),
        hash: entry.hash(),
        member: entry.member,
    }))
}

/// A class of members and its weight in votes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClassView {
    pub name: String,
    pub label: String,
    pub weight: i32,
}

/// The classes of members.
#[utoipa::path(
    get, path = "/api/v1/registry/classes", tag = "registry",
    responses((status = 200, body = [ClassView]), (status = 404, description = "No registry here")),
    security(("bearer" = []))
)]
pub async fn classes(
    State(state): State<AppState>,
    ApiUser(_user): ApiUser,
) -> Result<Json<Vec<ClassView>>, AppError> {
    let classes = registry::classes(&state).await?;
    Ok(Json(
        classes
            .into_iter()
            .map(|class| ClassView {
                name: class.name,
                label: class.label,
                weight: class.weight,
            })
            .collect(),
    ))
}

/// A class's label and weight.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassInput {
    #[serde(default)]
    pub label: String,
    /// From 0 (its members do not vote) to 1000.
    pub weight: i32,
}

/// Adds a class of members, or changes its label and weight in votes (open proposals keep the
/// weights they were opened with).
#[utoipa::path(
    put, path = "/api/v1/registry/classes/{name}", tag = "registry",
    params(("name" = String, Path, description = "lower-case letters, digits and _")),
    request_body = ClassInput,
    responses(
        (status = 200, body = ClassView),
        (status = 403, description = "Not an administrator"),
        (status = 422, description = "A bad name or weight"),
    ),
    security(("bearer" = []))
)]
pub async fn set_class(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(name): Path<String>,
    ApiJson(input): ApiJson<ClassInput>,
) -> Result<Json<ClassView>, AppError> {
    let class = registry::set_class(&state, &user, &name, &input.label, input.weight).await?;
    Ok(Json(ClassView {
        name: class.name,
        label: class.label,
        weight: class.weight,
    }))
}

/// A proposal to open.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalInput {
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// `single`, `multiple`, `consent` or `ranked` (ballots from Solidarity instances only).
    pub kind: String,
    /// A secret vote: choices kept apart from who voted (ballots from Solidarity instances
    /// only).
    #[serde(default)]
    pub secret: bool,
    /// The options (none for consent).
    #[serde(default)]
    pub options: Vec<String>,
    /// `plurality`, `majority`, `two_thirds` or `consent`.
    pub rule: String,
    #[serde(default)]
    pub quorum_percent: u32,
    /// The eligible classes (none: every class with a weight).
    #[serde(default)]
    pub classes: Vec<String>,
    /// RFC 3339.
    pub closes_at: String,
    /// RFC 3339; now when absent.
    pub record_date: Option<String>,
}

fn rfc3339(field: &str, text: &str) -> Result<i64, AppError> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|at| at.timestamp_millis())
        .map_err(|_| AppError::Unprocessable(format!("{field}: '{text}' is not an RFC 3339 time")))
}

/// Opens a proposal: its roll is frozen and hashed, and its `Question` goes to every voter.
#[utoipa::path(
    post, path = "/api/v1/registry/proposals", tag = "registry",
    request_body = ProposalInput,
    responses(
        (status = 200, body = ProposalView),
        (status = 403, description = "Not an administrator"),
        (status = 422, description = "Terms that cannot make a vote"),
    ),
    security(("bearer" = []))
)]
pub async fn propose(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<ProposalInput>,
) -> Result<Json<ProposalView>, AppError> {
    let request = ProposalRequest {
        title: input.title,
        body: input.body,
        kind: input.kind,
        secret: input.secret,
        options: input.options,
        rule: input.rule,
        quorum_percent: input.quorum_percent,
        classes: input.classes,
        opens_at: None,
        closes_at: rfc3339("closes_at", &input.closes_at)?,
        record_date: input
            .record_date
            .map(|text| rfc3339("record_date", &text))
            .transpose()?,
    };
    Ok(Json(registry::open_view(&state, &user, request).await?))
}

/// The proposals, latest first.
#[utoipa::path(
    get, path = "/api/v1/registry/proposals", tag = "registry",
    responses((status = 200, body = [ProposalView])),
    security(("bearer" = []))
)]
pub async fn proposals(
    State(state): State<AppState>,
    ApiUser(_user): ApiUser,
) -> Result<Json<Vec<ProposalView>>, AppError> {
    Ok(Json(registry::proposal_views(&state).await?))
}

/// One proposal, with its result once closed.
#[utoipa::path(
    get, path = "/api/v1/registry/proposals/{id}", tag = "registry",
    params(("id" = String, Path)),
    responses((status = 200, body = ProposalView), (status = 404, description = "No such proposal")),
    security(("bearer" = []))
)]
pub async fn proposal(
    State(state): State<AppState>,
    ApiUser(_user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<ProposalView>, AppError> {
    Ok(Json(registry::proposal_view(&state, &id).await?))
}

/// Closes a proposal now: its tally is kept and sent to the voters. Administrators.
#[utoipa::path(
    post, path = "/api/v1/registry/proposals/{id}/close", tag = "registry",
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "The tally", body = Object),
        (status = 403, description = "Not an administrator"),
        (status = 409, description = "Closed already"),
    ),
    security(("bearer" = []))
)]
pub async fn close(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let tally = registry::close_as_admin(&state, &user, &id).await?;
    Ok(Json(
        serde_json::to_value(tally).map_err(|e| AppError::Internal(Box::new(e)))?,
    ))
}
