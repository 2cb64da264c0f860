//! The central access layer as server code sees it: every server function declares its
//! [`Guard`] with [`guard!`](crate::guard), and gets its database handle only through
//! [`scope`], which applies that guard. The host applies the same declarations to HTTP calls
//! before the arguments are even read.

use leptos::prelude::{use_context, with_context, ServerFnError};
use leptos::server_fn::ServerFn;
use sahabot_core::authz::{self, Decision, Guard, Subject};
use sahabot_core::db::Db;
use sahabot_core::model::CurrentUser;

/// A server function's declaration: its URL path, the plugin that owns it (none for core) and
/// the guard the central layer applies.
#[derive(Debug)]
pub struct ServerFnDecl {
    pub path: &'static str,
    pub plugin: Option<&'static str>,
    pub guard: Guard,
}

inventory::collect!(ServerFnDecl);

/// Every declared server function, by path.
pub fn server_fns() -> Vec<&'static ServerFnDecl> {
    let mut list: Vec<_> = inventory::iter::<ServerFnDecl>.into_iter().collect();
    list.sort_by_key(|d| d.path);
    list
}

pub fn declaration(path: &str) -> Option<&'static ServerFnDecl> {
    inventory::iter::<ServerFnDecl>
        .into_iter()
        .find(|d| d.path == path)
}

pub use crate::host::AccessError;
pub use crate::org::OrgRef;

pub fn subject(user: &CurrentUser) -> Subject {
    // The host's actor layer only ever resolves active users.
    Subject {
        user_id: user.id,
        permission: user.permission,
        active: true,
    }
}

/// The guard's verdict once the actor's standing in the organization is known.
pub fn decide(guard: Guard, subject: Option<&Subject>, access: &authz::OrgAccess) -> Decision {
    match guard {
        Guard::Public => Decision::Allow,
        Guard::Global(action) => authz::authorize_global(subject, action),
        Guard::Org(action) => authz::authorize(subject, access, action, "*"),
    }
}

/// What a server function may use once its guard passed.
#[derive(Clone, Debug)]
pub struct Scope {
    db: Db,
    user: Option<CurrentUser>,
    org: Option<OrgRef>,
    plugin: Option<&'static str>,
}

impl Scope {
    /// The host's database handle, for the core's own server functions. A plugin uses
    /// [`Scope::data`].
    #[doc(hidden)]
    pub fn host_db(&self) -> &Db {
        &self.db
    }

    /// The owning plugin's data, for the call's organization and caller.
    pub fn data(&self) -> Result<crate::data::PluginDb, ServerFnError> {
        let plugin = self.plugin.ok_or_else(|| {
            ServerFnError::new("only a plugin's server functions have plugin data")
        })?;
        Ok(crate::data::PluginDb::new(
            self.db.clone(),
            plugin,
            self.org.clone(),
            self.user.as_ref().map(|user| sahabot_core::service::Actor {
                user_id: user.id,
                ip: client_addr(),
            }),
        ))
    }

    /// The signed-in user; an error for anonymous callers of a public function.
    pub fn user(&self) -> Result<&CurrentUser, ServerFnError> {
        self.user
            .as_ref()
            .ok_or_else(|| refuse(AccessError::NotSignedIn))
    }

    pub fn maybe_user(&self) -> Option<&CurrentUser> {
        self.user.as_ref()
    }

    /// The organization the function was called for.
    pub fn org(&self) -> Result<&OrgRef, ServerFnError> {
        self.org.as_ref().ok_or_else(|| {
            refuse(AccessError::BadRequest(
                "this function was called without an organization".into(),
            ))
        })
    }
}

