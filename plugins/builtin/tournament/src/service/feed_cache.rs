//! Calendar feeds kept for a minute per instance: calendar apps poll them, many subscribers
//! ask for the same feed, and a feed of a thousand matches costs tens of milliseconds to
//! build. A change shows in a feed after at most [`FEED_TTL`].

use std::collections::HashMap;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

pub const FEED_TTL: Duration = Duration::from_secs(60);
/// Feeds kept at most; past it, expired ones are dropped, then all if need be.
const MAX_FEEDS: usize = 1024;

/// Which feed: an organization's tournament's, or a player's there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedKey {
    Tournament { org_id: i64, id: i64 },
    Player { org_id: i64, user_id: i64 },
}

/// A built feed and its entity tag (a hash of the body: equal bodies, equal tags, on every
/// instance of the same build).
#[derive(Debug)]
pub struct Feed {
    pub body: String,
    pub etag: String,
}

/// Each feed with when it was built.
type Feeds = HashMap<FeedKey, (Instant, Arc<Feed>)>;

static FEEDS: LazyLock<Mutex<Feeds>> = LazyLock::new(Mutex::default);
/// One feed is built at a time: when many subscribers ask at once for a feed that expired,
/// the first builds it and the others take it from the cache.
static BUILDING: LazyLock<tokio::sync::Mutex<()>> = LazyLock::new(tokio::sync::Mutex::default);

fn fresh(key: &FeedKey) -> Option<Arc<Feed>> {
    FEEDS.lock().ok().and_then(|feeds| {
        feeds
            .get(key)
            .filter(|(made, _)| made.elapsed() < FEED_TTL)
            .map(|(_, feed)| feed.clone())
    })
}

/// The feed `key`, from the cache while it is fresh, otherwise built by `make` (a refusal is
/// not kept).
pub async fn get_or_make<F, E>(key: FeedKey, make: F) -> Result<Arc<Feed>, E>
where
    F: Future<Output = Result<String, E>>,
{
    if let Some(feed) = fresh(&key) {
        return Ok(feed);
    }
    let _turn = BUILDING.lock().await;
    if let Some(feed) = fresh(&key) {
        return Ok(feed);
    }
    let body = make.await?;
    let mut hasher = std::hash::DefaultHasher::new();
    body.hash(&mut hasher);
    let feed = Arc::new(Feed {
        etag: format!("\"{:016x}\"", hasher.finish()),
        body,
    });
    if let Ok(mut feeds) = FEEDS.lock() {
        if feeds.len() >= MAX_FEEDS {
            feeds.retain(|_, (made, _)| made.elapsed() < FEED_TTL);
            if feeds.len() >= MAX_FEEDS {
                feeds.clear();
            }
        }
        feeds.insert(key, (Instant::now(), feed.clone()));
    }
    Ok(feed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::Error;

    #[tokio::test]
    async fn a_feed_is_built_once_while_fresh_and_a_refusal_is_not_kept() {
        let key = FeedKey::Tournament { org_id: -1, id: 1 };
        let first = get_or_make::<_, Error>(key, async { Ok("one".to_owned()) })
            .await
            .unwrap();
        let second = get_or_make::<_, Error>(key, async { Ok("two".to_owned()) })
            .await
            .unwrap();
        assert_eq!(second.body, "one");
        assert_eq!(first.etag, second.etag);

        let other = FeedKey::Player {
            org_id: -1,
            user_id: 1,
        };
        let refused = get_or_make(other, async { Err(Error::NotFound("none".into())) }).await;
        assert!(refused.is_err());
        let made = get_or_make::<_, Error>(other, async { Ok("two".to_owned()) })
            .await
            .unwrap();
        assert_eq!(made.body, "two");
        assert_ne!(made.etag, first.etag);
    }
}
