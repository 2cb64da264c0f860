//! Which plugins an organization can use, and their stored configurations, cached per
//! instance. A change made through this instance invalidates its entry at once; other
//! instances on the same database see it when their entry expires, after at most
//! [`ENABLEMENT_TTL`].

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::error::Result;
use crate::kept::Kept;
use crate::repo::plugins;

/// How long another instance may keep answering from a cached entry after a change.
pub const ENABLEMENT_TTL: Duration = Duration::from_secs(2);

type Ids = Arc<BTreeSet<String>>;

/// A plugin's stored configuration texts: the installation's and the organization's.
pub type StoredConfigs = (Option<String>, Option<String>);

/// What changed, as this instance's subscribers hear it (the Discord runtime re-syncs the
/// guilds concerned).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// One organization's plugins.
    Org(i64),
    /// Installation-wide: a plugin was installed, uninstalled or failed.
    All,
}

#[derive(Debug)]
pub struct Enablement {
    orgs: Mutex<HashMap<i64, (Instant, Ids)>>,
    installed: Mutex<Option<(Instant, Ids)>>,
    configs: Kept<(String, Option<i64>), StoredConfigs>,
    changes: tokio::sync::broadcast::Sender<Change>,
}

impl Default for Enablement {
    fn default() -> Self {
        Enablement {
            orgs: Mutex::default(),
            installed: Mutex::default(),
            configs: Kept::new(ENABLEMENT_TTL),
            changes: tokio::sync::broadcast::channel(256).0,
        }
    }
}

fn fresh(entry: &(Instant, Ids)) -> Option<Ids> {
    (entry.0.elapsed() < ENABLEMENT_TTL).then(|| entry.1.clone())
}

impl Enablement {
    /// The org-scoped plugins enabled for the organization (installed, healthy, with access).
    pub async fn enabled(&self, db: &Db, organization_id: i64) -> Result<Ids> {
        let cached = self
            .orgs
            .lock()
            .ok()
            .and_then(|m| m.get(&organization_id).and_then(fresh));
        if let Some(ids) = cached {
            return Ok(ids);
        }
        let ids: Ids = Arc::new(
            plugins::enabled_for_org(db.pool(), organization_id)
                .await?
                .into_iter()
                .collect(),
        );
        if let Ok(mut map) = self.orgs.lock() {
            map.insert(organization_id, (Instant::now(), ids.clone()));
        }
        Ok(ids)
    }

    /// The installed plugins that are not failed.
    pub async fn installed(&self, db: &Db) -> Result<Ids> {
        let cached = self
            .installed
            .lock()
            .ok()
            .and_then(|e| e.as_ref().and_then(fresh));
        if let Some(ids) = cached {
            return Ok(ids);
        }
        let ids: Ids = Arc::new(
            plugins::healthy_installed(db.pool())
                .await?
                .into_iter()
                .collect(),
        );
        if let Ok(mut entry) = self.installed.lock() {
            *entry = Some((Instant::now(), ids.clone()));
        }
        Ok(ids)
    }

    /// The stored configurations of `plugin_id`: the installation's and, with an
    /// organization, the organization's.
    pub async fn configs(
        &self,
        db: &Db,
        plugin_id: &str,
        organization_id: Option<i64>,
    ) -> Result<Arc<StoredConfigs>> {
        let key = (plugin_id.to_owned(), organization_id);
        let read = async {
            plugins::configs(db, plugin_id, organization_id)
                .await
                .map(Some)
        };
        match self.configs.get_or_load(&key, read).await? {
            Some(configs) => Ok(configs),
            None => Ok(Arc::default()),
        }
    }

    pub fn forget_configs(&self) {
        self.configs.forget_all();
    }

    /// Hears every change made through this instance from now on.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    pub fn invalidate_org(&self, organization_id: i64) {
        if let Ok(mut map) = self.orgs.lock() {
            map.remove(&organization_id);
        }
        // No subscriber is not an error.
        let _ = self.changes.send(Change::Org(organization_id));
    }

    /// After an installation-wide change (install, uninstall, failure).
    pub fn invalidate_all(&self) {
        if let Ok(mut map) = self.orgs.lock() {
            map.clear();
        }
        if let Ok(mut entry) = self.installed.lock() {
            *entry = None;
        }
        self.configs.forget_all();
        let _ = self.changes.send(Change::All);
    }
}
