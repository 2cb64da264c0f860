//! Read access to the linked plugins and what they contribute. Built once from `inventory`,
//! which gives no order: everything here is sorted by plugin id so that server and browser agree.

use std::sync::OnceLock;

use crate::{Contributions, PageDecl, PageKind, PluginDecl};

/// One linked plugin: its declaration, its contributions and (on the server) its manifest.
#[derive(Debug)]
pub struct Plugin {
    pub id: &'static str,
    pub decl: &'static PluginDecl,
    pub contributions: Contributions,
    #[cfg(feature = "ssr")]
    pub manifest: Result<crate::manifest::Manifest, crate::manifest::ManifestError>,
}

#[cfg(feature = "ssr")]
impl Plugin {
    /// The manifest; `None` only for a plugin whose manifest failed to read, which stops the
    /// server from starting (see [`validate`]).
    pub fn manifest(&self) -> Option<&crate::manifest::Manifest> {
        self.manifest.as_ref().ok()
    }

    /// The manifest's display name, or the id.
    pub fn name(&self) -> &str {
        self.manifest().map_or(self.id, |m| m.name.as_str())
    }

    pub fn is_global(&self) -> bool {
        self.manifest().is_some_and(|m| m.is_global())
    }

    pub fn server(&self) -> &crate::contribute::ServerContributions {
        self.contributions.server()
    }
}

fn build(decl: &'static PluginDecl) -> Plugin {
    Plugin {
        id: decl.id,
        decl,
        contributions: Contributions::of(decl),
        #[cfg(feature = "ssr")]
        manifest: crate::manifest::Manifest::parse(decl.id, decl.manifest),
    }
}

/// Every linked plugin, sorted by id.
pub fn plugins() -> &'static [Plugin] {
    static PLUGINS: OnceLock<Vec<Plugin>> = OnceLock::new();
    PLUGINS.get_or_init(|| {
        let mut plugins: Vec<Plugin> = inventory::iter::<PluginDecl>
            .into_iter()
            .map(build)
            .collect();
        plugins.sort_by_key(|p| p.id);
        plugins
    })
}

pub fn plugin(id: &str) -> Option<&'static Plugin> {
    plugins().iter().find(|p| p.id == id)
}

pub fn plugin_ids() -> Vec<&'static str> {
    plugins().iter().map(|p| p.id).collect()
}

/// Every page of every plugin, by plugin then path.
pub fn pages() -> Vec<&'static PageDecl> {
    plugins()
        .iter()
        .flat_map(|p| p.contributions.pages())
        .collect()
}

/// The labelled pages of `kind` (the navigation's entries), in registry order.
pub fn nav_pages(kind: PageKind) -> Vec<&'static PageDecl> {
    pages()
        .into_iter()
        .filter(|p| p.kind == kind && p.nav_label.is_some())
        .collect()
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::discord::CommandDecl;
    use crate::runtime_kinds::{ApiRouteDecl, ListenerDecl, TaskDecl};

    /// The permission actions every linked plugin declares in its manifest.
    pub fn plugin_actions() -> Vec<crate::model::ActionInfo> {
        plugins()
            .iter()
            .filter_map(|p| p.manifest().map(|m| (p.id, m)))
            .flat_map(|(id, m)| {
                m.permissions
                    .actions
                    .iter()
                    .map(move |a| crate::model::ActionInfo {
                        action: a.action.clone(),
                        description: a.description.clone(),
                        source: id.into(),
                    })
            })
            .collect()
    }

    pub fn api_routes() -> Vec<&'static ApiRouteDecl> {
        plugins()
            .iter()
            .flat_map(|p| &p.server().api_routes)
            .collect()
    }

    pub fn commands() -> Vec<&'static CommandDecl> {
        plugins()
            .iter()
            .flat_map(|p| &p.server().commands)
            .collect()
    }

    pub fn command(name: &str) -> Option<&'static CommandDecl> {
        commands().into_iter().find(|c| c.command.name == name)
    }

    /// The handler of a plugin's buttons and modals, if it has one.
    pub fn components(plugin_id: &str) -> Option<&'static crate::discord::ComponentDecl> {
        plugin(plugin_id).and_then(|p| p.server().components.as_ref())
    }

    pub fn listeners() -> Vec<&'static ListenerDecl> {
        plugins()
            .iter()
            .flat_map(|p| &p.server().listeners)
            .collect()
    }

    pub fn tasks() -> Vec<&'static TaskDecl> {
        plugins().iter().flat_map(|p| &p.server().tasks).collect()
    }

    /// Event types published by the plugins, `{plugin}.{name}`.
    pub fn events() -> Vec<String> {
        published_events(plugins())
    }

    /// Event types the given plugins publish, `{plugin}.{name}`.
    pub fn published_events<'a>(list: impl IntoIterator<Item = &'a Plugin>) -> Vec<String> {
        list.into_iter()
            .flat_map(|p| p.server().emits.iter().map(|e| e.to_string()))
            .collect()
    }
}
