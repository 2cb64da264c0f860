//! ootrandomizer.com's seed API (v2): create a seed with the organization's key, poll its
//! status until it is generated, then read the file hash from its settings log. The site allows
//! 20 requests in 10 seconds per key: calls with one key are spaced (500 ms by default, across
//! every roll of the process) and a 429 is waited out as long as its `Retry-After` asks.
//!
//! The key travels in the query string, so no error names a request's address, and any text
//! the site sends back is scrubbed of the key before it is shown.

use std::time::Duration;

use sahabot_sdk::seeds::{excerpt, fetch_with_headers, http, RollError, Seed};
use sahabot_sdk::serde_json::{self, Map, Value};
use sahabot_sdk::ssr::governor::{DefaultKeyedRateLimiter, Quota};
use sahabot_sdk::ssr::reqwest::{header, RequestBuilder, StatusCode};
use sahabot_sdk::ssr::tokio;

/// The spacing between two calls with one key, and how long polls and rate-limit waits go on.
#[derive(Clone, Debug)]
pub struct Timing {
    pub poll_every: Duration,
    /// Polls of a seed's status before the roll gives up (the roll's own time limit comes first
    /// at the default pace).
    pub max_polls: u32,
    /// 429 answers waited out per call before the roll gives up.
    pub max_rate_waits: u32,
    /// The longest `Retry-After` honoured (and the wait when the site names none).
    pub longest_wait: Duration,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            poll_every: Duration::from_secs(1),
            max_polls: 90,
            max_rate_waits: 3,
            longest_wait: Duration::from_secs(10),
        }
    }
}

/// Calls spaced per key.
pub type Limiter = DefaultKeyedRateLimiter<String>;

/// A limiter letting one call per `spacing` through for each key.
pub fn limiter(spacing: Duration) -> Limiter {
    let quota = Quota::with_period(spacing).unwrap_or_else(|| Quota::per_second(nonzero(2)));
    Limiter::keyed(quota)
}

fn nonzero(n: u32) -> std::num::NonZeroU32 {
    std::num::NonZeroU32::new(n).unwrap_or(std::num::NonZeroU32::MIN)
}

/// The process's limiter: 500 ms between calls with one key, which keeps any key at 20 calls
/// in 10 seconds.
pub fn shared_limiter() -> &'static Limiter {
    static SHARED: std::sync::OnceLock<Limiter> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| limiter(Duration::from_millis(500)))
}

/// What one roll asks the site for.
#[derive(Clone, Debug, Default)]
pub struct SeedRequest {
    pub version: String,
    pub locked_spoiler: bool,
    pub password_lock: bool,
    pub settings: Map<String, Value>,
}

/// The site at `base`, called with `key`.
pub struct Client<'a> {
    pub base: &'a str,
    pub key: &'a str,
    pub limiter: &'a Limiter,
    pub timing: Timing,
}

