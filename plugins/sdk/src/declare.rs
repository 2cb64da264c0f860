use leptos::prelude::AnyView;
use serde::{Deserialize, Serialize};

/// The seed's plugin categories. `Global` plugins have no organization switch.
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

/// A plugin as it registers itself (through [`plugin!`](crate::plugin)): its id, its manifest
/// text and the function that lists everything it contributes.
pub struct PluginDecl {
    pub id: &'static str,
    /// The text of the crate's `manifest.yaml`.
    pub manifest: &'static str,
    pub build: fn(&mut crate::Contributions),
}

impl std::fmt::Debug for PluginDecl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginDecl").field("id", &self.id).finish()
    }
}

/// An org-scoped page: served at `/org/{org}/{plugin_id}` (`path` empty) or
/// `/org/{org}/{plugin_id}/{path}`, listed in the org's navigation under `nav_label`; or, for
/// an admin page, under the org's administration.
#[derive(Clone, Copy)]
pub struct PageDecl {
    pub plugin_id: &'static str,
    pub path: &'static str,
    pub nav_label: &'static str,
    pub admin: bool,
    /// A page of the platform administration (`/admin/plugin/{plugin_id}`), not of an org.
    pub platform: bool,
    pub render: fn() -> AnyView,
}

impl PageDecl {
    /// Where it is served, with `{org}` standing for the organization's slug.
    pub fn url_pattern(&self) -> String {
        let base = if self.platform {
            format!("/admin/plugin/{}", self.plugin_id)
        } else if self.admin {
            format!("/org/{{org}}/admin/{}", self.plugin_id)
        } else {
            format!("/org/{{org}}/{}", self.plugin_id)
        };
        if self.path.is_empty() {
            base
        } else {
            format!("{base}/{}", self.path)
        }
    }
}

impl std::fmt::Debug for PageDecl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageDecl")
            .field("plugin_id", &self.plugin_id)
            .field("path", &self.path)
            .field("nav_label", &self.nav_label)
            .field("admin", &self.admin)
            .finish()
    }
}

inventory::collect!(PluginDecl);
