//! A proposal's page on the registry: `/registry/proposals/{id}` answers browsers with the
//! question, how to vote (a Mastodon poll answer, or `/my/votes` on a Solidarity instance), the
//! roll's hash and, once closed, the results; ActivityPub clients get the `Question` from the
//! same address.

use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::http::activitypub::{ActivityJson, wants_activity_json};
use crate::service::registry::{self, ProposalView};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::Value;

/// One option's result: its name, the members who chose it and their weight.
pub struct OptionResult {
    pub name: String,
    pub members: u64,
    pub weight: u64,
}

/// What closing decided, in words, and the counts behind it.
pub struct Results {
    pub options: Vec<OptionResult>,
    /// Members who voted, of those on the roll, in words.
    pub turnout: String,
    pub quorum_reached: bool,
    pub outcome: String,
}

#[derive(Template)]
#[template(path = "registry/proposal.html")]
struct ProposalPage {
    title: String,
    nav: Nav,
    proposal: ProposalView,
    kind_label: String,
    paragraphs: Vec<String>,
    /// Mastodon shows it as a poll (not ranked, not secret).
    pollable: bool,
    results: Option<Results>,
}

fn wants_html(headers: &HeaderMap) -> bool {
    !wants_activity_json(headers)
        && headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .any(|value| value.contains("text/html"))
}

fn results(nav: &Nav, proposal: &ProposalView) -> Option<Results> {
    let result = proposal.result.as_ref()?;
    let count = |value: &Value| value.as_u64().unwrap_or(0);
    let options: Vec<OptionResult> = result["options"]
        .as_array()?
        .iter()
        .map(|option| OptionResult {
            name: option["name"].as_str().unwrap_or_default().to_owned(),
            members: count(&option["members"]),
            weight: count(&option["weight"]),
        })
        .collect();
    let outcome = &result["outcome"];
    let kind = outcome["outcome"].as_str().unwrap_or_default();
    let outcome = match kind {
        "chosen" => {
            let index = usize::try_from(count(&outcome["option"])).unwrap_or(usize::MAX);
            let name = options.get(index).map_or("", |o| o.name.as_str());
            nav.ts("proposal-outcome-chosen", "option", name)
        }
        _ => nav.t(&format!("proposal-outcome-{kind}")),
    };
    Some(Results {
        turnout: nav.ts(
            "proposal-turnout",
            "counts",
            format!(
                "{} / {}",
                count(&result["voted_members"]),
                count(&result["roll_members"])
            ),
        ),
        quorum_reached: result["quorum_reached"].as_bool() == Some(true),
        options,
        outcome,
    })
}

/// `GET /registry/proposals/{id}`.
pub async fn proposal_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    visitor: Visitor,
) -> Result<Response, AppError> {
    if !wants_html(&headers) {
        return match registry::question_document(&state, &id).await? {
            Some(document) => Ok(ActivityJson(document).into_response()),
            None => Err(AppError::NotFound(format!("no proposal {id}"))),
        };
    }
    let proposal = registry::proposal_view(&state, &id).await?;
    let nav = visitor.nav().await?;
    let page = ProposalPage {
        title: proposal.title.clone(),
        paragraphs: proposal
            .body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        pollable: proposal.kind != "ranked" && !proposal.secret,
        results: results(&nav, &proposal),
        kind_label: nav.t(&format!("proposal-kind-{}", proposal.kind)),
        proposal,
        nav,
    };
    Ok(Html(page.render()?).into_response())
}
