//! Active organizations by slug, cached per instance: every org page, server function and API
//! route resolves its organization first. A rename, an archive or a deletion made through
//! this instance forgets the entry at once (when its write commits); other instances on the
//! same database see it when their entry expires, after at most [`DIRECTORY_TTL`], as they do
//! for the plugins in service. An unknown slug is not remembered: an organization created
//! anywhere is found at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::error::Result;
use crate::repo::orgs;

pub const DIRECTORY_TTL: Duration = crate::enablement::ENABLEMENT_TTL;
/// Entries kept at most; past it, the cache starts over.
const MAX_ENTRIES: usize = 4096;

#[derive(Debug, Default)]
pub struct Directory {
    by_slug: Mutex<HashMap<String, (Instant, i64, String)>>,
}

impl Directory {
    /// The id and name of the active organization `slug`.
    pub async fn lookup(&self, db: &Db, slug: &str) -> Result<Option<(i64, String)>> {
        let kept = self.by_slug.lock().ok().and_then(|map| {
            map.get(slug)
                .filter(|(at, _, _)| at.elapsed() < DIRECTORY_TTL)
                .map(|(_, id, name)| (*id, name.clone()))
        });
        if kept.is_some() {
            return Ok(kept);
        }
        let found = orgs::id_and_name(db, slug).await?;
        if let (Some((id, name)), Ok(mut map)) = (&found, self.by_slug.lock()) {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(slug.to_owned(), (Instant::now(), *id, name.clone()));
        }
        Ok(found)
    }

    /// The organization changed (renamed, archived, deleted).
    pub fn forget(&self, organization_id: i64) {
        if let Ok(mut map) = self.by_slug.lock() {
            map.retain(|_, (_, id, _)| *id != organization_id);
        }
    }

    pub fn forget_all(&self) {
        if let Ok(mut map) = self.by_slug.lock() {
            map.clear();
        }
    }
}
