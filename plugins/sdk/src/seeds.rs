//! The roller contract: what a randomizer plugin declares (the settings its presets may hold)
//! and what it does (roll a seed from them). The Presets plugin stores presets, checks them
//! against the declared settings and calls the roller; tournaments and qualifiers roll through
//! Presets. The types here are shared with the browser; [`Randomizer`] is server-side.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One setting a preset may hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Setting {
    /// One of these words. A YAML number or boolean is compared by how it is written
    /// (`players: 1` is the choice `"1"`): some generators take every value as a string.
    Choice(&'static [&'static str]),
    Flag,
    Integer {
        min: i64,
        max: i64,
    },
    /// Free text of at most this many characters.
    Text {
        max_len: usize,
    },
    /// A nested group of settings (`crystals: {ganon: "7", tower: "7"}`).
    Group(&'static [(&'static str, Setting)]),
    /// Passed to the generator as written, unchecked (a customizer's item placements).
    Any,
}

/// The settings a randomizer's presets may hold, by name.
pub type Settings = &'static [(&'static str, Setting)];

/// Why a preset's settings are refused: where (`crystals.ganon`) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Checks `settings` against `schema`: every unknown key, wrong type and value out of range,
/// each named by its path. Settings the preset leaves out are the generator's defaults.
pub fn check(schema: Settings, settings: &Map<String, Value>) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_group(schema, settings, "", &mut problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}

fn check_group(
    schema: Settings,
    values: &Map<String, Value>,
    prefix: &str,
    problems: &mut Vec<Problem>,
) {
    for (key, value) in values {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match schema.iter().find(|(name, _)| name == key) {
            None => problems.push(Problem::new(&path, "is not a setting of this randomizer")),
            Some((_, setting)) => check_value(setting, value, &path, problems),
        }
    }
}

fn check_value(setting: &Setting, value: &Value, path: &str, problems: &mut Vec<Problem>) {
    match setting {
        Setting::Any => {}
        Setting::Flag => {
            if !value.is_boolean() {
                problems.push(Problem::new(path, "must be true or false"));
            }
        }
        Setting::Integer { min, max } => match value.as_i64() {
            Some(n) if (*min..=*max).contains(&n) => {}
            Some(_) => problems.push(Problem::new(
                path,
                format!("must be between {min} and {max}"),
            )),
            None => problems.push(Problem::new(path, "must be a whole number")),
        },
        Setting::Text { max_len } => match value.as_str() {
            Some(text) if text.chars().count() <= *max_len => {}
            Some(_) => problems.push(Problem::new(
                path,
                format!("must be at most {max_len} characters"),
            )),
            None => problems.push(Problem::new(path, "must be text")),
        },
        Setting::Choice(choices) => match scalar_text(value) {
            Some(text) if choices.contains(&text.as_str()) => {}
            Some(text) => problems.push(Problem::new(
                path,
                format!("`{text}` is not one of {}", choices.join(", ")),
            )),
            None => problems.push(Problem::new(
                path,
                format!("must be one of {}", choices.join(", ")),
            )),
        },
        Setting::Group(inner) => match value.as_object() {
            Some(values) => check_group(inner, values, path, problems),
            None => problems.push(Problem::new(path, "must be a group of settings")),
        },
    }
}

/// Every setting as a line of a reference: its path (`crystals.ganon`) and what it takes.
pub fn describe(settings: Settings) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    describe_into(settings, "", &mut lines);
    lines
}

fn describe_into(settings: Settings, prefix: &str, lines: &mut Vec<(String, String)>) {
    for (name, setting) in settings {
        let path = if prefix.is_empty() {
            (*name).to_string()
        } else {
            format!("{prefix}.{name}")
        };
        let takes = match setting {
            Setting::Choice(choices) => format!("one of {}", choices.join(", ")),
            Setting::Flag => "true or false".into(),
            Setting::Integer { min, max } => format!("a whole number from {min} to {max}"),
            Setting::Text { max_len } => format!("text, at most {max_len} characters"),
            Setting::Any => "passed to the generator as written".into(),
            Setting::Group(inner) => {
                describe_into(inner, &path, lines);
                continue;
            }
        };
        lines.push((path, takes));
    }
}

/// A mystery preset: `preset_type: mystery`, or weights to roll settings from
/// (`weights` or `mystery_weights`).
pub fn is_mystery(preset: &Map<String, Value>) -> bool {
    preset.get("preset_type").and_then(Value::as_str) == Some("mystery")
        || preset.contains_key("weights")
        || preset.contains_key("mystery_weights")
}

