//! alttpr.com's generator: `POST {base}/api/randomizer` (or `/api/customizer`) with the
//! settings as JSON. The answer has no permalink and no hash icons: the permalink is
//! `{base}/h/{hash}` and the icons are read from the patch.

use sahabot_sdk::seeds::{excerpt as short, fetch, http, RollError, Seed};
use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::ssr::reqwest::StatusCode;

/// Generates one seed at `base` from `settings`.
pub async fn generate(
    base: &str,
    customizer: bool,
    settings: &Map<String, Value>,
) -> Result<Seed, RollError> {
    let base = base.trim_end_matches('/');
    let endpoint = if customizer {
        "customizer"
    } else {
        "randomizer"
    };
    let url = format!("{base}/api/{endpoint}");
    let (status, body) = fetch(http().post(&url).json(settings), base).await?;
    match status {
        s if s.is_success() => read_seed(base, &body),
        StatusCode::CONFLICT => Err(RollError::Refused(short(&body))),
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => {
            Err(RollError::Refused(validation_message(&body)))
        }
        StatusCode::TOO_MANY_REQUESTS => Err(RollError::Unavailable(
            "alttpr.com limits how many seeds are generated; try again later".into(),
        )),
        StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
            Err(RollError::NotConfigured(format!(
                "{url} answered {status}; check the generator's address"
            )))
        }
        s => Err(RollError::Unavailable(format!(
            "alttpr.com answered {s}: {}",
            short(&body)
        ))),
    }
}

fn read_seed(base: &str, body: &str) -> Result<Seed, RollError> {
    let answer: Value = sahabot_sdk::serde_json::from_str(body).map_err(|_| {
        RollError::Unavailable(format!(
            "the generator's answer is not a seed: {}",
            short(body)
        ))
    })?;
    let hash = answer
        .get("hash")
        .and_then(Value::as_str)
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric()))
        .ok_or_else(|| RollError::Unavailable("the generator's answer has no seed hash".into()))?;
    let icons = answer
        .get("patch")
        .and_then(crate::hash::icons)
        .unwrap_or_default();
    let version = answer
        .pointer("/spoiler/meta/version")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(Seed {
        permalink: format!("{base}/h/{hash}"),
        hash: icons,
        version,
        spoiler: None,
        rolled: None,
    })
}

/// Laravel's validation answer (`{"message", "errors": {field: [why]}}`) as one line.
fn validation_message(body: &str) -> String {
    let Ok(answer) = sahabot_sdk::serde_json::from_str::<Value>(body) else {
        return short(body);
    };
    let errors: Vec<String> = answer
        .get("errors")
        .and_then(Value::as_object)
        .map(|errors| {
            errors
                .iter()
                .map(|(field, why)| {
                    let why = why
                        .as_array()
                        .and_then(|w| w.first())
                        .and_then(Value::as_str)
                        .unwrap_or("is invalid");
                    format!("{field}: {why}")
                })
                .collect()
        })
        .unwrap_or_default();
    if errors.is_empty() {
        answer
            .get("message")
            .and_then(Value::as_str)
            .map_or_else(|| short(body), short)
    } else {
        errors.join("; ")
    }
}
