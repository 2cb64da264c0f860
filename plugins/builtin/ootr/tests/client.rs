//! The client against a local fake of ootrandomizer.com's v2 seed API that answers as the
//! reference describes: a key in the query, a create that answers `{id, version, spoilers}` (or
//! 400, 403, 409, 423, 429), a status that is 204 or `status: 0` until the seed is ready (or 3
//! when generation failed), and details whose `settingsLog` is a JSON text holding `file_hash`.

#![allow(clippy::unwrap_used)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ootr::client::{limiter, Client, SeedRequest, Timing};
use sahabot_sdk::axum::body::Bytes;
use sahabot_sdk::axum::extract::{Query, State};
use sahabot_sdk::axum::http::{HeaderMap, StatusCode, Uri};
use sahabot_sdk::axum::response::{IntoResponse, Response};
use sahabot_sdk::axum::Router;
use sahabot_sdk::seeds::RollError;
use sahabot_sdk::serde_json::{json, Map, Value};
use sahabot_sdk::ssr::tokio;

const KEY: &str = "k-secret-0123456789";

/// One request the fake saw.
#[derive(Clone, Debug)]
struct Seen {
    at: Instant,
    path: String,
    query: Map<String, Value>,
    body: Value,
}

#[derive(Clone, Default)]
struct Fake {
    /// Answers to create, in order; an empty queue answers a seed.
    create: Arc<Mutex<VecDeque<(u16, String)>>>,
    /// Status answers before the seed is ready, in order.
    status: Arc<Mutex<VecDeque<(u16, String)>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

async fn answer(
    State(fake): State<Fake>,
    uri: Uri,
    Query(query): Query<Map<String, Value>>,
    body: Bytes,
) -> Response {
    let body = sahabot_sdk::serde_json::from_slice(&body).unwrap_or(Value::Null);
    let path = uri.path().to_string();
    fake.seen.lock().unwrap().push(Seen {
        at: Instant::now(),
        path: path.clone(),
        query: query.clone(),
        body,
    });
    if query.get("key").and_then(Value::as_str) != Some(KEY) {
        return (StatusCode::FORBIDDEN, "Invalid API key").into_response();
    }
    let queued = |queue: &Arc<Mutex<VecDeque<(u16, String)>>>| queue.lock().unwrap().pop_front();
    let reply = |(status, text): (u16, String)| {
        let mut headers = HeaderMap::new();
        if status == 429 {
            headers.insert("retry-after", "1".parse().unwrap());
        }
        (StatusCode::from_u16(status).unwrap(), headers, text).into_response()
    };
    match path.as_str() {
        "/api/v2/seed/create" => match queued(&fake.create) {
            Some(queued) => reply(queued),
            None => reply((
                200,
                json!({"id": 1234567, "version": "8.2.0 Release", "spoilers": false}).to_string(),
            )),
        },
        "/api/v2/seed/status" => match queued(&fake.status) {
            Some(queued) => reply(queued),
            None => reply((200, json!({"status": 1, "progress": 100}).to_string())),
        },
        "/api/v2/seed/details" => {
            let log = json!({"file_hash": ["Deku Stick", "Slingshot", "Lens of Truth", "Boss Key", "Gold Scale"],
                "settings": {"world_count": 1}});
            reply((
                200,
                json!({"creationTimestamp": "2026-12-02T10:00:00Z",
                    "settingsLog": log.to_string(), "spoilerLog": null})
                .to_string(),
            ))
        }
        _ => (StatusCode::NOT_FOUND, "Not Found").into_response(),
    }
}

async fn start() -> (String, Fake) {
    let fake = Fake::default();
    let app = Router::new().fallback(answer).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { sahabot_sdk::axum::serve(listener, app).await });
    (format!("http://{addr}"), fake)
}

fn quick() -> Timing {
    Timing {
        poll_every: Duration::from_millis(10),
        max_polls: 20,
        max_rate_waits: 2,
        longest_wait: Duration::from_secs(1),
    }
}

fn request() -> SeedRequest {
    SeedRequest {
        version: "8.2.0".into(),
        locked_spoiler: true,
        password_lock: false,
        settings: json!({"world_count": 1, "bridge": "medallions"})
            .as_object()
            .unwrap()
            .clone(),
    }
}

async fn roll(
    base: &str,
    key: &str,
    timing: Timing,
) -> Result<sahabot_sdk::seeds::Seed, RollError> {
    let limiter = limiter(Duration::from_millis(20));
    Client {
        base,
        key,
        limiter: &limiter,
        timing,
    }
    .roll(&request())
    .await
}

