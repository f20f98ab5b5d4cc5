//! `solidarity admin ...`: create users and organizations, issue API tokens.

use crate::db::Store;
use crate::domain::{Handle, Password};
use crate::service::orgs::{self, NewOrganizationRequest};
use crate::service::{tokens, users};
use anyhow::{Context, bail};
use clap::Subcommand;
use std::io::Read;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a local user; the password is read from standard input.
    CreateUser {
        /// The handle: letters a-z, digits and '_', at most 30.
        name: String,
        /// Make the user an instance administrator.
        #[arg(long)]
        admin: bool,
        /// Name shown instead of the handle.
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create an organization owned by an existing user.
    CreateOrg {
        /// The organization's handle: letters a-z, digits and '_', at most 30.
        handle: String,
        /// The organization's full name.
        #[arg(long)]
        name: String,
        /// The handle of the user who owns it.
        #[arg(long)]
        owner: String,
        /// A short plain-text description.
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// Print pending and failed deliveries per remote instance, and which are unreachable.
    Queue,
    /// Print a new API token for a user (only its hash is stored; it cannot be shown again).
    Token {
        /// The user's handle.
        user: String,
    },
}

pub async fn run(store: &Store, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateUser {
            name,
            admin,
            display_name,
            password_stdin,
        } => {
            let handle = Handle::parse(&name).with_context(|| format!("user name '{name}'"))?;
            if !password_stdin {
                bail!("give the password on standard input with --password-stdin");
            }
            let mut input = String::new();
            std::io::stdin()
                .take(4096)
                .read_to_string(&mut input)
                .context("cannot read the password from standard input")?;
            let password =
                Password::parse(input.lines().next().unwrap_or_default()).context("password")?;
            let user = users::create_user(
                store,
                users::NewUserRequest {
                    handle,
                    display_name,
                    password,
                    is_admin: admin,
                },
            )
            .await?;
            let kind = if user.is_admin {
                "administrator"
            } else {
                "user"
            };
            println!("created {kind} {}", user.handle);
        }
        AdminCommand::CreateOrg {
            handle,
            name,
            owner,
            summary,
        } => {
            let request = NewOrganizationRequest {
                handle: Handle::parse(&handle)
                    .with_context(|| format!("organization handle '{handle}'"))?,
                owner: Handle::parse(&owner).with_context(|| format!("owner '{owner}'"))?,
                name,
                summary,
            };
            let org = orgs::create_organization(store, request).await?;
            println!(
                "created organization {} ({}) owned by {owner}",
                org.handle, org.name
            );
        }
        AdminCommand::Queue => {
            let stats = store.queue_stats().await?;
            if stats.is_empty() {
                println!("the delivery queue is empty");
                return Ok(());
            }
            println!(
                "{:<40} {:>8} {:>8}  status",
                "instance", "pending", "failed"
            );
            for row in stats {
                let status = match row.unreachable_since {
                    Some(since) => format!(
                        "unreachable since {}",
                        crate::federation::notes::rfc3339(since)
                    ),
                    None => "reachable".to_owned(),
                };
                println!(
                    "{:<40} {:>8} {:>8}  {status}",
                    row.host, row.pending, row.failed
                );
            }
        }
        AdminCommand::Token { user } => {
            let handle = Handle::parse(&user).with_context(|| format!("user name '{user}'"))?;
            let issued = tokens::issue_token(store, &handle).await?;
            println!("{}", issued.secret);
        }
    }
    Ok(())
}
