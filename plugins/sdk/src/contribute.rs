//! What a plugin contributes, listed in one place: its `build` function receives a
//! [`Contributions`] and names every page, route, command, listener, task, migration and hook.
//! Each contribution is tagged with the plugin's id by construction.

#[cfg(feature = "ssr")]
use crate::discord::{Command, CommandDecl, ComponentDecl, ComponentFn};
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
}

impl Contributions {
    /// The contributions of `decl`: its pages (declared in `plugin!`) and what its `build`
    /// function lists.
    pub(crate) fn of(decl: &'static crate::PluginDecl) -> Contributions {
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

    /// An API route, served at `/api/plugins/{plugin}{path}` behind `guard`; a `{org}` segment
    /// names the organization it acts in.
    pub fn api_route(
        &mut self,
        method: http::Method,
        path: &'static str,
        guard: crate::Guard,
        handler: fn() -> axum::routing::MethodRouter,
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

    /// A Discord slash command; it answers only in guilds whose organization enabled the plugin.
    pub fn command(&mut self, command: Command) -> &mut Self {
        self.server.commands.push(CommandDecl {
            plugin_id: self.plugin_id,
            command,
        });
        self
    }

    /// The handler of the buttons and modals this plugin's replies carry; `guard` applies to
    /// whoever presses or submits them.
    pub fn components(&mut self, guard: crate::Guard, run: ComponentFn) -> &mut Self {
        self.server.components = Some(ComponentDecl {
            plugin_id: self.plugin_id,
            guard,
            run,
        });
        self
    }

    /// An event type this plugin publishes (`{plugin}.{name}`).
    pub fn emits(&mut self, event: &'static str) -> &mut Self {
        self.server.emits.push(event);
        self
    }

    /// Runs `run` for every `event` published in an organization that enabled this plugin.
    pub fn listener(&mut self, event: &'static str, run: ListenerFn) -> &mut Self {
        self.server.listeners.push(ListenerDecl {
            plugin_id: self.plugin_id,
            event,
            run,
        });
        self
    }

    /// A task (see [`Task`]); the host runs it only where this plugin is in service.
    pub fn task(&mut self, task: Task, run: TaskFn) -> &mut Self {
        self.server.tasks.push(TaskDecl {
            plugin_id: self.plugin_id,
            task,
            run,
        });
        self
    }

    /// A step of this plugin's schema, applied in name order and recorded per plugin.
    pub fn migration(&mut self, name: &'static str, sql: &'static str) -> &mut Self {
        self.server.migrations.push(MigrationDecl { name, sql });
        self
    }

    pub fn on_install(&mut self, hook: HookFn) -> &mut Self {
        self.server.hooks.install = Some(hook);
        self
    }

    pub fn on_uninstall(&mut self, hook: HookFn) -> &mut Self {
        self.server.hooks.uninstall = Some(hook);
        self
    }

    pub fn on_enable(&mut self, hook: OrgHookFn) -> &mut Self {
        self.server.hooks.enable = Some(hook);
        self
    }

    pub fn on_disable(&mut self, hook: OrgHookFn) -> &mut Self {
        self.server.hooks.disable = Some(hook);
        self
    }

    pub fn on_upgrade(&mut self, hook: UpgradeHookFn) -> &mut Self {
        self.server.hooks.upgrade = Some(hook);
        self
    }
}
