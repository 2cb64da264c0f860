//! The three generators against a local fake that answers as they do: sm.samus.link's
//! string-valued JSON, VARIA's form posts with JSON served as text/html and plain-text
//! refusals, DASH's 307 whose body is the seed's address.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sahabot_sdk::axum::body::Bytes;
use sahabot_sdk::axum::extract::{Query, State};
use sahabot_sdk::axum::http::{header, Method, StatusCode, Uri};
use sahabot_sdk::axum::response::IntoResponse;
use sahabot_sdk::axum::Router;
use sahabot_sdk::seeds::RollError;
use sahabot_sdk::serde_json::{json, Map, Value};
use sahabot_sdk::ssr::tokio;
use sm::generators::{dash, total, varia};

type Seen = Arc<Mutex<Vec<(String, String)>>>;

fn html(status: StatusCode, body: String) -> sahabot_sdk::axum::response::Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn answer(
    State(seen): State<Seen>,
    method: Method,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> sahabot_sdk::axum::response::Response {
    let text = String::from_utf8_lossy(&body).to_string();
    seen.lock().unwrap().push((uri.to_string(), text.clone()));
    let form = url_pairs(&text);
    match (method.as_str(), uri.path()) {
        ("POST", "/api/randomizers/sm/generate") => {
            let body: Value = sahabot_sdk::serde_json::from_str(&text).unwrap_or(Value::Null);
            let ok = body
                .as_object()
                .is_some_and(|o| o.values().all(Value::is_string))
                && body.get("seed").is_some();
            if !ok {
                return (StatusCode::INTERNAL_SERVER_ERROR, "unhandled").into_response();
            }
            let seed = json!({"guid": "000102030405060708090a0b0c0d0e0f", "gameVersion": "2.1", "hash": ["Charge", "Ice"], "mode": "normal"});
            (StatusCode::OK, seed.to_string()).into_response()
        }
        ("POST", "/randoPresetWebService") => match form.get("randoPreset").map(String::as_str) {
            Some("Season_Races") if form.get("origin").map(String::as_str) == Some("extStats") => {
                html(
                    StatusCode::OK,
                    json!({"majorsSplit": "Full", "progressionSpeed": ["medium", "slow"]})
                        .to_string(),
                )
            }
            _ => html(StatusCode::BAD_REQUEST, "Unknown preset".into()),
        },
        ("POST", "/presetWebService") => match form.get("preset").map(String::as_str) {
            Some("regular") => html(
                StatusCode::OK,
                json!({"Knows": {"Mockball": [true, 1]}}).to_string(),
            ),
            _ => html(StatusCode::BAD_REQUEST, "Unknown skills preset".into()),
        },
        ("POST", "/randomizerWebService") => {
            if form.get("majorsSplit").map(String::as_str) == Some("Impossible") {
                return html(
                    StatusCode::BAD_REQUEST,
                    "Can't generate a seed with these settings".into(),
                );
            }
            html(
                StatusCode::OK,
                json!({"seedKey": "6a1b2c3d-0000-4000-8000-000000000001"}).to_string(),
            )
        }
        ("GET", "/generate/recall") => {
            assert_eq!(query.get("race").map(String::as_str), Some("1"));
            (
                StatusCode::TEMPORARY_REDIRECT,
                [(header::LOCATION, "/seed/xyz")],
                "https://dashrando.net/seed/xyz",
            )
                .into_response()
        }
        _ => html(StatusCode::NOT_FOUND, "Not Found".into()),
    }
}

fn url_pairs(text: &str) -> HashMap<String, String> {
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

async fn start() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let app = Router::new().fallback(answer).with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { sahabot_sdk::axum::serve(listener, app).await });
    (format!("http://{addr}"), seen)
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn totals_seed_is_generated_with_text_values() {
    let (base, seen) = start().await;
    let settings = json!({"logic": "casual", "race": true, "players": 1});
    let seed = total::generate(&base, settings.as_object().unwrap())
        .await
        .unwrap();
    assert_eq!(
        seed.permalink,
        format!("{base}/seed/AAECAwQFBgcICQoLDA0ODw")
    );
    assert_eq!(seed.hash, ["Charge", "Ice"]);
    let sent: Value = sahabot_sdk::serde_json::from_str(&seen.lock().unwrap()[0].1).unwrap();
    assert_eq!(
        sent,
        json!({"logic": "casual", "race": "true", "players": "1", "seed": ""})
    );
}

fn varia_request(preset: &str, skills: &str, settings: Value) -> varia::Request {
    varia::Request {
        preset: preset.into(),
        skills: skills.into(),
        race: true,
        settings: settings.as_object().cloned().unwrap_or_default(),
    }
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn varia_posts_three_forms_and_links_the_customizer() {
    let (base, seen) = start().await;
    let seed = varia::generate(
        &base,
        &varia_request(
            "Season_Races",
            "regular",
            json!({"areaRandomization": "off"}),
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        seed.permalink,
        format!("{base}/customizer/6a1b2c3d-0000-4000-8000-000000000001")
    );
    let seen = seen.lock().unwrap().clone();
    let paths: Vec<&str> = seen.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/randoPresetWebService",
            "/presetWebService",
            "/randomizerWebService"
        ]
    );
    let last = url_pairs(&seen[2].1);
    assert_eq!(last["progressionSpeed"], "medium,slow");
    assert_eq!(last["majorsSplit"], "Full");
    assert_eq!(last["areaRandomization"], "off");
    assert_eq!(last["preset"], "regular");
    assert_eq!(last["raceMode"], "on");
    let skills: Value = sahabot_sdk::serde_json::from_str(&last["paramsFileTarget"]).unwrap();
    assert_eq!(skills["Knows"]["Mockball"][0], true);
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn varia_refusals_are_named() {
    let (base, _) = start().await;
    let error = varia::generate(&base, &varia_request("Nope", "regular", json!({})))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, RollError::Refused(m) if m.contains("no settings preset `Nope`")),
        "{error:?}"
    );
    let error = varia::generate(&base, &varia_request("Season_Races", "wizard", json!({})))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, RollError::Refused(m) if m.contains("no skills preset `wizard`")),
        "{error:?}"
    );
    let error = varia::generate(
        &base,
        &varia_request(
            "Season_Races",
            "regular",
            json!({"majorsSplit": "Impossible"}),
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        RollError::Refused("Can't generate a seed with these settings".into())
    );
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn dash_answers_with_a_redirect_whose_body_is_the_seed() {
    let (base, seen) = start().await;
    let seed = dash::generate(&base, "recall", true).await.unwrap();
    assert_eq!(seed.permalink, "https://dashrando.net/seed/xyz");
    assert_eq!(
        seen.lock().unwrap()[0].0,
        "/generate/recall?race=1&spoiler=1"
    );
    let error = dash::generate(&base, "unknown", false).await.unwrap_err();
    assert!(
        matches!(&error, RollError::Refused(m) if m.contains("no mode")),
        "{error:?}"
    );
    let error = dash::generate(&base, "../admin", false).await.unwrap_err();
    assert!(matches!(error, RollError::Refused(_)));
}

#[tokio::test(crate = "sahabot_sdk::ssr::tokio")]
async fn unreachable_generators_are_unavailable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    assert!(total::generate(&base, &Map::new())
        .await
        .unwrap_err()
        .worth_retrying());
    assert!(varia::generate(&base, &varia_request("a", "b", json!({})))
        .await
        .unwrap_err()
        .worth_retrying());
    assert!(dash::generate(&base, "recall", false)
        .await
        .unwrap_err()
        .worth_retrying());
}
