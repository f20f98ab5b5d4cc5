//! Voting from home in the browser: a person of a platform co-op finds the network's ranked
//! proposal on /my/votes, ranks the candidates without JavaScript, changes the ranking, and
//! sees the results once the registry closes the vote, as anyone does on the registry's page.

use super::Browser;
use crate::common::network::{Instance, settle};
use crate::common::seed;
use solidarity::domain::InstanceRole;
use solidarity::domain::registry_log::Change;
use solidarity::service::registry::{self, ChangeRequest, ProposalRequest, close, record_as_admin};

#[tokio::test]
async fn a_member_ranks_candidates_changes_the_ranking_and_reads_the_results() {
    let registry = Instance::start_configured("alpha.test", |config| {
        config.role = InstanceRole::Software;
    })
    .await;
    let ada = seed::admin(&registry.state.store, "ada").await;
    let coop = Instance::start("beta.test").await;
    let alice = seed::user(&coop.state.store, "alice").await;
    let member = coop.state.urls().actor(&alice.handle).to_string();
    for change in [Change::Applied, Change::Approved] {
        let request = ChangeRequest {
            member: member.clone(),
            class: Some("individual".to_owned()),
            ..ChangeRequest::default()
        };
        record_as_admin(&registry.state, &ada, change, request)
            .await
            .expect("recorded");
    }
    let state = &registry.state;
    let proposal = registry::open(
        state,
        &ada,
        ProposalRequest {
            title: "Elect the delegate to the federation".to_owned(),
            kind: "ranked".to_owned(),
            options: ["Amina", "Joseph", "Lin"].map(str::to_owned).to_vec(),
            rule: "majority".to_owned(),
            closes_at: state.now() + 3_600_000,
            ..ProposalRequest::default()
        },
    )
    .await
    .expect("opened");
    settle(&[&registry, &coop]).await;

    let mut browser = Browser::start("votes", 1280).await;
    browser
        .sign_in(&coop.base(), "alice", "/my/votes", "my-votes")
        .await;
    assert!(
        browser
            .text("#my-votes")
            .await
            .contains("Elect the delegate")
    );
    browser.submit("#my-votes a", "paper").await;
    // Nothing ranked: refused, and said so.
    browser.submit("#vote-send", "nothing-ranked").await;
    assert!(browser.text("#problem").await.contains("Choose an option"));
    for (field, rank) in [("rank-1", "1"), ("rank-0", "2")] {
        browser
            .by_id(field)
            .await
            .select_by_value(rank)
            .await
            .expect("selects");
    }
    browser.submit("#vote-send", "ranked").await;
    assert!(browser.text("#vote-cast").await.contains("sent"));
    settle(&[&registry, &coop]).await;
    // She changes her mind: Lin first, Joseph second, Amina not ranked.
    for (field, rank) in [("rank-2", "1"), ("rank-1", "2"), ("rank-0", "")] {
        browser
            .by_id(field)
            .await
            .select_by_value(rank)
            .await
            .expect("selects");
    }
    browser.submit("#vote-send", "changed").await;
    settle(&[&registry, &coop]).await;

    let tally = close(state, &proposal.id).await.expect("closed");
    let firsts: Vec<u64> = tally.options.iter().map(|o| o.members).collect();
    assert_eq!(firsts, [0, 0, 1], "her last ranking counts");
    settle(&[&registry, &coop]).await;
    let path = browser.path().await;
    browser
        .visit(&format!("{}{path}", coop.base()), "results")
        .await;
    let results = browser.text("#vote-results").await;
    assert!(results.contains("Lin 1"), "{results}");
    // Anyone reads the decision on the registry's pages.
    browser
        .visit(&format!("{}/registry", registry.base()), "registry")
        .await;
    browser.submit("#proposals a", "decision").await;
    assert!(browser.text("#proposal-outcome").await.contains("Lin"));
    assert!(browser.text("#proposal-turnout").await.contains("1 / 1"));
    assert!(
        browser
            .text("#proposal-terms")
            .await
            .contains(&proposal.roll_hash)
    );
    browser.close().await;
}
