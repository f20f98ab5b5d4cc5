//! Seeding an instance's store: users, organizations and API tokens, through the services so
//! that keys and memberships are made as in production.

use solidarity::db::{DbOrganization, DbUser, NewActivity, Recipients, Store};
use solidarity::domain::{Handle, Password};
use solidarity::service::orgs::{NewOrganizationRequest, create_organization};
use solidarity::service::tokens;
use solidarity::service::users::{NewUserRequest, create_user};

/// The password every seeded user has.
pub const PASSWORD: &str = "correct horse battery";

fn handle(text: &str) -> Handle {
    Handle::parse(text).expect("a valid test handle")
}

/// A user `name` (not an administrator).
pub async fn user(store: &Store, name: &str) -> DbUser {
    person(store, name, false).await
}

/// An administrator of the instance, `name`.
pub async fn admin(store: &Store, name: &str) -> DbUser {
    person(store, name, true).await
}

async fn person(store: &Store, name: &str, is_admin: bool) -> DbUser {
    create_user(
        store,
        NewUserRequest {
            handle: handle(name),
            display_name: None,
            password: Password::parse(PASSWORD).expect("a valid password"),
            is_admin,
        },
    )
    .await
    .expect("the user is created")
}

/// An organization `name` called "Climate Now" owned by the existing user `owner`.
pub async fn organization(store: &Store, name: &str, owner: &str) -> DbOrganization {
    create_organization(
        store,
        NewOrganizationRequest {
            handle: handle(name),
            name: "Climate Now".to_owned(),
            summary: String::new(),
            owner: handle(owner),
        },
    )
    .await
    .expect("the organization is created")
}

/// A fresh API token of the existing user `name`.
pub async fn token(store: &Store, name: &str) -> String {
    tokens::issue_token(store, &handle(name))
        .await
        .expect("a token is issued")
        .secret
}

/// Queues an activity `id` of `kind` (public when it is a Create) from the local actor
/// `actor_id` to `recipients`, as a service would.
pub async fn activity(store: &Store, actor_id: i64, id: &str, kind: &str, recipients: &Recipients) {
    store
        .enqueue_activity(
            &NewActivity {
                id,
                ap_id: &format!("https://coop.test/activities/{id}"),
                local_actor_id: actor_id,
                kind,
                object_ap_id: None,
                public: kind == "Create",
                json: "{}",
            },
            recipients,
        )
        .await
        .expect("enqueued");
}
