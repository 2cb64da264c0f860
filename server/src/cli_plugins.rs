//! `sahabot plugins …`: the same changes as the administration pages, with the same rules and
//! messages. Changes name the acting user (`--as USER_ID`), whose rights are checked by the
//! same central layer as in the web app.

use clap::Subcommand;
use sahabot_core::db::Db;
use sahabot_core::model::CurrentUser;
use sahabot_core::service::Actor;
use sahabot_runtime::access::check;
use sahabot_runtime::{catalog, lifecycle, RuntimeError};
use sahabot_sdk::access::OrgRef;
use sahabot_sdk::{GlobalAction, Guard};
use serde_json::{Map, Value};

use crate::error::Error;

#[derive(Subcommand, Debug)]
pub enum PluginsCommand {
    /// Create a plugin crate in this workspace (run from its root) and link it into the app.
    New {
        /// Its id: lowercase letters, digits and `_`, starting with a letter.
        id: String,
        /// Installed only by a global admin (`plugins/external/`), rather than built in.
        #[arg(long)]
        external: bool,
    },
    /// List every plugin: version, type, category, state, pages and who uses it.
    List,
    /// Install an external plugin (SUPERADMIN).
    Install(Target),
    /// Uninstall an external plugin (SUPERADMIN).
    Uninstall(Target),
    /// Turn a plugin on for an organization (its admins, or SUPERADMIN).
    Enable(OrgTarget),
    /// Turn a plugin off for an organization.
    Disable(OrgTarget),
    /// Give an organization access to a private plugin (SUPERADMIN).
    Grant(OrgTarget),
    /// Take a private plugin away from an organization; it is turned off there.
    Revoke(OrgTarget),
    /// Change a plugin's settings: the installation's, or an organization's with `--org`.
    Config {
        #[command(flatten)]
        target: Target,
        /// The organization whose settings change; without it, the installation's.
        #[arg(long)]
        org: Option<String>,
        /// `key=value` (a JSON value, or text); `key=` removes the setting. Repeatable.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
    },
}

#[derive(clap::Args, Debug)]
pub struct Target {
    /// The plugin's id.
    pub plugin: String,
    /// The id of the user who makes the change.
    #[arg(long = "as", value_name = "USER_ID")]
    pub user_id: i64,
}

#[derive(clap::Args, Debug)]
pub struct OrgTarget {
    #[command(flatten)]
    pub target: Target,
    /// The organization's address (slug).
    #[arg(long)]
    pub org: String,
}

fn refused(e: RuntimeError) -> Error {
    Error::Config(e.to_string())
}

/// The acting user, checked against `guard` like a web request; returns the organization.
async fn authorize(
    db: &Db,
    user_id: i64,
    guard: Guard,
    org: Option<&str>,
) -> Result<(Actor, Option<OrgRef>), Error> {
    let user = sahabot_core::repo::users::auth_record_by_id(db, user_id)
        .await?
        .filter(|u| u.is_active)
        .ok_or_else(|| Error::Config(format!("there is no active user with id {user_id}")))?;
    let current = CurrentUser {
        id: user.id,
        display_name: user.display_name.clone(),
        permission: user.permission,
        impersonated_by: None,
    };
    let org = check(db, Some(&current), guard, org, None)
        .await
        .map_err(|e| Error::Config(e.to_string()))?;
    Ok((
        Actor {
            user_id: user.id,
            ip: None,
        },
        org,
    ))
}

pub async fn run(db: &Db, command: PluginsCommand) -> Result<String, Error> {
    let manage = Guard::Global(GlobalAction::ManagePlugins);
    let org_manage = Guard::Org("plugin:manage");
    match command {
        PluginsCommand::New { .. } => Err(Error::Config(
            "`plugins new` needs no database; it is run by the CLI directly".into(),
        )),
        PluginsCommand::List => Ok(table(&catalog::for_platform(db).await.map_err(refused)?)),
        PluginsCommand::Install(t) => {
            let (actor, _) = authorize(db, t.user_id, manage, None).await?;
            lifecycle::install(db, &actor, &t.plugin)
                .await
                .map_err(refused)?;
            Ok(format!("{} installed\n", t.plugin))
        }
        PluginsCommand::Uninstall(t) => {
            let (actor, _) = authorize(db, t.user_id, manage, None).await?;
            lifecycle::uninstall(db, &actor, &t.plugin)
                .await
                .map_err(refused)?;
            Ok(format!("{} uninstalled\n", t.plugin))
        }
        PluginsCommand::Enable(o) => {
            let (actor, org) = org_scoped(db, &o, org_manage).await?;
            lifecycle::enable(db, &actor, &org, &o.target.plugin)
                .await
                .map_err(refused)?;
            Ok(format!("{} enabled for {}\n", o.target.plugin, org.slug))
        }
        PluginsCommand::Disable(o) => {
            let (actor, org) = org_scoped(db, &o, org_manage).await?;
            lifecycle::disable(db, &actor, &org, &o.target.plugin)
                .await
                .map_err(refused)?;
            Ok(format!("{} disabled for {}\n", o.target.plugin, org.slug))
        }
        PluginsCommand::Grant(o) => {
            let (actor, org) = org_scoped(db, &o, manage).await?;
            lifecycle::grant(db, &actor, &org, &o.target.plugin)
                .await
                .map_err(refused)?;
            Ok(format!("{} granted to {}\n", o.target.plugin, org.slug))
        }
        PluginsCommand::Revoke(o) => {
            let (actor, org) = org_scoped(db, &o, manage).await?;
            lifecycle::revoke(db, &actor, &org, &o.target.plugin)
                .await
                .map_err(refused)?;
            Ok(format!("{} revoked from {}\n", o.target.plugin, org.slug))
        }
        PluginsCommand::Config { target, org, set } => {
            let changes = parse_settings(&set)?;
            match org {
                None => {
                    let (actor, _) = authorize(db, target.user_id, manage, None).await?;
                    let mut values = current(db, &target.plugin, None).await?;
                    merge(&mut values, changes);
                    lifecycle::configure_installation(db, &actor, &target.plugin, &values)
                        .await
                        .map_err(refused)?;
                    Ok(format!(
                        "{} settings saved: {}\n",
                        target.plugin,
                        shown(&target.plugin, &values)
                    ))
                }
                Some(slug) => {
                    let (actor, org) =
                        authorize(db, target.user_id, org_manage, Some(&slug)).await?;
                    let org =
                        org.ok_or_else(|| Error::Config(format!("no organization `{slug}`")))?;
                    let mut values = current(db, &target.plugin, Some(org.id)).await?;
                    merge(&mut values, changes);
                    lifecycle::configure_org(db, &actor, &org, &target.plugin, &values)
                        .await
                        .map_err(refused)?;
                    Ok(format!(
                        "{} settings for {} saved: {}\n",
                        target.plugin,
                        org.slug,
                        shown(&target.plugin, &values)
                    ))
                }
            }
        }
    }
}

