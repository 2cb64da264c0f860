//! What a plugin contributes, listed in one place: its `build` function receives a
//! [`Contributions`] and names every page, route, command, listener, task, migration and hook.
//! Each contribution is tagged with the plugin's id by construction.

#[cfg(feature = "ssr")]
use std::future::Future;

#[cfg(feature = "ssr")]
use crate::discord::{
    Command, CommandCall, CommandDecl, CommandOptions, ComponentCall, ComponentDecl, Reply,
    Response,
};
#[cfg(feature = "ssr")]
use crate::runtime_kinds::*;
use crate::PageDecl;

/// The contributions of one plugin, as its `build` function lists them.
#[derive(Debug)]
pub struct Contributions {
    pub(crate) plugin_id: &'static str,
    pub(crate) pages: Vec<PageDecl>,
    #[cfg(feature = "ssr")]
    pub(crate) server: ServerContributions,
}

/// The server-side contributions (API routes, commands, events, tasks, migrations, hooks).
#[cfg(feature = "ssr")]
#[derive(Debug, Default)]
pub struct ServerContributions {
    pub api_routes: Vec<ApiRouteDecl>,
    pub commands: Vec<CommandDecl>,
    pub components: Option<ComponentDecl>,
    pub emits: Vec<&'static str>,
    pub listeners: Vec<ListenerDecl>,
    pub tasks: Vec<TaskDecl>,
    pub migrations: Vec<MigrationDecl>,
    pub hooks: Hooks,
    /// The plugin's public services (see [`Contributions::public_api`]), each an `Arc<T>`.
    pub apis: Vec<PublicApi>,
}

/// A service a plugin offers other plugins: an `Arc<T>`, `T` usually a trait the SDK defines
/// (`dyn Roller`).
#[cfg(feature = "ssr")]
pub struct PublicApi {
    pub type_name: &'static str,
    pub value: Box<dyn std::any::Any + Send + Sync>,
}

#[cfg(feature = "ssr")]
impl std::fmt::Debug for PublicApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.type_name)
    }
}

impl Contributions {
    /// The contributions of `decl`: its pages (declared in `plugin!`) and what its `build`
    /// function lists. The registry builds each plugin's once; hosts' tests build their own.
    pub fn of(decl: &'static crate::PluginDecl) -> Contributions {
        let mut contributions = Contributions {
            plugin_id: decl.id,
            pages: decl
                .pages
                .iter()
                .enumerate()
                .map(|(index, page)| PageDecl {
                    plugin_id: decl.id,
                    kind: page.kind,
                    path: page.path,
                    nav_label: page.nav_label,
                    index,
                    declared_guard: page.guard,
                    plugin: decl,
                })
                .collect(),
            #[cfg(feature = "ssr")]
            server: ServerContributions::default(),
        };
        (decl.build)(&mut contributions);
        contributions
    }

    pub fn plugin_id(&self) -> &'static str {
        self.plugin_id
    }

    pub fn pages(&self) -> &[PageDecl] {
        &self.pages
    }
}

#[cfg(feature = "ssr")]
impl Contributions {
    pub fn server(&self) -> &ServerContributions {
        &self.server
    }

