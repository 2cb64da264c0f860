//! samus.link's generator: `POST {base}/api/randomizers/smz3/generate` with a body whose values
//! are all text (`seed` must be there: `""` is a random seed). The permalink is
//! `{base}/seed/{id}` where the id is the seed's GUID as unpadded URL-safe base64.

use sahabot_sdk::seeds::{
    excerpt as short, fetch, guid_slug as slug_id, http, scalar_text, RollError, Seed,
};
use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::ssr::reqwest::StatusCode;

/// The settings as samus.link takes them: every value as text, and `seed` always present.
pub fn body(settings: &Map<String, Value>, spoiler_key: Option<&str>) -> Map<String, Value> {
    let mut body: Map<String, Value> = settings
        .iter()
        .filter_map(|(k, v)| scalar_text(v).map(|text| (k.clone(), Value::String(text))))
        .collect();
    body.entry("seed")
        .or_insert_with(|| Value::String(String::new()));
    if let Some(key) = spoiler_key {
        body.insert("spoilerKey".into(), Value::String(key.into()));
    }
    body
}

/// Generates one seed at `base`.
pub async fn generate(
    base: &str,
    settings: &Map<String, Value>,
    spoiler_key: Option<&str>,
) -> Result<Seed, RollError> {
    let base = base.trim_end_matches('/');
    let url = format!("{base}/api/randomizers/smz3/generate");
    let (status, text) = fetch(http().post(&url).json(&body(settings, spoiler_key)), base).await?;
    match status {
        s if s.is_success() => read_seed(base, &text, spoiler_key),
        StatusCode::BAD_REQUEST => Err(RollError::Refused(short(&text))),
        StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
            Err(RollError::NotConfigured(format!(
                "{url} answered {status}; check the generator's address"
            )))
        }
        s => Err(RollError::Unavailable(format!(
            "samus.link answered {s}: {}",
            short(&text)
        ))),
    }
}

fn read_seed(base: &str, text: &str, spoiler_key: Option<&str>) -> Result<Seed, RollError> {
    let answer: Value = sahabot_sdk::serde_json::from_str(text).map_err(|_| {
        RollError::Unavailable(format!(
            "the generator's answer is not a seed: {}",
            short(text)
        ))
    })?;
    let guid = answer
        .get("guid")
        .and_then(Value::as_str)
        .ok_or_else(|| RollError::Unavailable("the generator's answer has no seed id".into()))?;
    let id = slug_id(guid)
        .ok_or_else(|| RollError::Unavailable(format!("`{guid}` is not a seed id")))?;
    let kind = if answer.get("mode").and_then(Value::as_str) == Some("multiworld") {
        "multiworld"
    } else {
        "seed"
    };
    let hash = match answer.get("hash") {
        Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
        Some(Value::String(words)) if !words.is_empty() => vec![words.clone()],
        _ => Vec::new(),
    };
    Ok(Seed {
        permalink: format!("{base}/{kind}/{id}"),
        hash,
        version: answer
            .get("gameVersion")
            .and_then(Value::as_str)
            .map(str::to_owned),
        spoiler: spoiler_key.map(|key| format!("{base}/api/spoiler/{guid}?key={key}&yaml=True")),
        rolled: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::serde_json::json;

    #[test]
    fn every_value_is_sent_as_text_and_seed_is_always_there() {
        let settings = json!({"race": true, "players": 1, "goal": "defeatboth"});
        let body = body(settings.as_object().unwrap(), None);
        assert_eq!(
            Value::Object(body),
            json!({"race": "true", "players": "1", "goal": "defeatboth", "seed": ""})
        );
        let with_key = super::body(&Map::new(), Some("k1"));
        assert_eq!(with_key["spoilerKey"], "k1");
    }
}
