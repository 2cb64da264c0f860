//! Total's randomizer at sm.samus.link: the same server as SMZ3's. Every body value is text and
//! `seed` must be there; the permalink is `{base}/seed/{id}` from the seed's GUID.

use sahabot_sdk::seeds::{excerpt, fetch, guid_slug, http, scalar_text, RollError, Seed};
use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::ssr::reqwest::StatusCode;

pub async fn generate(base: &str, settings: &Map<String, Value>) -> Result<Seed, RollError> {
    let base = base.trim_end_matches('/');
    let url = format!("{base}/api/randomizers/sm/generate");
    let mut body: Map<String, Value> = settings
        .iter()
        .filter_map(|(k, v)| scalar_text(v).map(|text| (k.clone(), Value::String(text))))
        .collect();
    body.entry("seed")
        .or_insert_with(|| Value::String(String::new()));
    let (status, text) = fetch(http().post(&url).json(&body), base).await?;
    match status {
        s if s.is_success() => {
            let answer: Value = sahabot_sdk::serde_json::from_str(&text).map_err(|_| {
                RollError::Unavailable(format!("the answer is not a seed: {}", excerpt(&text)))
            })?;
            let id = answer
                .get("guid")
                .and_then(Value::as_str)
                .and_then(guid_slug)
                .ok_or_else(|| RollError::Unavailable("the answer has no seed id".into()))?;
            Ok(Seed {
                permalink: format!("{base}/seed/{id}"),
                hash: match answer.get("hash") {
                    Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
                    _ => Vec::new(),
                },
                version: answer
                    .get("gameVersion")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                spoiler: None,
                rolled: None,
            })
        }
        StatusCode::BAD_REQUEST => Err(RollError::Refused(excerpt(&text))),
        StatusCode::NOT_FOUND => Err(RollError::NotConfigured(format!(
            "{url} answered 404; check the generator's address"
        ))),
        s => Err(RollError::Unavailable(format!(
            "sm.samus.link answered {s}: {}",
            excerpt(&text)
        ))),
    }
}
