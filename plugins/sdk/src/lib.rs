//! The plugin contract. A plugin crate declares itself and everything it contributes with one
//! [`plugin!`] call; the host reads the collections through [`registry`].

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod api;
mod contribute;
#[cfg(feature = "ssr")]
pub mod data;
mod declare;
#[cfg(feature = "ssr")]
pub mod discord;
#[cfg(feature = "ssr")]
mod field_names;
#[cfg(feature = "ssr")]
pub mod guilds;
#[cfg(feature = "ssr")]
pub mod handler;
#[cfg(feature = "ssr")]
pub mod host;
#[cfg(feature = "ssr")]
pub mod manifest;
#[cfg(feature = "ssr")]
pub mod org;
pub mod pages;
pub mod registry;
#[cfg(feature = "ssr")]
pub mod runtime_kinds;
pub mod seeds;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use contribute::Contributions;
#[cfg(feature = "ssr")]
pub use contribute::{PublicApi, ServerContributions};
pub use declare::{
    Category, ChunkError, ChunkFuture, Page, PageDecl, PageFuture, PageKind, PluginDecl,
};

/// This product's version, which manifests' `requires.sahabot` ranges are checked against.
#[cfg(feature = "ssr")]
pub fn product_version() -> semver::Version {
    // The SDK is versioned with the workspace, so its version is the product's.
    semver::Version::parse(env!("CARGO_PKG_VERSION")).unwrap_or(semver::Version::new(0, 0, 0))
}
pub use sahabot_core::authz;
pub use sahabot_core::authz::{GlobalAction, Guard};
pub use sahabot_core::model;
/// The check for text people type into names, labels and notes (control and direction
/// characters refused, NFC, trimmed, not blank).
pub use sahabot_core::text;
#[cfg(feature = "ssr")]
pub use sahabot_core::{events::Event, time, Error};
/// The HTTP crates a plugin's API routes are written with, so a plugin depends on the SDK alone.
#[cfg(feature = "ssr")]
pub use {axum, http, semver, serde_json};

#[doc(hidden)]
pub mod __private {
    pub use inventory;
    pub use leptos;
}

/// Declares the access rule of a server function; the central layer applies it to every call
/// (the function body receives its database handle only from
/// [`access::scope`](crate::access::scope), which applies the same rule).
///
/// ```ignore
/// sahabot_sdk::guard!(ListOrgs, public);
/// sahabot_sdk::guard!(ReviewRequest, global ReviewOrgRequests);
/// sahabot_sdk::guard!(ListMembers, org "member:read");
/// // In a plugin crate: owned by the crate's plugin (its `ID`, from `plugin!`).
/// sahabot_sdk::guard!(plugin, Roster, public);
/// ```
#[macro_export]
// `crate::ID` is meant: the plugin crate that calls the macro.
#[allow(clippy::crate_in_macro_def)]
macro_rules! guard {
    (plugin, $fn_type:ty, $($rule:tt)+) => {
        $crate::guard!(@declare Some(crate::ID), $fn_type, $crate::guard!(@rule $($rule)+));
    };
    ($fn_type:ty, $($rule:tt)+) => {
        $crate::guard!(@declare None, $fn_type, $crate::guard!(@rule $($rule)+));
    };
    (@rule public) => { $crate::Guard::Public };
    (@rule global $action:ident) => { $crate::Guard::Global($crate::GlobalAction::$action) };
    (@rule org $action:literal) => { $crate::Guard::Org($action) };
    (@declare $plugin:expr, $fn_type:ty, $guard:expr) => {
        #[cfg(feature = "ssr")]
        $crate::__private::inventory::submit! {
            $crate::access::ServerFnDecl {
                path: <$fn_type as $crate::__private::leptos::server_fn::ServerFn>::PATH,
                plugin: $plugin,
                guard: $guard,
            }
        }
    };
}

