//! The client against a local fake of samus.link that answers as its server code does: every
//! body value text, `seed` required (a missing one is a 500), 400 for a bad request, and a seed
//! with a GUID but no permalink.

#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};

use sahabot_sdk::axum::body::Bytes;
use sahabot_sdk::axum::extract::State;
use sahabot_sdk::axum::http::{StatusCode, Uri};
use sahabot_sdk::axum::response::IntoResponse;
use sahabot_sdk::axum::Router;
use sahabot_sdk::seeds::RollError;
use sahabot_sdk::serde_json::{json, Map, Value};
use sahabot_sdk::ssr::tokio;
use smz3::client::generate;

#[derive(Clone, Default)]
struct Fake {
    answer: Arc<Mutex<(u16, String)>>,
    seen: Arc<Mutex<Vec<(String, Value)>>>,
}

/// As the server: a body that is not all text, or lacks `seed`, fails.
async fn answer(State(fake): State<Fake>, uri: Uri, body: Bytes) -> impl IntoResponse {
    let body: Value = sahabot_sdk::serde_json::from_slice(&body).unwrap_or(Value::Null);
    fake.seen
        .lock()
        .unwrap()
        .push((uri.path().to_string(), body.clone()));
    let all_text = body
        .as_object()
        .is_some_and(|o| o.values().all(Value::is_string));
    if !all_text || body.get("seed").is_none() {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "An unhandled exception occurred".to_string(),
        );
    }
    let (status, text) = fake.answer.lock().unwrap().clone();
    (StatusCode::from_u16(status).unwrap(), text)
}

async fn start(status: u16, body: String) -> (String, Fake) {
    let fake = Fake::default();
    *fake.answer.lock().unwrap() = (status, body);
    let app = Router::new().fallback(answer).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { sahabot_sdk::axum::serve(listener, app).await });
    (format!("http://{addr}"), fake)
}

fn seed(mode: &str) -> String {
    json!({"id": 7, "gameName": "SMZ3", "gameVersion": "11.3", "gameId": "smz3",
        "guid": "000102030405060708090a0b0c0d0e0f", "players": 1, "seedNumber": "",
        "spoiler": "", "hash": ["Morph Ball", "Bombs", "Hookshot", "Varia", "Lamp"],
        "mode": mode, "worlds": []})
    .to_string()
}

fn settings() -> Map<String, Value> {
    json!({"smlogic": "normal", "race": true, "players": 1})
        .as_object()
        .unwrap()
        .clone()
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_seed_gets_its_permalink_from_the_guid() {
    let (base, fake) = start(200, seed("normal")).await;
    let seed = generate(&base, &settings(), None).await.unwrap();
    assert_eq!(
        seed.permalink,
        format!("{base}/seed/AAECAwQFBgcICQoLDA0ODw")
    );
    assert_eq!(
        seed.hash,
        ["Morph Ball", "Bombs", "Hookshot", "Varia", "Lamp"]
    );
    assert_eq!(seed.version.as_deref(), Some("11.3"));
    assert_eq!(seed.spoiler, None);
    let sent = fake.seen.lock().unwrap()[0].clone();
    assert_eq!(sent.0, "/api/randomizers/smz3/generate");
    assert_eq!(
        sent.1,
        json!({"smlogic": "normal", "race": "true", "players": "1", "seed": ""})
    );
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_multiworld_seed_and_a_spoiler_link() {
    let (base, fake) = start(200, seed("multiworld")).await;
    let seed = generate(&base, &settings(), Some("abc")).await.unwrap();
    assert_eq!(
        seed.permalink,
        format!("{base}/multiworld/AAECAwQFBgcICQoLDA0ODw")
    );
    assert_eq!(
        seed.spoiler.as_deref(),
        Some(
            format!("{base}/api/spoiler/000102030405060708090a0b0c0d0e0f?key=abc&yaml=True")
                .as_str()
        )
    );
    assert_eq!(fake.seen.lock().unwrap()[0].1["spoilerKey"], "abc");
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn refusals_and_failures_are_told_apart() {
    let (base, _) = start(400, "Unknown randomizer".into()).await;
    assert_eq!(
        generate(&base, &settings(), None).await.unwrap_err(),
        RollError::Refused("Unknown randomizer".into())
    );
    for status in [429, 500, 503] {
        let (base, _) = start(status, "busy".into()).await;
        assert!(generate(&base, &settings(), None)
            .await
            .unwrap_err()
            .worth_retrying());
    }
    let (base, _) = start(404, "<html>no</html>".into()).await;
    assert!(matches!(
        generate(&base, &settings(), None).await,
        Err(RollError::NotConfigured(_))
    ));
    let (base, _) = start(200, json!({"guid": "nope"}).to_string()).await;
    assert!(matches!(
        generate(&base, &settings(), None).await,
        Err(RollError::Unavailable(_))
    ));
    let (base, _) = start(200, "<html>maintenance</html>".into()).await;
    assert!(matches!(
        generate(&base, &settings(), None).await,
        Err(RollError::Unavailable(_))
    ));
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn an_unreachable_generator_is_unavailable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let error = generate(&format!("http://{addr}"), &settings(), None)
        .await
        .unwrap_err();
    assert!(matches!(error, RollError::Unavailable(_)), "{error:?}");
}
