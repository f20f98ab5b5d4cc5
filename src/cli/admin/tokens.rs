//! `admin token`, `tokens` and `revoke-token`.

use super::handle;
use super::table::{Format, Listing, time};
use crate::db::{DbTokenListing, Store};
use crate::service::tokens;
use serde::Serialize;

/// A token as `admin tokens --json` prints it: never the secret, which is not stored.
#[derive(Serialize)]
struct TokenView {
    id: i64,
    /// The first characters of the secret, for telling tokens apart; null for old tokens.
    prefix: Option<String>,
    user: String,
    created: String,
    last_used: Option<String>,
}

impl From<DbTokenListing> for TokenView {
    fn from(token: DbTokenListing) -> Self {
        Self {
            id: token.id,
            prefix: token.prefix,
            user: token.user.to_string(),
            created: time(token.created_at),
            last_used: token.last_used_at.map(time),
        }
    }
}

pub async fn issue(store: &Store, user: &str) -> anyhow::Result<()> {
    let handle = handle(user, "user name")?;
    let issued = tokens::issue_token(store, &handle).await?;
    println!("{}", issued.secret);
    Ok(())
}

pub async fn list(store: &Store, user: Option<&str>, format: Format) -> anyhow::Result<()> {
    let user = user.map(|name| handle(name, "user name")).transpose()?;
    let rows: Vec<TokenView> = tokens::tokens(store, user.as_ref())
        .await?
        .into_iter()
        .map(TokenView::from)
        .collect();
    Listing {
        headers: &["ID", "PREFIX", "USER", "CREATED", "LAST USED"],
        empty: "no tokens",
        rows,
        cells: |token| {
            vec![
                token.id.to_string(),
                token
                    .prefix
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |prefix| format!("{prefix}…")),
                token.user.clone(),
                token.created.clone(),
                token
                    .last_used
                    .clone()
                    .unwrap_or_else(|| "never".to_owned()),
            ]
        },
    }
    .print(format)
}

pub async fn revoke(store: &Store, id: i64) -> anyhow::Result<()> {
    tokens::revoke_token(store, id).await?;
    println!("revoked token {id}: it answers 401 from now on");
    Ok(())
}
