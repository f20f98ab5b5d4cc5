//! The URLs this instance mints: every id we publish is built here, so each one dereferences.

use crate::config::Config;
use crate::domain::Handle;
use url::Url;

/// Builds ids and links under the instance's public base URL.
#[derive(Clone, Debug)]
pub struct Urls {
    base: Url,
}

impl Urls {
    pub fn new(config: &Config) -> Self {
        let base =
            Url::parse(&config.public_url()).expect("a validated domain with a scheme forms a URL");
        Self { base }
    }

    fn at(&self, path: &str) -> Url {
        self.base
            .join(path)
            .expect("paths built from validated handles are valid URLs")
    }

    /// The actor's id: `/actors/{handle}` for people, organizations and the instance alike.
    pub fn actor(&self, handle: &Handle) -> Url {
        self.at(&format!("/actors/{handle}"))
    }

    /// Whether `url` is on this instance (same scheme, host and port).
    pub fn is_ours(&self, url: &Url) -> bool {
        url.origin() == self.base.origin()
    }

    /// The local handle an actor id of ours names, if it is one.
    pub fn local_handle(&self, url: &Url) -> Option<Handle> {
        if !self.is_ours(url) || url.query().is_some() {
            return None;
        }
        let handle = Handle::parse_lookup(url.path().strip_prefix("/actors/")?)?;
        (self.actor(&handle) == *url).then_some(handle)
    }

    /// The id of the actor's signing key.
    pub fn key_id(&self, handle: &Handle) -> Url {
        let mut url = self.actor(handle);
        url.set_fragment(Some("main-key"));
        url
    }

    pub fn inbox(&self, handle: &Handle) -> Url {
        self.at(&format!("/actors/{handle}/inbox"))
    }

    pub fn outbox(&self, handle: &Handle) -> Url {
        self.at(&format!("/actors/{handle}/outbox"))
    }

    pub fn followers(&self, handle: &Handle) -> Url {
        self.at(&format!("/actors/{handle}/followers"))
    }

    pub fn following(&self, handle: &Handle) -> Url {
        self.at(&format!("/actors/{handle}/following"))
    }

    /// Another collection of an actor (a campaign's `events` and `actions`).
    pub fn actor_collection(&self, handle: &Handle, name: &str) -> Url {
        self.at(&format!("/actors/{handle}/{name}"))
    }

    pub fn featured(&self, handle: &Handle) -> Url {
        self.at(&format!("/actors/{handle}/featured"))
    }

    /// An activity we published.
    pub fn activity(&self, id: &str) -> Url {
        self.at(&format!("/activities/{id}"))
    }

    /// A note a local actor published.
    pub fn note(&self, id: &str) -> Url {
        self.at(&format!("/notes/{id}"))
    }

    /// The membership registry's log (software co-op instance), or its page `page`.
    pub fn registry_log(&self, page: Option<i64>) -> Url {
        match page {
            Some(page) => self.at(&format!("/registry/log?page={page}")),
            None => self.at("/registry/log"),
        }
    }

    /// Entry number `seq` of the registry's log.
    pub fn registry_entry(&self, seq: i64) -> Url {
        self.at(&format!("/registry/log/{seq}"))
    }

    /// The registry's signed membership document about the actor `member`.
    pub fn registry_membership(&self, member: &str) -> Url {
        let mut url = self.registry_memberships();
        url.query_pairs_mut().append_pair("member", member);
        url
    }

    /// Where the registry's membership documents are (`?member=ACTOR` names one).
    pub fn registry_memberships(&self) -> Url {
        self.at("/registry/memberships")
    }

    /// A proposal put to the registry's members (its `Question`).
    pub fn proposal(&self, id: &str) -> Url {
        self.at(&format!("/registry/proposals/{id}"))
    }

    /// A ballot one of our people cast on a registry's proposal (sent, never served).
    pub fn ballot(&self, id: &str) -> Url {
        self.at(&format!("/ballots/{id}"))
    }

    /// The id of one of our proposals, if `url` is one.
    pub fn local_proposal_id(&self, url: &Url) -> Option<String> {
        self.local_object_id(url, "/registry/proposals/")
    }

    /// The registry's web page: its members and totals.
    pub fn registry_page(&self) -> Url {
        self.at("/registry")
    }

    /// The registry actor's Ed25519 key, in its `assertionMethod`.
    pub fn registry_key_id(&self) -> Url {
        let mut url = self.actor(&Handle::registry_actor());
        url.set_fragment(Some("ed25519-key"));
        url
    }

    /// The registry's member list (now, or `?at=` a past moment).
    pub fn registry_members(&self) -> Url {
        self.at("/registry/members")
    }

    /// An event a local organization hosts.
    pub fn event(&self, id: &str) -> Url {
        self.at(&format!("/events/{id}"))
    }

    /// The id of our event this URL names, if it names one.
    pub fn local_event_id(&self, url: &Url) -> Option<String> {
        self.local_object_id(url, "/events/")
    }

    /// An action a local organization calls for.
    pub fn action(&self, id: &str) -> Url {
        self.at(&format!("/actions/{id}"))
    }

    /// The id of our action this URL names, if it names one.
    pub fn local_action_id(&self, url: &Url) -> Option<String> {
        self.local_object_id(url, "/actions/")
    }

    /// A poll we sent.
    pub fn poll(&self, id: &str) -> Url {
        self.at(&format!("/polls/{id}"))
    }

    /// The id of our poll this URL names, if it names one.
    pub fn local_poll_id(&self, url: &Url) -> Option<String> {
        self.local_object_id(url, "/polls/")
    }

    /// The id of the local object of this kind (`/notes/`, `/events/`...) a URL names.
    fn local_object_id(&self, url: &Url, prefix: &str) -> Option<String> {
        if !self.is_ours(url) || url.query().is_some() || url.fragment().is_some() {
            return None;
        }
        let id = url.path().strip_prefix(prefix)?;
        uuid::Uuid::parse_str(id)
            .ok()
            .filter(|uuid| uuid.hyphenated().to_string() == id)
            .map(|_| id.to_owned())
    }

    /// The JSON-LD context document of our terms.
    pub fn terms(&self) -> Url {
        self.at("/ns")
    }

    pub fn shared_inbox(&self) -> Url {
        self.at("/inbox")
    }

    /// The human-readable profile page.
    pub fn profile(&self, handle: &Handle) -> Url {
        self.at(&format!("/@{handle}"))
    }

    pub fn nodeinfo(&self, version: &str) -> Url {
        self.at(&format!("/nodeinfo/{version}"))
    }

    pub fn webfinger_template(&self) -> String {
        format!("{}.well-known/webfinger?resource={{uri}}", self.base)
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &str {
        self.base.scheme()
    }

    /// The `host[:port]` ids live under, as written in `acct:` URIs.
    pub fn authority(&self) -> String {
        match self.base.port() {
            Some(port) => format!("{}:{port}", self.base.host_str().unwrap_or_default()),
            None => self.base.host_str().unwrap_or_default().to_owned(),
        }
    }
}