impl Scope {
    /// The owning plugin's effective configuration in the scope's organization, as the
    /// plugin's own type (fields no level sets take the type's `#[serde(default)]` values).
    pub async fn config<T: serde::de::DeserializeOwned>(&self) -> Result<T, ServerFnError> {
        let plugin = self.plugin.ok_or_else(|| {
            ServerFnError::new("only a plugin's server functions have a plugin configuration")
        })?;
        let org = self.org.as_ref().map(|o| o.id);
        let map = crate::host::get()
            .map_err(refuse)?
            .config(self.db.clone(), plugin, org)
            .await
            .map_err(failed)?;
        serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
            failed(sahabot_core::Error::Invalid {
                field: "config",
                message: e.to_string(),
            })
        })
    }

    /// The user's standing in the scope's organization: membership and role statements, in one
    /// query. Load it once when several decisions are needed.
    pub async fn access(&self) -> Result<authz::OrgAccess, ServerFnError> {
        let org = self.org()?;
        match &self.user {
            Some(user) => self
                .db
                .standing()
                .org_access(&self.db, org.id, user.id)
                .await
                .map_err(failed),
            None => Ok(authz::OrgAccess::default()),
        }
    }

    /// Whether server function `F`'s declared guard lets this scope's user call it here, given
    /// their standing (from [`Scope::access`]): for a function that composes what several
    /// others would return, without asking the database again for each.
    pub fn permits<F: ServerFn>(&self, access: &authz::OrgAccess) -> Result<bool, ServerFnError> {
        let decl = declaration(F::PATH)
            .ok_or_else(|| refuse(AccessError::Undeclared(F::PATH.to_string())))?;
        let subject = self.user.as_ref().map(subject);
        Ok(decide(decl.guard, subject.as_ref(), access).is_allowed())
    }
}

/// Marks a request whose guard the host's HTTP layer already applied.
#[derive(Clone, Debug)]
pub struct Checked {
    pub path: &'static str,
    pub org: Option<OrgRef>,
}

/// Applies the calling server function's declared guard and hands out what it may use.
/// `F` is the server function's generated type (`ListMembers` for `fn list_members`).
pub async fn scope<F: ServerFn>(org: Option<&str>) -> Result<Scope, ServerFnError> {
    let db = use_context::<Db>().ok_or_else(|| refuse(AccessError::Unavailable))?;
    // Read in place: the request's head (its headers, its extensions) is not cloned.
    let (user, checked) = with_context::<http::request::Parts, _>(|p| {
        (
            p.extensions.get::<CurrentUser>().cloned(),
            p.extensions.get::<Checked>().cloned(),
        )
    })
    .unwrap_or_default();
    let checked =
        checked.filter(|c| c.path == F::PATH && c.org.as_ref().map(|o| o.slug.as_str()) == org);
    let org = match checked {
        Some(checked) => checked.org,
        None => {
            let decl = declaration(F::PATH)
                .ok_or_else(|| refuse(AccessError::Undeclared(F::PATH.to_string())))?;
            crate::host::get()
                .map_err(refuse)?
                .check(
                    db.clone(),
                    user.clone(),
                    decl.guard,
                    org.map(str::to_owned),
                    decl.plugin,
                )
                .await
                .map_err(refuse)?
        }
    };
    let plugin = declaration(F::PATH).and_then(|d| d.plugin);
    Ok(Scope {
        db,
        user,
        org,
        plugin,
    })
}

/// Turns a refusal into the server function's error, with the matching HTTP status.
pub fn refuse(error: AccessError) -> ServerFnError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    ServerFnError::new(error.to_string())
}

/// A data-layer error as a server function error: bad input keeps its message and gets 400,
/// a missing thing 404, a conflict 409, an unreachable database 503; anything else is logged
/// and reported briefly.
pub fn failed(error: sahabot_core::Error) -> ServerFnError {
    use http::StatusCode;
    use sahabot_core::Error as E;
    if error.is_unavailable() {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(StatusCode::SERVICE_UNAVAILABLE);
        }
        tracing::error!(error = %error, "server function failed");
        return ServerFnError::new("the database is unavailable; try again");
    }
    let status = match &error {
        E::Invalid { .. } => StatusCode::BAD_REQUEST,
        E::NotFound(_) => StatusCode::NOT_FOUND,
        E::Forbidden(_) => StatusCode::FORBIDDEN,
        E::Conflict(_) => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        tracing::error!(error = %error, "server function failed");
        return ServerFnError::new("the server could not do this; try again");
    }
    ServerFnError::new(error.to_string())
}

impl Scope {
    /// The signed-in user as the actor of a change, with the request's address for the audit
    /// log.
    pub fn actor(&self) -> Result<sahabot_core::service::Actor, ServerFnError> {
        Ok(sahabot_core::service::Actor {
            user_id: self.user()?.id,
            ip: client_addr(),
        })
    }
}

/// The request's client address, for the audit log.
fn client_addr() -> Option<String> {
    use sahabot_core::repo::audit::ClientAddr;
    with_context::<http::request::Parts, _>(|p| p.extensions.get::<ClientAddr>().cloned())
        .flatten()
        .and_then(|a| a.0)
}
