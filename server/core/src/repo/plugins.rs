//! The plugin tables: `plugins` (one row per linked plugin), `organization_plugins` (enablement,
//! private access and configuration per organization) and `plugin_migrations`.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::db::{get_bool, Db};
use crate::error::Result;
use crate::time::now_millis;

/// A `plugins` row.
#[derive(Clone, Debug, PartialEq)]
pub struct PluginRow {
    pub plugin_id: String,
    pub name: String,
    pub version: String,
    pub kind: String,
    pub category: String,
    pub is_installed: bool,
    pub enabled_by_default: bool,
    pub private: bool,
    pub installed_at: Option<i64>,
    pub config: Option<String>,
    pub failed_error: Option<String>,
}

/// What the registry says about a plugin, written into its row at start.
#[derive(Clone, Debug)]
pub struct Registered<'a> {
    pub plugin_id: &'a str,
    pub name: &'a str,
    pub version: &'a str,
    pub kind: &'a str,
    pub category: &'a str,
    pub enabled_by_default: bool,
    pub private: bool,
}

/// An `organization_plugins` row.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgPluginRow {
    pub organization_id: i64,
    pub plugin_id: String,
    pub enabled: bool,
    pub has_access: bool,
    pub access_granted_at: Option<i64>,
    pub access_granted_by: Option<String>,
    pub enabled_at: Option<i64>,
    pub config: Option<String>,
    /// Why its enable hook failed here, the last time it was switched on.
    pub failed_error: Option<String>,
}

fn plugin_row(row: &AnyRow) -> Result<PluginRow> {
    Ok(PluginRow {
        plugin_id: row.try_get("plugin_id")?,
        name: row.try_get("name")?,
        version: row.try_get("version")?,
        kind: row.try_get("kind")?,
        category: row.try_get("category")?,
        is_installed: get_bool(row, "is_installed")?,
        enabled_by_default: get_bool(row, "enabled_by_default")?,
        private: get_bool(row, "private")?,
        installed_at: row.try_get("installed_at")?,
        config: row.try_get("config")?,
        failed_error: row.try_get("failed_error")?,
    })
}

const PLUGIN_COLUMNS: &str = "plugin_id, name, version, kind, category, is_installed, \
    enabled_by_default, private, installed_at, config, failed_error";

