//! Every change to a plugin's state, with the same rules for the web app, the API and the CLI:
//! access was decided before these are called (who may do what); these decide whether the change
//! makes sense (installed, dependencies, private access, valid configuration), write it, run the
//! plugin's hook, record the audit entry and invalidate the enablement cache.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::access::select_in_service;
use crate::rules::{blocked_by, dependents, missing_requirements, needs_first, requires_graph};
use crate::RuntimeError;
use sahabot_core::db::Db;
use sahabot_core::events::{PluginDisabled, PluginEnabled, PluginInstalled, PluginUninstalled};
use sahabot_core::repo::plugins::{self, OrgPluginRow, PluginRow};
use sahabot_core::service::{record_in, Actor};
use sahabot_sdk::access::OrgRef;
use sahabot_sdk::manifest::{Manifest, PluginKind};
use sahabot_sdk::registry::{self, Plugin};
use sahabot_sdk::runtime_kinds::{InstallContext, OrgContext, OrgHookFn};

fn linked(plugin_id: &str) -> Result<(&'static Plugin, &'static Manifest), RuntimeError> {
    registry::plugin(plugin_id)
        .and_then(|p| p.manifest().map(|m| (p, m)))
        .ok_or_else(|| RuntimeError::NotFound(format!("no plugin `{plugin_id}`")))
}

async fn row(db: &Db, plugin_id: &str) -> Result<PluginRow, RuntimeError> {
    let mut conn = db
        .pool()
        .acquire()
        .await
        .map_err(sahabot_core::Error::from)?;
    plugins::get(&mut conn, plugin_id)
        .await?
        .ok_or_else(|| RuntimeError::NotFound(format!("no plugin `{plugin_id}`")))
}

/// The plugins in service for the organization, read from the database (not the cache): the
/// rules must see the latest state.
pub(crate) async fn on_for(db: &Db, org_id: i64) -> Result<BTreeSet<&'static str>, RuntimeError> {
    let mut conn = db
        .pool()
        .acquire()
        .await
        .map_err(sahabot_core::Error::from)?;
    on_for_in(&mut conn, org_id).await
}

/// [`on_for`] on the caller's connection (inside a write, to see what it holds).
async fn on_for_in(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
) -> Result<BTreeSet<&'static str>, RuntimeError> {
    let enabled = plugins::enabled_for_org(&mut *conn, org_id)
        .await?
        .into_iter()
        .collect();
    let installed = plugins::healthy_installed(&mut *conn)
        .await?
        .into_iter()
        .collect();
    Ok(select_in_service(&enabled, &installed)
        .into_iter()
        .collect())
}

async fn org_context(db: &Db, plugin: &Plugin, org: &OrgRef) -> Result<OrgContext, RuntimeError> {
    Ok(OrgContext {
        db: sahabot_sdk::data::PluginDb::new(db.clone(), plugin.id, Some(org.clone()), None),
        plugin_id: plugin.id,
        org: org.clone(),
        config: crate::plugin_config::effective(db, plugin.id, Some(org.id)).await?,
    })
}

/// Marks the plugin failed because its own code failed, and says so.
async fn plugin_failed(db: &Db, plugin_id: &str, message: String) -> RuntimeError {
    tracing::error!(plugin = plugin_id, error = %message, "plugin hook failed; it is out of service");
    if let Err(e) = plugins::set_failed(db, plugin_id, Some(&message)).await {
        tracing::error!(plugin = plugin_id, error = %e, "could not record the plugin's failure");
    }
    RuntimeError::PluginFailed {
        plugin: plugin_id.to_owned(),
        message,
    }
}

/// Runs an organization hook of the plugin, if it has one (a panic counts as a failure).
pub(crate) async fn run_org_hook(
    db: &Db,
    plugin: &Plugin,
    org: &OrgRef,
    hook: Option<&OrgHookFn>,
) -> Result<(), String> {
    let Some(hook) = hook else {
        return Ok(());
    };
    let ctx = org_context(db, plugin, org)
        .await
        .map_err(|e| format!("its configuration could not be read: {e}"))?;
    crate::guarded::run_hook(hook.call(ctx)).await
}

