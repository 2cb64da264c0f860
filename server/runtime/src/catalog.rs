//! The plugins as the administration pages show them.

use crate::plugin_config::parse_stored;
use crate::rules::{
    and_list, dependents, missing_requirements, plugin_name as name_of, requires_graph,
};
use crate::RuntimeError;
use sahabot_core::db::Db;
use sahabot_core::model::{OrgPluginRow, PluginAdminRow};
use sahabot_core::repo::plugins;
use sahabot_sdk::access::OrgRef;
use sahabot_sdk::registry;

/// Every linked plugin with its installation state, for the platform's administration.
pub async fn for_platform(db: &Db) -> Result<Vec<PluginAdminRow>, RuntimeError> {
    let rows = plugins::all(db).await?;
    let mut list = Vec::new();
    for plugin in registry::plugins() {
        let Some(m) = plugin.manifest() else { continue };
        let row = rows.iter().find(|r| r.plugin_id == plugin.id);
        let used_by = plugins::orgs_enabled(db, plugin.id, m.is_global())
            .await?
            .into_iter()
            .map(|(_, slug, _)| slug)
            .collect();
        list.push(PluginAdminRow {
            id: plugin.id.into(),
            name: m.name.clone(),
            version: m.version.to_string(),
            description: m.description.clone(),
            kind: m.kind.as_str().into(),
            category: m.category.as_str().into(),
            global: m.is_global(),
            private: m.private,
            enabled_by_default: m.enabled_by_default,
            installed: row.is_some_and(|r| r.is_installed),
            failed: row.and_then(|r| r.failed_error.clone()),
            requires: m.requires.plugins.iter().map(|id| name_of(id)).collect(),
            used_by,
            config_schema: m.config_schema.clone(),
            config: m
                .config_schema
                .conceal(&parse_stored(row.and_then(|r| r.config.as_deref()))?),
        });
    }
    Ok(list)
}

/// The plugins an organization can see (installed public ones, and private ones granted to
/// it), with their switch and configuration; global plugins have no switch and are left out.
pub async fn for_org(db: &Db, org: &OrgRef) -> Result<Vec<OrgPluginRow>, RuntimeError> {
    let rows = plugins::all(db).await?;
    let org_rows = plugins::org_rows(db, org.id).await?;
    let installation_configs = rows
        .iter()
        .map(|r| (r.plugin_id.as_str(), r.config.as_deref()));
    let installation_configs: std::collections::BTreeMap<_, _> = installation_configs.collect();
    let on = crate::lifecycle::on_for(db, org.id).await?;
    let graph = requires_graph();
    let mut list = Vec::new();
    for plugin in registry::plugins() {
        let Some(m) = plugin.manifest() else { continue };
        let Some(row) = rows.iter().find(|r| r.plugin_id == plugin.id) else {
            continue;
        };
        let org_row = org_rows.iter().find(|r| r.plugin_id == plugin.id);
        let granted = org_row.is_some_and(|r| r.has_access);
        if m.is_global() || !row.is_installed || (m.private && !granted) {
            continue;
        }
        let enabled = org_row.is_some_and(|r| r.enabled);
        let missing = missing_requirements(plugin.id, &on, &graph);
        let blocked = if let Some(error) = &row.failed_error {
            Some(format!("out of service: {error}"))
        } else if !missing.is_empty() && !enabled {
            let names: Vec<String> = missing.iter().map(|id| name_of(id)).collect();
            Some(format!("needs {} enabled first", and_list(&names)))
        } else {
            None
        };
        let config = parse_stored(org_row.and_then(|r| r.config.as_deref()))?;
        let installation = parse_stored(installation_configs.get(plugin.id).copied().flatten())?;
        list.push(OrgPluginRow {
            id: plugin.id.into(),
            name: m.name.clone(),
            description: m.description.clone(),
            category: m.category.as_str().into(),
            private: m.private,
            enabled,
            failed: row.failed_error.clone(),
            enable_failed: org_row.and_then(|r| r.failed_error.clone()),
            requires: m.requires.plugins.iter().map(|id| name_of(id)).collect(),
            required_by: dependents(plugin.id, &on, &graph)
                .into_iter()
                .map(name_of)
                .collect(),
            blocked,
            inherited_config: m.config_schema.conceal(
                &m.config_schema
                    .effective(&installation, &serde_json::Map::new()),
            ),
            config_schema: m.config_schema.for_organizations(),
            config: m.config_schema.conceal(&config),
        });
    }
    Ok(list)
}