fn the_key_is_not_in(error: &RollError) {
    assert!(!error.to_string().contains(KEY), "{error}");
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_seed_is_created_polled_until_ready_and_gets_its_file_hash() {
    let (base, fake) = start().await;
    fake.status.lock().unwrap().extend([
        (204, String::new()),
        (200, json!({"status": 0, "progress": 40}).to_string()),
    ]);
    let seed = roll(&base, KEY, quick()).await.unwrap();
    assert_eq!(seed.permalink, format!("{base}/seed/get?id=1234567"));
    assert_eq!(
        seed.hash,
        [
            "Deku Stick",
            "Slingshot",
            "Lens of Truth",
            "Boss Key",
            "Gold Scale"
        ]
    );
    assert_eq!(seed.version.as_deref(), Some("8.2.0 Release"));
    let seen = fake.seen.lock().unwrap().clone();
    let paths: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/api/v2/seed/create",
            "/api/v2/seed/status",
            "/api/v2/seed/status",
            "/api/v2/seed/status",
            "/api/v2/seed/details"
        ]
    );
    assert_eq!(seen[0].query["version"], "8.2.0");
    assert_eq!(seen[0].query["locked"], "true");
    assert!(!seen[0].query.contains_key("passwordLock"));
    assert_eq!(
        seen[0].body,
        json!({"world_count": 1, "bridge": "medallions"})
    );
    assert!(seen[1..].iter().all(|s| s.query["id"] == "1234567"));
    // Calls with one key are spaced by the limiter (20 ms here, 500 ms in service).
    for pair in seen.windows(2) {
        assert!(pair[1].at - pair[0].at >= Duration::from_millis(15));
    }
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_429_is_waited_out_as_long_as_the_site_asks() {
    let (base, fake) = start().await;
    fake.create
        .lock()
        .unwrap()
        .push_back((429, "Too Many Requests".into()));
    roll(&base, KEY, quick()).await.unwrap();
    let seen = fake.seen.lock().unwrap().clone();
    assert_eq!(seen[0].path, "/api/v2/seed/create");
    assert_eq!(seen[1].path, "/api/v2/seed/create");
    assert!(seen[1].at - seen[0].at >= Duration::from_secs(1));
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn each_failure_is_told_apart_and_never_shows_the_key() {
    type Expected = fn(&RollError) -> bool;
    let cases: [(u16, &str, Expected); 5] = [
        (
            400,
            "Invalid setting: bridge",
            |e| matches!(e, RollError::Refused(m) if m.contains("Invalid setting: bridge")),
        ),
        (
            409,
            "Version not available",
            |e| matches!(e, RollError::Refused(m) if m.contains("version 8.2.0")),
        ),
        (
            423,
            "Queue full",
            |e| matches!(e, RollError::Unavailable(m) if m.contains("queue is full")),
        ),
        (
            429,
            "Too Many Requests",
            |e| matches!(e, RollError::Unavailable(m) if m.contains("too many requests")),
        ),
        (
            500,
            &format!("error for key {KEY}"),
            |e| matches!(e, RollError::Unavailable(m) if m.contains("(key)")),
        ),
    ];
    for (status, text, expected) in cases {
        let (base, fake) = start().await;
        let answers = if status == 429 { 3 } else { 1 };
        for _ in 0..answers {
            fake.create
                .lock()
                .unwrap()
                .push_back((status, text.to_string()));
        }
        let error = roll(&base, KEY, quick()).await.unwrap_err();
        assert!(expected(&error), "{status}: {error:?}");
        the_key_is_not_in(&error);
    }
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_refused_key_is_a_setup_problem() {
    let (base, _) = start().await;
    let error = roll(&base, "k-wrong-key-000", quick()).await.unwrap_err();
    assert!(matches!(error, RollError::NotConfigured(ref m) if m.contains("API key")));
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_failed_generation_is_worth_another_attempt() {
    let (base, fake) = start().await;
    fake.status
        .lock()
        .unwrap()
        .push_back((200, json!({"status": 3, "progress": 0}).to_string()));
    let error = roll(&base, KEY, quick()).await.unwrap_err();
    assert!(error.worth_retrying(), "{error:?}");
    let (base, fake) = start().await;
    fake.status
        .lock()
        .unwrap()
        .extend((0..30).map(|_| (204, String::new())));
    let error = roll(&base, KEY, quick()).await.unwrap_err();
    assert!(matches!(error, RollError::Unavailable(ref m) if m.contains("still generating")));
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn an_unreachable_site_is_unavailable_without_its_address_and_key() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = roll(&base, KEY, quick()).await.unwrap_err();
    assert!(matches!(error, RollError::Unavailable(_)), "{error:?}");
    the_key_is_not_in(&error);
    assert!(!error.to_string().contains("/api/v2"), "{error}");
}