/// The plugin's enable hook failed for this organization: it stays off there, with the reason
/// on its switch; other organizations are untouched.
async fn enable_failed(
    db: &Db,
    actor: Option<&Actor>,
    org: &OrgRef,
    plugin_id: &str,
    message: String,
) -> RuntimeError {
    tracing::error!(plugin = plugin_id, org = org.slug, error = %message, "enable hook failed; the plugin stays off there");
    let recorded = async {
        let mut tx = db.write().await?;
        plugins::set_org_failed(&mut tx, org.id, plugin_id, &message).await?;
        if let Some(actor) = actor {
            record_in(
                &mut tx,
                actor,
                Some(org.id),
                "plugin.enable_failed",
                json!({ "plugin": plugin_id, "error": message }),
            )
            .await?;
        }
        tx.invalidate_org(org.id);
        tx.commit().await
    };
    if let Err(e) = recorded.await {
        tracing::error!(plugin = plugin_id, error = %e, "could not record the enable hook's failure");
    }
    RuntimeError::PluginFailed {
        plugin: plugin_id.to_owned(),
        message,
    }
}

/// Writes one organization's switch or access change with its event, its audit entry and its
/// cache invalidation. The dependency rules are checked again inside the write, with the
/// organization's switches held, so that concurrent changes cannot break them together.
async fn write_org_change(
    db: &Db,
    actor: &Actor,
    org: &OrgRef,
    plugin_id: &str,
    change: OrgChange,
) -> Result<(), RuntimeError> {
    let mut tx = db.write().await?;
    plugins::lock_org(&mut tx, org.id).await?;
    let on = on_for_in(&mut tx, org.id).await?;
    let name = linked(plugin_id)?.1.name.as_str();
    match change {
        OrgChange::Enabled(true) => {
            let missing = missing_requirements(plugin_id, &on, &requires_graph());
            if !missing.is_empty() {
                return Err(RuntimeError::Refused(needs_first("enable", &missing, name)));
            }
        }
        OrgChange::Enabled(false) | OrgChange::Access(false) => {
            if on.contains(plugin_id) {
                refuse_while_required(plugin_id, &on, name)?;
            }
        }
        OrgChange::Access(true) => {}
    }
    let action = match change {
        OrgChange::Enabled(on) => {
            plugins::set_enabled(&mut tx, org.id, plugin_id, on, Some(actor.user_id)).await?;
            let (organization_id, plugin) = (org.id, plugin_id.to_owned());
            if on {
                tx.emit(
                    Some(actor.user_id),
                    &PluginEnabled {
                        organization_id,
                        plugin,
                    },
                )
                .await?;
            } else {
                tx.emit(
                    Some(actor.user_id),
                    &PluginDisabled {
                        organization_id,
                        plugin,
                    },
                )
                .await?;
            }
            if on {
                "plugin.enabled"
            } else {
                "plugin.disabled"
            }
        }
        OrgChange::Access(granted) => {
            plugins::set_access(&mut tx, org.id, plugin_id, granted, actor.user_id).await?;
            if granted {
                "plugin.access_granted"
            } else {
                "plugin.access_revoked"
            }
        }
    };
    record_in(
        &mut tx,
        actor,
        Some(org.id),
        action,
        json!({ "plugin": plugin_id }),
    )
    .await?;
    tx.invalidate_org(org.id);
    tx.commit().await?;
    Ok(())
}

enum OrgChange {
    Enabled(bool),
    Access(bool),
}

/// Checks that an organization may switch the plugin: org-scoped, installed, healthy, and
/// (when private) granted to it. A private plugin without access is reported as unknown.
/// A plugin an organization may switch, with the rows the checks read.
struct Switchable {
    plugin: &'static Plugin,
    manifest: &'static Manifest,
    row: PluginRow,
    org_row: Option<OrgPluginRow>,
}

