//! VARIA: three form posts whose JSON answers are served as text/html — the settings preset,
//! the skills preset, then the seed from both (lists joined with commas). The permalink is
//! `{base}/customizer/{seedKey}`; a refusal is a plain-text answer.

use sahabot_sdk::seeds::{excerpt, fetch, http, scalar_text, RollError, Seed};
use sahabot_sdk::serde_json::{Map, Value};

/// What a VARIA preset asks for.
#[derive(Clone, Debug)]
pub struct Request {
    pub preset: String,
    pub skills: String,
    pub race: bool,
    /// Settings over the preset's.
    pub settings: Map<String, Value>,
}

async fn post(
    base: &str,
    path: &str,
    form: &[(String, String)],
) -> Result<(u16, String), RollError> {
    let (status, text) = fetch(http().post(format!("{base}/{path}")).form(form), base).await?;
    let status = status.as_u16();
    if status >= 500 || status == 429 {
        return Err(RollError::Unavailable(format!(
            "VARIA answered {status}: {}",
            excerpt(&text)
        )));
    }
    if status == 404 {
        return Err(RollError::NotConfigured(format!(
            "{base}/{path} answered 404; check the generator's address"
        )));
    }
    Ok((status, text))
}

fn json_object(text: &str) -> Option<Map<String, Value>> {
    sahabot_sdk::serde_json::from_str::<Value>(text)
        .ok()?
        .as_object()
        .cloned()
}

/// A value as VARIA's form takes it: lists joined with commas.
fn form_value(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(scalar_text)
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => scalar_text(other),
    }
}

pub async fn generate(base: &str, request: &Request) -> Result<Seed, RollError> {
    let base = base.trim_end_matches('/');
    let (status, text) = post(
        base,
        "randoPresetWebService",
        &[
            ("randoPreset".into(), request.preset.clone()),
            ("origin".into(), "extStats".into()),
        ],
    )
    .await?;
    let mut settings = match (status, json_object(&text)) {
        (200, Some(settings)) => settings,
        _ => {
            return Err(RollError::Refused(format!(
                "VARIA has no settings preset `{}`: {}",
                request.preset,
                excerpt(&text)
            )))
        }
    };
    let (status, skills_text) = post(
        base,
        "presetWebService",
        &[("preset".into(), request.skills.clone())],
    )
    .await?;
    let skills = match (status, json_object(&skills_text)) {
        (200, Some(skills)) => skills,
        _ => {
            return Err(RollError::Refused(format!(
                "VARIA has no skills preset `{}`: {}",
                request.skills,
                excerpt(&skills_text)
            )))
        }
    };
    for (key, value) in &request.settings {
        settings.insert(key.clone(), value.clone());
    }
    let mut form: Vec<(String, String)> = settings
        .iter()
        .filter_map(|(k, v)| form_value(v).map(|v| (k.clone(), v)))
        .collect();
    form.push(("paramsFileTarget".into(), Value::Object(skills).to_string()));
    form.push(("preset".into(), request.skills.clone()));
    form.push((
        "raceMode".into(),
        if request.race { "on" } else { "off" }.into(),
    ));
    let (_, answer) = post(base, "randomizerWebService", &form).await?;
    let seed_key = json_object(&answer)
        .and_then(|a| a.get("seedKey").and_then(Value::as_str).map(str::to_owned))
        .ok_or_else(|| RollError::Refused(excerpt(&answer)))?;
    Ok(Seed {
        permalink: format!("{base}/customizer/{seed_key}"),
        ..Seed::default()
    })
}
