//! The HTTP surface: Leptos pages and server functions, health, static files.

mod assets;
pub mod client_ip;
mod health;
pub mod page_cache;
pub mod same_origin;
mod security_headers;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sahabot_app::{shell, App};

use crate::state::AppState;

/// The whole application. Every request passes, outermost first: the same-origin check, the
/// cache of the pages anyone may see, the session, the actor resolution and the access layer;
/// only then a page, server function or route runs.
/// The compiled site assets under `/pkg` are served beside those layers: a wasm or CSS file
/// needs no session and no user lookup (see [`assets`]).
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let db = state.db.clone();
    let login_config = state.login_config();
    let discord: std::sync::Arc<dyn sahabot_sdk::discord::DiscordHost> =
        std::sync::Arc::new(state.discord.clone());
    let provide = move || {
        provide_context(db.clone());
        provide_context(login_config);
        provide_context(discord.clone());
    };
    let options = state.leptos_options.clone();
    let pages = {
        let options = options.clone();
        let render = leptos_axum::render_app_to_stream_with_context(provide.clone(), move || {
            shell(options.clone())
        });
        axum::handler::HandlerWithoutStateExt::into_service(render)
    };
    let sessions = state.sessions.layer(state.auth.https());
    let assets = assets::service(&state.leptos_options);
    let assets_path = format!("/{}", state.leptos_options.site_pkg_dir);
    Router::new()
        .route("/healthz", get(health::healthz))
        .merge(crate::api::router(&state))
        .merge(crate::auth::routes())
        .leptos_routes_with_context(&state, routes, provide.clone(), move || {
            shell(options.clone())
        })
        .fallback_service(assets::site_root(&state.leptos_options, pages))
        .layer(from_fn_with_state(state.clone(), crate::access::enforce))
        .layer(from_fn_with_state(
            state.clone(),
            crate::access::enforce_pages,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            crate::auth::actor::resolve,
        ))
        .layer(sessions)
        // Before the session and the actor: a page served from here needs neither.
        .layer(from_fn_with_state(state.clone(), page_cache::serve))
        .layer(from_fn(same_origin::check))
        // HTML and JSON are compressed as they are sent; the site's files were compressed when
        // they were built (a response that already has an encoding is left as it is).
        .layer(assets::compression())
        .nest_service(&assets_path, assets)
        // Discord signs its requests; they carry no session and come from no browser.
        .route_service(
            sahabot_discord::endpoint::PATH,
            sahabot_discord::endpoint::router(state.discord.clone()),
        )
        // On every answer, the site's files included.
        .layer(security_headers::nosniff())
        .layer(security_headers::referrer_policy())
        .layer(security_headers::frame_options())
        .with_state(state)
}
