//! Which plugins an organization can use, and their stored configurations, cached per
//! instance. A change made through this instance invalidates its entry at once; other
//! instances on the same database see it when their entry expires, after at most
//! [`ENABLEMENT_TTL`].

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

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
    orgs: Kept<i64, BTreeSet<String>>,
    installed: Kept<(), BTreeSet<String>>,
    configs: Kept<(String, Option<i64>), StoredConfigs>,
    changes: tokio::sync::broadcast::Sender<Change>,
}

impl Default for Enablement {
    fn default() -> Self {
        Enablement {
            orgs: Kept::new(ENABLEMENT_TTL),
            installed: Kept::new(ENABLEMENT_TTL),
            configs: Kept::new(ENABLEMENT_TTL),
            changes: tokio::sync::broadcast::channel(256).0,
        }
    }
}

impl Enablement {
    /// The org-scoped plugins enabled for the organization (installed, healthy, with access).
    pub async fn enabled(&self, db: &Db, organization_id: i64) -> Result<Ids> {
        let read = async {
            let ids = plugins::enabled_for_org(db.pool(), organization_id).await?;
            Ok(ids.into_iter().collect())
        };
        self.orgs.get_or_read(&organization_id, read).await
    }

    /// The installed plugins that are not failed.
    pub async fn installed(&self, db: &Db) -> Result<Ids> {
        let read = async {
            let ids = plugins::healthy_installed(db.pool()).await?;
            Ok(ids.into_iter().collect())
        };
        self.installed.get_or_read(&(), read).await
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
        let read = plugins::configs(db, plugin_id, organization_id);
        self.configs.get_or_read(&key, read).await
    }

    pub fn forget_configs(&self) {
        self.configs.forget_all();
    }

    /// Hears every change made through this instance from now on.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    pub fn invalidate_org(&self, organization_id: i64) {
        self.orgs.forget(&organization_id);
        // No subscriber is not an error.
        let _ = self.changes.send(Change::Org(organization_id));
    }

    /// After an installation-wide change (install, uninstall, failure).
    pub fn invalidate_all(&self) {
        self.orgs.forget_all();
        self.installed.forget_all();
        self.configs.forget_all();
        let _ = self.changes.send(Change::All);
    }
}
