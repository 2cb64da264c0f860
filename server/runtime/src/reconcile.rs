//! At start: the linked plugins against the `plugins` table. New plugins are recorded (builtins
//! installed at once), changed versions recorded and upgraded, plugins no longer linked marked
//! not installed; every installed plugin's pending migrations run. A plugin whose migration or
//! hook fails is marked failed with the message; the others carry on.

use sahabot_core::db::Db;
use sahabot_core::repo::plugins::{self, PluginRow, Registered};
use sahabot_sdk::manifest::{Manifest, PluginKind};
use sahabot_sdk::registry::{self, Plugin};
use sahabot_sdk::runtime_kinds::InstallContext;

/// What reconciliation did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub added: Vec<String>,
    /// `(plugin, from, to)`.
    pub upgraded: Vec<(String, String, String)>,
    pub removed: Vec<String>,
    /// `(plugin, why)`.
    pub failed: Vec<(String, String)>,
}

/// A manifest as the `plugins` table records it.
pub(crate) fn registered<'a>(m: &'a Manifest, version: &'a str) -> Registered<'a> {
    Registered {
        plugin_id: &m.id,
        name: &m.name,
        version,
        kind: m.kind.as_str(),
        category: m.category.as_str(),
        enabled_by_default: m.enabled_by_default,
        private: m.private,
    }
}

/// What brought a plugin into service this time.
pub(crate) enum Occasion {
    Install,
    Upgrade(semver::Version),
    Start,
}

pub async fn reconcile(db: &Db) -> Result<Report, sahabot_core::Error> {
    let rows = plugins::all(db).await?;
    let mut report = Report::default();
    for plugin in registry::plugins() {
        let Some(manifest) = plugin.manifest() else {
            continue;
        };
        let version = manifest.version.to_string();
        let reg = registered(manifest, &version);
        let builtin = manifest.kind == PluginKind::Builtin;
        let existing: Option<&PluginRow> = rows.iter().find(|r| r.plugin_id == plugin.id);
        let occasion = {
            let mut conn = db.pool().acquire().await?;
            match existing {
                None => {
                    plugins::insert(&mut conn, &reg, builtin).await?;
                    report.added.push(plugin.id.to_owned());
                    builtin.then_some(Occasion::Install)
                }
                Some(row) => {
                    plugins::update_registered(&mut conn, &reg).await?;
                    if builtin && !row.is_installed {
                        plugins::set_installed(&mut conn, plugin.id, true, None).await?;
                    }
                    let installed = row.is_installed || builtin;
                    match semver::Version::parse(&row.version) {
                        _ if !installed => None,
                        _ if !row.is_installed => Some(Occasion::Install),
                        Ok(old) if old != manifest.version => {
                            report.upgraded.push((
                                plugin.id.to_owned(),
                                row.version.clone(),
                                version.clone(),
                            ));
                            Some(Occasion::Upgrade(old))
                        }
                        _ => Some(Occasion::Start),
                    }
                }
            }
        };
        if let Some(occasion) = occasion {
            if let Err(why) = bring_into_service(db, plugin, occasion).await {
                tracing::error!(plugin = plugin.id, error = %why, "plugin failed; it is out of service");
                report.failed.push((plugin.id.to_owned(), why));
            }
        }
    }
    let mut write = db.write().await?;
    for row in &rows {
        if row.is_installed && registry::plugin(&row.plugin_id).is_none() {
            plugins::set_installed(&mut write, &row.plugin_id, false, None).await?;
            report.removed.push(row.plugin_id.clone());
        }
    }
    write.invalidate_all();
    write.commit().await?;
    Ok(report)
}

/// Migrations, then the occasion's hook, then the organizations' rows; marks the plugin failed
/// (with the message) or healthy.
pub(crate) async fn bring_into_service(
    db: &Db,
    plugin: &Plugin,
    occasion: Occasion,
) -> Result<(), String> {
    let outcome = serve(db, plugin, occasion).await;
    let marked =
        plugins::set_failed(db, plugin.id, outcome.as_ref().err().map(String::as_str)).await;
    if let Err(e) = marked {
        tracing::error!(plugin = plugin.id, error = %e, "could not record the plugin's state");
    }
    outcome
}

async fn serve(db: &Db, plugin: &Plugin, occasion: Occasion) -> Result<(), String> {
    crate::migrations::apply(db, plugin).await?;
    let ctx = InstallContext {
        db: sahabot_sdk::data::PluginDb::new(db.clone(), plugin.id, None, None),
        plugin_id: plugin.id,
    };
    // Organizations get their rows once, when the plugin is installed; an organization created
    // later gets them with its creation.
    let installing = matches!(occasion, Occasion::Install);
    let hooks = &plugin.server().hooks;
    let hook = match occasion {
        Occasion::Install => hooks.install.as_ref().map(|h| h.call(ctx)),
        Occasion::Upgrade(from) => hooks.upgrade.as_ref().map(|h| h.call((ctx, from))),
        Occasion::Start => None,
    };
    if let Some(hook) = hook {
        crate::guarded::run_hook(hook).await?;
    }
    let public = plugin.manifest().filter(|m| !m.private && !m.is_global());
    if let Some(m) = public.filter(|_| installing) {
        init_orgs(db, plugin.id, m.enabled_by_default)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

async fn init_orgs(db: &Db, plugin_id: &str, enabled: bool) -> Result<(), sahabot_core::Error> {
    let mut tx = db.write().await?;
    plugins::init_plugin_in(&mut tx, plugin_id, enabled).await?;
    tx.commit().await?;
    Ok(())
}
