//! The account pages over HTTP: forms refused without their token or from another site, sign-up
//! closed by default, sign-in limits, the session cookie's flags and rotation, redirects that
//! stay on this site, and disabled accounts losing their sessions.

use crate::common::{TestDb, instance};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use solidarity::domain::{Handle, Password, SignupPolicy};
use solidarity::service::users::{Access, NewUserRequest, create_user, set_access};
use solidarity::state::AppState;
use tower::ServiceExt;

/// A browser without JavaScript: it keeps the session cookie and posts forms.
pub(crate) struct Browser {
    state: AppState,
    cookie: Option<String>,
}

pub(crate) struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub(crate) fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The form token a page's form carries.
    pub(crate) fn form_token(&self) -> String {
        let marker = "name=\"form_token\" value=\"";
        let start = self.body.find(marker).expect("the page has a form") + marker.len();
        let end = self.body[start..].find('"').expect("the value ends") + start;
        self.body[start..end].to_owned()
    }
}

impl Browser {
    pub(crate) fn new(state: &AppState) -> Self {
        Self {
            state: state.clone(),
            cookie: None,
        }
    }

    pub(crate) async fn send(&mut self, mut request: Request<Body>) -> Page {
        if let Some(cookie) = &self.cookie {
            let value = cookie.parse().expect("a header value");
            request.headers_mut().insert(header::COOKIE, value);
        }
        let response = solidarity::app(self.state.clone())
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        if let Some(set) = headers.get(header::SET_COOKIE) {
            let pair = set
                .to_str()
                .expect("text")
                .split(';')
                .next()
                .expect("a pair");
            self.cookie = Some(pair.to_owned());
        }
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    pub(crate) async fn get(&mut self, path: &str) -> Page {
        self.send(Request::get(path).body(Body::empty()).expect("a request"))
            .await
    }

    pub(crate) async fn post(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        origin: Option<&str>,
    ) -> Page {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        self.send(request.body(Body::from(body)).expect("a request"))
            .await
    }
}

async fn with_rosa(tweak: impl FnOnce(&mut solidarity::config::Config)) -> (TestDb, AppState) {
    let db = TestDb::new().await;
    let state = instance(&db).await;
    let mut config = (*state.config).clone();
    tweak(&mut config);
    let state = AppState::new(config, state.store.clone());
    create_user(
        &state.store,
        NewUserRequest {
            handle: Handle::parse("rosa").expect("a handle"),
            display_name: Some("Rosa".to_owned()),
            password: Password::parse("montgomery 1955").expect("a password"),
            is_admin: false,
        },
    )
    .await
    .expect("rosa");
    (db, state)
}

/// Signs `browser` in as Rosa; the answer to the form.
async fn sign_in(browser: &mut Browser, password: &str, next: &str) -> Page {
    browser.sign_in_as("rosa", password, next).await
}

impl Browser {
    /// Signs in as `handle`; the answer to the form.
    pub(crate) async fn sign_in_as(&mut self, handle: &str, password: &str, next: &str) -> Page {
        let form = self.get("/login").await;
        let token = form.form_token();
        let fields = [
            ("form_token", token.as_str()),
            ("handle", handle),
            ("password", password),
            ("next", next),
        ];
        self.post("/login", &fields, None).await
    }
}

#[tokio::test]
async fn a_form_without_its_token_or_from_another_site_signs_nobody_in() {
    let (_db, state) = with_rosa(|_| {}).await;
    let mut browser = Browser::new(&state);
    let token = browser.get("/login").await.form_token();
    let fields = [("handle", "rosa"), ("password", "montgomery 1955")];
    let without = browser.post("/login", &fields, None).await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    assert!(without.body.contains("out of date"), "{}", without.body);

    let signed = [
        ("form_token", token.as_str()),
        ("handle", "rosa"),
        ("password", "montgomery 1955"),
    ];
    let forged = browser
        .post("/login", &signed, Some("https://evil.example"))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        browser.get("/account").await.location(),
        "/login?next=/account"
    );

    let ours = state.config.public_url();
    let accepted = browser.post("/login", &signed, Some(&ours)).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(browser.get("/account").await.status, StatusCode::OK);
}

