//! `admin create-org`, `orgs` and `delete-org`.

use super::handle;
use super::table::{Format, Listing, time};
use crate::db::{DbOrganizationListing, Store};
use crate::service::orgs::{self, NewOrganizationRequest};
use crate::state::AppState;
use serde::Serialize;

/// An organization as `admin orgs --json` prints it.
#[derive(Serialize)]
struct OrgView {
    handle: String,
    name: String,
    owners: Vec<String>,
    members: i64,
    deleted: bool,
    created: String,
}

impl From<DbOrganizationListing> for OrgView {
    fn from(listing: DbOrganizationListing) -> Self {
        Self {
            handle: listing.organization.handle.to_string(),
            name: listing.organization.name,
            owners: listing.owners.iter().map(ToString::to_string).collect(),
            members: listing.members,
            deleted: listing.deleted_at.is_some(),
            created: time(listing.organization.created_at),
        }
    }
}

pub async fn create(
    store: &Store,
    org: &str,
    name: String,
    owner: &str,
    summary: String,
) -> anyhow::Result<()> {
    let request = NewOrganizationRequest {
        handle: handle(org, "organization handle")?,
        owner: handle(owner, "owner")?,
        name,
        summary,
    };
    let org = orgs::create_organization(store, request).await?;
    println!(
        "created organization {} ({}) owned by {owner}",
        org.handle, org.name
    );
    Ok(())
}

pub async fn list(store: &Store, format: Format) -> anyhow::Result<()> {
    let rows: Vec<OrgView> = orgs::organizations(store)
        .await?
        .into_iter()
        .map(OrgView::from)
        .collect();
    Listing {
        headers: &["HANDLE", "NAME", "OWNERS", "MEMBERS", "STATUS", "CREATED"],
        empty: "no organizations",
        rows,
        cells: |org| {
            vec![
                org.handle.clone(),
                org.name.clone(),
                match org.owners.join(", ") {
                    owners if owners.is_empty() => "-".to_owned(),
                    owners => owners,
                },
                org.members.to_string(),
                if org.deleted { "deleted" } else { "active" }.to_owned(),
                org.created.clone(),
            ]
        },
    }
    .print(format)
}

pub async fn delete(state: &AppState, org: &str) -> anyhow::Result<()> {
    let handle = handle(org, "organization handle")?;
    orgs::delete_organization(state, &handle).await?;
    println!(
        "deleted organization {handle}: its followers will receive a Delete and its addresses \
         answer 410"
    );
    Ok(())
}
