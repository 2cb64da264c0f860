//! Helpers shared by the HTTP tests: the app on a test database, a cookie-keeping client.

#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sahabot_core::{db::Db, demo};
use sahabot_server::auth::{AuthSettings, DiscordOAuth};
use sahabot_server::{http::router, plugins, AppState};
use tower::ServiceExt;

pub mod interactions;
pub mod plugin_api;

pub fn settings(discord: Option<DiscordOAuth>, demo_mode: bool) -> AuthSettings {
    AuthSettings {
        discord,
        demo_mode,
        public_url: "http://127.0.0.1:3000".into(),
        login_state_ttl: Duration::from_secs(600),
    }
}

/// The real router on `db`, with the demo data loaded.
pub async fn app_with(db: &Db, auth: AuthSettings) -> Router {
    plugins::load().unwrap();
    plugins::start(db).await.unwrap();
    demo::seed(db).await.unwrap();
    let options = LeptosOptions::builder().output_name("sahabot").build();
    router(AppState::new(options, db.clone(), auth).await.unwrap())
}

/// The real router with the API limited to `per_minute` requests per token.
pub async fn app_with_rate_limit(db: &Db, per_minute: u32) -> Router {
    plugins::load().unwrap();
    plugins::start(db).await.unwrap();
    demo::seed(db).await.unwrap();
    let options = LeptosOptions::builder().output_name("sahabot").build();
    let state = AppState::new(options, db.clone(), settings(None, false))
        .await
        .unwrap()
        .with_api_rate_limit(per_minute);
    router(state)
}

pub async fn app(db: &Db) -> Router {
    app_with(db, settings(None, false)).await
}

pub struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookie: Option<String>,
    pub body: String,
}

/// A browser stand-in: keeps the session cookie and says where its POSTs come from.
pub struct Browser {
    pub app: Router,
    pub cookie: Option<String>,
}

impl Browser {
    pub fn new(app: Router) -> Browser {
        Browser { app, cookie: None }
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        self.send(Request::get(path), Body::empty()).await
    }

    /// A form POST; `site` is the `Sec-Fetch-Site` a browser would send.
    pub async fn post_form(&mut self, path: &str, form: &str, site: &str) -> Answer {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", site);
        self.send(request, Body::from(form.to_string())).await
    }

    pub async fn send(&mut self, mut request: axum::http::request::Builder, body: Body) -> Answer {
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self
            .app
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let header_text = |name| {
            response
                .headers()
                .get(name)
                .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
        };
        let location = header_text(header::LOCATION);
        let set_cookie = header_text(header::SET_COOKIE);
        if let Some(set) = &set_cookie {
            let pair = set.split(';').next().unwrap().to_string();
            let expired = set.contains("Max-Age=0") || pair.ends_with('=');
            self.cookie = if expired { None } else { Some(pair) };
        }
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            location,
            set_cookie,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The display name in the top bar, or `None` when the page offers "Log in".
    pub async fn signed_in_as(&mut self) -> Option<String> {
        let page = self.get("/").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let tag = page.body.find(r#"data-testid="signed-in-as""#)?;
        let start = page.body[tag..].find('>')? + tag + 1;
        let end = page.body[start..].find('<')? + start;
        Some(page.body[start..end].to_string())
    }
}

/// The id of a demo user, by display name.
pub async fn demo_user_id(db: &Db, name: &str) -> i64 {
    sahabot_core::repo::users::list_active(db, 100)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.display_name == name)
        .unwrap_or_else(|| panic!("no demo user {name}"))
        .id
}

/// A browser on the demo-mode app, signed in as the named demo user (anonymous for `None`).
pub async fn browser_as(db: &Db, name: Option<&str>) -> Browser {
    let mut browser = Browser::new(app_with(db, settings(None, true)).await);
    if let Some(name) = name {
        let id = demo_user_id(db, name).await;
        let answer = browser
            .post_form("/auth/dev-login", &format!("user_id={id}"), "same-origin")
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    }
    browser
}

/// An active organization as the plugin runtime names it.
pub async fn org_ref(db: &Db, slug: &str) -> sahabot_sdk::access::OrgRef {
    let (id, name) = sahabot_core::repo::orgs::id_and_name(db, slug)
        .await
        .unwrap()
        .unwrap();
    sahabot_sdk::access::OrgRef {
        id,
        slug: slug.into(),
        name,
    }
}

/// The five kinds of actor access tests walk, by demo user.
pub const ACTORS: [Option<&str>; 5] = [
    None,
    Some("Kraid Cruncher"),  // admin of another organization
    Some("Boots First"),     // member of alttpr without roles
    Some("Zelda Speedster"), // admin of alttpr
    Some("Synack"),          // SUPERADMIN
];

/// A fresh API token of the named demo user.
pub async fn bearer(db: &Db, name: &str) -> String {
    let actor = sahabot_core::service::Actor {
        user_id: demo_user_id(db, name).await,
        ip: None,
    };
    sahabot_core::service::tokens::create(db, &actor, "test", 1)
        .await
        .unwrap()
        .secret
}

/// The status an API call answers, with `token` as its Bearer token if given.
pub async fn api_status(
    browser: &Browser,
    method: &str,
    path: &str,
    token: Option<&str>,
) -> StatusCode {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let response = browser
        .app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    response.status()
}

/// Renames tournament `from` the way another instance would: without this instance knowing.
pub async fn rename_tournament_elsewhere(db: &Db, from: &str, to: &str) {
    sqlx::query("UPDATE tournaments SET name = $1 WHERE name = $2")
        .bind(to)
        .bind(from)
        .execute(db.pool())
        .await
        .unwrap();
}