/// A YAML scalar as it is written: `7`, `true`, `ganon`.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A generator's text answer cut to a readable length, for an error message.
pub fn excerpt(body: &str) -> String {
    let text = body.trim();
    if text.is_empty() {
        return "no reason given".into();
    }
    let mut cut: String = text.chars().take(300).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

/// A GUID (32 hex digits, dashes allowed) as its 16 bytes in unpadded URL-safe base64: how
/// samus.link names a seed in its permalinks.
pub fn guid_slug(guid: &str) -> Option<String> {
    let hex: Vec<u8> = guid.bytes().filter(|b| *b != b'-').collect();
    if hex.len() != 32 {
        return None;
    }
    let bytes = hex
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    Some(out)
}

/// A rolled seed, as every randomizer reports it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Seed {
    /// Where racers get the seed.
    pub permalink: String,
    /// The hash as the game shows it on the file select screen: item names (ALTTPR, SMZ3,
    /// OOTR) or words; empty where the generator shows none.
    pub hash: Vec<String>,
    /// The generator's version, where it says.
    pub version: Option<String>,
    /// The spoiler log's address, where there is one.
    pub spoiler: Option<String>,
    /// What a mystery preset rolled (the settings the seed was generated with); `None` for a
    /// plain preset.
    pub rolled: Option<Value>,
}

/// Why a roll failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RollError {
    /// The generator refused the settings (or they cannot be sent): rolling again will not help.
    #[error("the generator refused these settings: {0}")]
    Refused(String),
    /// The generator failed or could not be reached: worth another attempt.
    #[error("the generator is unavailable: {0}")]
    Unavailable(String),
    /// The randomizer is not set up for this organization (a missing key or address).
    #[error("this randomizer is not set up: {0}")]
    NotConfigured(String),
}

impl RollError {
    /// Whether another attempt may succeed.
    pub fn worth_retrying(&self) -> bool {
        matches!(self, RollError::Unavailable(_))
    }
}

/// Where a roll was asked for, as the seed history shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Web,
    Discord,
    Api,
    /// For a tournament's match.
    Match,
    /// For an async qualifier's pool.
    Qualifier,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Web => "web",
            Origin::Discord => "discord",
            Origin::Api => "api",
            Origin::Match => "match",
            Origin::Qualifier => "qualifier",
        }
    }
}

/// A roll as the seed history keeps it: the seed, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedRoll {
    pub id: i64,
    pub created_at: i64,
    pub user: Option<String>,
    pub origin: String,
    pub randomizer: String,
    /// `namespace/name`.
    pub preset: String,
    pub permalink: Option<String>,
    pub hash: Vec<String>,
    pub version: Option<String>,
    pub spoiler: Option<String>,
    /// A mystery preset's rolled settings (YAML), unless the preset hides them.
    pub rolled: Option<String>,
    pub error: Option<String>,
    pub attempts: i64,
    pub duration_ms: i64,
}

impl RecordedRoll {
    /// The roll in one line, as a chat message gives it: the preset, the link and the hash, or
    /// why there is no seed.
    pub fn line(&self) -> String {
        match &self.permalink {
            Some(link) if self.hash.is_empty() => {
                format!("{} `{}` — {link}", self.randomizer, self.preset)
            }
            Some(link) => format!(
                "{} `{}` — {link} — ({})",
                self.randomizer,
                self.preset,
                self.hash.join("/")
            ),
            None => format!(
                "No seed from {} `{}`: {}",
                self.randomizer,
                self.preset,
                self.error.as_deref().unwrap_or("the roll failed")
            ),
        }
    }
}

