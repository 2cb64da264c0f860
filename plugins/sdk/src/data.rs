//! What a plugin's server-side code may do with the data: read and write its own tables, read
//! the core's public data (the organization's members), and change things through one unit of
//! work that carries the change's events, audit entry and scheduled runs. The core's
//! repositories are not part of it: the host keeps those.

use std::ops::{Deref, DerefMut};

use sahabot_core::db::Db;
use sahabot_core::events::Event;
use sahabot_core::model::Member;
use sahabot_core::service::Actor;
use sahabot_core::write::Write;
use sahabot_core::Error;

use crate::org::OrgRef;

/// The host's half of the contract, as a data-layer error when none is installed.
fn host() -> Result<&'static dyn crate::host::Host, Error> {
    crate::host::get().map_err(|e| Error::Conflict(e.to_string()))
}

/// A plugin's handle on the database, for the organization and the actor it works for.
#[derive(Clone, Debug)]
pub struct PluginDb {
    db: Db,
    plugin_id: &'static str,
    org: Option<OrgRef>,
    actor: Option<Actor>,
}

impl PluginDb {
    /// Made by the host for each call into a plugin.
    pub fn new(db: Db, plugin_id: &'static str, org: Option<OrgRef>, actor: Option<Actor>) -> Self {
        PluginDb {
            db,
            plugin_id,
            org,
            actor,
        }
    }

    /// For reading the plugin's own tables.
    pub fn pool(&self) -> &sqlx::AnyPool {
        self.db.pool()
    }

    /// Starts a unit of work: the plugin's writes, with the events, audit entries and task runs
    /// they cause, all committed together by [`PluginWrite::commit`].
    pub async fn write(&self) -> Result<PluginWrite, Error> {
        Ok(PluginWrite {
            write: self.db.write().await?,
            plugin_id: self.plugin_id,
            org: self.org.as_ref().map(|o| o.id),
            actor: self.actor.clone(),
        })
    }

    pub(crate) fn host(&self) -> &Db {
        &self.db
    }

    /// The organization of the call; an error where there is none.
    pub fn org(&self) -> Result<&OrgRef, Error> {
        self.org.as_ref().ok_or_else(|| {
            Error::Conflict(format!(
                "`{}` was asked for an organization's data outside an organization",
                self.plugin_id
            ))
        })
    }

