//! The host's half of the access layer: the organization a call names, the actor's standing
//! there, and whether a plugin is in service. The HTTP layers, the Discord runtime and the
//! scheduler call these directly; the SDK reaches them through [`RegistryHost`], installed at
//! start.

use sahabot_core::authz::{self, Decision, Guard};
use sahabot_core::db::Db;
use sahabot_core::model::CurrentUser;
use sahabot_sdk::access::{decide, subject, AccessError, OrgRef};
use sahabot_sdk::handler::BoxFuture;
use sahabot_sdk::registry;

fn unavailable(e: sahabot_core::Error) -> AccessError {
    tracing::error!(error = %e, "access check could not read the database");
    AccessError::Unavailable
}

/// Applies `guard` for `user`, and, for a contribution of `plugin`, whether that plugin is in
/// service there (404 when not); returns the organization named by `org_slug`, resolved.
pub async fn check(
    db: &Db,
    user: Option<&CurrentUser>,
    guard: Guard,
    org_slug: Option<&str>,
    plugin: Option<&str>,
) -> Result<Option<OrgRef>, AccessError> {
    let org = match org_slug {
        Some(slug) => Some(resolve_org(db, slug).await?),
        None => None,
    };
    if let Some(plugin) = plugin {
        ensure_in_service(db, plugin, org.as_ref()).await?;
    }
    let subject = user.map(subject);
    let access = match (guard, &org, &subject) {
        (Guard::Org(_), None, _) => {
            return Err(AccessError::BadRequest(
                "this request must name an organization (`org`)".into(),
            ))
        }
        (Guard::Org(_), Some(org), Some(s)) => db
            .standing()
            .org_access(db, org.id, s.user_id)
            .await
            .map_err(unavailable)?,
        _ => authz::OrgAccess::default(),
    };
    let decision = decide(guard, subject.as_ref(), &access);
    match decision {
        Decision::Allow => Ok(org),
        Decision::Deny(reason) => Err(AccessError::from_reason(reason)),
    }
}

/// Whether `plugin` may run for `org`: a global plugin when it is installed and healthy, an
/// org-scoped one when it is enabled there (without an organization: when installed).
pub async fn plugin_in_service(
    db: &Db,
    plugin: &str,
    org: Option<&OrgRef>,
) -> Result<bool, AccessError> {
    let Some(registered) = registry::plugin(plugin) else {
        return Ok(false);
    };
    match org {
        Some(org) if !registered.is_global() => Ok(db
            .enablement()
            .enabled(db, org.id)
            .await
            .map_err(unavailable)?
            .contains(plugin)),
        _ => Ok(db
            .enablement()
            .installed(db)
            .await
            .map_err(unavailable)?
            .contains(plugin)),
    }
}

async fn ensure_in_service(db: &Db, plugin: &str, org: Option<&OrgRef>) -> Result<(), AccessError> {
    if plugin_in_service(db, plugin, org).await? {
        return Ok(());
    }
    Err(AccessError::NotFound(match org {
        Some(org) => format!("the plugin `{plugin}` is not enabled for {}", org.name),
        None => format!("the plugin `{plugin}` is not installed"),
    }))
}

/// The linked plugins in service for an organization (global ones included), by id.
pub async fn plugins_in_service(db: &Db, org: &OrgRef) -> Result<Vec<&'static str>, AccessError> {
    in_service_for(db, org.id).await.map_err(unavailable)
}

/// [`plugins_in_service`], with the data layer's error.
pub async fn in_service_for(
    db: &Db,
    organization_id: i64,
) -> Result<Vec<&'static str>, sahabot_core::Error> {
    let enabled = db.enablement().enabled(db, organization_id).await?;
    let installed = db.enablement().installed(db).await?;
    Ok(select_in_service(&enabled, &installed))
}

/// Of the linked plugins, those in service given the organization's enabled plugins and the
/// installed healthy ones: global plugins when installed, the others when enabled.
pub fn select_in_service(
    enabled: &std::collections::BTreeSet<String>,
    installed: &std::collections::BTreeSet<String>,
) -> Vec<&'static str> {
    registry::plugins()
        .iter()
        .filter(|p| {
            if p.is_global() {
                installed.contains(p.id)
            } else {
                enabled.contains(p.id)
            }
        })
        .map(|p| p.id)
        .collect()
}

async fn resolve_org(db: &Db, slug: &str) -> Result<OrgRef, AccessError> {
    match db.directory().lookup(db, slug).await.map_err(unavailable)? {
        Some((id, name)) => Ok(OrgRef {
            id,
            slug: slug.to_owned(),
            name,
        }),
        None => Err(AccessError::NotFound(format!("no organization `{slug}`"))),
    }
}

/// The SDK's view of this host (see [`sahabot_sdk::host`]).
pub struct RegistryHost;

impl sahabot_sdk::host::Host for RegistryHost {
    fn check(
        &self,
        db: Db,
        user: Option<CurrentUser>,
        guard: Guard,
        org_slug: Option<String>,
        plugin: Option<&'static str>,
    ) -> BoxFuture<Result<Option<OrgRef>, AccessError>> {
        Box::pin(async move { check(&db, user.as_ref(), guard, org_slug.as_deref(), plugin).await })
    }

    fn in_service(
        &self,
        db: Db,
        organization_id: i64,
    ) -> BoxFuture<Result<Vec<&'static str>, sahabot_core::Error>> {
        Box::pin(async move { in_service_for(&db, organization_id).await })
    }

    fn config(
        &self,
        db: Db,
        plugin: &'static str,
        organization_id: Option<i64>,
    ) -> BoxFuture<Result<serde_json::Map<String, serde_json::Value>, sahabot_core::Error>> {
        Box::pin(async move { crate::plugin_config::effective(&db, plugin, organization_id).await })
    }

    fn declares_dependency(&self, plugin: &str, other: &str) -> bool {
        registry::plugin(plugin)
            .and_then(|p| p.manifest())
            .is_some_and(|m| {
                m.requires.plugins.iter().any(|id| id == other)
                    || m.requires.optional_plugins.iter().any(|id| id == other)
            })
    }

    fn dependents(&self, plugin: &str) -> Vec<&'static str> {
        registry::plugins()
            .iter()
            .filter(|p| {
                p.manifest()
                    .is_some_and(|m| m.requires.plugins.iter().any(|id| id == plugin))
            })
            .map(|p| p.id)
            .collect()
    }

    fn apis(&self, plugin: &str) -> &'static [sahabot_sdk::PublicApi] {
        registry::plugin(plugin).map_or(&[], |p| p.server().apis.as_slice())
    }

    fn declares_org_task(&self, plugin: &str, key: &str) -> bool {
        registry::tasks()
            .into_iter()
            .any(|d| d.plugin_id == plugin && d.task.key == key && !d.task.global)
    }
}

/// Installs [`RegistryHost`] for the SDK; called once at start, before any plugin runs.
pub fn install_host() {
    sahabot_sdk::host::install(Box::new(RegistryHost));
}
