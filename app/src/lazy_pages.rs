//! The core's pages beyond the shell, in groups that each become a wasm chunk of their own
//! (fetched the first time one of the group's pages is shown): the platform administration,
//! the platform's front page, an organization's front page, its administration, the account
//! pages (profile, organization request), the invitation page. The main chunk keeps the shell,
//! the navigation, the sign-in and error pages.

/// Declares a group of pages split into the chunk `$module`: a `Copy` route view per page
/// (`$module::Page::Variant`) whose code is reached only through the chunk's one split point.
macro_rules! lazy_pages {
    ($module:ident { $( $variant:ident => $component:path ),* $(,)? }) => {
        pub mod $module {
            use leptos::prelude::*;

            /// A page of this group, as a route's view.
            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            pub enum Page {
                $( $variant ),*
            }

            const PAGES: &[Page] = &[ $( Page::$variant ),* ];

            fn render(index: usize) -> AnyView {
                use leptos::component::{component_props_builder, component_view};
                match PAGES.get(index) {
                    $( Some(Page::$variant) => component_view(
                        &$component,
                        component_props_builder(&$component).build(),
                    )
                    .into_any(), )*
                    None => ().into_any(),
                }
            }

            #[cfg(target_family = "wasm")]
            #[leptos::wasm_split::wasm_split(
                $module,
                wasm_split_path = ::leptos::wasm_split,
                preload(#[doc(hidden)] fetch_chunk),
                fallible
            )]
            fn split_render(
                index: usize,
            ) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
                Ok(render(index))
            }

            impl Page {
                fn index(self) -> usize {
                    PAGES.iter().position(|p| *p == self).unwrap_or(usize::MAX)
                }
            }

            impl leptos_router::ChooseView for Page {
                async fn choose(self) -> AnyView {
                    #[cfg(target_family = "wasm")]
                    {
                        match split_render(self.index()).await {
                            Ok(view) => view,
                            Err(e) => view! {
                                <crate::routes::ChunkFailed message=e.to_string()/>
                            }
                            .into_any(),
                        }
                    }
                    #[cfg(not(target_family = "wasm"))]
                    {
                        render(self.index())
                    }
                }

                // Awaited before a page opened directly is hydrated; on the server, names the
                // chunk for the page's head (see `crate::preload`).
                async fn preload(&self) {
                    #[cfg(target_family = "wasm")]
                    let _ = fetch_chunk().await;
                    #[cfg(feature = "ssr")]
                    crate::preload::needs_chunk(stringify!($module));
                }
            }
        }
    };
}

lazy_pages!(platform_admin {
    Requests => crate::pages::admin_requests::AdminRequestsPage,
    Users => crate::pages::admin_users::AdminUsersPage,
    Orgs => crate::pages::admin_orgs::AdminOrgsPage,
    Audit => crate::pages::admin_audit::AdminAuditPage,
    Events => crate::pages::admin_events::AdminEventsPage,
    Tasks => crate::pages::admin_tasks::AdminTasksPage,
    Plugins => crate::pages::admin_plugins::AdminPluginsPage,
});

// An organization's front page: its members table, pager and server function cost the main
// chunk 24 KB gzip (measured), more than the small shared chunks it is fetched with.
lazy_pages!(org_front {
    Home => crate::pages::org_home::OrgHomePage,
});

lazy_pages!(org_admin {
    Overview => crate::pages::org_admin::OrgAdminPage,
    Plugins => crate::pages::org_plugins::OrgPluginsPage,
    Tasks => crate::pages::org_tasks::OrgTasksPage,
});

// The platform's front page (the organizations): a visitor arriving at an organization's page
// never needs it.
lazy_pages!(home {
    Home => crate::pages::home::HomePage,
});

lazy_pages!(account {
    Profile => crate::pages::profile::ProfilePage,
    OrgRequest => crate::pages::org_request::OrgRequestPage,
});

// The invitation page is opened from a link once per member. In the main chunk its preview,
// its join form (Leptos's `ActionForm`, which decodes the form in the browser) and their
// server functions cost every first page 49 KiB gzip (measured).
lazy_pages!(invite {
    Invite => crate::pages::invite::InvitePage,
});
