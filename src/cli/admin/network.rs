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
    /// Ask the registry again now about this instance's and its organizations' memberships.
    Refresh,
    /// Copy the registry's log up to its last entry, checking every hash and the chain.
    Replicate,
    /// The members as our copy of the log says, now or at a past moment (--at, RFC 3339).
    Members {
        #[arg(long)]
        at: Option<String>,
    },
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
        NetworkCommand::Replicate => {
            let done = network::replicate(state).await?;
            println!(
                "{} entries copied; the copy has {} entries, last hash {}",
                done.copied, done.entries, done.last_hash
            );
        }
        NetworkCommand::Members { at } => {
            let at = at
                .map(|text| {
                    chrono::DateTime::parse_from_rfc3339(&text)
                        .map(|at| at.timestamp_millis())
                        .with_context(|| format!("--at '{text}' is not an RFC 3339 time"))
                })
                .transpose()?;
            let rows: Vec<crate::service::registry::MemberView> = network::members_at(state, at)
                .await?
                .into_iter()
                .map(Into::into)
                .collect();
            return Listing {
                headers: &["MEMBER", "CLASS", "STATUS", "SINCE", "UNTIL"],
                empty: "no member",
                rows,
                cells: |m| {
                    vec![
                        m.member.clone(),
                        m.class.clone(),
                        m.status.to_owned(),
                        m.since.clone().unwrap_or_default(),
                        m.until.clone().unwrap_or_default(),
                    ]
                },
            }
            .print(format);
        }
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