async fn switchable(db: &Db, org: &OrgRef, plugin_id: &str) -> Result<Switchable, RuntimeError> {
    let (plugin, manifest) = linked(plugin_id)?;
    if manifest.is_global() {
        return Err(RuntimeError::Refused(format!(
            "{} is global: it is always on and has no organization switch",
            manifest.name
        )));
    }
    let row = row(db, plugin_id).await?;
    let mut conn = db
        .pool()
        .acquire()
        .await
        .map_err(sahabot_core::Error::from)?;
    let org_row = plugins::org_row(&mut conn, org.id, plugin_id).await?;
    if manifest.private && !org_row.as_ref().is_some_and(|r| r.has_access) {
        return Err(RuntimeError::NotFound(format!("no plugin `{plugin_id}`")));
    }
    if !row.is_installed {
        return Err(RuntimeError::Refused(format!(
            "{} is not installed",
            manifest.name
        )));
    }
    Ok(Switchable {
        plugin,
        manifest,
        row,
        org_row,
    })
}

pub async fn enable(
    db: &Db,
    actor: &Actor,
    org: &OrgRef,
    plugin_id: &str,
) -> Result<(), RuntimeError> {
    let Switchable {
        plugin,
        manifest,
        row,
        ..
    } = switchable(db, org, plugin_id).await?;
    if let Some(error) = row.failed_error {
        return Err(RuntimeError::Refused(format!(
            "{} is out of service: {error}",
            manifest.name
        )));
    }
    let on = on_for(db, org.id).await?;
    if on.contains(plugin_id) {
        return Ok(());
    }
    let missing = missing_requirements(plugin_id, &on, &requires_graph());
    if !missing.is_empty() {
        return Err(RuntimeError::Refused(needs_first(
            "enable",
            &missing,
            &manifest.name,
        )));
    }
    if let Err(message) = run_org_hook(db, plugin, org, plugin.server().hooks.enable.as_ref()).await
    {
        return Err(enable_failed(db, Some(actor), org, plugin_id, message).await);
    }
    write_org_change(db, actor, org, plugin_id, OrgChange::Enabled(true)).await
}

pub async fn disable(
    db: &Db,
    actor: &Actor,
    org: &OrgRef,
    plugin_id: &str,
) -> Result<(), RuntimeError> {
    let Switchable {
        plugin,
        manifest,
        org_row,
        ..
    } = switchable(db, org, plugin_id).await?;
    let on = on_for(db, org.id).await?;
    if !on.contains(plugin_id) && !org_row.is_some_and(|r| r.enabled) {
        return Ok(());
    }
    refuse_while_required(plugin_id, &on, &manifest.name)?;
    run_disable_hook(db, plugin, org).await?;
    write_org_change(db, actor, org, plugin_id, OrgChange::Enabled(false)).await
}

/// Gives an organization access to a private plugin (it stays off until enabled).
pub async fn grant(
    db: &Db,
    actor: &Actor,
    org: &OrgRef,
    plugin_id: &str,
) -> Result<(), RuntimeError> {
    private(plugin_id)?;
    write_org_change(db, actor, org, plugin_id, OrgChange::Access(true)).await
}

/// Takes a private plugin away from an organization, which also turns it off there.
pub async fn revoke(
    db: &Db,
    actor: &Actor,
    org: &OrgRef,
    plugin_id: &str,
) -> Result<(), RuntimeError> {
    let (plugin, manifest) = private(plugin_id)?;
    let on = on_for(db, org.id).await?;
    if on.contains(plugin_id) {
        refuse_while_required(plugin_id, &on, &manifest.name)?;
        run_disable_hook(db, plugin, org).await?;
    }
    write_org_change(db, actor, org, plugin_id, OrgChange::Access(false)).await
}

fn private(plugin_id: &str) -> Result<(&'static Plugin, &'static Manifest), RuntimeError> {
    let (plugin, manifest) = linked(plugin_id)?;
    if !manifest.private {
        return Err(RuntimeError::Refused(format!(
            "{} is not private: every organization can use it",
            manifest.name
        )));
    }
    Ok((plugin, manifest))
}

