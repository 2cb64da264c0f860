//! The Leptos application: shell, router, layout and core pages. Compiled into the server
//! (feature `ssr`) and into the browser bundle (feature `hydrate`).

pub mod components;
pub mod errors;
mod lazy_pages;
pub mod nav;
pub mod page_rules;
pub mod pages;
pub mod plugins;
#[cfg(any(feature = "ssr", feature = "hydrate"))]
mod preload;
pub mod routes;
pub mod security;
pub mod server_fns;
pub mod shell;
mod site_files;

pub use plugins::link_plugins;
pub use shell::{shell, App};

/// The browser entry point.
/// Room at the end of the bundle's read-only data segment: referenced by nothing, so no module
/// carries its bytes, but its addresses lengthen the segment. wasm-split regroups the segment's
/// data by the module that uses it, each group aligned, which takes more room than the linker's
/// packing; when the regrouped data does not fit the segment's range, it leaves the whole
/// segment in the main module (every plugin's strings: 81 KB gzip with eleven plugins).
/// Measured overshoot without the room: 21,695 bytes (`wasm-split-cli`, `RUST_LOG=warn`).
#[cfg(feature = "hydrate")]
#[used]
static SPLIT_ROOM: [u8; 128 * 1024] = [0xA5; 128 * 1024];

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    link_plugins();
    // The page's chunks are fetched first (see `preload`), so the page then hydrates at once.
    wasm_bindgen_futures::spawn_local(async {
        let path = leptos::prelude::window()
            .location()
            .pathname()
            .unwrap_or_default();
        if preload::chunks_of_page(&shell::app_routes(), &path).await {
            leptos::mount::hydrate_body(App);
        } else {
            // The page's code did not arrive: it is drawn again in the browser, where its
            // route shows what went wrong instead of the page.
            if let Some(body) = leptos::prelude::document().body() {
                body.set_inner_html("");
            }
            leptos::mount::mount_to_body(App);
        }
        mark_hydrated();
    });
}

/// Exposes what the browser's registry holds (`data-client-plugins`) next to what the server
/// rendered (`data-server-plugins`), so a test can compare them.
#[cfg(feature = "hydrate")]
fn mark_hydrated() {
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    let ids = sahabot_sdk::registry::plugin_ids().join(",");
    let _ = body.set_attribute("data-client-plugins", &ids);
    let _ = body.set_attribute("data-hydrated", "true");
}
