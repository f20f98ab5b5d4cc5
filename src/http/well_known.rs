//! Discovery: WebFinger (RFC 7033), NodeInfo 2.0 and 2.1, host-meta.

use crate::domain::{ActorKind, Handle};
use crate::error::AppError;
use crate::federation::urls::Urls;
use crate::service::documents::{self, Built};
use crate::service::{actors, instance};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// NodeInfo protocol versions we serve.
const NODEINFO_VERSIONS: [&str; 2] = ["2.0", "2.1"];

#[derive(Debug, Deserialize)]
pub struct WebfingerQuery {
    resource: Option<String>,
}

/// A JSON Resource Descriptor.
#[derive(Debug, Serialize)]
struct Jrd {
    subject: String,
    aliases: Vec<String>,
    links: Vec<JrdLink>,
}

/// A link: to a document (`type` and `href`), or a URI template (`template`).
#[derive(Debug, Serialize)]
struct JrdLink {
    rel: &'static str,
    #[serde(rename = "type", skip_serializing_if = "str::is_empty")]
    kind: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    href: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    template: String,
}

/// `GET /.well-known/webfinger?resource=acct:handle@domain` (or the actor's URL).
pub async fn webfinger(
    State(state): State<AppState>,
    Query(query): Query<WebfingerQuery>,
) -> Result<Response, AppError> {
    let resource = query
        .resource
        .ok_or_else(|| AppError::BadRequest("the 'resource' parameter is required".to_owned()))?;
    let urls = state.urls();
    let handle = local_handle_of(&resource, urls)
        .ok_or_else(|| AppError::NotFound(format!("'{resource}' is not an account here")))?;
    let body = documents::cached(&state, format!("webfinger:{handle}"), async {
        let actor = actors::local_actor(&state, &handle).await?;
        Ok::<_, AppError>(Built::json(&descriptor(&state, &handle, actor.kind), true)?)
    })
    .await?;
    Ok(with_headers(body, "application/jrd+json"))
}

/// The JSON Resource Descriptor of a local actor.
fn descriptor(state: &AppState, handle: &Handle, kind: ActorKind) -> Jrd {
    let urls = state.urls();
    let actor_id = urls.actor(handle).to_string();
    let mut links = vec![JrdLink {
        rel: "self",
        kind: "application/activity+json",
        href: actor_id.clone(),
        template: String::new(),
    }];
    let mut aliases = vec![actor_id];
    if kind != ActorKind::Application {
        let profile = urls.profile(handle).to_string();
        links.push(JrdLink {
            rel: "http://webfinger.net/rel/profile-page",
            kind: "text/html",
            href: profile.clone(),
            template: String::new(),
        });
        aliases.push(profile);
    }
    if kind == ActorKind::Person {
        // Where this person follows accounts, signs actions and answers events seen on other
        // servers' pages (FEP-3b86, and the OStatus template Mastodon reads).
        let authorize = format!("{}/authorize_interaction", state.config.public_url());
        for (rel, parameter) in [
            ("https://w3id.org/fep/3b86/Follow", "object"),
            ("https://w3id.org/fep/3b86/Join", "object"),
            ("http://ostatus.org/schema/1.0/subscribe", "uri"),
        ] {
            links.push(JrdLink {
                rel,
                kind: "",
                href: String::new(),
                template: format!("{authorize}?uri={{{parameter}}}"),
            });
        }
    }
    Jrd {
        subject: format!("acct:{handle}@{}", urls.authority()),
        aliases,
        links,
    }
}

/// The local handle a WebFinger resource names: `acct:h@ours`, `h@ours`, or one of our actor or
/// profile URLs. Resources on other hosts name nothing here.
fn local_handle_of(resource: &str, urls: &Urls) -> Option<Handle> {
    let resource = resource.trim();
    if resource.starts_with("http://") || resource.starts_with("https://") {
        let handle = Handle::parse_lookup(resource.rsplit('/').next()?.trim_start_matches('@'))?;
        let matches = [urls.actor(&handle), urls.profile(&handle)]
            .iter()
            .any(|url| url.as_str() == resource);
        return matches.then_some(handle);
    }
    let account = resource.strip_prefix("acct:").unwrap_or(resource);
    let account = account.strip_prefix('@').unwrap_or(account);
    let (name, host) = account.rsplit_once('@')?;
    if !host.eq_ignore_ascii_case(&urls.authority()) {
        return None;
    }
    Handle::parse_lookup(name)
}

/// `GET /.well-known/nodeinfo`: links to the NodeInfo documents and the instance actor (FEP-2677).
pub async fn nodeinfo_links(State(state): State<AppState>) -> Response {
    let urls = state.urls();
    let mut links: Vec<_> = NODEINFO_VERSIONS
        .iter()
        .map(|version| {
            json!({
                "rel": format!("http://nodeinfo.diaspora.software/ns/schema/{version}"),
                "href": urls.nodeinfo(version),
            })
        })
        .collect();
    links.push(json!({
        "rel": "https://www.w3.org/ns/activitystreams#Application",
        "href": urls.actor(&Handle::instance_actor()),
    }));
    with_headers(Json(json!({ "links": links })), "application/json")
}

/// `GET /nodeinfo/{version}` for 2.0 and 2.1.
pub async fn nodeinfo(
    State(state): State<AppState>,
    Path(version): Path<String>,
) -> Result<Response, AppError> {
    if !NODEINFO_VERSIONS.contains(&version.as_str()) {
        return Err(AppError::NotFound(format!(
            "no NodeInfo version {version} here"
        )));
    }
    let users = instance::user_count(&state).await?;
    let posts = crate::service::objects::local_post_count(&state).await?;
    let config = &state.config;
    let info = crate::service::instance_settings::info(&state).await?;
    let software = json!({ "name": "solidarity", "version": env!("CARGO_PKG_VERSION") });
    let document = json!({
        "version": version,
        "software": software,
        "protocols": ["activitypub"],
        "services": { "inbound": [], "outbound": [] },
        "openRegistrations": matches!(
            info.signup,
            crate::domain::SignupPolicy::Open | crate::domain::SignupPolicy::Approval
        ),
        "usage": { "users": { "total": users }, "localPosts": posts },
        "metadata": {
            "nodeName": info.name,
            "nodeDescription": info.description,
            "coopRole": config.role.to_string(),
            // Where the network's membership registry is kept: the software co-op's instance.
            "registry": (config.role == crate::domain::InstanceRole::Software)
                .then(|| state.urls().registry_log(None)),
            // And its actor, whose key proves the memberships it signs.
            "registryActor": (config.role == crate::domain::InstanceRole::Software)
                .then(|| state.urls().actor(&crate::domain::Handle::registry_actor())),
        },
    });
    let media = format!(
        "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/{version}#\""
    );
    let mut response = Json(document).into_response();
    if let Ok(value) = HeaderValue::from_str(&media) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    Ok(response)
}

/// `GET /.well-known/host-meta`: the XRD pointing at WebFinger, for older clients.
pub async fn host_meta(State(state): State<AppState>) -> Response {
    let template = state.urls().webfinger_template();
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n  \
         <Link rel=\"lrdd\" type=\"application/jrd+json\" template=\"{template}\"/>\n</XRD>\n"
    );
    with_headers(body, "application/xrd+xml")
}

/// Discovery documents are public: any web client may read them (CORS), under their own type.
fn with_headers(body: impl IntoResponse, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}
