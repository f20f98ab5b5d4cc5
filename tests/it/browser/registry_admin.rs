//! The registry's administrators in the browser: from /admin to the registry's page, they
//! approve an application with a reason (which the published log keeps), are told when a vote's
//! terms cannot make one, open a consent vote, and close it early.

use super::Browser;
use crate::common::network::Instance;
use crate::common::seed;
use solidarity::domain::InstanceRole;
use solidarity::domain::registry_log::{Change, Status};
use solidarity::service::registry::{ChangeRequest, record_as_admin};

#[tokio::test]
async fn an_administrator_approves_an_application_and_runs_a_vote_from_the_page() {
    let registry = Instance::start_configured("alpha.test", |config| {
        config.role = InstanceRole::Software;
    })
    .await;
    let state = &registry.state;
    let ada = seed::admin(&state.store, "ada").await;
    let maria = "https://masto.example/users/maria";
    let request = ChangeRequest {
        member: maria.to_owned(),
        class: Some("individual".to_owned()),
        ..ChangeRequest::default()
    };
    record_as_admin(state, &ada, Change::Applied, request)
        .await
        .expect("applied");

    let mut browser = Browser::start("registry-admin", 1280).await;
    browser
        .sign_in(&registry.base(), "ada", "/admin", "admin")
        .await;
    browser.submit("#admin-registry", "registry").await;
    assert!(browser.text("main").await.contains(maria));
    browser.fill("reason-1", "welcome, Maria").await;
    browser.submit("#approve-1", "approved").await;
    let kept = state
        .store
        .registry_member(maria)
        .await
        .expect("read")
        .expect("a member");
    assert_eq!(kept.status, Status::Active);
    let entries = state.store.registry_entries(0, 10).await.expect("log");
    assert_eq!(
        entries.last().map(|e| e.reason.as_str()),
        Some("welcome, Maria")
    );
    assert!(
        browser
            .text("#registry-members")
            .await
            .contains("Members (1)")
    );

    // A vote that closes before it opens is refused, and the form keeps what was typed.
    browser
        .fill("proposal-title", "Join the housing federation?")
        .await;
    browser
        .by_id("proposal-kind")
        .await
        .select_by_value("consent")
        .await
        .expect("selects");
    browser
        .by_id("proposal-rule")
        .await
        .select_by_value("consent")
        .await
        .expect("selects");
    let set_closes =
        |value: String| format!("document.getElementById('proposal-closes').value = '{value}'");
    browser
        .client
        .execute(&set_closes("2020-01-01T12:00".to_owned()), vec![])
        .await
        .expect("sets the time");
    browser.submit("#proposal-open", "refused").await;
    assert!(
        browser
            .text("#problem")
            .await
            .contains("closes after it opens")
    );
    let closes = chrono::Utc::now() + chrono::Duration::days(7);
    browser
        .client
        .execute(
            &set_closes(closes.format("%Y-%m-%dT%H:%M").to_string()),
            vec![],
        )
        .await
        .expect("sets the time");
    browser.submit("#proposal-open", "opened").await;
    let proposals = state.store.proposals().await.expect("proposals");
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].title, "Join the housing federation?");
    assert_eq!(proposals[0].kind, "consent");

    browser.submit("#close-1", "closed").await;
    assert!(browser.text("#admin-proposals").await.contains("closed"));
    browser.submit("#admin-proposals a", "decision").await;
    // Nobody voted: with no quorum asked, consent is not reached.
    assert!(
        browser
            .text("#proposal-outcome")
            .await
            .contains("Not agreed")
    );
    browser.close().await;
}
