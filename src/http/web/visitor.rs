//! Who is looking at a page: the browser session, the person it is signed in as (if any), and
//! what the header shows them.

use super::i18n::{Number, Tr};
use super::problem::Problem;
use crate::error::AppError;
use crate::service::accounts::{self, Client};
use crate::service::tokens::Caller;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};
use tower_sessions::Session;

/// The visitor of a page: a session (none is stored until a form needs one), the signed-in
/// person, and their address and browser.
pub struct Visitor {
    pub session: Session,
    pub caller: Option<Caller>,
    pub client: Client,
    /// The language the browser asks for, among ours.
    pub tr: Tr,
}

/// What every page needs for its visitor: the language of its words, and for the header who is
/// signed in and the form token of "Sign out".
#[derive(Debug, Default)]
pub struct Nav {
    pub handle: Option<String>,
    pub display_name: String,
    pub form_token: String,
    pub tr: Tr,
    /// The signed-in person administers the instance: show "Administration".
    pub is_admin: bool,
}

impl Nav {
    /// The chrome of a page for nobody signed in, in the language `Accept-Language` asks for.
    pub fn anonymous(accept_language: Option<&str>) -> Self {
        Self {
            tr: Tr::negotiate(accept_language),
            ..Self::default()
        }
    }

    pub fn lang(&self) -> String {
        self.tr.lang()
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The message `key` with a text argument.
    pub fn ts(&self, key: &str, name: &'static str, value: impl AsRef<str>) -> String {
        self.tr.ts(key, name, value.as_ref())
    }

    /// The message `key` with a number argument.
    pub fn tn(&self, key: &str, name: &'static str, value: impl Number) -> String {
        self.tr.tn(key, name, value.number())
    }

    /// A form's problem in the page's language when the catalogue has it, else as the service
    /// wrote it (see `problem_lang`).
    pub fn problem(&self, problem: &Problem) -> String {
        super::messages::localized(&self.tr, &problem.message).unwrap_or_else(|| problem.sentence())
    }

    /// `en` when the problem is shown in English on a page in another language, so that its
    /// `lang` attribute says so; empty otherwise.
    pub fn problem_lang(&self, problem: &Problem) -> &'static str {
        let untranslated = super::messages::localized(&self.tr, &problem.message).is_none();
        if untranslated && self.tr.lang() != "en" {
            "en"
        } else {
            ""
        }
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, message)| AppError::Internal(message.into()))?;
        let caller = accounts::signed_in(state, &session).await?;
        let accept_language = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok());
        Ok(Self {
            session,
            caller,
            client: client_of(parts),
            tr: Tr::negotiate(accept_language),
        })
    }
}

impl Visitor {
    /// The chrome of a page for this visitor as nobody signed in (a sign-in form that failed).
    pub fn signed_out_nav(&self) -> Nav {
        Nav {
            tr: self.tr.clone(),
            ..Nav::default()
        }
    }

    /// The header of a page for this visitor.
    pub async fn nav(&self) -> Result<Nav, AppError> {
        let Some(caller) = &self.caller else {
            return Ok(self.signed_out_nav());
        };
        Ok(Nav {
            handle: Some(caller.handle.to_string()),
            display_name: caller.display_name.clone(),
            form_token: accounts::form_token(&self.session).await?,
            tr: self.tr.clone(),
            is_admin: caller.is_admin,
        })
    }
}

/// The client's address and browser. A request from a reverse proxy on this machine (loopback)
/// is taken to come from the last address it added to `X-Forwarded-For`.
fn client_of(parts: &Parts) -> Client {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    let forwarded = || {
        parts
            .headers
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok())
            .and_then(|list| list.rsplit(',').next())
            .and_then(|last| last.trim().parse::<IpAddr>().ok())
    };
    let address = match peer {
        Some(peer) if peer.is_loopback() => forwarded().or(Some(peer)),
        other => other,
    };
    let user_agent = parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    Client {
        address,
        user_agent,
    }
}
