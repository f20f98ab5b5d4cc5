//! Remote interaction (FEP-3b86 Activity Intents, and the older OStatus subscribe template): a
//! visitor whose account is elsewhere asks to follow one of our actors, or to sign one of our
//! actions or answer one of our events, and is sent to their own server to do it there; and the
//! reverse, our people confirming here a follow, a signature or an RSVP they started on another
//! server's page.

use super::ServiceError;
use super::elsewhere::{Participable, participable, take_part_in};
use super::follows::follow_actor;
use crate::db::{DbRemoteActor, DbUser};
use crate::federation::inbound::authority;
use crate::federation::outbox::ParticipationNote;
use crate::federation::resolve::{ResolveError, split_handle};
use crate::service::blocks::refuse_blocked;
use crate::state::AppState;
use url::Url;

/// What a visitor asks their own server to do with one of our objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Follow one of our actors.
    Follow,
    /// Sign one of our actions or answer one of our events (a `Join` there).
    Join,
}

impl Intent {
    /// The activity type FEP-3b86 names the intent after.
    fn activity(self) -> &'static str {
        match self {
            Self::Follow => "Follow",
            Self::Join => "Join",
        }
    }
}

/// Where a visitor's own server lets them act on one of our objects.
#[derive(Debug)]
pub struct Elsewhere {
    pub target: Url,
    /// The host the link leads to.
    pub host: String,
    /// Whether that server advertised this very intent; else its subscribe template only opens
    /// the object there (Mastodon shows it, and its poll once the visitor follows us).
    pub advertised: bool,
}

/// The page on the visitor's own server where `handle` (`name@host`) can act on `object`, one
/// of our actors (`Follow`) or actions or events (`Join`): that account's intent, or its
/// subscribe template, filled in. Refused when its server offers neither, or sends people to
/// another host.
pub async fn elsewhere(
    app: &AppState,
    handle: &str,
    object: &Url,
    intent: Intent,
    from: Option<std::net::IpAddr>,
) -> Result<Elsewhere, ServiceError> {
    // Each asks another server something on a visitor's behalf: counted per address.
    if let Err(wait) = app.sign_in_limits.from_address(from) {
        let retry_after = wait.as_secs().max(1);
        return Err(ServiceError::TooMany {
            message: format!(
                "too many requests from your network; try again in {retry_after} seconds"
            ),
            retry_after,
        });
    }
    let urls = app.urls();
    let fits = match intent {
        Intent::Follow => urls.is_ours(object),
        Intent::Join => {
            urls.local_action_id(object).is_some() || urls.local_event_id(object).is_some()
        }
    };
    if !fits {
        return Err(ServiceError::Invalid {
            field: "object",
            message: "only our own actors, actions and events can be acted on from here".to_owned(),
        });
    }
    let (_, host) = split_handle(handle)?;
    refuse_blocked(&app.store, host).await?;
    let (template, advertised) = app
        .federation
        .intent_template(handle, intent.activity())
        .await
        .map_err(|error| match error {
            ResolveError::Fetch { source, .. } => ServiceError::Unavailable(format!(
                "{host} did not answer ({source}): check the address"
            )),
            ResolveError::WebfingerMismatch(_) => ServiceError::Unavailable(format!(
                "{host} does not know this account: check the address"
            )),
            other => other.into(),
        })?
        .ok_or_else(|| {
            ServiceError::Unavailable(format!(
                "{host} does not say where its people act on other servers' pages; search for \
                 this address there instead"
            ))
        })?;
    let encoded: String =
        url::form_urlencoded::byte_serialize(object.as_str().as_bytes()).collect();
    let filled = template
        .replace("{object}", &encoded)
        .replace("{uri}", &encoded)
        .replace("{on-success}", "")
        .replace("{on-cancel}", "");
    let target = Url::parse(&filled).map_err(|_| {
        ServiceError::Unavailable(format!("{host} gave an unusable address: {filled}"))
    })?;
    let scheme_allowed = target.scheme() == "https"
        || (target.scheme() == "http" && app.config.federation.allow_plain_http);
    if !scheme_allowed || !authority(&target).eq_ignore_ascii_case(host) {
        return Err(ServiceError::Unavailable(format!(
            "{host} sends its people to another site ({}); search for this address there instead",
            authority(&target)
        )));
    }
    Ok(Elsewhere {
        host: authority(&target),
        target,
        advertised,
    })
}

