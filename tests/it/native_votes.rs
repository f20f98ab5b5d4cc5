//! Native ballots: people of a Solidarity instance get the network's proposals as ballot papers
//! and vote from home, rankings included, changing their vote until closing (only the last
//! version counts); a secret vote keeps who voted and what was chosen apart on the registry, and
//! neither server keeps the choice beside the voter's name.

use crate::common::network::{Instance, settle};
use crate::common::seed;
use solidarity::db::DbUser;
use solidarity::domain::registry_log::Change;
use solidarity::domain::vote::Outcome;
use solidarity::domain::{Handle, InstanceRole};
use solidarity::federation::ballots::{BallotText, ballot_activity};
use solidarity::federation::inbound::ContentObject;
use solidarity::service::{network, registry};

struct Polity {
    registry: Instance,
    alpha: Instance,
    ada: DbUser,
    people: Vec<DbUser>,
}

/// A registry and a Solidarity instance whose four people are individual members.
async fn polity() -> Polity {
    let registry = Instance::start_configured("alpha.test", |config| {
        config.role = InstanceRole::Software;
    })
    .await;
    let alpha = Instance::start("beta.test").await;
    let ada = seed::admin(&registry.state.store, "ada").await;
    let mut people = Vec::new();
    for name in ["alice", "bruno", "chloe", "dan"] {
        let person = seed::user(&alpha.state.store, name).await;
        let member = alpha.state.urls().actor(&person.handle).to_string();
        for change in [Change::Applied, Change::Approved] {
            let request = registry::ChangeRequest {
                member: member.clone(),
                class: Some("individual".to_owned()),
                ..registry::ChangeRequest::default()
            };
            registry::record_as_admin(&registry.state, &ada, change, request)
                .await
                .expect("recorded");
        }
        people.push(person);
    }
    Polity {
        registry,
        alpha,
        ada,
        people,
    }
}

impl Polity {
    async fn settle(&self) {
        settle(&[&self.registry, &self.alpha]).await;
    }

    async fn open(&self, kind: &str, rule: &str, options: &[&str], secret: bool) -> String {
        let state = &self.registry.state;
        let proposal = registry::open(
            state,
            &self.ada,
            registry::ProposalRequest {
                title: format!("A {kind} vote"),
                kind: kind.to_owned(),
                secret,
                options: options.iter().map(|o| (*o).to_owned()).collect(),
                rule: rule.to_owned(),
                closes_at: state.now() + 3_600_000,
                ..registry::ProposalRequest::default()
            },
        )
        .await
        .expect("opened");
        self.settle().await;
        proposal.id
    }

    /// The paper of proposal `id` on alpha, as `person` sees it.
    async fn paper(&self, person: usize, id: &str) -> network::PaperView {
        let question = self.registry.state.urls().proposal(id).to_string();
        network::papers(&self.alpha.state, &self.people[person])
            .await
            .expect("papers")
            .into_iter()
            .find(|paper| paper.question == question)
            .expect("the proposal reached alpha and was put to this person")
    }

    async fn cast(&self, person: usize, id: &str, choices: &[&str]) {
        let paper = self.paper(person, id).await;
        let choices = choices.iter().map(|c| (*c).to_owned()).collect();
        network::cast(&self.alpha.state, &self.people[person], paper.id, choices)
            .await
            .expect("cast");
        self.settle().await;
    }
}

async fn scalar(instance: &Instance, sql: &str) -> i64 {
    let pool = sqlx::AnyPool::connect(instance.db.url.expose())
        .await
        .expect("connect");
    sqlx::query_scalar(sql)
        .fetch_one(&pool)
        .await
        .expect("query")
}

