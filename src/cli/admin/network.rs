//! `admin network …`: a platform co-op's place in the network. It joins the software co-op's
//! registry, reports its organizations, and shows what the registry said of each member.

use super::table::{Format, Listing, time};
use crate::domain::Handle;
use crate::service::network;
use crate::state::AppState;
use anyhow::Context;
use clap::Subcommand;
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Apply to the network's registry from this instance: ADDRESS is the software co-op's
    /// domain, its registry's handle (network@domain) or the registry actor's URL.
    Join { address: String },
    /// Leave the network.
    Leave,
    /// Report one of this instance's organizations as a member of the network (the instance
    /// must be an active member), with the person who votes for it.
    Report {
        /// The organization's handle.
        org: String,
        /// The handle of the person here who votes for it.
        #[arg(long)]
        representative: Option<String>,
    },
    /// Show the registry joined and what it said of each member.
    Status,
    /// Ask the registry again now about every member it told us of.
    Refresh,
}

#[derive(Serialize)]
struct MembershipRow {
    member: String,
    class: String,
    status: String,
    representative: Option<String>,
    version: i64,
    valid_until: String,
}

pub async fn run(state: &AppState, command: NetworkCommand, format: Format) -> anyhow::Result<()> {
    match command {
        NetworkCommand::Join { address } => {
            let registry = network::join(state, &address).await?;
            println!(
                "applied to {} from this instance; the registry's administrators decide, and \
                 `admin network status` shows their answer",
                registry.id
            );
        }
        NetworkCommand::Leave => {
            let registry = network::leave(state).await?;
            println!("told {} that this instance leaves the network", registry.id);
        }
        NetworkCommand::Report {
            org,
            representative,
        } => {
            let org = Handle::parse(&org).with_context(|| format!("organization '{org}'"))?;
            let representative = representative
                .map(|text| {
                    Handle::parse(&text).with_context(|| format!("--representative '{text}'"))
                })
                .transpose()?;
            let member = network::report(state, &org, representative.as_ref()).await?;
            println!("reported {member} to the registry");
        }
        NetworkCommand::Status => return status(state, format).await,
        NetworkCommand::Refresh => {
            let refreshed = network::refresh_expiring(state, i64::MAX / 2).await?;
            println!("{refreshed} memberships refreshed");
        }
    }
    Ok(())
}

async fn status(state: &AppState, format: Format) -> anyhow::Result<()> {
    let status = network::status(state).await?;
    if format == Format::Table {
        match &status.registry {
            Some(registry) => println!("registry: {}", registry.id),
            None => println!("registry: none (`admin network join ADDRESS`)"),
        }
    }
    let rows: Vec<MembershipRow> = status
        .memberships
        .into_iter()
        .map(|m| MembershipRow {
            member: m.member,
            class: m.class,
            status: m.status,
            representative: m.representative,
            version: m.version,
            valid_until: time(m.expires_at),
        })
        .collect();
    Listing {
        headers: &["MEMBER", "CLASS", "STATUS", "VERSION", "VALID UNTIL"],
        empty: "the registry told us of no member yet",
        rows,
        cells: |m| {
            vec![
                m.member.clone(),
                m.class.clone(),
                m.status.clone(),
                m.version.to_string(),
                m.valid_until.clone(),
            ]
        },
    }
    .print(format)
}
