//! Plugin administration: an organization's switches and settings, and the platform's
//! installation, private access and installation settings. The rules live in the runtime.

use leptos::prelude::*;
use sahabot_core::model::{OrgPluginRow, PluginAdminRow};

#[cfg(feature = "ssr")]
use super::refused;

/// A configuration form's values: a JSON object.
#[cfg(feature = "ssr")]
fn config_values(text: &str) -> Result<serde_json::Map<String, serde_json::Value>, ServerFnError> {
    match serde_json::from_str(text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(refused(sahabot_runtime::RuntimeError::Invalid {
            field: "config".into(),
            message: "must be a JSON object".into(),
        })),
    }
}

/// The plugins this organization can see, with their switches and settings.
#[server]
pub async fn org_plugins(org: String) -> Result<Vec<OrgPluginRow>, ServerFnError> {
    let scope = sahabot_sdk::access::scope::<OrgPlugins>(Some(&org)).await?;
    sahabot_runtime::catalog::for_org(scope.host_db(), scope.org()?)
        .await
        .map_err(refused)
}
sahabot_sdk::guard!(OrgPlugins, org "plugin:read");

#[server]
pub async fn set_plugin_enabled(
    org: String,
    plugin: String,
    enabled: bool,
) -> Result<(), ServerFnError> {
    use sahabot_runtime::lifecycle::{disable, enable};
    let scope = sahabot_sdk::access::scope::<SetPluginEnabled>(Some(&org)).await?;
    let (db, actor, org) = (scope.host_db(), scope.actor()?, scope.org()?);
    let done = if enabled {
        enable(db, &actor, org, &plugin).await
    } else {
        disable(db, &actor, org, &plugin).await
    };
    done.map_err(refused)
}
sahabot_sdk::guard!(SetPluginEnabled, org "plugin:manage");

/// Replaces the organization's settings of a plugin; `config` is a JSON object.
#[server]
pub async fn save_org_plugin_config(
    org: String,
    plugin: String,
    config: String,
) -> Result<(), ServerFnError> {
    let scope = sahabot_sdk::access::scope::<SaveOrgPluginConfig>(Some(&org)).await?;
    let values = config_values(&config)?;
    sahabot_runtime::lifecycle::configure_org(
        scope.host_db(),
        &scope.actor()?,
        scope.org()?,
        &plugin,
        &values,
    )
    .await
    .map_err(refused)
}
sahabot_sdk::guard!(SaveOrgPluginConfig, org "plugin:manage");

/// Every linked plugin with its installation state.
#[server]
pub async fn platform_plugins() -> Result<Vec<PluginAdminRow>, ServerFnError> {
    let scope = sahabot_sdk::access::scope::<PlatformPlugins>(None).await?;
    sahabot_runtime::catalog::for_platform(scope.host_db())
        .await
        .map_err(refused)
}
sahabot_sdk::guard!(PlatformPlugins, global ManagePlugins);

#[server]
pub async fn set_plugin_installed(plugin: String, installed: bool) -> Result<(), ServerFnError> {
    use sahabot_runtime::lifecycle::{install, uninstall};
    let scope = sahabot_sdk::access::scope::<SetPluginInstalled>(None).await?;
    let (db, actor) = (scope.host_db(), scope.actor()?);
    let done = if installed {
        install(db, &actor, &plugin).await
    } else {
        uninstall(db, &actor, &plugin).await
    };
    done.map_err(refused)
}
sahabot_sdk::guard!(SetPluginInstalled, global ManagePlugins);

/// Grants or revokes an organization's access to a private plugin.
#[server]
pub async fn set_plugin_access(
    plugin: String,
    organization: String,
    granted: bool,
) -> Result<(), ServerFnError> {
    use sahabot_runtime::lifecycle::{grant, revoke};
    use sahabot_sdk::access::{failed, OrgRef};
    let scope = sahabot_sdk::access::scope::<SetPluginAccess>(None).await?;
    let (db, actor) = (scope.host_db(), scope.actor()?);
    let slug = organization.trim();
    let Some((id, name)) = sahabot_core::repo::orgs::id_and_name(db, slug)
        .await
        .map_err(failed)?
    else {
        return Err(refused(sahabot_runtime::RuntimeError::Invalid {
            field: "organization".into(),
            message: format!("there is no organization `{slug}`"),
        }));
    };
    let org = OrgRef {
        id,
        slug: slug.to_owned(),
        name,
    };
    let done = if granted {
        grant(db, &actor, &org, &plugin).await
    } else {
        revoke(db, &actor, &org, &plugin).await
    };
    done.map_err(refused)
}
sahabot_sdk::guard!(SetPluginAccess, global ManagePlugins);

/// Replaces the installation's settings of a plugin; `config` is a JSON object.
#[server]
pub async fn save_installation_config(plugin: String, config: String) -> Result<(), ServerFnError> {
    let scope = sahabot_sdk::access::scope::<SaveInstallationConfig>(None).await?;
    let values = config_values(&config)?;
    sahabot_runtime::lifecycle::configure_installation(
        scope.host_db(),
        &scope.actor()?,
        &plugin,
        &values,
    )
    .await
    .map_err(refused)
}
sahabot_sdk::guard!(SaveInstallationConfig, global ManagePlugins);