#[tokio::test]
async fn sign_up_is_closed_unless_the_instance_opens_it() {
    let (_db, state) = with_rosa(|_| {}).await;
    let mut browser = Browser::new(&state);
    let page = browser.get("/signup").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.contains("does not take sign-ups"),
        "{}",
        page.body
    );
    assert!(
        !page
            .body
            .contains("<form method=\"post\" action=\"/signup\"")
    );
    // A token from another form of the same session: the refusal is the policy's, not the token's.
    let token = browser.get("/login").await.form_token();
    let fields = [
        ("form_token", token.as_str()),
        ("handle", "mallory"),
        ("display_name", ""),
        ("password", "a long password"),
        ("password_again", "a long password"),
    ];
    let refused = browser.post("/signup", &fields, None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mallory = state
        .store
        .user_by_handle(&Handle::parse("mallory").expect("a handle"))
        .await;
    assert!(mallory.is_err(), "no account was made");

    let (_db, open) = with_rosa(|c| c.instance.signup = SignupPolicy::Open).await;
    let mut browser = Browser::new(&open);
    let token = browser.get("/signup").await.form_token();
    let taken = [
        ("form_token", token.as_str()),
        ("handle", "rosa"),
        ("display_name", ""),
        ("password", "a long password"),
        ("password_again", "a long password"),
    ];
    let page = browser.post("/signup", &taken, None).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("already taken"), "{}", page.body);
    let fields = [
        ("form_token", token.as_str()),
        ("handle", "mallory"),
        ("display_name", "M"),
        ("password", "a long password"),
        ("password_again", "a long password"),
    ];
    let made = browser.post("/signup", &fields, None).await;
    assert_eq!(
        (made.status, made.location()),
        (StatusCode::SEE_OTHER, "/account")
    );
    assert!(browser.get("/account").await.body.contains("@mallory@"));
}

#[tokio::test]
async fn repeated_wrong_passwords_are_slowed_down_even_for_the_right_one() {
    let (_db, state) = with_rosa(|_| {}).await;
    let mut browser = Browser::new(&state);
    for _ in 0..10 {
        let page = sign_in(&mut browser, "not her password", "/").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(page.body.contains("handle or the password is wrong"));
    }
    let slowed = sign_in(&mut browser, "montgomery 1955", "/").await;
    assert_eq!(slowed.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(slowed.headers.contains_key(header::RETRY_AFTER));
    assert!(
        slowed.body.contains("many attempts to sign in"),
        "{}",
        slowed.body
    );
}

#[tokio::test]
async fn the_session_cookie_is_guarded_and_renewed_at_sign_in() {
    let (_db, state) = with_rosa(|_| {}).await;
    let mut browser = Browser::new(&state);
    let form = browser.get("/login").await;
    let set = form
        .headers
        .get(header::SET_COOKIE)
        .expect("a cookie for the form token");
    let flags = set.to_str().expect("text").to_lowercase();
    assert!(
        flags.contains("httponly") && flags.contains("samesite=lax"),
        "{flags}"
    );
    assert!(
        flags.contains("max-age=7200"),
        "a visitor's session lasts two hours: {flags}"
    );
    let before = browser.cookie.clone();
    let token = form.form_token();
    let fields = [
        ("form_token", token.as_str()),
        ("handle", "rosa"),
        ("password", "montgomery 1955"),
    ];
    let signed_in = browser.post("/login", &fields, None).await;
    assert_ne!(
        browser.cookie, before,
        "signing in gives the session a new id"
    );
    let set = signed_in
        .headers
        .get(header::SET_COOKIE)
        .expect("the new cookie");
    let flags = set.to_str().expect("text").to_lowercase();
    assert!(
        flags.contains("max-age=2592000"),
        "a signed-in session lasts 30 days: {flags}"
    );
    // The pages after it keep the session as long; the token known before signing in is gone.
    let account = browser.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert_ne!(
        account.form_token(),
        token,
        "a new form token after signing in"
    );
    let rosa = state
        .store
        .user_by_handle(&Handle::parse("rosa").expect("a handle"))
        .await
        .expect("rosa");
    let sessions = state
        .store
        .web_sessions_of(rosa.id, state.now())
        .await
        .expect("reads");
    assert_eq!(sessions.len(), 1);
    assert!(
        sessions[0].expires_at > state.now() + 29 * 86_400_000,
        "{sessions:?}"
    );
}

#[tokio::test]
async fn after_signing_in_only_paths_on_this_site_are_followed() {
    let (_db, state) = with_rosa(|_| {}).await;
    for (next, expected) in [
        ("/account", "/account"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\t/evil.example", "/"),
        ("/account?tab=sessions", "/account?tab=sessions"),
        ("/\\evil.example", "/"),
    ] {
        let mut browser = Browser::new(&state);
        let page = sign_in(&mut browser, "montgomery 1955", next).await;
        assert_eq!(
            (page.status, page.location()),
            (StatusCode::SEE_OTHER, expected),
            "{next}"
        );
    }
}

#[tokio::test]
async fn a_disabled_account_is_signed_out_and_cannot_sign_in() {
    let (_db, state) = with_rosa(|_| {}).await;
    let mut browser = Browser::new(&state);
    sign_in(&mut browser, "montgomery 1955", "/").await;
    assert_eq!(browser.get("/account").await.status, StatusCode::OK);
    let rosa = Handle::parse("rosa").expect("a handle");
    set_access(&state.store, &rosa, Access::Disabled)
        .await
        .expect("disables");
    assert_eq!(browser.get("/account").await.status, StatusCode::SEE_OTHER);
    let mut fresh = Browser::new(&state);
    let page = sign_in(&mut fresh, "montgomery 1955", "/").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("disabled"), "{}", page.body);
}

#[tokio::test]
async fn expired_sessions_are_not_loaded_and_are_swept() {
    let (_db, state) = with_rosa(|_| {}).await;
    let now = state.now();
    for (id, expires_at) in [("old", now - 1), ("live", now + 3_600_000)] {
        let row = solidarity::db::WebSessionRow {
            id,
            user_id: None,
            data: "{}",
            expires_at,
            seen_at: now,
            user_agent: "",
        };
        state.store.insert_web_session(&row).await.expect("saves");
    }
    assert!(
        state
            .store
            .web_session("old", now)
            .await
            .expect("reads")
            .is_none()
    );
    let forgotten = solidarity::service::accounts::forget_expired_sessions(&state).await;
    assert_eq!(forgotten.expect("sweeps"), 1);
    assert!(
        state
            .store
            .web_session("live", now)
            .await
            .expect("reads")
            .is_some()
    );
}

#[tokio::test]
async fn the_administration_page_is_for_administrators_only() {
    let (_db, state) = with_rosa(|_| {}).await;
    let mut browser = Browser::new(&state);
    assert_eq!(
        browser.get("/admin").await.status,
        StatusCode::SEE_OTHER,
        "sign in first"
    );
    browser.sign_in_as("rosa", "montgomery 1955", "/").await;
    let page = browser.get("/admin").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        !page.body.contains("nav-admin"),
        "no link for a person who is no administrator"
    );
}

