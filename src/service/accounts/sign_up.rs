//! Creating an account from the sign-up page, when the instance's policy allows it.

use super::sign_in::{Client, start};
use crate::domain::{Handle, Password, SignupPolicy};
use crate::service::ServiceError;
use crate::service::tokens::Caller;
use crate::service::users::{NewUserRequest, create_user};
use crate::state::AppState;
use tower_sessions::Session;

/// What a person types into the sign-up form.
#[derive(Debug)]
pub struct NewAccount {
    pub handle: String,
    pub display_name: String,
    pub password: String,
    pub password_again: String,
    /// The secret of the invitation link they came with, if any.
    pub invitation: Option<String>,
}

/// What signing up came to.
#[derive(Debug)]
pub enum SignedUp {
    /// The account works, and this session is signed in as it.
    SignedIn(Caller),
    /// The account waits for an administrator's approval.
    AwaitingApproval,
}

/// Creates the account as the instance's policy says: signed in at once (open, or with an
/// invitation link, used up then), or waiting for approval. Refused when sign-up is closed or
/// the invitation does not work; each invalid field is named (`handle`, `display_name`,
/// `password`, `password_again`).
pub async fn sign_up(
    app: &AppState,
    session: &Session,
    account: NewAccount,
    client: &Client,
) -> Result<SignedUp, ServiceError> {
    let policy = crate::service::instance_settings::info(app).await?.signup;
    if policy == SignupPolicy::Closed {
        return Err(ServiceError::Forbidden(
            "this instance does not take sign-ups; an administrator can create your account"
                .to_owned(),
        ));
    }
    if let Err(wait) = app.sign_in_limits.from_address(client.address) {
        let retry_after = wait.as_secs().max(1);
        return Err(ServiceError::TooMany {
            message: format!(
                "too many requests from your network; try again in {retry_after} seconds"
            ),
            retry_after,
        });
    }
    let handle = Handle::parse(account.handle.trim().trim_start_matches('@')).map_err(|e| {
        ServiceError::Invalid {
            field: "handle",
            message: e.to_string(),
        }
    })?;
    if account.password != account.password_again {
        return Err(ServiceError::Invalid {
            field: "password_again",
            message: "the two passwords differ".to_owned(),
        });
    }
    let password = Password::parse(&account.password).map_err(|e| ServiceError::Invalid {
        field: "password",
        message: e.to_string(),
    })?;
    if policy == SignupPolicy::Invitation {
        super::links::use_invitation(app, account.invitation.as_deref().unwrap_or_default())
            .await?;
    }
    let user = create_user(
        &app.store,
        NewUserRequest {
            handle,
            display_name: Some(account.display_name),
            password,
            is_admin: false,
        },
    )
    .await?;
    if policy == SignupPolicy::Approval {
        app.store.set_awaiting_approval(user.id).await?;
        tracing::info!(handle = %user.handle, "signed up; waits for approval");
        return Ok(SignedUp::AwaitingApproval);
    }
    start(session, user.id, client).await?;
    tracing::info!(handle = %user.handle, "signed up");
    Ok(SignedUp::SignedIn(Caller::new(user)))
}
