use std::future::Future;
use std::pin::Pin;

use leptos::prelude::AnyView;
use sahabot_core::authz::{GlobalAction, Guard};
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
/// text, its pages, and the function that lists everything else it contributes.
pub struct PluginDecl {
    pub id: &'static str,
    /// The text of the crate's `manifest.yaml`.
    pub manifest: &'static str,
    pub build: fn(&mut crate::Contributions),
    /// The pages, in the order of `plugin!`'s `pages:` list (their index is their position).
    pub pages: &'static [Page],
    /// Renders page `index`. In the browser this first fetches the plugin's chunk: the page
    /// bodies are compiled into a wasm module of their own, loaded on first use.
    pub load_page: fn(usize) -> PageFuture,
    /// Fetches the plugin's chunk without rendering anything (a no-op on the server).
    pub preload: fn() -> ChunkFuture,
}

impl std::fmt::Debug for PluginDecl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginDecl").field("id", &self.id).finish()
    }
}

/// A plugin's chunk could not be fetched (the network failed, or the site was redeployed).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("this page's code could not be loaded: {0}")]
pub struct ChunkError(pub String);

/// A page being rendered once its plugin's chunk is there.
pub type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;
/// A plugin's chunk being fetched.
pub type ChunkFuture = Pin<Box<dyn Future<Output = Result<(), ChunkError>>>>;

/// Where a page is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// `/org/{org}/{plugin}/{path}`, in the organization's navigation when labelled.
    Org,
    /// `/org/{org}/admin/{plugin}/{path}`, in the organization's administration when labelled.
    OrgAdmin,
    /// `/admin/plugin/{plugin}/{path}`, in the platform administration when labelled.
    Platform,
}

/// A page as a plugin lists it in `plugin!`'s `pages:`: where it is served and, for the
/// navigation, its label. `path` is relative to the plugin's base and may hold `:name`
/// parameters (`"matches/:id"`), read by the page with `use_params_map`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    pub path: &'static str,
    pub nav_label: Option<&'static str>,
    /// Who may open it, when not the kind's default (see [`PageDecl::guard`]).
    pub guard: Option<Guard>,
}

impl Page {
    /// An organization page listed in its navigation.
    pub const fn org(path: &'static str, nav_label: &'static str) -> Page {
        Page {
            kind: PageKind::Org,
            path,
            nav_label: Some(nav_label),
            guard: None,
        }
    }

    /// An organization page reached by links only (a detail page such as `"matches/:id"`).
    pub const fn org_detail(path: &'static str) -> Page {
        Page {
            kind: PageKind::Org,
            path,
            nav_label: None,
            guard: None,
        }
    }

    /// A page of the organization's administration, listed there for those who administer it.
    pub const fn admin(path: &'static str, nav_label: &'static str) -> Page {
        Page {
            kind: PageKind::OrgAdmin,
            path,
            nav_label: Some(nav_label),
            guard: None,
        }
    }

    /// An administration page reached by links only.
    pub const fn admin_detail(path: &'static str) -> Page {
        Page {
            kind: PageKind::OrgAdmin,
            path,
            nav_label: None,
            guard: None,
        }
    }

    /// The plugin's page of the platform administration, listed in the SUPERADMIN's navigation;
    /// its server functions decide what it shows.
    pub const fn platform(nav_label: &'static str) -> Page {
        Page {
            kind: PageKind::Platform,
            path: "",
            nav_label: Some(nav_label),
            guard: None,
        }
    }

    /// Who may open the page, instead of its kind's default: the server answers others with
    /// a sign-in redirect or 403 before the page renders, and the navigation leaves it out for
    /// them.
    pub const fn guarded(self, guard: Guard) -> Page {
        Page {
            guard: Some(guard),
            ..self
        }
    }
}

/// One page of one plugin, as the registry holds it.
#[derive(Clone, Copy)]
pub struct PageDecl {
    pub plugin_id: &'static str,
    pub kind: PageKind,
    pub path: &'static str,
    pub nav_label: Option<&'static str>,
    /// Its position in the plugin's page list, which its chunk renders by.
    pub index: usize,
    pub(crate) declared_guard: Option<Guard>,
    pub(crate) plugin: &'static PluginDecl,
}

impl PageDecl {
    pub fn is_admin(&self) -> bool {
        self.kind == PageKind::OrgAdmin
    }

    pub fn is_platform(&self) -> bool {
        self.kind == PageKind::Platform
    }

