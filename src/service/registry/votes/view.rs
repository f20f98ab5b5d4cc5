//! Proposals as the JSON API shows them: ids as addresses, times in RFC 3339, options,
//! weights and the result as JSON rather than the stored text.

use super::{ProposalRequest, corrupt, open, proposals};
use crate::db::{DbProposal, DbUser};
use crate::service::ServiceError;
use crate::service::registry::software_only;
use crate::state::AppState;
use serde_json::Value;

/// A proposal as the JSON API shows it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ProposalView {
    pub id: String,
    /// Its `Question`'s id.
    pub question: String,
    pub title: String,
    pub body: String,
    /// `single`, `multiple`, `consent` or `ranked`.
    pub kind: String,
    /// Choices kept apart from who voted.
    pub secret: bool,
    pub options: Vec<String>,
    pub rule: String,
    pub quorum_percent: i64,
    /// The eligible classes and their weights.
    #[schema(value_type = Object)]
    pub weights: Value,
    /// RFC 3339.
    pub record_date: String,
    pub opens_at: String,
    pub closes_at: String,
    pub roll_hash: String,
    pub closed: bool,
    /// The tally, once closed.
    #[schema(value_type = Option<Object>)]
    pub result: Option<Value>,
}

impl ProposalView {
    fn of(app: &AppState, proposal: DbProposal) -> Result<Self, ServiceError> {
        let rfc3339 = crate::federation::notes::rfc3339;
        Ok(Self {
            question: app.urls().proposal(&proposal.id).to_string(),
            options: serde_json::from_str(&proposal.options).map_err(corrupt)?,
            weights: serde_json::from_str(&proposal.weights).map_err(corrupt)?,
            result: proposal
                .result
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(corrupt)?,
            closed: proposal.result.is_some(),
            record_date: rfc3339(proposal.record_date),
            opens_at: rfc3339(proposal.opens_at),
            closes_at: rfc3339(proposal.closes_at),
            id: proposal.id,
            title: proposal.title,
            body: proposal.body,
            kind: proposal.kind,
            secret: proposal.secret != 0,
            rule: proposal.rule,
            quorum_percent: proposal.quorum_percent,
            roll_hash: proposal.roll_hash,
        })
    }
}

/// Every proposal, latest first, as the API shows them.
pub async fn proposal_views(app: &AppState) -> Result<Vec<ProposalView>, ServiceError> {
    proposals(app)
        .await?
        .into_iter()
        .map(|proposal| ProposalView::of(app, proposal))
        .collect()
}

/// Proposal `id` as the API shows it.
pub async fn proposal_view(app: &AppState, id: &str) -> Result<ProposalView, ServiceError> {
    software_only(app)?;
    let proposal = super::find(app, id).await?;
    ProposalView::of(app, proposal)
}

/// Opens a proposal, as `open`, and shows it.
pub async fn open_view(
    app: &AppState,
    admin: &DbUser,
    request: ProposalRequest,
) -> Result<ProposalView, ServiceError> {
    let proposal = open(app, admin, request).await?;
    ProposalView::of(app, proposal)
}