/// Refuses while plugins that are on require this one.
fn refuse_while_required(
    plugin_id: &str,
    on: &BTreeSet<&'static str>,
    name: &str,
) -> Result<(), RuntimeError> {
    let blocking = dependents(plugin_id, on, &requires_graph());
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(RuntimeError::Refused(blocked_by(
            "disable", &blocking, name,
        )))
    }
}

/// Runs the disable hook; when it fails the plugin stays on (its cleanup did not happen), and
/// nothing else changes.
async fn run_disable_hook(db: &Db, plugin: &Plugin, org: &OrgRef) -> Result<(), RuntimeError> {
    run_org_hook(db, plugin, org, plugin.server().hooks.disable.as_ref())
        .await
        .map_err(|message| RuntimeError::PluginFailed {
            plugin: plugin.id.to_owned(),
            message: format!("{message}; it stays on"),
        })
}

/// Runs the enable hooks of the plugins a new organization starts with. A plugin whose hook
/// fails stays off in that organization, with the reason; the organization exists either way.
pub async fn org_created(db: &Db, slug: &str) -> Result<(), RuntimeError> {
    let (id, name) = sahabot_core::repo::orgs::id_and_name(db, slug)
        .await?
        .ok_or_else(|| RuntimeError::NotFound(format!("no organization `{slug}`")))?;
    let org = OrgRef {
        id,
        slug: slug.to_owned(),
        name,
    };
    for plugin_id in on_for(db, id).await? {
        let Some(plugin) = registry::plugin(plugin_id) else {
            continue;
        };
        if let Err(message) =
            run_org_hook(db, plugin, &org, plugin.server().hooks.enable.as_ref()).await
        {
            enable_failed(db, None, &org, plugin_id, message).await;
        }
    }
    Ok(())
}

/// Installs an external plugin: its migrations, its install hook, its organizations' rows.
pub async fn install(db: &Db, actor: &Actor, plugin_id: &str) -> Result<(), RuntimeError> {
    let (plugin, manifest) = linked(plugin_id)?;
    let row = row(db, plugin_id).await?;
    if row.is_installed && row.failed_error.is_none() {
        return Err(RuntimeError::Refused(format!(
            "{} is already installed",
            manifest.name
        )));
    }
    let installed: BTreeSet<String> = plugins::all(db)
        .await?
        .into_iter()
        .filter(|r| r.is_installed)
        .map(|r| r.plugin_id)
        .collect();
    let missing: Vec<&str> = manifest
        .requires
        .plugins
        .iter()
        .map(String::as_str)
        .filter(|r| !installed.contains(*r))
        .collect();
    if !missing.is_empty() {
        return Err(RuntimeError::Refused(needs_first(
            "install",
            &missing,
            &manifest.name,
        )));
    }
    let mut tx = db.write().await?;
    plugins::set_installed(&mut tx, plugin_id, true, Some(actor.user_id)).await?;
    tx.emit(
        Some(actor.user_id),
        &PluginInstalled {
            plugin: plugin_id.to_owned(),
        },
    )
    .await?;
    record_in(
        &mut tx,
        actor,
        None,
        "plugin.installed",
        json!({ "plugin": plugin_id }),
    )
    .await?;
    tx.invalidate_all();
    tx.commit().await?;
    crate::reconcile::bring_into_service(db, plugin, crate::reconcile::Occasion::Install)
        .await
        .map_err(|message| RuntimeError::PluginFailed {
            plugin: plugin_id.to_owned(),
            message,
        })
}

