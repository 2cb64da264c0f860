//! Per-token rate limit: each token (or, without one, each address) gets its own bucket;
//! an empty bucket answers 429 with `Retry-After`.

use std::sync::Arc;
use std::time::Duration;

use axum::http::header::AUTHORIZATION;
use axum::http::Request;
use governor::middleware::NoOpMiddleware;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::GovernorError;

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

/// `per_minute` requests a minute per key, all of which may come at once.
pub fn config(per_minute: u32) -> Option<Arc<Config>> {
    let per_minute = per_minute.max(1);
    let config = GovernorConfigBuilder::default()
        .key_extractor(TokenKey)
        .period(Duration::from_millis(60_000 / u64::from(per_minute)))
        .burst_size(per_minute)
        .finish()?;
    Some(Arc::new(config))
}

/// Forgets buckets that are full again, once a minute, so memory stays bounded.
pub fn spawn_cleanup(config: &Arc<Config>) {
    let limiter = config.limiter().clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            limiter.retain_recent();
        }
    });
}
