//! The client against a local fake of alttpr.com that answers as the real server does
//! (the reference's §4): a JSON seed with `hash` and `patch` and no permalink, 409 with a text
//! body when generation fails, Laravel's 422, 429 when limited, and JSON served as text/html.

#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};

use alttpr::client::generate;
use sahabot_sdk::axum::body::Bytes;
use sahabot_sdk::axum::extract::State;
use sahabot_sdk::axum::http::{header, StatusCode, Uri};
use sahabot_sdk::axum::response::IntoResponse;
use sahabot_sdk::axum::Router;
use sahabot_sdk::seeds::RollError;
use sahabot_sdk::serde_json::{json, Map, Value};
use sahabot_sdk::ssr::tokio;

#[derive(Clone, Default)]
struct Fake {
    answer: Arc<Mutex<(u16, &'static str, String)>>,
    seen: Arc<Mutex<Vec<(String, Value)>>>,
}

async fn answer(State(fake): State<Fake>, uri: Uri, body: Bytes) -> impl IntoResponse {
    let body: Value = sahabot_sdk::serde_json::from_slice(&body).unwrap_or(Value::Null);
    fake.seen
        .lock()
        .unwrap()
        .push((uri.path().to_string(), body));
    let (status, content_type, text) = fake.answer.lock().unwrap().clone();
    (
        StatusCode::from_u16(status).unwrap(),
        [(header::CONTENT_TYPE, content_type)],
        text,
    )
}

async fn start(status: u16, content_type: &'static str, body: String) -> (String, Fake) {
    let fake = Fake::default();
    *fake.answer.lock().unwrap() = (status, content_type, body);
    let app = Router::new().fallback(answer).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { sahabot_sdk::axum::serve(listener, app).await });
    (format!("http://{addr}"), fake)
}

fn seed_json() -> String {
    json!({
        "logic": "NoGlitches",
        "hash": "aB3dE5fG7h",
        "generated": "2026-12-01T00:00:00+00:00",
        "size": 2,
        "patch": [{"1000": [1, 2]}, {"1573397": [0, 31, 22, 12, 5]}],
        "spoiler": {"meta": {"version": "31.1.8", "tournament": true}},
        "current_rom_hash": "x"
    })
    .to_string()
}

fn settings() -> Map<String, Value> {
    json!({"goal": "ganon", "tournament": true})
        .as_object()
        .unwrap()
        .clone()
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_seed_gets_its_permalink_from_the_hash_and_its_icons_from_the_patch() {
    let (base, fake) = start(200, "application/json", seed_json()).await;
    let seed = generate(&format!("{base}/"), false, &settings())
        .await
        .unwrap();
    assert_eq!(seed.permalink, format!("{base}/h/aB3dE5fG7h"));
    assert_eq!(
        seed.hash,
        vec!["Bow", "Big Key", "Boots", "Hammer", "Magic Powder"]
    );
    assert_eq!(seed.version.as_deref(), Some("31.1.8"));
    let seen = fake.seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        vec![("/api/randomizer".to_string(), Value::Object(settings()))]
    );
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn the_customizer_has_its_own_endpoint_and_text_html_json_is_read() {
    let (base, fake) = start(200, "text/html; charset=UTF-8", seed_json()).await;
    let seed = generate(&base, true, &settings()).await.unwrap();
    assert!(seed.permalink.ends_with("/h/aB3dE5fG7h"));
    assert_eq!(fake.seen.lock().unwrap()[0].0, "/api/customizer");
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_failed_generation_is_a_refusal_with_the_servers_words() {
    let (base, _) = start(
        409,
        "text/html",
        "Failed to generate seed: no item placement".into(),
    )
    .await;
    let error = generate(&base, false, &settings()).await.unwrap_err();
    assert_eq!(
        error,
        RollError::Refused("Failed to generate seed: no item placement".into())
    );
    assert!(!error.worth_retrying());
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_validation_error_names_each_field() {
    let body = json!({"message": "The given data was invalid.",
        "errors": {"goal": ["The selected goal is invalid."], "mode": ["The selected mode is invalid."]}});
    let (base, _) = start(422, "application/json", body.to_string()).await;
    let error = generate(&base, false, &settings()).await.unwrap_err();
    assert_eq!(
        error,
        RollError::Refused(
            "goal: The selected goal is invalid.; mode: The selected mode is invalid.".into()
        )
    );
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn limits_and_server_errors_are_worth_another_attempt() {
    for status in [429, 500, 502, 503] {
        let (base, _) = start(status, "text/html", "<html>busy</html>".into()).await;
        let error = generate(&base, false, &settings()).await.unwrap_err();
        assert!(error.worth_retrying(), "{status}: {error:?}");
    }
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn a_wrong_address_says_so() {
    let (base, _) = start(404, "text/html", "<html>Not Found</html>".into()).await;
    let error = generate(&base, false, &settings()).await.unwrap_err();
    assert!(
        matches!(error, RollError::NotConfigured(ref m) if m.contains("404")),
        "{error:?}"
    );
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn an_answer_that_is_not_a_seed_is_not_taken_for_one() {
    let (base, _) = start(200, "text/html", "<html>maintenance</html>".into()).await;
    let error = generate(&base, false, &settings()).await.unwrap_err();
    assert!(matches!(error, RollError::Unavailable(_)), "{error:?}");
    let (base, _) = start(
        200,
        "application/json",
        json!({"hash": "../../x"}).to_string(),
    )
    .await;
    assert!(generate(&base, false, &settings()).await.is_err());
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn an_unreachable_generator_is_unavailable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let error = generate(&format!("http://{addr}"), false, &settings())
        .await
        .unwrap_err();
    assert!(matches!(error, RollError::Unavailable(_)), "{error:?}");
}