/// Uninstalls an external plugin. Its organizations' settings stay, for a later reinstall.
pub async fn uninstall(db: &Db, actor: &Actor, plugin_id: &str) -> Result<(), RuntimeError> {
    let (plugin, manifest) = linked(plugin_id)?;
    if manifest.kind == PluginKind::Builtin {
        return Err(RuntimeError::Refused(format!(
            "{} is built in: it cannot be uninstalled (organizations can disable it)",
            manifest.name
        )));
    }
    if !row(db, plugin_id).await?.is_installed {
        return Err(RuntimeError::Refused(format!(
            "{} is not installed",
            manifest.name
        )));
    }
    let installed: BTreeSet<&str> = plugins::all(db)
        .await?
        .iter()
        .filter(|r| r.is_installed)
        .filter_map(|r| registry::plugin(&r.plugin_id).map(|p| p.id))
        .collect();
    let blocking = dependents(plugin_id, &installed, &requires_graph());
    if !blocking.is_empty() {
        return Err(RuntimeError::Refused(blocked_by(
            "uninstall",
            &blocking,
            &manifest.name,
        )));
    }
    if let Some(hook) = &plugin.server().hooks.uninstall {
        let ctx = InstallContext {
            db: sahabot_sdk::data::PluginDb::new(db.clone(), plugin.id, None, None),
            plugin_id: plugin.id,
        };
        if let Err(message) = crate::guarded::run_hook(hook.call(ctx)).await {
            return Err(plugin_failed(db, plugin_id, message).await);
        }
    }
    let mut tx = db.write().await?;
    plugins::set_installed(&mut tx, plugin_id, false, None).await?;
    tx.emit(
        Some(actor.user_id),
        &PluginUninstalled {
            plugin: plugin_id.to_owned(),
        },
    )
    .await?;
    record_in(
        &mut tx,
        actor,
        None,
        "plugin.uninstalled",
        json!({ "plugin": plugin_id }),
    )
    .await?;
    tx.invalidate_all();
    tx.commit().await?;
    Ok(())
}

/// Checks a submitted configuration and keeps only the values it sets (`null` clears one). A
/// secret the submission leaves out keeps its `stored` value.
fn checked_config(
    manifest: &Manifest,
    values: &Map<String, Value>,
    stored: Option<&str>,
    for_org: bool,
) -> Result<Option<String>, RuntimeError> {
    let schema = &manifest.config_schema;
    let checked = if for_org {
        schema.check_org_values(values)
    } else {
        schema.check_values(values)
    };
    checked.map_err(|e| RuntimeError::Invalid {
        field: e.field,
        message: e.message,
    })?;
    let values = schema.keep_secrets(values, &crate::plugin_config::parse_stored(stored)?);
    let kept: BTreeMap<&String, &Value> = values.iter().filter(|(_, v)| !v.is_null()).collect();
    Ok((!kept.is_empty()).then(|| json!(kept).to_string()))
}

/// The audit entry of a configuration change: the values as submitted, secrets concealed.
fn configured(manifest: &Manifest, plugin_id: &str, values: &Map<String, Value>) -> Value {
    json!({ "plugin": plugin_id, "config": manifest.config_schema.conceal(values) })
}

/// Replaces the installation's configuration of a plugin.
pub async fn configure_installation(
    db: &Db,
    actor: &Actor,
    plugin_id: &str,
    values: &Map<String, Value>,
) -> Result<(), RuntimeError> {
    let (_, manifest) = linked(plugin_id)?;
    let (stored, _) = plugins::configs(db, plugin_id, None).await?;
    let stored = checked_config(manifest, values, stored.as_deref(), false)?;
    let mut tx = db.write().await?;
    plugins::set_config(&mut tx, plugin_id, stored.as_deref()).await?;
    record_in(
        &mut tx,
        actor,
        None,
        "plugin.configured",
        configured(manifest, plugin_id, values),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Replaces an organization's configuration overrides of a plugin it can see.
pub async fn configure_org(
    db: &Db,
    actor: &Actor,
    org: &OrgRef,
    plugin_id: &str,
    values: &Map<String, Value>,
) -> Result<(), RuntimeError> {
    let manifest = switchable(db, org, plugin_id).await?.manifest;
    let (_, stored) = plugins::configs(db, plugin_id, Some(org.id)).await?;
    let stored = checked_config(manifest, values, stored.as_deref(), true)?;
    let mut tx = db.write().await?;
    if plugins::org_row(&mut tx, org.id, plugin_id)
        .await?
        .is_none()
    {
        plugins::set_enabled(&mut tx, org.id, plugin_id, false, None).await?;
    }
    plugins::set_org_config(&mut tx, org.id, plugin_id, stored.as_deref()).await?;
    record_in(
        &mut tx,
        actor,
        Some(org.id),
        "plugin.configured",
        configured(manifest, plugin_id, values),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
