//! Values read from the database and kept per instance for a short time, by key. A change made
//! through this instance forgets what it touched when its write commits; other instances on
//! the same database see the change when their entry expires. A read that began before a
//! forget is not kept, so this instance never keeps what it has just changed. Absent values
//! are not kept: something created anywhere is found at once.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::Result;

/// Entries kept at most; past it, the map starts over.
const MAX_ENTRIES: usize = 4096;

#[derive(Debug)]
pub struct Kept<K, V> {
    ttl: Duration,
    state: Mutex<State<K, V>>,
}

#[derive(Debug)]
struct State<K, V> {
    /// Bumped by every forget: a read that began under another generation is not kept.
    generation: u64,
    entries: HashMap<K, (Instant, Arc<V>)>,
}

impl<K: Eq + Hash, V> Kept<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Kept {
            ttl,
            state: Mutex::new(State {
                generation: 0,
                entries: HashMap::new(),
            }),
        }
    }

    /// The value kept for `key`, else the one `load` reads (then kept).
    pub async fn get_or_load<Q, E>(
        &self,
        key: &Q,
        load: impl Future<Output = std::result::Result<Option<V>, E>>,
    ) -> std::result::Result<Option<Arc<V>>, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let generation = {
            let Ok(state) = self.state.lock() else {
                return Ok(load.await?.map(Arc::new));
            };
            if let Some((at, value)) = state.entries.get(key) {
                if at.elapsed() < self.ttl {
                    return Ok(Some(value.clone()));
                }
            }
            state.generation
        };
        let Some(value) = load.await?.map(Arc::new) else {
            return Ok(None);
        };
        if let Ok(mut state) = self.state.lock() {
            if state.generation == generation {
                if state.entries.len() >= MAX_ENTRIES {
                    state.entries.clear();
                }
                state
                    .entries
                    .insert(key.to_owned(), (Instant::now(), value.clone()));
            }
        }
        Ok(Some(value))
    }

    /// [`Kept::get_or_load`] for a value that always exists.
    pub async fn get_or_read<Q>(
        &self,
        key: &Q,
        read: impl Future<Output = Result<V>>,
    ) -> Result<Arc<V>>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
        V: Default,
    {
        let found = self
            .get_or_load(key, async { read.await.map(Some) })
            .await?;
        Ok(found.unwrap_or_default())
    }

    /// Forgets the entries `stale` picks.
    pub fn forget_where(&self, stale: impl Fn(&K, &V) -> bool) {
        if let Ok(mut state) = self.state.lock() {
            state.generation += 1;
            state.entries.retain(|k, (_, v)| !stale(k, v));
        }
    }

    pub fn forget<Q>(&self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Ok(mut state) = self.state.lock() {
            state.generation += 1;
            state.entries.remove(key);
        }
    }

    pub fn forget_all(&self) {
        self.forget_where(|_, _| true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept() -> Kept<String, i64> {
        Kept::new(Duration::from_secs(60))
    }

    async fn read(kept: &Kept<String, i64>, key: &str, value: Option<i64>) -> Option<i64> {
        kept.get_or_load(key, async move { Ok::<_, crate::Error>(value) })
            .await
            .unwrap()
            .map(|v| *v)
    }

    #[tokio::test]
    async fn a_value_is_kept_until_forgotten() {
        let kept = kept();
        assert_eq!(read(&kept, "a", Some(1)).await, Some(1));
        assert_eq!(read(&kept, "a", Some(2)).await, Some(1));
        kept.forget("a");
        assert_eq!(read(&kept, "a", Some(2)).await, Some(2));
        kept.forget_where(|_, v| *v == 2);
        assert_eq!(read(&kept, "a", Some(3)).await, Some(3));
        kept.forget_all();
        assert_eq!(read(&kept, "a", Some(4)).await, Some(4));
    }

    #[tokio::test]
    async fn an_absent_value_is_not_kept() {
        let kept = kept();
        assert_eq!(read(&kept, "a", None).await, None);
        assert_eq!(read(&kept, "a", Some(1)).await, Some(1));
    }

    #[tokio::test]
    async fn an_expired_value_is_read_again() {
        let kept = Kept::new(Duration::ZERO);
        assert_eq!(read(&kept, "a", Some(1)).await, Some(1));
        assert_eq!(read(&kept, "a", Some(2)).await, Some(2));
    }

    #[tokio::test]
    async fn a_read_overtaken_by_a_change_is_not_kept() {
        let kept = kept();
        let loaded = kept
            .get_or_load("a", async {
                // The change commits while the old value is being read.
                kept.forget("a");
                Ok::<_, crate::Error>(Some(1))
            })
            .await
            .unwrap();
        assert_eq!(loaded.map(|v| *v), Some(1));
        assert_eq!(read(&kept, "a", Some(2)).await, Some(2));
    }
}
