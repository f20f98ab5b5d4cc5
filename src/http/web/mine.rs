//! A signed-in person's own pages: the timeline of what the accounts they follow elsewhere
//! post, the events they answered (with their private calendar address), and the actions they
//! took part in, here and elsewhere.

use super::form::{PageForm, sign_in_first};
use super::time::local_in;
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::actions::{OwnParticipation, Page, own_participations};
use crate::service::calendars;
use crate::service::events::{self, EventView};
use crate::service::timeline;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

/// Entries on the timeline page.
const TIMELINE_LENGTH: i64 = 50;

/// One post on the timeline, as the page shows it.
pub struct Post {
    /// Its id, to report it.
    pub ap_id: String,
    pub url: String,
    pub author: String,
    /// The author's name and `name@host`, or the author's address when we know neither.
    pub author_name: String,
    pub author_account: String,
    pub name: String,
    /// Sanitised when it was received (`federation::sanitize::clean_html`).
    pub content_html: String,
    pub published: String,
    pub boosted_by: Option<String>,
}

#[derive(Template)]
#[template(path = "mine/timeline.html")]
struct TimelinePage {
    title: String,
    nav: Nav,
    posts: Vec<Post>,
}

/// `GET /timeline`.
pub async fn timeline_page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/timeline"));
    };
    let entries = timeline::timeline(&state, caller, TIMELINE_LENGTH).await?;
    let posts = entries
        .into_iter()
        .map(|entry| Post {
            url: entry.url.unwrap_or_else(|| entry.ap_id.clone()),
            ap_id: entry.ap_id,
            author_name: if entry.author_name.is_empty() {
                entry.attributed_to.clone()
            } else {
                entry.author_name
            },
            author_account: entry.author_account,
            author: entry.attributed_to,
            name: entry.name,
            content_html: entry.content_html,
            published: entry
                .published_at
                .map(|at| {
                    local_in(
                        &crate::federation::notes::rfc3339(at),
                        "UTC",
                        &visitor.tr.lang(),
                    )
                })
                .unwrap_or_default(),
            boosted_by: entry.announced_by,
        })
        .collect();
    let nav = visitor.nav().await?;
    let page = TimelinePage {
        title: nav.t("timeline"),
        nav,
        posts,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "mine/events.html")]
struct MyEventsPage {
    title: String,
    nav: Nav,
    /// Each event with when it starts in its own time zone.
    events: Vec<(EventView, String)>,
    /// Events on other servers, with where the answer stands in words.
    elsewhere: Vec<(String, String)>,
    token_field: &'static str,
    /// Whether the person has a private calendar address, and the one just made (shown once).
    has_calendar: bool,
    calendar_link: Option<String>,
}

/// `GET /my/events`.
pub async fn my_events(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    events_page(&state, &visitor, None).await
}

async fn events_page(
    state: &AppState,
    visitor: &Visitor,
    calendar_link: Option<String>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/my/events"));
    };
    let events = events::answered_by(state, caller)
        .await?
        .into_iter()
        .map(|event| {
            let when = local_in(&event.starts_at, &event.timezone, &visitor.tr.lang());
            (event, when)
        })
        .collect();
    let nav = visitor.nav().await?;
    let elsewhere = crate::service::elsewhere::events_elsewhere(state, caller)
        .await?
        .into_iter()
        .map(|sent| {
            let words = nav.t(&format!("participation-{}", sent.state));
            (sent.event, words)
        })
        .collect();
    let page = MyEventsPage {
        title: nav.t("my-events"),
        nav,
        events,
        elsewhere,
        token_field: super::form::TOKEN_FIELD,
        has_calendar: calendars::has_private_calendar(state, caller).await?,
        calendar_link,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct CalendarForm {
    /// `make` a new address (the old one stops working) or `forget` it.
    calendar: String,
}

/// `POST /my/calendar`: makes a new private calendar address and shows it once, or stops the
/// current one.
pub async fn calendar_address(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<CalendarForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/my/events"));
    };
    if form.fields.calendar == "forget" {
        calendars::forget_private_calendar(&state, caller).await?;
        return Ok(Redirect::to("/my/events").into_response());
    }
    let secret = calendars::make_private_calendar(&state, caller).await?;
    let link = format!("{}/calendars/{secret}.ics", state.config.public_url());
    events_page(&state, &visitor, Some(link)).await
}

#[derive(Template)]
#[template(path = "mine/actions.html")]
struct MyActionsPage {
    title: String,
    nav: Nav,
    /// Each participation with when it was made (UTC) and its state in words.
    participations: Vec<(OwnParticipation, String, String)>,
}

/// `GET /my/actions`.
pub async fn my_actions(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/my/actions"));
    };
    let nav = visitor.nav().await?;
    let participations = own_participations(&state, caller, Page::new(Some(100), None))
        .await?
        .into_iter()
        .map(|p| {
            let when = local_in(
                &crate::federation::notes::rfc3339(p.created_at),
                "UTC",
                &visitor.tr.lang(),
            );
            let state = nav.t(&format!("participation-{}", p.state));
            (p, when, state)
        })
        .collect();
    let page = MyActionsPage {
        title: nav.t("my-actions"),
        nav,
        participations,
    };
    Ok(Html(page.render()?).into_response())
}
