//! The plugin contract. A plugin crate declares itself and everything it contributes with one
//! [`plugin!`] call; the host reads the collections through [`registry`].

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod api;
pub mod config_schema;
mod contribute;
mod declare;
#[cfg(feature = "ssr")]
pub mod discord;
#[cfg(feature = "ssr")]
mod discord_rules;
#[cfg(feature = "ssr")]
pub mod manifest;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod plugin_config;
pub mod plugin_model;
pub mod registry;
#[cfg(feature = "ssr")]
pub mod runtime_kinds;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod tasks;
#[cfg(feature = "ssr")]
mod validate;

pub use contribute::Contributions;
#[cfg(feature = "ssr")]
pub use contribute::ServerContributions;
pub use declare::{Category, PageDecl, PluginDecl};

/// This product's version, which manifests' `requires.sahabot` ranges are checked against.
#[cfg(feature = "ssr")]
pub fn product_version() -> semver::Version {
    // The SDK is versioned with the workspace, so its version is the product's.
    semver::Version::parse(env!("CARGO_PKG_VERSION")).unwrap_or(semver::Version::new(0, 0, 0))
}
pub use sahabot_core::authz;
pub use sahabot_core::authz::{GlobalAction, Guard};
pub use sahabot_core::model;
#[cfg(feature = "ssr")]
pub use sahabot_core::{events, service, time, Error};
/// The HTTP crates a plugin's API routes are written with, so a plugin depends on the SDK alone.
#[cfg(feature = "ssr")]
pub use {axum, http, serde_json};

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
/// sahabot_sdk::guard!(plugin "tournament", Roster, public);
/// ```
#[macro_export]
macro_rules! guard {
    (plugin $plugin:literal, $fn_type:ty, $($rule:tt)+) => {
        $crate::guard!(@declare Some($plugin), $fn_type, $crate::guard!(@rule $($rule)+));
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

/// Declares a plugin: its id, its manifest and the function that lists its contributions; and
/// generates the crate's `link()` function.
///
/// ```ignore
/// sahabot_sdk::plugin! {
///     id: "tournament",
///     manifest: include_str!("../manifest.yaml"),
///     build: build,
/// }
///
/// fn build(p: &mut sahabot_sdk::Contributions) {
///     p.page("", "Tournament", || view! { <RosterPage/> }.into_any());
/// }
/// ```
///
/// `link()` exists so that the host can call into the crate: a crate nothing calls is dropped
/// by the wasm linker together with its registrations. It must not be inlined away, hence
/// `#[inline(never)]` and `black_box` (an empty function vanished in the release build).
#[macro_export]
macro_rules! plugin {
    (id: $id:literal, manifest: $manifest:expr, build: $build:path $(,)?) => {
        $crate::__private::inventory::submit! {
            $crate::PluginDecl {
                id: $id,
                manifest: $manifest,
                build: $build,
            }
        }

        /// This plugin's id.
        pub const ID: &str = $id;

        /// Called by the host for every plugin crate (see the list in the app); keeps this
        /// crate's registrations in every build.
        #[inline(never)]
        pub fn link() {
            ::std::hint::black_box($id);
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
