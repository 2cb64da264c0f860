//! The plugin contract. A plugin crate declares itself and everything it contributes with one
//! [`plugin!`] call; the host reads the collections through [`registry`].

#[cfg(feature = "ssr")]
pub mod access;
mod declare;
pub mod pages;
pub mod registry;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use declare::{Category, PageDecl, PluginDecl};
pub use sahabot_core::authz;
pub use sahabot_core::authz::{GlobalAction, Guard};
pub use sahabot_core::model;
#[cfg(feature = "ssr")]
pub use sahabot_core::{service, time, Error};

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

/// Declares a plugin and its contributions, and generates the crate's `link()` function.
///
/// ```ignore
/// sahabot_sdk::plugin! {
///     id: "tournament",
///     name: "Tournament",
///     category: Competition,
///     description: "Live tournament management.",
///     permissions: [("tournament:read", "See tournaments")],
///     pages: [
///         { path: "", nav_label: "Tournament", component: pages::roster::RosterPage },
///     ],
/// }
/// ```
///
/// `link()` exists so that the host can call into the crate: a crate nothing calls is dropped
/// by the wasm linker together with its registrations. It must not be inlined away, hence
/// `#[inline(never)]` and `black_box` (an empty function vanished in the release build).
#[macro_export]
macro_rules! plugin {
    (
        id: $id:literal,
        name: $name:literal,
        category: $category:ident,
        description: $description:literal,
        permissions: [ $( ($action:literal, $action_description:literal) ),* $(,)? ],
        pages: [ $( { path: $path:literal, nav_label: $label:literal, component: $component:path $(,)? } ),* $(,)? ] $(,)?
    ) => {
        $crate::__private::inventory::submit! {
            $crate::PluginDecl {
                id: $id,
                name: $name,
                version: env!("CARGO_PKG_VERSION"),
                category: $crate::Category::$category,
                description: $description,
                permissions: &[ $( ($action, $action_description) ),* ],
            }
        }
        $(
            $crate::__private::inventory::submit! {
                $crate::PageDecl {
                    plugin_id: $id,
                    path: $path,
                    nav_label: $label,
                    render: || $crate::__private::leptos::prelude::IntoAny::into_any(
                        $crate::__private::leptos::prelude::untrack($component)
                    ),
                }
            }
        )*

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