    /// The linked plugins in service for the organization (global ones included), by id.
    pub async fn plugins_in_service(&self) -> Result<Vec<&'static str>, Error> {
        host()?.in_service(self.db.clone(), self.org()?.id).await
    }

    /// The public service `T` of the plugin `provider`: only if this plugin's manifest names it
    /// (`requires.plugins` or `requires.optional_plugins`) and only where it is in service for
    /// the organization. An optional dependency that is off there is
    /// [`Error::NotFound`]: the caller goes on without it.
    pub async fn api<T: ?Sized + Send + Sync + 'static>(
        &self,
        provider: &str,
    ) -> Result<std::sync::Arc<T>, Error> {
        let host = host()?;
        if !host.declares_dependency(self.plugin_id, provider) {
            return Err(Error::Forbidden(format!(
                "plugin `{}` uses `{provider}` without naming it in its manifest's \
                 `requires.plugins` or `requires.optional_plugins`",
                self.plugin_id
            )));
        }
        if !self.plugins_in_service().await?.contains(&provider) {
            return Err(Error::NotFound(format!(
                "`{provider}` is not enabled for {}",
                self.org()?.name
            )));
        }
        host.apis(provider)
            .iter()
            .find_map(|api| api.value.downcast_ref::<std::sync::Arc<T>>())
            .cloned()
            .ok_or_else(|| {
                Error::Conflict(format!(
                    "`{provider}` offers no `{}`",
                    std::any::type_name::<T>()
                ))
            })
    }

    /// The plugins in service for the organization that extend this one (their manifest names
    /// it in `requires.plugins`) and offer `T`, by id: the randomizers Presets rolls with.
    /// Each comes with its own data handle, so its code reads its own configuration.
    pub async fn extensions<T: ?Sized + Send + Sync + 'static>(
        &self,
    ) -> Result<Vec<Service<T>>, Error> {
        let host = host()?;
        let in_service = self.plugins_in_service().await?;
        Ok(host
            .dependents(self.plugin_id)
            .into_iter()
            .filter(|id| in_service.contains(id))
            .filter_map(|id| {
                let api = host
                    .apis(id)
                    .iter()
                    .find_map(|api| api.value.downcast_ref::<std::sync::Arc<T>>())?;
                Some(Service {
                    plugin: id,
                    api: api.clone(),
                    db: PluginDb::new(self.db.clone(), id, self.org.clone(), self.actor.clone()),
                })
            })
            .collect())
    }

    /// The extension `plugin` (see [`PluginDb::extensions`]); [`Error::NotFound`] where it is
    /// not in service or offers no `T`.
    pub async fn extension<T: ?Sized + Send + Sync + 'static>(
        &self,
        plugin: &str,
    ) -> Result<Service<T>, Error> {
        self.extensions::<T>()
            .await?
            .into_iter()
            .find(|e| e.plugin == plugin)
            .ok_or_else(|| Error::NotFound(format!("`{plugin}` is not enabled here")))
    }

    /// What `read` returns, kept by this instance under `key` in this organization (include in
    /// `key` whatever else the read depends on, such as the viewer). Any change committed on
    /// this instance forgets it; another instance's change shows within two seconds. For what
    /// a page shows, not for what a change decides on: read that in its [`PluginWrite`].
    pub async fn kept<T, F>(&self, key: &str, read: F) -> Result<std::sync::Arc<T>, Error>
    where
        T: std::any::Any + Send + Sync,
        F: std::future::Future<Output = Result<T, Error>>,
    {
        let org = self.org.as_ref().map(|o| o.id);
        self.db
            .plugin_reads()
            .get_or_read(self.plugin_id, org, key, read)
            .await
    }

    /// A value derived from the plugin's data, kept by this instance while `version` holds
    /// (a counter the plugin bumps in the same write as any change the value depends on);
    /// otherwise made by `make` and kept. A refusal is not kept.
    pub async fn memoized<T, F>(
        &self,
        key: &str,
        version: i64,
        make: F,
    ) -> Result<std::sync::Arc<T>, Error>
    where
        T: std::any::Any + Send + Sync,
        F: std::future::Future<Output = Result<T, Error>>,
    {
        let key = format!("{}:{key}", self.plugin_id);
        if let Some(kept) = self.db.memo().get::<T>(&key, version) {
            return Ok(kept);
        }
        let made = std::sync::Arc::new(make.await?);
        self.db.memo().put(key, version, made.clone());
        Ok(made)
    }

    /// This plugin's effective configuration in the organization (the installation's outside
    /// one), as its own type.
    pub async fn config<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        let map = host()?
            .config(
                self.db.clone(),
                self.plugin_id,
                self.org.as_ref().map(|o| o.id),
            )
            .await?;
        serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| Error::Invalid {
            field: "config",
            message: e.to_string(),
        })
    }

    /// Where the actor stands in the call's organization (none outside one): membership,
    /// SUPERADMIN, and the role actions they hold, decided by the central rules. For a plugin
    /// whose rights depend on the thing asked for (whose namespace, whose run).
    pub async fn standing(&self) -> Result<Standing, Error> {
        use sahabot_core::authz::{OrgAccess, Subject};
        let Some(actor) = &self.actor else {
            return Ok(Standing::default());
        };
        let standing = self.db.standing();
        let Some(record) = standing.user(&self.db, actor.user_id).await? else {
            return Ok(Standing::default());
        };
        let access = match &self.org {
            Some(org) => standing.org_access(&self.db, org.id, actor.user_id).await?,
            None => OrgAccess::default(),
        };
        Ok(Standing {
            display_name: Some(record.display_name.clone()),
            subject: Some(Subject {
                user_id: record.id,
                permission: record.permission,
                active: record.is_active,
            }),
            access,
        })
    }

    /// The id of the plugin this handle belongs to.
    pub fn plugin_id(&self) -> &'static str {
        self.plugin_id
    }

    /// The user the call is made for, if any.
    pub fn actor(&self) -> Option<&Actor> {
        self.actor.as_ref()
    }

    /// [`PluginDb::api`] with the provider's data handle, for a service whose code works on the
    /// provider's own tables (Presets' roller records the roll in its history).
    pub async fn service<T: ?Sized + Send + Sync + 'static>(
        &self,
        provider: &'static str,
    ) -> Result<Service<T>, Error> {
        let api = self.api::<T>(provider).await?;
        Ok(Service {
            plugin: provider,
            api,
            db: PluginDb::new(
                self.db.clone(),
                provider,
                self.org.clone(),
                self.actor.clone(),
            ),
        })
    }

    /// The organization's members (active users), by display name, if the one asking may see
    /// the member list (the organization's setting); refused with [`Error::Forbidden`] if not.
    pub async fn members(&self) -> Result<Vec<Member>, Error> {
        use sahabot_core::repo::members::{list_for, MemberList};
        let viewer = self.actor.as_ref().map(|a| a.user_id);
        match list_for(&self.db, &self.org()?.slug, viewer).await? {
            MemberList::Visible(members) => Ok(members),
            MemberList::MembersOnly => Err(Error::Forbidden(MEMBERS_ONLY.into())),
        }
    }
}

/// The actor's standing in an organization (see [`PluginDb::standing`]).
#[derive(Clone, Debug, Default)]
pub struct Standing {
    display_name: Option<String>,
    subject: Option<sahabot_core::authz::Subject>,
    access: sahabot_core::authz::OrgAccess,
}

