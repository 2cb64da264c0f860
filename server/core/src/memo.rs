//! Values derived from the database, kept by this instance while their version holds. The
//! version is a counter the writers bump in the same transaction as the change, and a reader
//! reads it with its other data: a change made on any instance shows at once, and nothing
//! is kept past it.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Entries kept at most; past it, the cache starts over.
const MAX_ENTRIES: usize = 512;

type Entry = (i64, Arc<dyn Any + Send + Sync>);

#[derive(Debug, Default)]
pub struct Memo {
    entries: Mutex<HashMap<String, Entry>>,
}

impl Memo {
    /// The value kept under `key` at `version`, if it is one of type `T`.
    pub fn get<T: Any + Send + Sync>(&self, key: &str, version: i64) -> Option<Arc<T>> {
        let entries = self.entries.lock().ok()?;
        let (kept, value) = entries.get(key)?;
        if *kept != version {
            return None;
        }
        value.clone().downcast::<T>().ok()
    }

    pub fn put<T: Any + Send + Sync>(&self, key: String, version: i64, value: Arc<T>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
                entries.clear();
            }
            entries.insert(key, (version, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_for_its_version_only() {
        let memo = Memo::default();
        assert!(memo.get::<String>("board:1", 3).is_none());
        memo.put("board:1".into(), 3, Arc::new("three".to_string()));
        assert_eq!(
            memo.get::<String>("board:1", 3)
                .as_deref()
                .map(String::as_str),
            Some("three")
        );
        assert!(
            memo.get::<String>("board:1", 4).is_none(),
            "a newer version"
        );
        assert!(memo.get::<i64>("board:1", 3).is_none(), "another type");
        assert!(memo.get::<String>("board:2", 3).is_none(), "another key");
    }

    #[test]
    fn it_starts_over_when_full() {
        let memo = Memo::default();
        for i in 0..MAX_ENTRIES {
            memo.put(format!("k{i}"), 0, Arc::new(i));
        }
        memo.put("one more".into(), 0, Arc::new(0usize));
        assert!(memo.get::<usize>("k0", 0).is_none());
        assert_eq!(memo.get::<usize>("one more", 0).as_deref(), Some(&0));
    }
}