/// An account as a confirmation page names it.
#[derive(Debug)]
pub struct AccountView {
    /// Its name, or else its username.
    pub name: String,
    /// `@user@host`.
    pub address: String,
}

impl From<&DbRemoteActor> for AccountView {
    fn from(actor: &DbRemoteActor) -> Self {
        Self {
            name: if actor.name.is_empty() {
                actor.preferred_username.clone()
            } else {
                actor.name.clone()
            },
            address: format!("@{}@{}", actor.preferred_username, actor.host),
        }
    }
}

/// What another server's page sent one of our people here to confirm.
#[derive(Debug)]
pub enum ToConfirm {
    /// Follow this account.
    Follow(AccountView),
    /// Sign this action or answer this event, hosted by `host`.
    Join {
        kind: Participable,
        title: String,
        host: AccountView,
    },
}

/// What a URI resolved to, with the stored actors.
enum Resolved {
    Follow(DbRemoteActor),
    Join {
        kind: Participable,
        id: Url,
        title: String,
        host: DbRemoteActor,
    },
}

/// The account, action or event `uri` names (an URL, or for an account `name@host` with or
/// without `acct:`), read from its origin, for the confirmation page.
pub async fn to_confirm(app: &AppState, uri: &str) -> Result<ToConfirm, ServiceError> {
    Ok(match resolve(app, uri).await? {
        Resolved::Follow(actor) => ToConfirm::Follow((&actor).into()),
        Resolved::Join {
            kind, title, host, ..
        } => ToConfirm::Join {
            kind,
            title,
            host: (&host).into(),
        },
    })
}

async fn resolve(app: &AppState, uri: &str) -> Result<Resolved, ServiceError> {
    let uri = uri.trim();
    let url = match Url::parse(uri) {
        Ok(url) if matches!(url.scheme(), "https" | "http") => url,
        _ => {
            let actor_id = app.federation.webfinger(uri).await?;
            return Ok(Resolved::Follow(remote_actor(app, &actor_id).await?));
        }
    };
    if app.urls().is_ours(&url) {
        return Err(ServiceError::Invalid {
            field: "uri",
            message: "this is on this server: open it here instead".to_owned(),
        });
    }
    refuse_blocked(&app.store, &authority(&url)).await?;
    let fetched = app.federation.fetch_signed(&app.store, &url).await?.json;
    let kind = fetched.get("type").and_then(|kind| kind.as_str());
    if !matches!(kind, Some("Event" | "Page")) {
        return Ok(Resolved::Follow(remote_actor(app, &url).await?));
    }
    let (kind, id, host) = participable(&app.store, &app.federation, &url, &fetched).await?;
    let title = fetched
        .get("name")
        .and_then(|name| name.as_str())
        .map(|name| name.chars().take(200).collect())
        .unwrap_or_default();
    Ok(Resolved::Join {
        kind,
        id,
        title,
        host,
    })
}

async fn remote_actor(app: &AppState, actor_id: &Url) -> Result<DbRemoteActor, ServiceError> {
    if app.urls().is_ours(actor_id) {
        return Err(ServiceError::Invalid {
            field: "uri",
            message: "this account is on this server: follow it from its page".to_owned(),
        });
    }
    refuse_blocked(&app.store, &authority(actor_id)).await?;
    Ok(app.federation.refresh_actor(&app.store, actor_id).await?)
}

/// What `confirm` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmed {
    Followed,
    Joined(Participable),
}

/// `user` follows the account, signs the action or answers the event `uri` names, as confirmed
/// on our page (`note` goes with a signature).
pub async fn confirm(
    app: &AppState,
    user: &DbUser,
    uri: &str,
    note: ParticipationNote,
) -> Result<Confirmed, ServiceError> {
    match resolve(app, uri).await? {
        Resolved::Follow(target) => {
            follow_actor(app, user, &target).await?;
            Ok(Confirmed::Followed)
        }
        Resolved::Join { kind, id, host, .. } => {
            let note = match kind {
                Participable::Action => note,
                Participable::Event => ParticipationNote::default(),
            };
            // Already read from its origin: not fetched a second time.
            take_part_in(app, user, kind, &id, &host, true, note).await?;
            Ok(Confirmed::Joined(kind))
        }
    }
}