    /// A `GET` API route, served at `/api/plugins/{plugin}{path}` behind `guard`; a `{org}`
    /// segment names the organization it acts in. `handler` is an axum handler (an `async fn`
    /// taking [`ApiScope`](crate::api::ApiScope) and extractors).
    pub fn api_get<H: axum::handler::Handler<T, ()>, T: 'static>(
        &mut self,
        path: &'static str,
        guard: crate::Guard,
        handler: H,
    ) -> &mut Self {
        self.api_route(http::Method::GET, path, guard, axum::routing::get(handler))
    }

    /// A `POST` API route (see [`Contributions::api_get`]).
    pub fn api_post<H: axum::handler::Handler<T, ()>, T: 'static>(
        &mut self,
        path: &'static str,
        guard: crate::Guard,
        handler: H,
    ) -> &mut Self {
        self.api_route(
            http::Method::POST,
            path,
            guard,
            axum::routing::post(handler),
        )
    }

    /// A `PUT` API route (see [`Contributions::api_get`]).
    pub fn api_put<H: axum::handler::Handler<T, ()>, T: 'static>(
        &mut self,
        path: &'static str,
        guard: crate::Guard,
        handler: H,
    ) -> &mut Self {
        self.api_route(http::Method::PUT, path, guard, axum::routing::put(handler))
    }

    /// A `DELETE` API route (see [`Contributions::api_get`]).
    pub fn api_delete<H: axum::handler::Handler<T, ()>, T: 'static>(
        &mut self,
        path: &'static str,
        guard: crate::Guard,
        handler: H,
    ) -> &mut Self {
        self.api_route(
            http::Method::DELETE,
            path,
            guard,
            axum::routing::delete(handler),
        )
    }

    fn api_route(
        &mut self,
        method: http::Method,
        path: &'static str,
        guard: crate::Guard,
        handler: axum::routing::MethodRouter,
    ) -> &mut Self {
        self.server.api_routes.push(ApiRouteDecl {
            plugin_id: self.plugin_id,
            method,
            path,
            guard,
            handler,
        });
        self
    }

    /// A Discord slash command, answered by `run(call, options)`: `O`'s fields are the
    /// command's options. It answers only in guilds whose organization enabled the plugin.
    pub fn command<O, F, Fut>(&mut self, command: Command, run: F) -> &mut Self
    where
        O: CommandOptions,
        F: Fn(CommandCall, O) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Response, PluginError>> + Send + 'static,
    {
        let run = std::sync::Arc::new(run);
        self.server.commands.push(CommandDecl {
            plugin_id: self.plugin_id,
            command,
            options: O::OPTIONS,
            option_fields: || crate::field_names::field_names::<O>().unwrap_or_default(),
            run: Handler::new(
                move |(call, options): (CommandCall, serde_json::Map<_, _>)| {
                    let run = std::sync::Arc::clone(&run);
                    async move {
                        match serde_json::from_value::<O>(serde_json::Value::Object(options)) {
                            Ok(options) => run(call, options).await,
                            Err(e) => Ok(Response::Message(Reply::private(format!(
                                "The command's options could not be read: {e}."
                            )))),
                        }
                    }
                },
            ),
        });
        self
    }

    /// The handler of the buttons and modals this plugin's replies carry; `guard` applies to
    /// whoever presses or submits them.
    pub fn components<F, Fut>(&mut self, guard: crate::Guard, run: F) -> &mut Self
    where
        F: Fn(ComponentCall) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Response, PluginError>> + Send + 'static,
    {
        self.server.components = Some(ComponentDecl {
            plugin_id: self.plugin_id,
            guard,
            run: Handler::new(run),
        });
        self
    }

    /// An event type this plugin publishes; it must be named `{plugin}.{name}`.
    pub fn emits<E: sahabot_core::events::Event>(&mut self) -> &mut Self {
        self.server.emits.push(E::TYPE);
        self
    }

    /// Runs `run(call, event)` for every `E` published in an organization that enabled this
    /// plugin (and for the platform's events, where it is installed).
    pub fn listen<E, F, Fut>(&mut self, run: F) -> &mut Self
    where
        E: sahabot_core::events::Event + 'static,
        F: Fn(EventCall, E) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), PluginError>> + Send + 'static,
    {
        let run = std::sync::Arc::new(run);
        self.server.listeners.push(ListenerDecl {
            plugin_id: self.plugin_id,
            event: E::TYPE,
            run: Handler::new(move |(call, payload): (EventCall, serde_json::Value)| {
                let run = std::sync::Arc::clone(&run);
                async move {
                    let event = serde_json::from_value::<E>(payload).map_err(|e| {
                        PluginError::Message(format!("event `{}` cannot be read: {e}", E::TYPE))
                    })?;
                    run(call, event).await
                }
            }),
        });
        self
    }

    /// A task (see [`Task`]); the host runs it only where this plugin is in service.
    pub fn task<F, Fut>(&mut self, task: Task, run: F) -> &mut Self
    where
        F: Fn(TaskCall) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), PluginError>> + Send + 'static,
    {
        self.server.tasks.push(TaskDecl {
            plugin_id: self.plugin_id,
            task,
            run: Handler::new(run),
        });
        self
    }

    /// Offers `api` to the plugins that declare this one in their manifest's `requires.plugins`
    /// or `requires.optional_plugins`; they reach it with
    /// [`PluginDb::api`](crate::data::PluginDb::api), only where this plugin is in service.
    pub fn public_api<T: ?Sized + Send + Sync + 'static>(
        &mut self,
        api: std::sync::Arc<T>,
    ) -> &mut Self {
        self.server.apis.push(PublicApi {
            type_name: std::any::type_name::<T>(),
            value: Box::new(api),
        });
        self
    }

    /// A step of this plugin's schema, applied in name order and recorded per plugin.
    pub fn migration(&mut self, name: &'static str, sql: &'static str) -> &mut Self {
        self.server.migrations.push(MigrationDecl { name, sql });
        self
    }

    pub fn on_install<F, Fut>(&mut self, hook: F) -> &mut Self
    where
        F: Fn(InstallContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), PluginError>> + Send + 'static,
    {
        self.server.hooks.install = Some(Handler::new(hook));
        self
    }

    pub fn on_uninstall<F, Fut>(&mut self, hook: F) -> &mut Self
    where
        F: Fn(InstallContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), PluginError>> + Send + 'static,
    {
        self.server.hooks.uninstall = Some(Handler::new(hook));
        self
    }

    pub fn on_enable<F, Fut>(&mut self, hook: F) -> &mut Self
    where
        F: Fn(OrgContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), PluginError>> + Send + 'static,
    {
        self.server.hooks.enable = Some(Handler::new(hook));
        self
    }

    pub fn on_disable<F, Fut>(&mut self, hook: F) -> &mut Self
    where
        F: Fn(OrgContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), PluginError>> + Send + 'static,
    {
        self.server.hooks.disable = Some(Handler::new(hook));
        self
    }

    /// Example data for an organization in demo mode (see [`Hooks::demo`]); it runs without
    /// an actor, so what it writes through the plugin's services it writes as the organization.
    pub fn on_demo<F, Fut>(&mut self, hook: F) -> &mut Self
    where
        F: Fn(OrgContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), PluginError>> + Send + 'static,
    {
        self.server.hooks.demo = Some(Handler::new(hook));
        self
    }

    /// Called with the version recorded before, when the linked version differs.
    pub fn on_upgrade<F, Fut>(&mut self, hook: F) -> &mut Self
    where
        F: Fn(InstallContext, semver::Version) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), PluginError>> + Send + 'static,
    {
        let hook = std::sync::Arc::new(hook);
        self.server.hooks.upgrade = Some(Handler::new(
            move |(ctx, from): (InstallContext, semver::Version)| hook(ctx, from),
        ));
        self
    }
}