    /// Who may open the page: what it declares, or its kind's default — anyone for an
    /// organization page, those who may open the organization's administration (`org:read`)
    /// for an administration page, plugin managers for a platform page.
    pub fn guard(&self) -> Guard {
        self.declared_guard.unwrap_or(match self.kind {
            PageKind::Org => Guard::Public,
            PageKind::OrgAdmin => Guard::Org("org:read"),
            PageKind::Platform => Guard::Global(GlobalAction::ManagePlugins),
        })
    }

    /// The route's segments below the organization (`tournament`, `matches`, `:id`;
    /// `admin`, `links`) or, for a platform page, below `/` (`admin`, `plugin`, `discord_bot`).
    pub fn segments(&self) -> impl Iterator<Item = &'static str> {
        let base: &'static [&'static str] = match self.kind {
            PageKind::Org => &[],
            PageKind::OrgAdmin => &["admin"],
            PageKind::Platform => &["admin", "plugin"],
        };
        base.iter()
            .copied()
            .chain([self.plugin_id])
            .chain(self.path.split('/').filter(|s| !s.is_empty()))
    }

    /// [`segments`](Self::segments) joined: `tournament/matches/:id`.
    pub fn route_pattern(&self) -> String {
        let mut pattern = String::with_capacity(48);
        for segment in self.segments() {
            if !pattern.is_empty() {
                pattern.push('/');
            }
            pattern.push_str(segment);
        }
        pattern
    }

    /// Where it is served, with `{org}` standing for the organization's slug and `{name}` for
    /// each parameter.
    pub fn url_pattern(&self) -> String {
        let pattern = self
            .segments()
            .map(|segment| match segment.strip_prefix(':') {
                Some(name) => format!("{{{name}}}"),
                None => segment.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/");
        match self.kind {
            PageKind::Platform => format!("/{pattern}"),
            _ => format!("/org/{{org}}/{pattern}"),
        }
    }

    /// The link to this page in `org` (parameters left as they are written).
    pub fn href(&self, org: &str) -> String {
        // Written into one string: the navigation makes one for each of its links on every
        // render.
        let mut href = String::with_capacity(64);
        if self.kind != PageKind::Platform {
            href.push_str("/org/");
            href.push_str(org);
        }
        for segment in self.segments() {
            href.push('/');
            href.push_str(segment);
        }
        href
    }

    /// The name of the wasm chunk that holds the plugin's pages.
    pub fn chunk(&self) -> &'static str {
        self.plugin.id
    }

    /// Renders the page, fetching the plugin's chunk first in the browser.
    pub fn load(&self) -> PageFuture {
        (self.plugin.load_page)(self.index)
    }

    /// Fetches the plugin's chunk.
    pub fn preload(&self) -> ChunkFuture {
        (self.plugin.preload)()
    }
}

impl std::fmt::Debug for PageDecl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageDecl")
            .field("plugin_id", &self.plugin_id)
            .field("kind", &self.kind)
            .field("path", &self.path)
            .field("nav_label", &self.nav_label)
            .finish()
    }
}

inventory::collect!(PluginDecl);

#[cfg(test)]
mod tests {
    use super::*;

    fn page(kind: PageKind, path: &'static str) -> PageDecl {
        let plugin: &'static PluginDecl = Box::leak(Box::new(PluginDecl {
            id: "tournament",
            manifest: "",
            build: |_| {},
            pages: &[],
            load_page: |_| Box::pin(async { Err(ChunkError("unused".into())) }),
            preload: || Box::pin(async { Ok(()) }),
        }));
        PageDecl {
            plugin_id: "tournament",
            kind,
            path,
            nav_label: None,
            index: 0,
            declared_guard: None,
            plugin,
        }
    }

    #[test]
    fn a_page_is_served_below_its_plugin_base_with_its_parameters() {
        let detail = page(PageKind::Org, "matches/:id");
        assert_eq!(detail.route_pattern(), "tournament/matches/:id");
        assert_eq!(detail.url_pattern(), "/org/{org}/tournament/matches/{id}");
        assert_eq!(detail.href("alttpr"), "/org/alttpr/tournament/matches/:id");
        assert_eq!(
            page(PageKind::OrgAdmin, "").url_pattern(),
            "/org/{org}/admin/tournament"
        );
        assert_eq!(
            page(PageKind::Platform, "").href("ignored"),
            "/admin/plugin/tournament"
        );
    }
}