/// An administrator on `state`'s instance.
async fn admin_of(state: &AppState) -> solidarity::db::DbUser {
    create_user(
        &state.store,
        NewUserRequest {
            handle: Handle::parse("ada").expect("a handle"),
            display_name: None,
            password: Password::parse("analytical engine").expect("a password"),
            is_admin: true,
        },
    )
    .await
    .expect("the administrator")
}

/// Signs up as `handle` with the token of the form at `path`; the answer.
async fn sign_up_as(browser: &mut Browser, path: &str, handle: &str, invite: &str) -> Page {
    let token = browser.get(path).await.form_token();
    let fields = [
        ("form_token", token.as_str()),
        ("handle", handle),
        ("display_name", ""),
        ("password", "a long password"),
        ("password_again", "a long password"),
        ("invite", invite),
    ];
    browser.post("/signup", &fields, None).await
}

#[tokio::test]
async fn an_account_made_on_an_approving_instance_waits_for_an_administrator() {
    let (_db, state) = with_rosa(|c| c.instance.signup = SignupPolicy::Approval).await;
    let ada = admin_of(&state).await;
    let mut browser = Browser::new(&state);
    let made = sign_up_as(&mut browser, "/signup", "mallory", "").await;
    assert_eq!(made.status, StatusCode::OK);
    assert!(
        made.body.contains("waits") || made.body.contains("approves it"),
        "{}",
        made.body
    );
    let refused = browser.sign_in_as("mallory", "a long password", "/").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("approval"), "{}", refused.body);
    solidarity::service::admin::approve(&state, &ada, "mallory")
        .await
        .expect("approves");
    let welcome = browser.sign_in_as("mallory", "a long password", "/").await;
    assert_eq!(welcome.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_invitation_link_lets_one_person_sign_up_once() {
    let (_db, state) = with_rosa(|c| c.instance.signup = SignupPolicy::Invitation).await;
    let ada = admin_of(&state).await;
    let mut stranger = Browser::new(&state);
    assert_eq!(stranger.get("/signup").await.status, StatusCode::FORBIDDEN);
    let link = solidarity::service::accounts::invitation_link(&state, &ada)
        .await
        .expect("a link");
    let path = link
        .strip_prefix(&state.config.public_url())
        .expect("on this site")
        .to_owned();
    let secret = path.split("invite=").nth(1).expect("a secret").to_owned();
    let mut invited = Browser::new(&state);
    let made = sign_up_as(&mut invited, &path, "newcomer", &secret).await;
    assert_eq!(
        (made.status, made.location()),
        (StatusCode::SEE_OTHER, "/account")
    );
    let mut second = Browser::new(&state);
    assert_eq!(
        second.get(&path).await.status,
        StatusCode::FORBIDDEN,
        "used up"
    );
    let again = sign_up_as(&mut second, "/login", "another", &secret).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
    let rosa = state
        .store
        .user_by_handle(&Handle::parse("rosa").expect("a handle"))
        .await
        .expect("rosa");
    assert!(
        solidarity::service::accounts::invitation_link(&state, &rosa)
            .await
            .is_err(),
        "administrators only"
    );
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_the_old_sessions() {
    let (_db, state) = with_rosa(|_| {}).await;
    let ada = admin_of(&state).await;
    let mut old = Browser::new(&state);
    old.sign_in_as("rosa", "montgomery 1955", "/").await;
    assert_eq!(old.get("/account").await.status, StatusCode::OK);
    let link = solidarity::service::accounts::reset_link(&state, &ada, "rosa")
        .await
        .expect("a link");
    let path = link
        .strip_prefix(&state.config.public_url())
        .expect("on this site")
        .to_owned();
    let mut browser = Browser::new(&state);
    let form = browser.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    let token = form.form_token();
    let fields = [
        ("form_token", token.as_str()),
        ("password", "selma to montgomery"),
        ("password_again", "selma to montgomery"),
    ];
    let done = browser.post(&path, &fields, None).await;
    assert_eq!(
        (done.status, done.location()),
        (StatusCode::SEE_OTHER, "/login")
    );
    assert_eq!(
        old.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "old sessions ended"
    );
    let mut fresh = Browser::new(&state);
    assert_eq!(
        fresh
            .sign_in_as("rosa", "montgomery 1955", "/")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        fresh
            .sign_in_as("rosa", "selma to montgomery", "/")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        Browser::new(&state).get(&path).await.status,
        StatusCode::GONE,
        "used once"
    );
}

#[tokio::test]
async fn api_tokens_are_made_and_revoked_from_the_account_page() {
    let (_db, state) = with_rosa(|_| {}).await;
    let mut browser = Browser::new(&state);
    browser.sign_in_as("rosa", "montgomery 1955", "/").await;
    let token = browser.get("/account").await.form_token();
    let made = browser
        .post("/account/tokens", &[("form_token", token.as_str())], None)
        .await;
    assert_eq!(made.status, StatusCode::OK);
    let marker = "<code id=\"new-token\">";
    let start = made.body.find(marker).expect("the secret is shown once") + marker.len();
    let secret = made.body[start..start + made.body[start..].find('<').expect("ends")].to_owned();
    let me = |secret: String| {
        let state = state.clone();
        async move {
            let request = Request::get("/api/v1/me")
                .header(header::AUTHORIZATION, format!("Bearer {secret}"))
                .body(Body::empty())
                .expect("a request");
            solidarity::app(state)
                .oneshot(request)
                .await
                .expect("answers")
                .status()
        }
    };
    assert_eq!(me(secret.clone()).await, StatusCode::OK);
    assert!(
        !browser.get("/account").await.body.contains(&secret),
        "shown only once"
    );

    let ada = admin_of(&state).await;
    let other = solidarity::service::tokens::make_own_token(&state, &ada)
        .await
        .expect("a token");
    let theirs = solidarity::service::tokens::own_tokens(&state, &ada)
        .await
        .expect("tokens")[0]
        .id;
    let refused = browser
        .post(
            "/account/tokens",
            &[
                ("form_token", token.as_str()),
                ("revoke", &theirs.to_string()),
            ],
            None,
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::NOT_FOUND,
        "not someone else's token"
    );
    assert_eq!(me(other).await, StatusCode::OK);

    let rosa = state
        .store
        .user_by_handle(&Handle::parse("rosa").expect("a handle"))
        .await
        .expect("rosa");
    let mine = solidarity::service::tokens::own_tokens(&state, &rosa)
        .await
        .expect("tokens")[0]
        .id;
    let revoked = browser
        .post(
            "/account/tokens",
            &[
                ("form_token", token.as_str()),
                ("revoke", &mine.to_string()),
            ],
            None,
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(me(secret).await, StatusCode::UNAUTHORIZED);
}