#[cfg(feature = "ssr")]
pub use server::{
    fetch, fetch_with_headers, http, roll_route, PresetRef, Randomizer, RollBody, RollRequest,
    SeedRoller,
};

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::data::PluginDb;
    use crate::handler::BoxFuture;

    /// The HTTP client randomizers call their generators with: one per process, naming the
    /// product, with the roll's time limit.
    pub fn http() -> &'static reqwest::Client {
        static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
        CLIENT.get_or_init(|| {
            reqwest::Client::builder()
                .user_agent(concat!("SahaBot/", env!("CARGO_PKG_VERSION")))
                .timeout(std::time::Duration::from_secs(60))
                .build()
                .unwrap_or_default()
        })
    }

    /// Sends a request to a generator at `base` and reads its answer as text: the status and
    /// the body, or [`RollError::Unavailable`] when it cannot be reached or the answer breaks off.
    /// Errors never repeat the request's address: its query may hold an API key.
    pub async fn fetch(
        request: reqwest::RequestBuilder,
        base: &str,
    ) -> Result<(reqwest::StatusCode, String), RollError> {
        let (status, _, text) = fetch_with_headers(request, base).await?;
        Ok((status, text))
    }

    /// As [`fetch`], with the answer's headers (a `Retry-After`).
    pub async fn fetch_with_headers(
        request: reqwest::RequestBuilder,
        base: &str,
    ) -> Result<(reqwest::StatusCode, reqwest::header::HeaderMap, String), RollError> {
        let response = request.send().await.map_err(|e| {
            RollError::Unavailable(format!("{base} could not be reached: {}", e.without_url()))
        })?;
        let (status, headers) = (response.status(), response.headers().clone());
        let text = response.text().await.map_err(|e| {
            RollError::Unavailable(format!("the answer broke off: {}", e.without_url()))
        })?;
        Ok((status, headers, text))
    }

    /// What a roll is given: the preset's settings, the randomizer's own data handle (its
    /// configuration for the organization: the generator's address, a key) and a number the
    /// roll's random choices start from, so that a mystery roll can be reproduced.
    #[derive(Clone, Debug)]
    pub struct RollRequest {
        pub settings: Map<String, Value>,
        pub db: PluginDb,
        pub random_seed: u64,
    }

    impl RollRequest {
        /// The randomizer's configuration for the organization (its generator's address, a
        /// key); one that does not read as `T` is [`RollError::NotConfigured`].
        pub async fn config<T: serde::de::DeserializeOwned>(&self) -> Result<T, RollError> {
            self.db
                .config()
                .await
                .map_err(|e| RollError::NotConfigured(e.to_string()))
        }
    }

    /// A randomizer plugin's roller, offered with
    /// `p.public_api::<dyn Randomizer>(Arc::new(MyRoller))` by a plugin that requires
    /// `presets`; Presets finds it for the organizations where it is on.
    pub trait Randomizer: Send + Sync + 'static {
        /// The game's name as people say it ("A Link to the Past Randomizer").
        fn name(&self) -> &'static str;
        /// The settings a preset may hold.
        fn settings(&self) -> Settings;
        /// A preset to start from, as YAML: what a new preset's editor shows.
        fn example(&self) -> &'static str;
        /// The preset's problems; by default its settings checked against [`Self::settings`].
        /// A randomizer with other kinds of presets (mystery weights) checks those itself.
        fn check(&self, settings: &Map<String, Value>) -> Vec<Problem> {
            check(self.settings(), settings)
        }
        /// Rolls one seed. The caller times it out and retries what is worth retrying.
        fn roll(&self, request: RollRequest) -> BoxFuture<Result<Seed, RollError>>;
    }

    /// What the Presets plugin offers the plugins that roll seeds (randomizers' commands and
    /// routes, tournaments, qualifiers): a roll from a preset the caller may see, recorded in
    /// the organization's seed history whatever its outcome.
    pub trait SeedRoller: Send + Sync + 'static {
        /// Rolls `randomizer`'s preset `preset` (`namespace/name`, or a name only one visible
        /// preset has). `db` is Presets' handle for the caller (see
        /// [`PluginDb::service`](crate::data::PluginDb::service)).
        fn roll(
            &self,
            db: PluginDb,
            randomizer: &'static str,
            preset: PresetRef,
            origin: Origin,
        ) -> BoxFuture<Result<RecordedRoll, sahabot_core::Error>>;

        /// The caller's visible presets of `randomizer` containing `typed`, as
        /// `namespace/name`, at most 25 (for autocompletion); mystery weightsets only if asked.
        fn preset_names(
            &self,
            db: PluginDb,
            randomizer: &'static str,
            typed: String,
            mystery_only: bool,
        ) -> BoxFuture<Result<Vec<String>, sahabot_core::Error>>;

        /// The preset `name` of `randomizer` as `namespace/name`, if the caller sees it: for a
        /// plugin that keeps a preset to roll later (a tournament's).
        fn resolve(
            &self,
            db: PluginDb,
            randomizer: &'static str,
            name: String,
        ) -> BoxFuture<Result<String, sahabot_core::Error>>;

        /// The randomizers enabled in the organization: their plugin ids and names.
        fn randomizers(
            &self,
            db: PluginDb,
        ) -> BoxFuture<Result<Vec<(&'static str, &'static str)>, sahabot_core::Error>>;
    }

    /// Which preset to roll.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct PresetRef {
        /// `namespace/name`, or a name only one visible preset has.
        pub name: String,
        /// Refuse a preset that is not a mystery weightset (`/mystery`).
        pub mystery_only: bool,
    }

    impl PresetRef {
        pub fn any(name: impl Into<String>) -> PresetRef {
            PresetRef {
                name: name.into(),
                mystery_only: false,
            }
        }
    }

    /// `POST /api/plugins/{randomizer}/organizations/{org}/seeds`'s body.
    #[derive(Debug, Deserialize)]
    pub struct RollBody {
        /// `namespace/name`, or a name only one visible preset has.
        pub preset: String,
    }

    /// The route every randomizer mounts to roll its presets over the REST API:
    /// `p.api_post("/organizations/{org}/seeds", Guard::Global(GlobalAction::SignedIn), roll_route)`.
    pub async fn roll_route(
        scope: crate::api::ApiScope,
        axum::Json(body): axum::Json<RollBody>,
    ) -> Result<axum::Json<RecordedRoll>, crate::api::ApiError> {
        let db = scope.data()?;
        let presets = db.service::<dyn SeedRoller>("presets").await?;
        let roll = presets
            .api
            .roll(
                presets.db.clone(),
                db.plugin_id(),
                PresetRef::any(body.preset),
                Origin::Api,
            )
            .await?;
        Ok(axum::Json(roll))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SCHEMA: Settings = &[
        ("goal", Setting::Choice(&["ganon", "fast_ganon"])),
        ("players", Setting::Choice(&["1", "2"])),
        ("quickswap", Setting::Flag),
        ("count", Setting::Integer { min: 0, max: 7 }),
        ("name", Setting::Text { max_len: 5 }),
        (
            "crystals",
            Setting::Group(&[("ganon", Setting::Choice(&["0", "7", "random"]))]),
        ),
        ("l", Setting::Any),
    ];

    fn problems(value: Value) -> Vec<String> {
        let Value::Object(map) = value else {
            panic!("not a map")
        };
        check(SCHEMA, &map).iter().map(Problem::to_string).collect()
    }

    #[test]
    fn good_settings_pass_and_numbers_are_choices_by_how_they_are_written() {
        let ok = json!({"goal": "ganon", "players": 1, "quickswap": false, "count": 7,
            "name": "abc", "crystals": {"ganon": 7}, "l": {"anything": [1, 2]}});
        assert_eq!(problems(ok), Vec::<String>::new());
    }

    #[test]
    fn each_problem_is_named_by_its_path() {
        let bad = json!({"goal": "triforce", "unknown": 1, "quickswap": "yes", "count": 8,
            "name": "toolong", "crystals": {"ganon": 8, "tower": 7}, "players": [1]});
        assert_eq!(
            problems(bad),
            vec![
                "count: must be between 0 and 7",
                "crystals.ganon: `8` is not one of 0, 7, random",
                "crystals.tower: is not a setting of this randomizer",
                "goal: `triforce` is not one of ganon, fast_ganon",
                "name: must be at most 5 characters",
                "players: must be one of 1, 2",
                "quickswap: must be true or false",
                "unknown: is not a setting of this randomizer",
            ]
        );
        assert_eq!(
            problems(json!({"crystals": 7, "count": 1.5})),
            vec![
                "count: must be a whole number",
                "crystals: must be a group of settings"
            ]
        );
    }

    #[test]
    fn a_reference_lists_every_setting_by_path() {
        let lines = describe(SCHEMA);
        assert_eq!(lines[0], ("goal".into(), "one of ganon, fast_ganon".into()));
        assert!(lines.contains(&("crystals.ganon".into(), "one of 0, 7, random".into())));
        assert!(lines.contains(&("count".into(), "a whole number from 0 to 7".into())));
        assert_eq!(lines.len(), 7);
    }

    #[test]
    fn a_guid_becomes_its_url_safe_base64() {
        assert_eq!(
            guid_slug("000102030405060708090a0b0c0d0e0f").as_deref(),
            Some("AAECAwQFBgcICQoLDA0ODw")
        );
        assert_eq!(
            guid_slug("fbff0000-0000-0000-0000-0000000000ff").as_deref(),
            Some("-_8AAAAAAAAAAAAAAAAA_w")
        );
        assert_eq!(guid_slug("xyz"), None);
        assert_eq!(guid_slug("zz0102030405060708090a0b0c0d0e0f"), None);
    }

    #[test]
    fn long_answers_are_cut() {
        assert_eq!(excerpt("  "), "no reason given");
        assert_eq!(excerpt(&"x".repeat(400)).chars().count(), 301);
    }

    #[test]
    fn only_unavailability_is_worth_retrying() {
        assert!(RollError::Unavailable("503".into()).worth_retrying());
        assert!(!RollError::Refused("bad".into()).worth_retrying());
        assert!(!RollError::NotConfigured("key".into()).worth_retrying());
    }
}
