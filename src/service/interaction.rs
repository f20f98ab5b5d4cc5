//! Remote interaction (FEP-3b86 Activity Intents, and the older OStatus subscribe template): a
//! visitor whose account is elsewhere asks to follow one of our actors and is sent to their own
//! server to do it there; and the reverse, our people confirming here a follow they started on
//! another server's page.

use super::ServiceError;
use super::follows::follow_actor;
use crate::db::DbUser;
use crate::federation::inbound::authority;
use crate::federation::resolve::{ResolveError, split_handle};
use crate::service::blocks::refuse_blocked;
use crate::state::AppState;
use url::Url;

/// The page on the visitor's own server where `handle` (`name@host`) can follow `object`, one
/// of our actors: that account's Follow intent, or its subscribe template, filled in. Refused
/// when its server offers neither, or sends people to another host.
pub async fn follow_elsewhere(
    app: &AppState,
    handle: &str,
    object: &Url,
    from: Option<std::net::IpAddr>,
) -> Result<Url, ServiceError> {
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
    if !app.urls().is_ours(object) {
        return Err(ServiceError::Invalid {
            field: "object",
            message: "only our own actors can be followed from here".to_owned(),
        });
    }
    let (_, host) = split_handle(handle)?;
    refuse_blocked(&app.store, host).await?;
    let template = app
        .federation
        .intent_template(handle, "Follow")
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
                "{host} does not say where its people follow accounts elsewhere; search for the \
                 account there instead"
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
            "{host} sends its people to another site ({}); search for the account there instead",
            authority(&target)
        )));
    }
    Ok(target)
}

/// Someone another server's page sent here to follow: the account `uri` names (an actor's URL,
/// or `name@host` with or without `acct:`), fetched from its origin, for the confirmation page.
pub async fn actor_to_follow(
    app: &AppState,
    uri: &str,
) -> Result<crate::db::DbRemoteActor, ServiceError> {
    let uri = uri.trim();
    let actor_id = match Url::parse(uri) {
        Ok(url) if matches!(url.scheme(), "https" | "http") => url,
        _ => app.federation.webfinger(uri).await?,
    };
    if app.urls().is_ours(&actor_id) {
        return Err(ServiceError::Invalid {
            field: "uri",
            message: "this account is on this server: follow it from its page".to_owned(),
        });
    }
    refuse_blocked(&app.store, &authority(&actor_id)).await?;
    Ok(app.federation.refresh_actor(&app.store, &actor_id).await?)
}

/// `user` follows the account `uri` names, as confirmed on our page.
pub async fn confirm_follow(
    app: &AppState,
    user: &DbUser,
    uri: &str,
) -> Result<crate::db::DbRemoteActor, ServiceError> {
    let target = actor_to_follow(app, uri).await?;
    follow_actor(app, user, &target).await?;
    Ok(target)
}
