//! What the instance says about itself (its name, the description on its home page and in
//! NodeInfo) and who may sign up: the configuration file gives the first values, and an
//! administrator's changes on the settings page, kept in the database, win over them from then
//! on. Read from the database each time, so that every process serving one database agrees.

use super::ServiceError;
use crate::config::InstanceInfo;
use crate::db::DbUser;
use crate::domain::SignupPolicy;
use crate::state::AppState;

const NAME: &str = "instance.name";
const DESCRIPTION: &str = "instance.description";
const SIGNUP: &str = "instance.signup";

/// Longest instance name accepted.
const MAX_NAME_LEN: usize = 100;
/// Longest description accepted.
const MAX_DESCRIPTION_LEN: usize = 5000;

/// The instance as it presents itself now.
pub async fn info(app: &AppState) -> Result<InstanceInfo, ServiceError> {
    let store = &app.store;
    let mut info = app.config.instance.clone();
    if let Some(name) = store.setting(NAME).await? {
        info.name = name;
    }
    if let Some(description) = store.setting(DESCRIPTION).await? {
        info.description = description;
    }
    if let Some(signup) = store.setting(SIGNUP).await? {
        match parse_signup(&signup) {
            Some(policy) => info.signup = policy,
            None => tracing::warn!(%signup, "ignoring an unknown stored sign-up policy"),
        }
    }
    Ok(info)
}

/// The settings as they are, for an administrator about to change them.
pub async fn for_admin(app: &AppState, user: &DbUser) -> Result<InstanceInfo, ServiceError> {
    admin_may_change(user)?;
    info(app).await
}

fn admin_may_change(user: &DbUser) -> Result<(), ServiceError> {
    if user.is_admin {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "only administrators change the instance's settings".to_owned(),
        ))
    }
}

fn parse_signup(text: &str) -> Option<SignupPolicy> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

/// An administrator changes the instance's name, description and sign-up policy (`open`,
/// `approval`, `invitation` or `closed`).
pub async fn save(
    app: &AppState,
    user: &DbUser,
    name: &str,
    description: &str,
    signup: &str,
) -> Result<InstanceInfo, ServiceError> {
    admin_may_change(user)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_LEN {
        return Err(ServiceError::Invalid {
            field: "name",
            message: format!("1 to {MAX_NAME_LEN} characters"),
        });
    }
    let description = description.trim();
    if description.chars().count() > MAX_DESCRIPTION_LEN {
        return Err(ServiceError::Invalid {
            field: "description",
            message: format!("may have at most {MAX_DESCRIPTION_LEN} characters"),
        });
    }
    let policy = parse_signup(signup.trim()).ok_or_else(|| ServiceError::Invalid {
        field: "signup",
        message: "open, approval, invitation or closed".to_owned(),
    })?;
    let policy_text = policy.to_string();
    app.store
        .set_settings(&[
            (NAME, name),
            (DESCRIPTION, description),
            (SIGNUP, &policy_text),
        ])
        .await?;
    tracing::info!(by = %user.handle, %policy, "instance settings changed");
    info(app).await
}
