//! A signed-in person's votes: `/my/votes` lists the network's proposals put to them, and
//! `/my/votes/{id}` shows one with its ballot (a choice, several, a consent position or a
//! ranking, by kind), what they cast and, once closed, the results. Casting again changes the
//! vote until closing.

use super::form::{PageForm, TOKEN_FIELD, sign_in_first};
use super::problem::Problem;
use super::time::local_in;
use super::visitor::{Nav, Visitor};
use crate::domain::vote::Kind;
use crate::error::AppError;
use crate::service::network::{self, PaperView};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::BTreeMap;

/// One option on the page: its index, name, and how the current ballot holds it (chosen, or
/// its rank; 0 when not).
pub struct OptionRow {
    pub index: usize,
    pub name: String,
    pub rank: usize,
    /// Members whose counted ballot chose it, once closed.
    pub members: Option<u64>,
}

#[derive(Template)]
#[template(path = "mine/votes.html")]
struct VotesPage {
    title: String,
    nav: Nav,
    /// Each paper with its closing time in words and whether this person voted.
    papers: Vec<(PaperView, String)>,
}

fn when(visitor: &Visitor, at: i64) -> String {
    local_in(
        &crate::federation::notes::rfc3339(at),
        "UTC",
        &visitor.tr.lang(),
    )
}

/// `GET /my/votes`.
pub async fn my_votes(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/my/votes"));
    };
    let papers = network::papers(&state, caller)
        .await?
        .into_iter()
        .map(|paper| {
            let closes = when(&visitor, paper.closes_at);
            (paper, closes)
        })
        .collect();
    let nav = visitor.nav().await?;
    let page = VotesPage {
        title: nav.t("my-votes"),
        nav,
        papers,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "mine/vote.html")]
struct VotePage {
    title: String,
    nav: Nav,
    paper: PaperView,
    /// `single`, `multiple`, `consent` or `ranked`.
    kind: &'static str,
    options: Vec<OptionRow>,
    closes: String,
    /// When the ballot was cast, if it was.
    cast_at: Option<String>,
    /// The numbers a ranking may give.
    ranks: Vec<usize>,
    token_field: &'static str,
    problem: Option<Problem>,
}

async fn vote_page(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/my/votes/{id}")));
    };
    let paper = network::paper(state, caller, id).await?;
    let chosen: Vec<String> = paper
        .cast
        .as_ref()
        .and_then(|(choices, _)| choices.clone())
        .unwrap_or_default();
    let totals: Option<Vec<u64>> = paper.result.as_ref().and_then(|result| {
        result
            .get("options")?
            .as_array()?
            .iter()
            .map(|option| option.get("members")?.as_u64())
            .collect()
    });
    let options = paper
        .options
        .iter()
        .enumerate()
        .map(|(index, name)| OptionRow {
            index,
            name: name.clone(),
            rank: chosen.iter().position(|c| c == name).map_or(0, |at| at + 1),
            members: totals.as_ref().and_then(|t| t.get(index).copied()),
        })
        .collect();
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = VotePage {
        title: paper.title.clone(),
        kind: paper.kind.as_str(),
        closes: when(visitor, paper.closes_at),
        cast_at: paper.cast.as_ref().map(|(_, at)| when(visitor, *at)),
        ranks: (1..=paper.options.len()).collect(),
        options,
        paper,
        nav,
        token_field: TOKEN_FIELD,
        problem,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /my/votes/{id}`.
pub async fn vote_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    vote_page(&state, &visitor, id, None).await
}

/// The choices a posted ballot makes, as option names in order: `choice` (one option's
/// index), `pick_N` (each option chosen) or `rank_N` (each option's rank; ties and gaps keep
/// the page's order, blanks are left out).
fn choices_of(kind: Kind, options: &[String], fields: &BTreeMap<String, String>) -> Vec<String> {
    let name = |index: usize| options.get(index).cloned();
    match kind {
        Kind::Single | Kind::Consent => fields
            .get("choice")
            .and_then(|index| index.parse().ok())
            .and_then(name)
            .into_iter()
            .collect(),
        Kind::Multiple => (0..options.len())
            .filter(|index| fields.contains_key(&format!("pick_{index}")))
            .filter_map(name)
            .collect(),
        Kind::Ranked => {
            let mut ranked: Vec<(usize, usize)> = (0..options.len())
                .filter_map(|index| {
                    let rank = fields.get(&format!("rank_{index}"))?.trim().parse().ok()?;
                    Some((rank, index))
                })
                .collect();
            ranked.sort_unstable();
            ranked
                .into_iter()
                .filter_map(|(_, index)| name(index))
                .collect()
        }
    }
}

/// `POST /my/votes/{id}`: casts or changes the ballot.
pub async fn cast(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    form: PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/my/votes/{id}")));
    };
    let paper = network::paper(&state, caller, id).await?;
    let choices = choices_of(paper.kind, &paper.options, &form.fields);
    match network::cast(&state, caller, id, choices).await {
        Ok(_) => Ok(Redirect::to(&format!("/my/votes/{id}")).into_response()),
        Err(error) => {
            let problem = Problem::of(error, "choices")?;
            vote_page(&state, &visitor, id, Some(problem)).await
        }
    }
}