pub async fn all(db: &Db) -> Result<Vec<PluginRow>> {
    let rows = sqlx::query(&format!(
        "SELECT {PLUGIN_COLUMNS} FROM plugins ORDER BY plugin_id"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(plugin_row).collect()
}

pub async fn get(conn: &mut AnyConnection, plugin_id: &str) -> Result<Option<PluginRow>> {
    let row = sqlx::query(&format!(
        "SELECT {PLUGIN_COLUMNS} FROM plugins WHERE plugin_id = $1"
    ))
    .bind(plugin_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(plugin_row).transpose()
}

/// Records a plugin seen for the first time; `installed` for builtins.
pub async fn insert(conn: &mut AnyConnection, r: &Registered<'_>, installed: bool) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO plugins (plugin_id, name, version, kind, category, is_installed,
            enabled_by_default, private, installed_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(r.plugin_id)
    .bind(r.name)
    .bind(r.version)
    .bind(r.kind)
    .bind(r.category)
    .bind(installed)
    .bind(r.enabled_by_default)
    .bind(r.private)
    .bind(installed.then_some(now))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Brings a row in line with what the linked plugin now declares.
pub async fn update_registered(conn: &mut AnyConnection, r: &Registered<'_>) -> Result<()> {
    sqlx::query(
        "UPDATE plugins SET name = $2, version = $3, kind = $4, category = $5,
            enabled_by_default = $6, private = $7, updated_at = $8
         WHERE plugin_id = $1",
    )
    .bind(r.plugin_id)
    .bind(r.name)
    .bind(r.version)
    .bind(r.kind)
    .bind(r.category)
    .bind(r.enabled_by_default)
    .bind(r.private)
    .bind(now_millis())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_installed(
    conn: &mut AnyConnection,
    plugin_id: &str,
    installed: bool,
    by: Option<i64>,
) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "UPDATE plugins SET is_installed = $2, installed_at = $3, installed_by = $4,
            failed_error = NULL, failed_at = NULL, updated_at = $5
         WHERE plugin_id = $1",
    )
    .bind(plugin_id)
    .bind(installed)
    .bind(installed.then_some(now))
    .bind(by.filter(|_| installed))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks a plugin failed with the reason, or healthy again with `None`.
pub async fn set_failed(db: &Db, plugin_id: &str, error: Option<&str>) -> Result<()> {
    let now = now_millis();
    let mut write = db.write().await?;
    sqlx::query(
        "UPDATE plugins SET failed_error = $2, failed_at = $3, updated_at = $4 WHERE plugin_id = $1",
    )
    .bind(plugin_id)
    .bind(error)
    .bind(error.map(|_| now))
    .bind(now)
    .execute(&mut *write)
    .await?;
    write.invalidate_all();
    write.commit().await
}

pub async fn set_config(
    w: &mut crate::write::Write,
    plugin_id: &str,
    config: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE plugins SET config = $2, updated_at = $3 WHERE plugin_id = $1")
        .bind(plugin_id)
        .bind(config)
        .bind(now_millis())
        .execute(&mut **w)
        .await?;
    w.config_changed();
    Ok(())
}

/// Gives a new organization the rows of every installed plugin that is neither private nor
/// global, enabled as each plugin's default says.
pub async fn init_org_in(conn: &mut AnyConnection, organization_id: i64) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO organization_plugins (organization_id, plugin_id, enabled, has_access,
            enabled_at, created_at, updated_at)
         SELECT $1, plugin_id, enabled_by_default, $2,
            CASE WHEN enabled_by_default THEN $3 ELSE NULL END, $3, $3
         FROM plugins
         WHERE is_installed AND NOT private AND category <> 'global'",
    )
    .bind(organization_id)
    .bind(true)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Gives every organization that has no row for a newly installed public plugin one, enabled
/// as its default says.
pub async fn init_plugin_in(
    conn: &mut AnyConnection,
    plugin_id: &str,
    enabled: bool,
) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO organization_plugins (organization_id, plugin_id, enabled, has_access,
            enabled_at, created_at, updated_at)
         SELECT o.id, $1, $2, $3, $4, $5, $5 FROM organizations o
         WHERE NOT EXISTS (SELECT 1 FROM organization_plugins op
                           WHERE op.organization_id = o.id AND op.plugin_id = $1)",
    )
    .bind(plugin_id)
    .bind(enabled)
    .bind(true)
    .bind(enabled.then_some(now))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn org_plugin_row(row: &AnyRow) -> Result<OrgPluginRow> {
    Ok(OrgPluginRow {
        organization_id: row.try_get("organization_id")?,
        plugin_id: row.try_get("plugin_id")?,
        enabled: get_bool(row, "enabled")?,
        has_access: get_bool(row, "has_access")?,
        access_granted_at: row.try_get("access_granted_at")?,
        access_granted_by: row.try_get("granted_by_name")?,
        enabled_at: row.try_get("enabled_at")?,
        config: row.try_get("config")?,
        failed_error: row.try_get("failed_error")?,
    })
}

const ORG_PLUGIN_SELECT: &str = "SELECT op.organization_id, op.plugin_id, op.enabled, \
    op.has_access, op.access_granted_at, u.display_name AS granted_by_name, op.enabled_at, \
    op.config, op.failed_error FROM organization_plugins op LEFT JOIN users u ON u.id = op.access_granted_by";

/// An organization's rows, by plugin id.
pub async fn org_rows(db: &Db, organization_id: i64) -> Result<Vec<OrgPluginRow>> {
    let rows = sqlx::query(&format!(
        "{ORG_PLUGIN_SELECT} WHERE op.organization_id = $1 ORDER BY op.plugin_id"
    ))
    .bind(organization_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(org_plugin_row).collect()
}

pub async fn org_row(
    conn: &mut AnyConnection,
    organization_id: i64,
    plugin_id: &str,
) -> Result<Option<OrgPluginRow>> {
    let row = sqlx::query(&format!(
        "{ORG_PLUGIN_SELECT} WHERE op.organization_id = $1 AND op.plugin_id = $2"
    ))
    .bind(organization_id)
    .bind(plugin_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(org_plugin_row).transpose()
}

/// The plugins an organization can use now: installed, healthy, with access and enabled.
/// (Global plugins have no row and are decided by the caller.)
pub async fn enabled_for_org<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
    organization_id: i64,
) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT op.plugin_id FROM organization_plugins op
         JOIN plugins p ON p.plugin_id = op.plugin_id
         JOIN organizations o ON o.id = op.organization_id
         WHERE op.organization_id = $1 AND op.enabled AND op.has_access
           AND p.is_installed AND p.failed_error IS NULL AND o.is_active = TRUE
         ORDER BY op.plugin_id",
    )
    .bind(organization_id)
    .fetch_all(on)
    .await?)
}

/// Installed plugins that are not failed.
pub async fn healthy_installed<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT plugin_id FROM plugins WHERE is_installed AND failed_error IS NULL
         ORDER BY plugin_id",
    )
    .fetch_all(on)
    .await?)
}

/// Records that the plugin's enable hook failed for the organization: it stays off there, with
/// the reason (creating its row when missing).
pub async fn set_org_failed(
    conn: &mut AnyConnection,
    organization_id: i64,
    plugin_id: &str,
    error: &str,
) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO organization_plugins (organization_id, plugin_id, enabled, has_access,
            failed_error, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (organization_id, plugin_id) DO UPDATE SET
            enabled = excluded.enabled, failed_error = excluded.failed_error,
            updated_at = excluded.updated_at",
    )
    .bind(organization_id)
    .bind(plugin_id)
    .bind(false)
    .bind(true)
    .bind(error)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Holds the organization's plugin switches until the caller's transaction ends: two changes
