//! The API's rate limits. Each token (or, without one, each address) gets its own bucket of
//! requests; each client address gets a small budget of failed authentications, so guessing
//! tokens is slow however many different strings are tried. An empty bucket answers 429 with
//! `Retry-After` in whole seconds, rounded up.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::header::{AUTHORIZATION, RETRY_AFTER};
use axum::http::{HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::{DefaultKeyedRateLimiter, Quota};
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::GovernorError;

use super::error::ErrorBody;

/// Failed authentications one client address may make a minute (all of which may come at once).
pub const FAILED_AUTH_PER_MINUTE: u32 = 30;

#[derive(Clone, Copy, Debug)]
pub struct TokenKey;

impl KeyExtractor for TokenKey {
    type Key = String;

    fn extract<T>(&self, request: &Request<T>) -> Result<String, GovernorError> {
        let token = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if let Some(token) = token {
            return Ok(format!(
                "token:{}",
                sahabot_core::repo::tokens::hash(token.trim())
            ));
        }
        let addr = request
            .extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_default();
        Ok(format!("addr:{addr}"))
    }
}

pub type Config = GovernorConfig<TokenKey, NoOpMiddleware>;

/// The API's limits, both sized at start-up.
#[derive(Clone, Debug)]
pub struct ApiLimits {
    pub per_token: Arc<Config>,
    pub failed_auth: Arc<FailedAuth>,
}

impl ApiLimits {
    /// `per_minute` requests a minute per token, all of which may come at once.
    pub fn new(per_minute: u32) -> Option<ApiLimits> {
        let per_minute = per_minute.max(1);
        let per_token = GovernorConfigBuilder::default()
            .key_extractor(TokenKey)
            .period(Duration::from_millis(60_000 / u64::from(per_minute)))
            .burst_size(per_minute)
            .finish()?;
        Some(ApiLimits {
            per_token: Arc::new(per_token),
            failed_auth: Arc::new(FailedAuth::new(FAILED_AUTH_PER_MINUTE)),
        })
    }

    /// Forgets buckets that are full again, once a minute, so memory stays bounded.
    pub fn spawn_cleanup(&self) {
        let limiter = self.per_token.limiter().clone();
        let failed_auth = self.failed_auth.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.retain_recent();
                failed_auth.forget_recovered();
            }
        });
    }
}

/// Failed authentications per client address. Once an address spent its budget, every
/// request from it that presents a token waits, valid token or not: otherwise a guess that
/// happens to be right would still get through at full speed.
#[derive(Debug)]
pub struct FailedAuth {
    limiter: DefaultKeyedRateLimiter<String>,
    locked_until: Mutex<HashMap<String, Instant>>,
}

impl FailedAuth {
    pub fn new(per_minute: u32) -> FailedAuth {
        let burst = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        FailedAuth {
            limiter: DefaultKeyedRateLimiter::keyed(Quota::per_minute(burst)),
            locked_until: Mutex::new(HashMap::new()),
        }
    }

    /// How long `addr` must still wait before presenting a token again, if at all.
    pub fn wait_for(&self, addr: &str) -> Option<Duration> {
        let mut locked = self.locked_until.lock().unwrap_or_else(|e| e.into_inner());
        let until = *locked.get(addr)?;
        let now = Instant::now();
        if until <= now {
            locked.remove(addr);
            return None;
        }
        Some(until - now)
    }

    /// Counts one failed authentication of `addr`; the wait when that spent its budget.
    pub fn failed(&self, addr: &str) -> Option<Duration> {
        let not_until = self.limiter.check_key(&addr.to_owned()).err()?;
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let mut locked = self.locked_until.lock().unwrap_or_else(|e| e.into_inner());
        locked.insert(addr.to_owned(), Instant::now() + wait);
        Some(wait)
    }

    fn forget_recovered(&self) {
        self.limiter.retain_recent();
        let now = Instant::now();
        let mut locked = self.locked_until.lock().unwrap_or_else(|e| e.into_inner());
        locked.retain(|_, until| *until > now);
    }
}

/// Whole seconds to wait, rounded up and never 0: a client that obeys `Retry-After` to the
/// letter must not come back before its bucket has room.
pub fn retry_after_secs(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

/// The API's 429: `{"error": …}` and `Retry-After`.
pub fn too_many_requests(wait_secs: u64, what: &str) -> Response {
    let body = Json(ErrorBody {
        error: format!("too many {what}; retry after {wait_secs} seconds"),
    });
    let mut response = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(wait_secs));
    response
}

/// The per-token limiter's refusal. It reports whole seconds rounded down, so the true wait
/// is below that number plus one.
pub fn per_token_refusal(error: GovernorError) -> Response {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => {
            too_many_requests(wait_time + 1, "requests with this token")
        }
        GovernorError::UnableToExtractKey => too_many_requests(1, "requests"),
        GovernorError::Other { code, msg, .. } => {
            let error = msg.unwrap_or_else(|| "the request was refused".into());
            (code, Json(ErrorBody { error })).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_round_up_and_are_never_zero() {
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1_000)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1_001)), 2);
        assert_eq!(retry_after_secs(Duration::from_millis(59_999)), 60);
    }

    #[test]
    fn an_address_is_locked_once_its_failures_are_spent() {
        let failed_auth = FailedAuth::new(3);
        for _ in 0..3 {
            assert_eq!(failed_auth.failed("10.0.0.1"), None);
        }
        assert_eq!(failed_auth.wait_for("10.0.0.1"), None);
        let wait = failed_auth
            .failed("10.0.0.1")
            .expect("the fourth failure is refused");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert!(failed_auth.wait_for("10.0.0.1").is_some());
        assert_eq!(failed_auth.wait_for("10.0.0.2"), None);
    }
}
