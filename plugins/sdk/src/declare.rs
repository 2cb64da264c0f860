use leptos::prelude::AnyView;
use serde::{Deserialize, Serialize};

/// The seed's plugin categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Global,
    Core,
    Competition,
    Integration,
    Randomizer,
    Utility,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Global => "global",
            Category::Core => "core",
            Category::Competition => "competition",
            Category::Integration => "integration",
            Category::Randomizer => "randomizer",
            Category::Utility => "utility",
        }
    }
}

/// A plugin as it declares itself.
#[derive(Debug)]
pub struct PluginDecl {
    pub id: &'static str,
    pub name: &'static str,
    pub version: &'static str,
    pub category: Category,
    pub description: &'static str,
    /// The permission actions the plugin's guards use, `(action, what it allows)`; each starts
    /// with `{id}:`. The role editor offers them.
    pub permissions: &'static [(&'static str, &'static str)],
}

/// An org-scoped page: served at `/org/{org}/{plugin_id}` (`path` empty) or
/// `/org/{org}/{plugin_id}/{path}`, listed in the org's navigation under `nav_label`.
pub struct PageDecl {
    pub plugin_id: &'static str,
    pub path: &'static str,
    pub nav_label: &'static str,
    pub render: fn() -> AnyView,
}

impl std::fmt::Debug for PageDecl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageDecl")
            .field("plugin_id", &self.plugin_id)
            .field("path", &self.path)
            .field("nav_label", &self.nav_label)
            .finish()
    }
}

inventory::collect!(PluginDecl);
inventory::collect!(PageDecl);