#[tokio::test]
async fn a_ranked_vote_from_home_counts_each_persons_last_ballot() {
    let net = polity().await;
    let id = net
        .open("ranked", "majority", &["a", "b", "c"], false)
        .await;
    let paper = net.paper(0, &id).await;
    assert_eq!(paper.options, ["a", "b", "c"]);
    assert!(paper.open && paper.cast.is_none());
    // alice ranks c then a, and changes her mind: b then c. The others vote once.
    net.cast(0, &id, &["c", "a"]).await;
    net.cast(0, &id, &["b", "c"]).await;
    net.cast(1, &id, &["a"]).await;
    net.cast(2, &id, &["b"]).await;
    net.cast(3, &id, &["c", "b"]).await;
    // Her first version, arriving late (a retried delivery, say), does not undo the change.
    let voter = net.alpha.state.urls().actor(&net.people[0].handle);
    let sender = net
        .registry
        .state
        .store
        .remote_actor_by_ap_id(voter.as_str())
        .await
        .expect("the registry knows alice");
    let late = BallotText {
        question: net.registry.state.urls().proposal(&id),
        choices: vec!["c".to_owned()],
        version: 1,
        token: None,
    };
    let activity = voter.join("/activities/late").expect("url");
    let document = ballot_activity(
        &activity,
        &voter.join("/ballots/late").expect("url"),
        &voter,
        &sender.ap_id,
        &late,
    );
    let object = ContentObject::parse(document["object"].clone()).expect("parsed");
    let answer = registry::receive_ballot(
        &net.registry.state,
        &sender,
        &activity,
        &object,
        net.registry.state.now(),
    )
    .await
    .expect("received");
    assert_eq!(answer, registry::Answer::Again);
    let refused = network::cast(
        &net.alpha.state,
        &net.people[1],
        paper.id,
        vec!["a".to_owned(), "a".to_owned()],
    )
    .await;
    assert!(refused.is_err(), "an option ranked twice is refused here");
    // Who voted is for members: alpha's instance reads it once its co-op is a member; an
    // unsigned request and a server outside the network are refused.
    let participation = net
        .registry
        .state
        .urls()
        .proposal(&id)
        .join(&format!("{id}/participation"))
        .expect("url");
    let unsigned = reqwest::get(format!(
        "http://127.0.0.1:{}{}",
        net.registry.port,
        participation.path()
    ))
    .await
    .expect("answers");
    assert_eq!(unsigned.status(), 401);
    let outsider = Instance::start("gamma.test").await;
    assert!(
        outsider
            .state
            .federation
            .fetch_signed(&outsider.state.store, &participation)
            .await
            .is_err(),
        "a server outside the network is refused"
    );
    let coop = net
        .alpha
        .state
        .urls()
        .actor(&Handle::instance_actor())
        .to_string();
    for change in [Change::Applied, Change::Approved] {
        let request = registry::ChangeRequest {
            member: coop.clone(),
            class: Some("platform_coop".to_owned()),
            ..registry::ChangeRequest::default()
        };
        registry::record_as_admin(&net.registry.state, &net.ada, change, request)
            .await
            .expect("recorded");
    }
    let read = net.alpha.federation_fetch(&participation).await;
    assert_eq!(read["items"].as_array().map(Vec::len), Some(4));
    assert_eq!(read["totalItems"], 4);
    assert!(!read.to_string().contains("\"b\""), "who voted, never how");
    let tally = registry::close(&net.registry.state, &id)
        .await
        .expect("closed");
    // First preferences a 1, b 2, c 1; c (listed last of the weakest) is dropped and dan's
    // ballot goes to b: b wins 3 to 1. Had alice's first ballot counted, c would have won.
    assert_eq!(tally.rounds, [vec![1, 2, 1], vec![1, 3, 0]]);
    assert_eq!(tally.voted_members, 4);
    assert_eq!(tally.outcome, Outcome::Chosen { option: 1 });
    net.settle().await;
    let closed = net.paper(0, &id).await;
    assert!(
        !closed.open,
        "alpha takes the result the registry published"
    );
    let result = closed.result.expect("the result reached alpha");
    assert_eq!(result["options"][1]["members"], 2);
    assert_eq!(
        closed.cast.expect("alice voted").0,
        Some(vec!["b".to_owned(), "c".to_owned()]),
        "alpha shows alice her last ballot"
    );
    let late = network::cast(
        &net.alpha.state,
        &net.people[0],
        closed.id,
        vec!["a".to_owned()],
    )
    .await;
    assert!(late.is_err(), "no ballot after closing");
}

#[tokio::test]
async fn a_secret_vote_keeps_choices_apart_from_voters() {
    let net = polity().await;
    let id = net.open("single", "majority", &["yes", "no"], true).await;
    let paper = net.paper(0, &id).await;
    assert!(paper.secret);
    net.cast(0, &id, &["yes"]).await;
    net.cast(0, &id, &["no"]).await;
    net.cast(1, &id, &["yes"]).await;
    net.cast(2, &id, &["no"]).await;
    let registry = &net.registry;
    let state = &registry.state;
    assert_eq!(
        state.store.secret_voters(&id).await.expect("voters").len(),
        3,
        "who voted is known"
    );
    let choices = state.store.secret_choices(&id).await.expect("choices");
    assert_eq!(choices.len(), 3, "alice's change replaced her choice");
    let alice = net.alpha.state.urls().actor(&net.people[0].handle);
    for (table, sql) in [
        ("ballots", "SELECT COUNT(*) FROM ballots".to_owned()),
        (
            "inbox_activities",
            "SELECT COUNT(*) FROM inbox_activities WHERE json LIKE '%ballotToken%' \
             OR json LIKE '%\"choices\"%'"
                .to_owned(),
        ),
        (
            "secret_choices",
            format!("SELECT COUNT(*) FROM secret_choices WHERE choices LIKE '%{alice}%'"),
        ),
    ] {
        assert_eq!(
            scalar(registry, &sql).await,
            0,
            "{table} keeps no choice beside a voter"
        );
    }
    // alpha keeps the token, not the choice, and forgets the delivered ballots.
    let kept = net.paper(0, &id).await.cast.expect("alice voted");
    assert_eq!(kept.0, None);
    assert!(
        network::forget_sent_ballots(&net.alpha.state)
            .await
            .expect("forgotten")
            >= 4
    );
    assert_eq!(
        scalar(
            &net.alpha,
            "SELECT COUNT(*) FROM outbox_activities WHERE json LIKE '%ballotToken%'"
        )
        .await,
        0
    );
    let tally = registry::close(state, &id).await.expect("closed");
    let totals: Vec<u64> = tally.options.iter().map(|o| o.members).collect();
    assert_eq!(totals, [1, 2], "alice's last choice counts, once");
    assert_eq!((tally.voted_members, tally.roll_members), (3, 4));
}
