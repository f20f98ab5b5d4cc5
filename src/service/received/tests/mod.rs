//! Fast tests of received activities, one or more per type: no HTTP and no other server, only
//! a store (SQLite in a temporary directory) holding the state before, a parsed activity from a
//! known sender, and assertions on the state after and on the activities queued in answer.

mod fetched;
mod reports;
mod social;
mod taking_part;

use super::{ProcessError, Received, apply};
use crate::config::{Config, DatabaseUrl};
use crate::db::{DbOrganization, DbRemoteActor, DbUser, NewRemoteActor, Store, now_millis};
use crate::domain::{Handle, Password};
use crate::federation::inbox::dispatch::parse_activity;
use crate::federation::urls::Urls;
use crate::service::orgs::{NewOrganizationRequest, create_organization};
use crate::service::users::{NewUserRequest, create_user};
use crate::state::AppState;
use serde_json::{Value, json};

pub(super) const AS: &str = "https://www.w3.org/ns/activitystreams";
pub(super) const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
/// The sender's id; its server is never asked anything.
pub(super) const ANN: &str = "https://remote.test/users/ann";

/// One instance's state and one remote sender.
pub(super) struct World {
    _dir: tempfile::TempDir,
    pub app: AppState,
    pub store: Store,
    pub alice: DbUser,
    pub org: DbOrganization,
    pub sender: DbRemoteActor,
}

fn handle(text: &str) -> Handle {
    Handle::parse(text).expect("a valid handle")
}

pub(super) async fn world() -> World {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = DatabaseUrl::parse(&format!("sqlite:{}/received.db", dir.path().display()))
        .expect("a SQLite URL");
    let store = Store::connect(&url).await.expect("opens");
    store.migrate().await.expect("migrates");
    let alice = create_user(
        &store,
        NewUserRequest {
            handle: handle("alice"),
            display_name: None,
            password: Password::parse("correct horse battery").expect("a password"),
            is_admin: false,
        },
    )
    .await
    .expect("alice");
    let org = create_organization(
        &store,
        NewOrganizationRequest {
            handle: handle("climate_now"),
            name: "Climate Now".to_owned(),
            summary: String::new(),
            owner: handle("alice"),
        },
    )
    .await
    .expect("the organization");
    let sender = store
        .upsert_remote_actor(&NewRemoteActor {
            ap_id: ANN.to_owned(),
            host: "remote.test".to_owned(),
            kind: "Person".to_owned(),
            preferred_username: "ann".to_owned(),
            name: "Ann".to_owned(),
            summary: String::new(),
            url: None,
            inbox: format!("{ANN}/inbox"),
            shared_inbox: Some("https://remote.test/inbox".to_owned()),
            followers_url: None,
            public_key_id: format!("{ANN}#main-key"),
            public_key_pem: "not used: nothing is verified here".to_owned(),
        })
        .await
        .expect("ann");
    World {
        _dir: dir,
        app: AppState::new(Config::defaults(), store.clone()),
        store,
        alice,
        org,
        sender,
    }
}

impl World {
    pub fn urls(&self) -> &Urls {
        self.app.urls()
    }

    /// The organization's actor id.
    pub fn org_id(&self) -> String {
        self.urls().actor(&handle("climate_now")).to_string()
    }

    /// Parses `activity` and applies it as received from Ann.
    pub async fn receive(&self, activity: Value) -> Result<String, ProcessError> {
        self.receive_from(&self.sender, activity).await
    }

    /// Parses `activity` and applies it as received from `sender`.
    pub async fn receive_from(
        &self,
        sender: &DbRemoteActor,
        activity: Value,
    ) -> Result<String, ProcessError> {
        let parsed = parse_activity(&activity).expect("a readable activity");
        let received = Received {
            app: &self.app,
            sender,
            received_at: self.app.now(),
            authored: None,
        };
        apply(&received, parsed).await
    }

    /// Every activity queued for delivery since the last call, with its inbox.
    pub async fn outgoing(&self) -> Vec<(String, Value)> {
        let now = now_millis();
        let claimed = self
            .store
            .claim_deliveries(now + 1, now + 60_000, 1000, 0)
            .await
            .expect("claims");
        let mut out = Vec::new();
        for delivery in claimed {
            let (json, _) = self
                .store
                .outbox_activity(&delivery.activity_id)
                .await
                .expect("the activity");
            out.push((
                delivery.inbox,
                serde_json::from_str(&json).expect("stored JSON"),
            ));
        }
        out
    }
}

/// An activity of Ann's.
pub(super) fn from_ann(kind: &str, n: &str, object: Value) -> Value {
    json!({"@context": AS, "id": format!("{ANN}/activities/{n}"), "type": kind, "actor": ANN,
           "object": object, "to": [PUBLIC]})
}

/// A public note of Ann's.
pub(super) fn note(n: &str, content: &str) -> Value {
    json!({"id": format!("https://remote.test/notes/{n}"), "type": "Note", "attributedTo": ANN,
           "content": content, "to": [PUBLIC], "published": "2026-12-01T10:00:00Z"})
}
