//! The REST API on both engines: Bearer tokens, per-route guards for every route, rate limit,
//! the OpenAPI document.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use common::{app, app_with_rate_limit, demo_user_id as user_id};
use http_body_util::BodyExt;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::repo::{tokens, users};
use sahabot_core::service::{self, Actor};
use sahabot_sdk::{GlobalAction, Guard};
use serde_json::Value;
use tower::ServiceExt;

/// A fresh token's secret for the named demo user.
async fn token(db: &Db, name: &str) -> String {
    let actor = Actor {
        user_id: user_id(db, name).await,
        ip: None,
    };
    service::tokens::create(db, &actor, "test", 30)
        .await
        .unwrap()
        .secret
}

struct Reply {
    status: StatusCode,
    retry_after: Option<String>,
    json: Value,
}

async fn send(
    app: &Router,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let body = match body {
        Some(json) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    let response = app
        .clone()
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        retry_after,
        json,
    }
}

fn concrete(path: &str) -> String {
    path.replace("{org}", "alttpr")
        .replace("{user_id}", "1")
        .replace("{role_id}", "1")
        .replace("{invite_id}", "1")
        .replace("{token_id}", "1")
        .replace("{slug}", "nope")
}

// Kraid Cruncher administers sm-league only; Boots First is a plain member of alttpr; Zelda
// Speedster administers alttpr. Every route is called on alttpr.
db_test!(
    every_api_route_refuses_whom_its_guard_excludes,
    |db: Db| async move {
        let app = app(&db).await;
        let other_org_admin = token(&db, "Kraid Cruncher").await;
        let plain_member = token(&db, "Boots First").await;
        let org_admin = token(&db, "Zelda Speedster").await;
        let body = Some(serde_json::json!({}));
        let mut org_routes = 0;
        for (route, _) in sahabot_server::api::routes() {
            let path = concrete(route.path);
            let call = |token| send(&app, route.method.clone(), &path, token, body.clone());
            let anonymous = call(None).await;
            let other = call(Some(&other_org_admin)).await;
            let member = call(Some(&plain_member)).await;
            let admin = call(Some(&org_admin)).await;
            let what = format!("{} {}", route.method, route.path);
            match route.guard {
                Guard::Org(_) => {
                    org_routes += 1;
                    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{what}");
                    assert_eq!(
                        other.status,
                        StatusCode::FORBIDDEN,
                        "{what}: {}",
                        other.json
                    );
                    assert!(
                        other.json["error"]
                            .as_str()
                            .unwrap()
                            .contains("not a member"),
                        "{what}"
                    );
                    assert_eq!(
                        member.status,
                        StatusCode::FORBIDDEN,
                        "{what}: {}",
                        member.json
                    );
                    assert!(
                        ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&admin.status),
                        "{what}: {}",
                        admin.json
                    );
                }
                Guard::Global(GlobalAction::SignedIn) => {
                    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{what}");
                    assert_ne!(member.status, StatusCode::FORBIDDEN, "{what}");
                }
                Guard::Global(_) => {
                    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{what}");
                    for reply in [&other, &member, &admin] {
                        assert_eq!(
                            reply.status,
                            StatusCode::FORBIDDEN,
                            "{what}: {}",
                            reply.json
                        );
                    }
                }
                Guard::Public => {
                    assert_eq!(
                        anonymous.status,
                        StatusCode::OK,
                        "{what}: {}",
                        anonymous.json
                    );
                }
            }
        }
        assert!(org_routes >= 7, "{org_routes}");
    }
);

