//! The network's membership registry, kept by the software co-op's instance (`role =
//! "software"`): who is a member, in which class, since when, as an append-only log of changes
//! chained by hashes (`domain::registry_log`). Each change is checked against what the log says
//! of its member before it is appended; the member list beside the log is written in the same
//! transaction, and any past date's list is the log replayed up to it.

mod actor;
mod admin_view;
mod directory;
mod inbound;
mod individuals;
mod publish;
mod votes;

pub use actor::{actor_document, ensure_registry_actor, membership, name_registry_on};
pub use admin_view::{RegistryAdmin, admin_view};
pub use directory::{ClassMembers, Directory, directory};
pub use inbound::{receive_join, receive_leave, receive_offer};
pub use individuals::{
    CONFIRM_WITHIN_DAYS, INDIVIDUAL, Pending, apply_individual, confirm_by_follow,
};
pub use publish::{ENTRIES_PER_PAGE, LogPage, entry, log_page};
pub use votes::{
    Answer, ProposalRequest, ProposalView, belenios_export, close, close_as_admin, close_due, open,
    open_view, participation, proposal_view, proposal_views, proposals, question_document,
    receive_ballot, receive_poll_answer, roll_document,
};

/// The class of platform co-ops (their instance actors), which apply with a `Join`.
pub const PLATFORM_COOP: &str = "platform_coop";
/// The class of organizations their platform co-op reports with an `Offer`.
pub const ORGANIZATION: &str = "organization";

use super::ServiceError;
use crate::db::{DbError, DbRegistryClass, DbUser};
use crate::domain::InstanceRole;
use crate::domain::registry_log::{
    Change, Entry, GENESIS, Membership, active_over_time, apply, replay,
};
use crate::state::AppState;
use url::Url;

/// A member as the registry shows it, on its pages and in `admin registry members --json`.
#[derive(Debug, serde::Serialize)]
pub struct MemberView {
    pub member: String,
    pub class: String,
    pub status: &'static str,
    pub serving: Option<String>,
    pub representative: Option<String>,
    /// RFC 3339.
    pub since: Option<String>,
    pub until: Option<String>,
    pub version: i64,
}

impl From<Membership> for MemberView {
    fn from(membership: Membership) -> Self {
        let rfc3339 = crate::federation::notes::rfc3339;
        Self {
            status: membership.status.as_str(),
            since: membership.since.map(rfc3339),
            until: membership.until.map(rfc3339),
            member: membership.member,
            class: membership.class,
            serving: membership.serving,
            representative: membership.representative,
            version: membership.version,
        }
    }
}

/// How many times an append is tried when another writer took the number.
const APPEND_TRIES: usize = 5;

/// A change to the registry as an administrator or an applicant asks for it.
#[derive(Debug, Default)]
pub struct ChangeRequest {
    /// The member's actor id.
    pub member: String,
    pub class: Option<String>,
    pub serving: Option<String>,
    pub representative: Option<String>,
    pub reason: String,
}

/// Refuses anyone but an administrator of this instance, naming them.
fn registry_admin(admin: &DbUser) -> Result<(), ServiceError> {
    if admin.is_admin {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(format!(
            "'{}' is no administrator of this instance",
            admin.handle
        )))
    }
}

/// Refuses on an instance that keeps no registry.
pub fn software_only(app: &AppState) -> Result<(), ServiceError> {
    match app.config.role {
        InstanceRole::Software => Ok(()),
        InstanceRole::Platform => Err(ServiceError::NotFound(
            "this instance keeps no registry: it serves a platform co-op (role = \"platform\")"
                .to_owned(),
        )),
    }
}

fn actor_id(field: &'static str, text: &str) -> Result<String, ServiceError> {
    match Url::parse(text.trim()) {
        Ok(url) if matches!(url.scheme(), "https" | "http") => Ok(url.to_string()),
        _ => Err(ServiceError::Invalid {
            field,
            message: format!("'{text}' is not an actor's address (https://…)"),
        }),
    }
}