async fn org_scoped(db: &Db, o: &OrgTarget, guard: Guard) -> Result<(Actor, OrgRef), Error> {
    let (actor, org) = match guard {
        Guard::Org(_) => authorize(db, o.target.user_id, guard, Some(&o.org)).await?,
        _ => {
            let (actor, _) = authorize(db, o.target.user_id, guard, None).await?;
            let (id, name) = sahabot_core::repo::orgs::id_and_name(db, &o.org)
                .await?
                .ok_or_else(|| Error::Config(format!("no organization `{}`", o.org)))?;
            let org = OrgRef {
                id,
                slug: o.org.clone(),
                name,
            };
            (actor, Some(org))
        }
    };
    let org = org.ok_or_else(|| Error::Config(format!("no organization `{}`", o.org)))?;
    Ok((actor, org))
}

/// Saved settings as the command prints them: secrets concealed.
fn shown(plugin: &str, values: &Map<String, Value>) -> Value {
    match sahabot_sdk::registry::plugin(plugin).and_then(|p| p.manifest()) {
        Some(manifest) => Value::Object(manifest.config_schema.conceal(values)),
        None => Value::Object(values.clone()),
    }
}

/// The settings stored at one level (the installation's, or an organization's).
async fn current(db: &Db, plugin: &str, org: Option<i64>) -> Result<Map<String, Value>, Error> {
    let (installation, organization) =
        sahabot_core::repo::plugins::configs(db, plugin, org).await?;
    let text = if org.is_some() {
        organization
    } else {
        installation
    };
    Ok(sahabot_runtime::plugin_config::parse_stored(
        text.as_deref(),
    )?)
}

/// `key=value` pairs: the value as JSON when it parses (`30`, `true`), else as text; an empty
/// value removes the key.
fn parse_settings(pairs: &[String]) -> Result<Vec<(String, Value)>, Error> {
    pairs
        .iter()
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| Error::Config(format!("`{pair}`: write settings as key=value")))?;
            let value = if value.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(value).unwrap_or_else(|_| Value::from(value))
            };
            Ok((key.trim().to_owned(), value))
        })
        .collect()
}

fn merge(values: &mut Map<String, Value>, changes: Vec<(String, Value)>) {
    for (key, value) in changes {
        values.insert(key, value);
    }
}

fn table(list: &[sahabot_core::model::PluginAdminRow]) -> String {
    let mut out = format!(
        "{:<16} {:<18} {:<8} {:<9} {:<12} {:<14} {:<28} {}\n",
        "ID", "NAME", "VERSION", "TYPE", "CATEGORY", "STATE", "PAGES", "USED BY"
    );
    for p in list {
        let state = match (&p.failed, p.installed) {
            (Some(_), _) => "failed",
            (None, true) => "installed",
            (None, false) => "not installed",
        };
        let pages: Vec<String> = sahabot_sdk::registry::plugin(&p.id)
            .map(|r| {
                r.contributions
                    .pages()
                    .iter()
                    .map(|page| page.url_pattern())
                    .collect()
            })
            .unwrap_or_default();
        let used_by = if p.global {
            "(global)".to_string()
        } else {
            p.used_by.join(",")
        };
        out.push_str(&format!(
            "{:<16} {:<18} {:<8} {:<9} {:<12} {:<14} {:<28} {}\n",
            p.id,
            p.name,
            p.version,
            p.kind,
            p.category,
            state,
            pages.join(","),
            used_by
        ));
        if let Some(error) = &p.failed {
            out.push_str(&format!("  ! {error}\n"));
        }
    }
    out
}