db_test!(
    tokens_authenticate_until_revoked_expired_or_deactivated,
    |db: Db| async move {
        let app = app(&db).await;
        let secret = token(&db, "Zelda Speedster").await;
        assert!(secret.starts_with("sbt_"));
        let me = send(&app, Method::GET, "/api/v1/me", Some(&secret), None).await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.json["display_name"], "Zelda Speedster");

        for (header_value, reason) in [("Basic abc", "Bearer"), ("Bearer sbt_forged", "not valid")]
        {
            let response = app
                .clone()
                .oneshot(
                    Request::get("/api/v1/me")
                        .header(header::AUTHORIZATION, header_value)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            assert!(String::from_utf8_lossy(&bytes).contains(reason));
        }

        // The token list shows it, used, without its secret.
        let list = send(&app, Method::GET, "/api/v1/tokens", Some(&secret), None).await;
        let listed = &list.json[0];
        assert!(listed["last_used_at"].is_i64(), "{listed}");
        assert!(!list.json.to_string().contains(&secret));
        let id = listed["id"].as_i64().unwrap();
        // Another user cannot revoke it.
        let other = token(&db, "Boots First").await;
        let foreign = send(
            &app,
            Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
            Some(&other),
            None,
        )
        .await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);
        let revoked = send(
            &app,
            Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
            Some(&secret),
            None,
        )
        .await;
        assert_eq!(revoked.status, StatusCode::NO_CONTENT);
        let after = send(&app, Method::GET, "/api/v1/me", Some(&secret), None).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED);
        assert!(after.json["error"].as_str().unwrap().contains("revoked"));

        // Expired.
        let boots = user_id(&db, "Boots First").await;
        let expires_at = Some(sahabot_core::time::now_millis() + 30);
        let soon = db
            .change(async |w| tokens::create(w, boots, "short", expires_at).await)
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(60)).await;
        let expired = send(&app, Method::GET, "/api/v1/me", Some(&soon.secret), None).await;
        assert!(expired.json["error"].as_str().unwrap().contains("expired"));

        // A deactivated user's tokens stop working.
        db.change(async |w| users::set_active(w, boots, false).await)
            .await
            .unwrap();
        let inactive = send(&app, Method::GET, "/api/v1/me", Some(&other), None).await;
        assert_eq!(inactive.status, StatusCode::UNAUTHORIZED);
        assert!(inactive.json["error"]
            .as_str()
            .unwrap()
            .contains("deactivated"));

        // Bad input is refused and changes nothing.
        let bad = send(
            &app,
            Method::POST,
            "/api/v1/tokens",
            Some(&token(&db, "Zelda Speedster").await),
            Some(serde_json::json!({ "name": "x", "expires_in_days": 0 })),
        )
        .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.json["error"]
            .as_str()
            .unwrap()
            .starts_with("expires_in_days"));
    }
);

db_test!(invites_and_roles_through_the_api, |db: Db| async move {
    let app = app(&db).await;
    let admin = token(&db, "Zelda Speedster").await;
    let newcomer = token(&db, "Samus Returns").await;
    let created = send(
        &app,
        Method::POST,
        "/api/v1/organizations/alttpr/invites",
        Some(&admin),
        Some(serde_json::json!({ "max_uses": 1 })),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
    let slug = created.json["slug"].as_str().unwrap().to_string();
    let joined = send(
        &app,
        Method::POST,
        &format!("/api/v1/invites/{slug}/use"),
        Some(&newcomer),
        None,
    )
    .await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.json);
    assert_eq!(joined.json["slug"], "alttpr");
    let again = send(
        &app,
        Method::POST,
        &format!("/api/v1/invites/{slug}/use"),
        Some(&newcomer),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);

    let samus = user_id(&db, "Samus Returns").await;
    let org = sahabot_core::repo::orgs::id_by_slug(&db, "alttpr")
        .await
        .unwrap()
        .unwrap();
    let tm = sahabot_core::repo::roles::builtin_id(&db, org, "tournament_manager")
        .await
        .unwrap();
    let grant = send(
        &app,
        Method::PUT,
        &format!("/api/v1/organizations/alttpr/members/{samus}/roles/{tm}"),
        Some(&admin),
        None,
    )
    .await;
    assert_eq!(grant.status, StatusCode::NO_CONTENT);
    let members = send(
        &app,
        Method::GET,
        "/api/v1/organizations/alttpr/members",
        Some(&newcomer),
        None,
    )
    .await;
    assert_eq!(members.status, StatusCode::OK);
    let row = members
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == samus)
        .unwrap()
        .clone();
    assert_eq!(row["role_ids"], serde_json::json!([tm]));
});