/// An instance administrator (`admin`, a local handle) records `change` of `request.member`.
pub async fn record_as_admin(
    app: &AppState,
    admin: &DbUser,
    change: Change,
    request: ChangeRequest,
) -> Result<Entry, ServiceError> {
    registry_admin(admin)?;
    let author = app.urls().actor(&admin.handle).to_string();
    record(app, &author, change, request).await
}

/// Appends `change` of `request.member` by `author`, when the log allows it now.
pub async fn record(
    app: &AppState,
    author: &str,
    change: Change,
    request: ChangeRequest,
) -> Result<Entry, ServiceError> {
    software_only(app)?;
    let store = &app.store;
    let member = actor_id("member", &request.member)?;
    let serving = request
        .serving
        .as_deref()
        .filter(|text| !text.trim().is_empty())
        .map(|text| actor_id("serving", text))
        .transpose()?;
    let representative = request
        .representative
        .as_deref()
        .map(|text| actor_id("representative", text))
        .transpose()?;
    if let Some(class) = &request.class {
        let known = store.registry_classes().await?;
        if !known.iter().any(|known| &known.name == class) {
            let names: Vec<&str> = known.iter().map(|c| c.name.as_str()).collect();
            return Err(ServiceError::Invalid {
                field: "class",
                message: format!(
                    "'{class}' is not a class; the classes: {}",
                    names.join(", ")
                ),
            });
        }
    }
    for _ in 0..APPEND_TRIES {
        let last = store.last_registry_entry().await?;
        let entry = Entry {
            at: app.now().max(last.as_ref().map_or(0, |last| last.at)),
            author: author.to_owned(),
            change,
            class: request.class.clone(),
            member: member.clone(),
            previous: last.as_ref().map_or(GENESIS.to_owned(), Entry::hash),
            reason: request.reason.trim().to_owned(),
            representative: representative.clone(),
            seq: last.as_ref().map_or(1, |last| last.seq + 1),
            serving: serving.clone(),
        };
        let current = store.registry_member(&member).await?;
        let next =
            apply(current.as_ref(), &entry).map_err(|e| ServiceError::Conflict(e.to_string()))?;
        let (registry, notice, recipients) = actor::notice(app, &next).await?;
        let reply = notice.reply(registry, recipients);
        match store
            .append_registry_entry(&entry, &next, Some(&reply))
            .await
        {
            Ok(()) => {
                tracing::info!(seq = entry.seq, change = change.as_str(), %member, "registry changed");
                return Ok(entry);
            }
            Err(DbError::Conflict(_)) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Err(ServiceError::Unavailable(
        "the registry is busy; try again".to_owned(),
    ))
}

/// Every entry, in order (read in pages).
async fn all_entries(app: &AppState) -> Result<Vec<Entry>, ServiceError> {
    let mut entries = Vec::new();
    loop {
        let after = entries.last().map_or(0, |last: &Entry| last.seq);
        let page = app.store.registry_entries(after, 1000).await?;
        if page.is_empty() {
            return Ok(entries);
        }
        entries.extend(page);
    }
}

/// The members as the log says at `at` (ms), or now.
pub async fn members_at(app: &AppState, at: Option<i64>) -> Result<Vec<Membership>, ServiceError> {
    software_only(app)?;
    match at {
        // Sorted here, by bytes: a database's collation may order ids otherwise.
        None => {
            let mut members = app.store.registry_members().await?;
            members.sort_by(|a, b| a.member.cmp(&b.member));
            Ok(members)
        }
        Some(at) => {
            let entries = all_entries(app).await?;
            let members = replay(&entries, Some(at))
                .map_err(|e| ServiceError::Internal(format!("the registry log: {e}")))?;
            Ok(members.into_values().collect())
        }
    }
}

/// What `verify` found: how many entries chain, and the last hash.
#[derive(Debug, PartialEq, Eq)]
pub struct Verified {
    pub entries: usize,
    pub last_hash: String,
}

/// Replays the whole log, checking every number and hash (also against the hash each entry was
/// stored with), and compares the result with the member list kept beside it.
pub async fn verify(app: &AppState) -> Result<Verified, ServiceError> {
    software_only(app)?;
    let entries = all_entries(app).await?;
    let replayed = replay(&entries, None)
        .map_err(|e| ServiceError::Internal(format!("the registry log: {e}")))?;
    let kept = members_at(app, None).await?;
    let replayed: Vec<Membership> = replayed.into_values().collect();
    for (entry, stored) in entries
        .iter()
        .zip(app.store.registry_stored_hashes().await?)
    {
        if entry.hash() != stored {
            return Err(ServiceError::Internal(format!(
                "entry {} does not have the hash it was stored with",
                entry.seq
            )));
        }
    }
    if replayed != kept {
        return Err(ServiceError::Internal(
            "the member list differs from the replayed log".to_owned(),
        ));
    }
    Ok(Verified {
        entries: entries.len(),
        last_hash: entries.last().map_or(GENESIS.to_owned(), Entry::hash),
    })
}

/// The classes of members and their weights.
pub async fn classes(app: &AppState) -> Result<Vec<DbRegistryClass>, ServiceError> {
    software_only(app)?;
    Ok(app.store.registry_classes().await?)
}

/// The most weight a class may have in votes.
pub const MAX_CLASS_WEIGHT: i32 = 1000;

/// Adds a class of members or changes its label and weight in votes (0: its members do not
/// vote). A proposal keeps the weights it was opened with.
pub async fn set_class(
    app: &AppState,
    admin: &DbUser,
    name: &str,
    label: &str,
    weight: i32,
) -> Result<DbRegistryClass, ServiceError> {
    let class = DbRegistryClass {
        name: name.trim().to_owned(),
        label: label.to_owned(),
        weight,
    };
    software_only(app)?;
    registry_admin(admin)?;
    let name_ok = !class.name.is_empty()
        && class.name.len() <= 40
        && class
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !name_ok {
        return Err(ServiceError::Invalid {
            field: "name",
            message: "a class is named with 1 to 40 lower-case letters, digits and _".to_owned(),
        });
    }
    if !(0..=MAX_CLASS_WEIGHT).contains(&class.weight) {
        return Err(ServiceError::Invalid {
            field: "weight",
            message: format!("a class's weight is from 0 to {MAX_CLASS_WEIGHT}"),
        });
    }
    let label = class.label.trim();
    let class = DbRegistryClass {
        label: if label.is_empty() {
            class.name.clone()
        } else {
            label.chars().take(100).collect()
        },
        ..class
    };
    app.store.set_registry_class(&class).await?;
    Ok(class)
}

/// The registry in numbers: active members per class and per serving platform co-op, and how
/// many were active at the end of each month since the first entry.
#[derive(Debug, serde::Serialize)]
pub struct Totals {
    pub active: usize,
    pub by_class: std::collections::BTreeMap<String, usize>,
    /// By the serving co-op's actor id; members served by none are under `""`.
    pub by_serving: std::collections::BTreeMap<String, usize>,
    /// `("YYYY-MM", active at the end of that month)`, months with entries only.
    pub growth: Vec<(String, usize)>,
}

/// The registry in numbers, as the log says now.
pub async fn totals(app: &AppState) -> Result<Totals, ServiceError> {
    software_only(app)?;
    let members = members_at(app, None).await?;
    let mut totals = Totals {
        active: 0,
        by_class: Default::default(),
        by_serving: Default::default(),
        growth: Vec::new(),
    };
    for member in members.iter().filter(|m| m.status.is_member()) {
        totals.active += 1;
        *totals.by_class.entry(member.class.clone()).or_default() += 1;
        let serving = member.serving.clone().unwrap_or_default();
        *totals.by_serving.entry(serving).or_default() += 1;
    }
    let entries = all_entries(app).await?;
    let counts = active_over_time(&entries)
        .map_err(|e| ServiceError::Internal(format!("the registry log: {e}")))?;
    for (at, count) in counts {
        let month = crate::federation::notes::rfc3339(at)
            .chars()
            .take(7)
            .collect::<String>();
        match totals.growth.last_mut() {
            Some((last, value)) if *last == month => *value = count,
            _ => totals.growth.push((month, count)),
        }
    }
    Ok(totals)
}