/// Declares a plugin: its id (written once, as a name), its manifest, its pages and the
/// function that lists its other contributions; and generates the crate's `ID` and `link()`.
///
/// ```ignore
/// sahabot_sdk::plugin! {
///     id: tournament,
///     manifest: include_str!("../manifest.yaml"),
///     pages: [
///         Page::org("", "Tournament") => pages::roster::RosterPage,
///         Page::org_detail("matches/:id") => pages::matches::MatchPage,
///         Page::admin("", "Tournament settings") => pages::admin::SettingsPage,
///     ],
///     build: build,
/// }
/// ```
///
/// Each page is a component without properties. The page bodies are reachable only through one
/// split point per plugin, so the browser bundle holds them in a chunk of their own, fetched
/// the first time one of the plugin's pages is shown; the main bundle keeps only the pages'
/// paths and labels. On the server the chunk is "loaded" at once, and named in the page's HTML
/// so the browser fetches it while it fetches the main bundle.
///
/// `link()` exists so that the host can call into the crate: a crate nothing calls is dropped
/// by the wasm linker together with its registrations. It must not be inlined away, hence
/// `#[inline(never)]` and `black_box` (an empty function vanished in the release build).
#[macro_export]
macro_rules! plugin {
    (
        id: $id:ident,
        manifest: $manifest:expr,
        $(pages: [ $( $page:expr => $component:path ),* $(,)? ],)?
        build: $build:path $(,)?
    ) => {
        $crate::__private::inventory::submit! {
            $crate::PluginDecl {
                id: ::core::stringify!($id),
                manifest: $manifest,
                build: $build,
                pages: {
                    #[allow(unused_imports)]
                    use $crate::{Guard, Page};
                    &[ $($( $page ),*)? ]
                },
                load_page: __sahabot_load_page,
                preload: __sahabot_preload,
            }
        }

        /// This plugin's id.
        pub const ID: &str = ::core::stringify!($id);

        /// Called by the host for every plugin crate (see the list in the app); keeps this
        /// crate's registrations in every build.
        #[inline(never)]
        pub fn link() {
            ::std::hint::black_box(ID);
        }

        /// Renders page `index` of `pages:`; reached only through the split point below.
        #[allow(unused_variables, unreachable_code)]
        fn __sahabot_render_page(index: usize) -> $crate::__private::leptos::prelude::AnyView {
            use $crate::__private::leptos::component::{component_props_builder, component_view};
            use $crate::__private::leptos::prelude::IntoAny;
            let renders: &[fn() -> $crate::__private::leptos::prelude::AnyView] = &[
                $($( || component_view(&$component, component_props_builder(&$component).build()).into_any() ),*)?
            ];
            match renders.get(index) {
                ::core::option::Option::Some(render) => render(),
                ::core::option::Option::None => ().into_any(),
            }
        }

        #[cfg(target_family = "wasm")]
        #[doc(hidden)]
        #[$crate::__private::leptos::wasm_split::wasm_split(
            $id,
            wasm_split_path = $crate::__private::leptos::wasm_split,
            preload(#[doc(hidden)] __sahabot_fetch_chunk),
            fallible
        )]
        fn __sahabot_split_render(
            index: usize,
        ) -> ::core::result::Result<
            $crate::__private::leptos::prelude::AnyView,
            $crate::__private::leptos::wasm_split::SplitLoaderError,
        > {
            ::core::result::Result::Ok(__sahabot_render_page(index))
        }

        #[cfg(target_family = "wasm")]
        fn __sahabot_load_page(index: usize) -> $crate::PageFuture {
            ::std::boxed::Box::pin(async move {
                __sahabot_split_render(index)
                    .await
                    .map_err(|e| $crate::ChunkError(e.to_string()))
            })
        }

        #[cfg(target_family = "wasm")]
        fn __sahabot_preload() -> $crate::ChunkFuture {
            ::std::boxed::Box::pin(async move {
                __sahabot_fetch_chunk()
                    .await
                    .map_err(|e| $crate::ChunkError(e.to_string()))
            })
        }

        #[cfg(not(target_family = "wasm"))]
        fn __sahabot_load_page(index: usize) -> $crate::PageFuture {
            ::std::boxed::Box::pin(::core::future::ready(::core::result::Result::Ok(
                __sahabot_render_page(index),
            )))
        }

        #[cfg(not(target_family = "wasm"))]
        fn __sahabot_preload() -> $crate::ChunkFuture {
            ::std::boxed::Box::pin(::core::future::ready(::core::result::Result::Ok(())))
        }
    };
}

/// The one list of plugin crates linked into the product. Generates `link_plugins()`, which
/// both the browser's `hydrate()` and the server's start call.
#[macro_export]
macro_rules! link_plugins {
    ( $( $krate:ident ),* $(,)? ) => {
        /// Calls every plugin crate's `link()` so its registrations survive linking.
        pub fn link_plugins() {
            $( $krate::link(); )*
        }
    };
}