db_test!(each_token_has_its_own_rate_limit, |db: Db| async move {
    let app = app_with_rate_limit(&db, 3).await;
    let first = token(&db, "Zelda Speedster").await;
    let second = token(&db, "Boots First").await;
    for _ in 0..3 {
        let ok = send(&app, Method::GET, "/api/v1/me", Some(&first), None).await;
        assert_eq!(ok.status, StatusCode::OK);
    }
    let limited = send(&app, Method::GET, "/api/v1/me", Some(&first), None).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.retry_after.unwrap().parse().unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    assert!(limited.json["error"]
        .as_str()
        .unwrap()
        .contains("too many requests"));
    let other = send(&app, Method::GET, "/api/v1/me", Some(&second), None).await;
    assert_eq!(other.status, StatusCode::OK);
});

db_test!(
    the_openapi_document_lists_every_route,
    |db: Db| async move {
        let app = app(&db).await;
        let doc = send(&app, Method::GET, "/api/openapi.json", None, None).await;
        assert_eq!(doc.status, StatusCode::OK);
        assert!(doc.json["openapi"].as_str().unwrap().starts_with("3."));
        for (route, _) in sahabot_server::api::routes() {
            let method = route.method.as_str().to_lowercase();
            assert!(
                doc.json["paths"][route.path][&method].is_object(),
                "{} {} is not documented",
                route.method,
                route.path
            );
        }
        assert!(doc.json["components"]["securitySchemes"]["bearer"].is_object());
        let ui = app
            .clone()
            .oneshot(Request::get("/api/docs/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(ui.status(), StatusCode::OK);
    }
);

db_test!(
    page_numbers_out_of_range_get_a_400_naming_the_parameter,
    |db: Db| async move {
        let app = app(&db).await;
        let root = token(&db, "Synack").await;
        for page in ["9223372036854775807", "0", "-3"] {
            let path = format!("/api/v1/users?page={page}");
            let reply = send(&app, Method::GET, &path, Some(&root), None).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
            let error = reply.json["error"].as_str().unwrap();
            assert!(error.starts_with("page: must be a page number"), "{error}");
        }
        let fine = send(&app, Method::GET, "/api/v1/users?page=2", Some(&root), None).await;
        assert_eq!(fine.status, StatusCode::OK);
        assert_eq!(fine.json["page"], 2);
    }
);

db_test!(
    a_wait_under_a_second_is_announced_as_one_second,
    |db: Db| async move {
        // 120 a minute: one request back every half second, which rounded down would be 0.
        let app = app_with_rate_limit(&db, 120).await;
        let secret = token(&db, "Zelda Speedster").await;
        let mut limited = None;
        for _ in 0..=120 {
            let reply = send(&app, Method::GET, "/api/v1/me", Some(&secret), None).await;
            if reply.status == StatusCode::TOO_MANY_REQUESTS {
                limited = Some(reply);
                break;
            }
        }
        let limited = limited.expect("the 121st request within a minute is limited");
        assert_eq!(limited.retry_after.as_deref(), Some("1"));
    }
);

db_test!(
    failed_authentications_are_limited_per_address,
    |db: Db| async move {
        use sahabot_server::api::rate_limit::FAILED_AUTH_PER_MINUTE;
        let app = app(&db).await;
        let valid = token(&db, "Zelda Speedster").await;
        for i in 0..FAILED_AUTH_PER_MINUTE {
            let guess = format!("sbt_guess{i}");
            let reply = send(&app, Method::GET, "/api/v1/me", Some(&guess), None).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "guess {i}");
        }
        let spent = send(&app, Method::GET, "/api/v1/me", Some("sbt_one_more"), None).await;
        assert_eq!(spent.status, StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = spent.retry_after.unwrap().parse().unwrap();
        assert!((1..=2).contains(&wait), "{wait}");
        assert!(spent.json["error"]
            .as_str()
            .unwrap()
            .contains("failed authentications"));
        // Even a right guess waits now; a request without a token is not affected.
        let right = send(&app, Method::GET, "/api/v1/me", Some(&valid), None).await;
        assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
        let anonymous = send(&app, Method::GET, "/api/v1/organizations", None, None).await;
        assert_eq!(anonymous.status, StatusCode::OK);
    }
);

/// Sends `body` as it is, with the given content type; returns the status, the
/// `WWW-Authenticate` header and the body as JSON.
async fn send_raw(
    app: &Router,
    method: Method,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Option<String>, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, content_type);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let challenge = response
        .headers()
        .get(header::WWW_AUTHENTICATE)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("{path}: not JSON: {}", String::from_utf8_lossy(&bytes)));
    (status, challenge, json)
}

