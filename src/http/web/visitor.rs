//! Who is looking at a page: the browser session, the person it is signed in as (if any), and
//! what the header shows them.

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
}

/// What the page header needs: who is signed in, and the form token for "Sign out".
#[derive(Debug, Default)]
pub struct Nav {
    pub handle: Option<String>,
    pub display_name: String,
    pub form_token: String,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, message)| AppError::Internal(message.into()))?;
        let caller = accounts::signed_in(state, &session).await?;
        Ok(Self {
            session,
            caller,
            client: client_of(parts),
        })
    }
}

impl Visitor {
    /// The header of a page for this visitor.
    pub async fn nav(&self) -> Result<Nav, AppError> {
        let Some(caller) = &self.caller else {
            return Ok(Nav::default());
        };
        Ok(Nav {
            handle: Some(caller.handle.to_string()),
            display_name: caller.display_name.clone(),
            form_token: accounts::form_token(&self.session).await?,
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
