//! `admin create-user`, `users`, `disable-user`, `enable-user` and `delete-user`.

use super::handle;
use super::table::{Format, Listing, time, yes_no};
use crate::db::{DbUser, Store};
use crate::domain::Password;
use crate::service::users;
use crate::state::AppState;
use anyhow::{Context, bail};
use serde::Serialize;
use std::io::Read;

/// A user as `admin users --json` prints it.
#[derive(Serialize)]
struct UserView {
    handle: String,
    display_name: String,
    admin: bool,
    disabled: bool,
    deleted: bool,
    created: String,
}

impl From<DbUser> for UserView {
    fn from(user: DbUser) -> Self {
        Self {
            handle: user.handle.to_string(),
            display_name: user.display_name,
            admin: user.is_admin,
            disabled: user.disabled_at.is_some(),
            deleted: user.deleted_at.is_some(),
            created: time(user.created_at),
        }
    }
}

impl UserView {
    fn status(&self) -> &'static str {
        match (self.deleted, self.disabled) {
            (true, _) => "deleted",
            (false, true) => "disabled",
            (false, false) => "active",
        }
    }
}

pub async fn create(
    store: &Store,
    name: &str,
    admin: bool,
    display_name: Option<String>,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let handle = handle(name, "user name")?;
    if !password_stdin {
        bail!("give the password on standard input with --password-stdin");
    }
    let mut input = String::new();
    std::io::stdin()
        .take(4096)
        .read_to_string(&mut input)
        .context("cannot read the password from standard input")?;
    let password = Password::parse(input.lines().next().unwrap_or_default()).context("password")?;
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
    Ok(())
}

pub async fn list(store: &Store, format: Format) -> anyhow::Result<()> {
    let rows: Vec<UserView> = users::users(store)
        .await?
        .into_iter()
        .map(UserView::from)
        .collect();
    Listing {
        headers: &["HANDLE", "DISPLAY NAME", "ADMIN", "STATUS", "CREATED"],
        empty: "no users",
        rows,
        cells: |user| {
            vec![
                user.handle.clone(),
                user.display_name.clone(),
                yes_no(user.admin),
                user.status().to_owned(),
                user.created.clone(),
            ]
        },
    }
    .print(format)
}

pub async fn set_access(store: &Store, name: &str, access: users::Access) -> anyhow::Result<()> {
    let handle = handle(name, "user name")?;
    let changed = users::set_access(store, &handle, access).await?;
    match (access, changed) {
        (users::Access::Disabled, true) => {
            println!(
                "disabled {handle}: its API tokens answer 401 until `admin enable-user {handle}`"
            )
        }
        (users::Access::Disabled, false) => println!("{handle} was already disabled"),
        (users::Access::Enabled, true) => println!("enabled {handle}: its API tokens work again"),
        (users::Access::Enabled, false) => println!("{handle} was not disabled"),
    }
    Ok(())
}

pub async fn delete(state: &AppState, name: &str) -> anyhow::Result<()> {
    let handle = handle(name, "user name")?;
    users::delete_user(state, &handle).await?;
    println!(
        "deleted {handle}: its followers will receive a Delete, its addresses answer 410 and its \
         tokens are revoked"
    );
    Ok(())
}