/// What is sent (described, method, path, content type, body) and the status expected.
type ErrorCase = (
    &'static str,
    Method,
    &'static str,
    &'static str,
    Vec<u8>,
    StatusCode,
);

db_test!(
    every_api_error_is_json_with_its_status,
    |db: Db| async move {
        let app = app(&db).await;
        let secret = token(&db, "Zelda Speedster").await;
        let json = "application/json";
        let tokens = "/api/v1/tokens";
        let cases: Vec<ErrorCase> = vec![
            (
                "unparsable JSON",
                Method::POST,
                tokens,
                json,
                b"{nope".to_vec(),
                StatusCode::BAD_REQUEST,
            ),
            (
                "wrong content type",
                Method::POST,
                tokens,
                "text/plain",
                b"{}".to_vec(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                "wrong field type",
                Method::POST,
                tokens,
                json,
                br#"{"name": 5, "expires_in_days": 3}"#.to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "10 MB body",
                Method::POST,
                tokens,
                json,
                vec![b' '; 10 * 1024 * 1024],
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
            (
                "method the route does not take",
                Method::PATCH,
                "/api/v1/me",
                json,
                Vec::new(),
                StatusCode::METHOD_NOT_ALLOWED,
            ),
            (
                "unknown route",
                Method::GET,
                "/api/v1/no-such-thing",
                json,
                Vec::new(),
                StatusCode::NOT_FOUND,
            ),
            (
                "unknown plugin route",
                Method::GET,
                "/api/plugins/nope/x",
                json,
                Vec::new(),
                StatusCode::NOT_FOUND,
            ),
        ];
        for (what, method, path, content_type, body, expected) in cases {
            let (status, _, answer) =
                send_raw(&app, method, path, Some(&secret), content_type, body).await;
            assert_eq!(status, expected, "{what}: {answer}");
            let error = answer["error"].as_str().unwrap_or_default();
            assert!(!error.is_empty(), "{what}: {answer}");
        }

        let (status, challenge, answer) =
            send_raw(&app, Method::GET, "/api/v1/me", None, json, Vec::new()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(challenge.as_deref(), Some("Bearer"));
        assert!(answer["error"].is_string());
        let (status, challenge, _) = send_raw(
            &app,
            Method::GET,
            "/api/v1/me",
            Some("sbt_wrong"),
            json,
            Vec::new(),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(challenge.as_deref(), Some("Bearer"));
    }
);

db_test!(
    every_operation_is_named_once_and_says_what_it_can_answer,
    |db: Db| async move {
        let app = app(&db).await;
        let doc = send(&app, Method::GET, "/api/openapi.json", None, None)
            .await
            .json;
        let mut ids = std::collections::HashSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let what = format!("{method} {path}");
                let id = operation["operationId"].as_str().unwrap_or_default();
                assert!(
                    !id.is_empty() && ids.insert(id.to_owned()),
                    "{what}: operationId {id:?}"
                );
                let responses = operation["responses"].as_object().unwrap();
                for (status, response) in responses {
                    let description = response["description"].as_str().unwrap_or_default();
                    assert!(!description.is_empty(), "{what} {status}: no description");
                }
                for status in ["401", "429"] {
                    assert!(responses.contains_key(status), "{what}: no {status}");
                }
                if operation.get("requestBody").is_some() {
                    for status in ["400", "413", "415", "422"] {
                        assert!(responses.contains_key(status), "{what}: no {status}");
                    }
                }
                let declared: Vec<&str> = operation["parameters"]
                    .as_array()
                    .map(|ps| {
                        ps.iter()
                            .filter(|p| p["in"] == "path")
                            .filter_map(|p| p["name"].as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                for segment in path.split('/') {
                    if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
                    {
                        assert!(
                            declared.contains(&name),
                            "{what}: {{{name}}} is not declared"
                        );
                    }
                }
            }
        }
        let token = &doc["components"]["schemas"]["NewToken"]["properties"]["expires_in_days"];
        assert_eq!(
            (token["minimum"].as_i64(), token["maximum"].as_i64()),
            (Some(1), Some(365))
        );
    }
);