impl Client<'_> {
    /// Creates a seed, waits until it is generated and reads its hash.
    pub async fn roll(&self, request: &SeedRequest) -> Result<Seed, RollError> {
        self.roll_unscrubbed(request)
            .await
            .map_err(|e| self.scrub(e))
    }

    async fn roll_unscrubbed(&self, request: &SeedRequest) -> Result<Seed, RollError> {
        let (id, version) = self.create(request).await?;
        self.wait_until_generated(&id).await?;
        let hash = self.file_hash(&id).await?;
        Ok(Seed {
            permalink: format!("{}/seed/get?id={id}", self.base()),
            hash,
            version: Some(version),
            spoiler: None,
            rolled: None,
        })
    }

    fn base(&self) -> &str {
        self.base.trim_end_matches('/')
    }

    async fn create(&self, request: &SeedRequest) -> Result<(String, String), RollError> {
        let url = format!("{}/api/v2/seed/create", self.base());
        let mut query = vec![("key", self.key), ("version", request.version.as_str())];
        if request.locked_spoiler {
            query.push(("locked", "true"));
        }
        if request.password_lock {
            query.push(("passwordLock", "true"));
        }
        let (status, text) = self
            .call(|| http().post(&url).query(&query).json(&request.settings))
            .await?;
        match status {
            s if s.is_success() => {
                let answer = self.json(&text)?;
                let id = match answer.get("id") {
                    Some(Value::String(id)) if !id.is_empty() => id.clone(),
                    Some(Value::Number(id)) => id.to_string(),
                    _ => {
                        return Err(RollError::Unavailable(
                            "ootrandomizer.com's answer has no seed id".into(),
                        ))
                    }
                };
                let version = answer
                    .get("version")
                    .and_then(Value::as_str)
                    .unwrap_or(&request.version)
                    .to_owned();
                Ok((id, version))
            }
            StatusCode::BAD_REQUEST => Err(RollError::Refused(excerpt(&text))),
            StatusCode::CONFLICT => Err(RollError::Refused(format!(
                "version {} is not offered: {}",
                request.version,
                excerpt(&text)
            ))),
            StatusCode::LOCKED => Err(RollError::Unavailable(
                "ootrandomizer.com's generation queue is full".into(),
            )),
            s => Err(self.other(s, &text)),
        }
    }

    async fn wait_until_generated(&self, id: &str) -> Result<(), RollError> {
        let url = format!("{}/api/v2/seed/status", self.base());
        for _ in 0..self.timing.max_polls {
            let (status, text) = self
                .call(|| http().get(&url).query(&[("key", self.key), ("id", id)]))
                .await?;
            let progress = match status {
                StatusCode::NO_CONTENT => None,
                s if s.is_success() => self.json(&text)?.get("status").and_then(Value::as_i64),
                s => return Err(self.other(s, &text)),
            };
            match progress {
                None | Some(0) => tokio::time::sleep(self.timing.poll_every).await,
                Some(1 | 2) => return Ok(()),
                Some(3) => {
                    return Err(RollError::Unavailable(
                        "ootrandomizer.com could not generate this seed".into(),
                    ))
                }
                Some(other) => {
                    return Err(RollError::Unavailable(format!(
                        "ootrandomizer.com reports an unknown status {other}"
                    )))
                }
            }
        }
        Err(RollError::Unavailable(
            "ootrandomizer.com is still generating the seed".into(),
        ))
    }

    /// The five icons of the seed's file hash, from its settings log (a JSON text inside the
    /// answer).
    async fn file_hash(&self, id: &str) -> Result<Vec<String>, RollError> {
        let url = format!("{}/api/v2/seed/details", self.base());
        let (status, text) = self
            .call(|| http().get(&url).query(&[("key", self.key), ("id", id)]))
            .await?;
        if !status.is_success() {
            return Err(self.other(status, &text));
        }
        let log = self
            .json(&text)?
            .get("settingsLog")
            .and_then(Value::as_str)
            .and_then(|log| serde_json::from_str::<Value>(log).ok())
            .ok_or_else(|| {
                RollError::Unavailable("the seed's details have no settings log".into())
            })?;
        Ok(log
            .get("file_hash")
            .and_then(Value::as_array)
            .map(|icons| {
                icons
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default())
    }

    /// One call, spaced from the key's previous one, with 429s waited out.
    async fn call(
        &self,
        request: impl Fn() -> RequestBuilder,
    ) -> Result<(StatusCode, String), RollError> {
        let limiter_key = self.key.to_owned();
        for _ in 0..=self.timing.max_rate_waits {
            self.limiter.until_key_ready(&limiter_key).await;
            let (status, headers, text) = fetch_with_headers(request(), self.base()).await?;
            if status != StatusCode::TOO_MANY_REQUESTS {
                return Ok((status, text));
            }
            let asked = headers
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let wait = asked.map_or(self.timing.longest_wait, |asked| {
                asked.min(self.timing.longest_wait)
            });
            tokio::time::sleep(wait).await;
        }
        Err(RollError::Unavailable(
            "ootrandomizer.com keeps answering that this key sends too many requests".into(),
        ))
    }

    fn json(&self, text: &str) -> Result<Value, RollError> {
        serde_json::from_str(text).map_err(|_| {
            RollError::Unavailable(format!(
                "ootrandomizer.com's answer is not what its API sends: {}",
                excerpt(text)
            ))
        })
    }

    fn other(&self, status: StatusCode, text: &str) -> RollError {
        match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => RollError::NotConfigured(format!(
                "ootrandomizer.com refused the organization's API key: {}",
                excerpt(text)
            )),
            StatusCode::NOT_FOUND => RollError::NotConfigured(format!(
                "{} has no seed API; check the generator's address",
                self.base()
            )),
            s => {
                RollError::Unavailable(format!("ootrandomizer.com answered {s}: {}", excerpt(text)))
            }
        }
    }

    /// The error with any copy of the key taken out.
    fn scrub(&self, error: RollError) -> RollError {
        let clean = |text: String| text.replace(self.key, "(key)");
        match error {
            RollError::Refused(t) => RollError::Refused(clean(t)),
            RollError::Unavailable(t) => RollError::Unavailable(clean(t)),
            RollError::NotConfigured(t) => RollError::NotConfigured(clean(t)),
        }
    }
}