/// to one organization's plugins then run one after the other, each seeing the other's result,
/// so the dependency rules they check cannot both pass against the same old state.
pub async fn lock_org(conn: &mut AnyConnection, organization_id: i64) -> Result<()> {
    sqlx::query("UPDATE organizations SET updated_at = updated_at WHERE id = $1")
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets a plugin on or off for an organization, creating its row when missing.
pub async fn set_enabled(
    conn: &mut AnyConnection,
    organization_id: i64,
    plugin_id: &str,
    enabled: bool,
    by: Option<i64>,
) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO organization_plugins (organization_id, plugin_id, enabled, has_access,
            enabled_at, enabled_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (organization_id, plugin_id) DO UPDATE SET
            enabled = excluded.enabled, enabled_at = excluded.enabled_at,
            enabled_by = excluded.enabled_by, failed_error = NULL,
            updated_at = excluded.updated_at",
    )
    .bind(organization_id)
    .bind(plugin_id)
    .bind(enabled)
    .bind(true)
    .bind(enabled.then_some(now))
    .bind(by.filter(|_| enabled))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Grants (with who and when) or revokes an organization's access to a private plugin;
/// revoking also turns it off there.
pub async fn set_access(
    conn: &mut AnyConnection,
    organization_id: i64,
    plugin_id: &str,
    granted: bool,
    by: i64,
) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO organization_plugins (organization_id, plugin_id, enabled, has_access,
            access_granted_at, access_granted_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (organization_id, plugin_id) DO UPDATE SET
            has_access = excluded.has_access,
            access_granted_at = excluded.access_granted_at,
            access_granted_by = excluded.access_granted_by,
            enabled = CASE WHEN excluded.has_access THEN organization_plugins.enabled ELSE excluded.enabled END,
            updated_at = excluded.updated_at",
    )
    .bind(organization_id)
    .bind(plugin_id)
    .bind(false)
    .bind(granted)
    .bind(granted.then_some(now))
    .bind(granted.then_some(by))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_org_config(
    w: &mut crate::write::Write,
    organization_id: i64,
    plugin_id: &str,
    config: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE organization_plugins SET config = $3, updated_at = $4
         WHERE organization_id = $1 AND plugin_id = $2",
    )
    .bind(organization_id)
    .bind(plugin_id)
    .bind(config)
    .bind(now_millis())
    .execute(&mut **w)
    .await?;
    w.config_changed();
    Ok(())
}

/// The installation's and the organization's configuration texts, for the effective config
/// (read through [`crate::enablement::Enablement::configs`] where a second-old value will do).
pub async fn configs(
    db: &Db,
    plugin_id: &str,
    organization_id: Option<i64>,
) -> Result<(Option<String>, Option<String>)> {
    let installation: Option<Option<String>> =
        sqlx::query_scalar("SELECT config FROM plugins WHERE plugin_id = $1")
            .bind(plugin_id)
            .fetch_optional(db.pool())
            .await?;
    let organization: Option<Option<String>> = match organization_id {
        Some(org) => sqlx::query_scalar(
            "SELECT config FROM organization_plugins WHERE organization_id = $1 AND plugin_id = $2",
        )
        .bind(org)
        .bind(plugin_id)
        .fetch_optional(db.pool())
        .await?,
        None => None,
    };
    Ok((installation.flatten(), organization.flatten()))
}

/// Organizations that have the plugin enabled (`global`: every organization), as
/// `(id, slug, name)`.
pub async fn orgs_enabled(
    db: &Db,
    plugin_id: &str,
    global: bool,
) -> Result<Vec<(i64, String, String)>> {
    let sql = if global {
        "SELECT o.id, o.slug, o.name FROM organizations o WHERE $1 = $1 ORDER BY o.slug"
    } else {
        "SELECT o.id, o.slug, o.name FROM organization_plugins op
         JOIN organizations o ON o.id = op.organization_id
         WHERE op.plugin_id = $1 AND op.enabled AND op.has_access ORDER BY o.slug"
    };
    let rows = sqlx::query(sql)
        .bind(plugin_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("slug")?, r.try_get("name")?)))
        .collect()
}

/// A plugin migration's record: `(checksum, success)`.
pub async fn migration_record(
    db: &Db,
    plugin_id: &str,
    name: &str,
) -> Result<Option<(String, bool)>> {
    let row = sqlx::query(
        "SELECT checksum, success FROM plugin_migrations WHERE plugin_id = $1 AND migration_name = $2",
    )
    .bind(plugin_id)
    .bind(name)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| Ok((r.try_get("checksum")?, get_bool(&r, "success")?)))
        .transpose()
}

/// Records a plugin migration's outcome (replacing an earlier failed attempt).
pub async fn record_migration(
    conn: &mut AnyConnection,
    plugin_id: &str,
    version: &str,
    name: &str,
    checksum: &str,
    error: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO plugin_migrations (plugin_id, version, migration_name, checksum, applied_at,
            success, error_message)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (plugin_id, migration_name) DO UPDATE SET
            version = excluded.version, checksum = excluded.checksum,
            applied_at = excluded.applied_at, success = excluded.success,
            error_message = excluded.error_message",
    )
    .bind(plugin_id)
    .bind(version)
    .bind(name)
    .bind(checksum)
    .bind(now_millis())
    .bind(error.is_none())
    .bind(error)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