impl Standing {
    pub fn user_id(&self) -> Option<i64> {
        self.subject.as_ref().map(|s| s.user_id)
    }

    pub fn display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }

    pub fn is_superadmin(&self) -> bool {
        self.subject.as_ref().is_some_and(|s| {
            s.active && s.permission == sahabot_core::model::Permission::Superadmin
        })
    }

    pub fn is_member(&self) -> bool {
        self.access.member
    }

    /// Whether the actor may do the organization action `action` (`presets:manage`) there.
    pub fn holds(&self, action: &'static str) -> bool {
        crate::access::decide(
            sahabot_core::authz::Guard::Org(action),
            self.subject.as_ref(),
            &self.access,
        )
        .is_allowed()
    }
}

/// Another plugin's public service as this one reaches it: the service, and the providing
/// plugin's own data handle for the same organization and actor (the provider's code runs with
/// its own tables, configuration and audit name).
pub struct Service<T: ?Sized> {
    pub plugin: &'static str,
    pub api: std::sync::Arc<T>,
    pub db: PluginDb,
}

impl<T: ?Sized> Clone for Service<T> {
    fn clone(&self) -> Self {
        Service {
            plugin: self.plugin,
            api: self.api.clone(),
            db: self.db.clone(),
        }
    }
}

/// Why a member list is not shown.
pub const MEMBERS_ONLY: &str = "this organization shows its member list to its members only";

/// A plugin's unit of work; it dereferences to the connection its own queries run on.
/// Dropped without [`PluginWrite::commit`], it changes nothing.
pub struct PluginWrite {
    write: Write,
    plugin_id: &'static str,
    org: Option<i64>,
    actor: Option<Actor>,
}

impl PluginWrite {
    /// Publishes one of this plugin's events (`{plugin}.{name}`) with the change; listeners
    /// hear of it after the commit.
    pub async fn emit<E: Event>(&mut self, event: &E) -> Result<(), Error> {
        let own = E::TYPE
            .strip_prefix(self.plugin_id)
            .is_some_and(|rest| rest.starts_with('.'));
        if !own {
            return Err(Error::Conflict(format!(
                "plugin `{}` cannot publish `{}`: its events are named `{}.…`",
                self.plugin_id,
                E::TYPE,
                self.plugin_id
            )));
        }
        self.write
            .emit(self.actor.as_ref().map(|a| a.user_id), event)
            .await
            .map(|_| ())
    }

    /// Records the change in the audit log as `{plugin}.{action}`, with the actor and the
    /// organization of the call.
    pub async fn audit(&mut self, action: &str, details: serde_json::Value) -> Result<(), Error> {
        let action = format!("{}.{action}", self.plugin_id);
        self.write
            .audit(&sahabot_core::repo::audit::Entry {
                user_id: self.actor.as_ref().map(|a| a.user_id),
                organization_id: self.org,
                action: &action,
                details: &details.to_string(),
                ip: self.actor.as_ref().and_then(|a| a.ip.as_deref()),
            })
            .await
    }

    /// Schedules this plugin's task `key` to run once at `at` (unix milliseconds) in the
    /// organization, with `config`; returns the task's id. It shows on the organization's
    /// scheduled tasks page, where it can be run at once, paused or deleted.
    pub async fn schedule_once(
        &mut self,
        key: &str,
        name: &str,
        at: i64,
        config: serde_json::Value,
    ) -> Result<i64, Error> {
        use sahabot_core::repo::tasks::{self, NewTask};
        use sahabot_core::schedule::ScheduleSpec;
        let org = self.org.ok_or_else(|| {
            Error::Conflict("a one-time run belongs to an organization; there is none here".into())
        })?;
        let declared = host()?.declares_org_task(self.plugin_id, key);
        if !declared {
            return Err(Error::Conflict(format!(
                "plugin `{}` declares no per-organization task `{key}`",
                self.plugin_id
            )));
        }
        tasks::create(
            &mut self.write,
            &NewTask {
                organization_id: org,
                plugin_id: self.plugin_id,
                task_key: key,
                name,
                schedule: &ScheduleSpec::Once { at },
                config: &config,
                created_by: self.actor.as_ref().map(|a| a.user_id),
            },
        )
        .await
    }

    pub(crate) fn unit(&mut self) -> &mut Write {
        &mut self.write
    }

    pub(crate) fn org_id(&self) -> Option<i64> {
        self.org
    }

    pub async fn commit(mut self) -> Result<(), Error> {
        self.write.plugin_data_changed();
        self.write.commit().await
    }
}

impl Deref for PluginWrite {
    type Target = sqlx::AnyConnection;

    fn deref(&self) -> &sqlx::AnyConnection {
        &self.write
    }
}

impl DerefMut for PluginWrite {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.write
    }
}
