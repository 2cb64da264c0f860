//! The REST API: `/api/v1/...`, Bearer tokens only, rate-limited per token, each route behind
//! its declared guard; the OpenAPI document at `/api/openapi.json`, Swagger UI at `/api/docs`.

pub mod bearer;
pub mod error;
pub mod error_shape;
pub mod guard;
mod openapi;
pub mod rate_limit;
pub mod routes;

use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{delete, get, post, put, MethodRouter};
use axum::Router;
use sahabot_sdk::{registry, GlobalAction, Guard};
use tower_governor::GovernorLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

use crate::state::AppState;

pub use openapi::openapi;

/// A route of the API and the guard the central layer applies before its handler.
#[derive(Clone, Debug)]
pub struct ApiRoute {
    pub method: Method,
    pub path: &'static str,
    pub guard: Guard,
}

fn route(
    method: Method,
    path: &'static str,
    guard: Guard,
    handler: MethodRouter<AppState>,
) -> (ApiRoute, MethodRouter<AppState>) {
    (
        ApiRoute {
            method,
            path,
            guard,
        },
        handler,
    )
}

/// Every core API route. The router is built from this list only, so a route cannot exist
/// without a guard; the tests walk the same list.
pub fn routes() -> Vec<(ApiRoute, MethodRouter<AppState>)> {
    use routes::{invites, me, members, orgs, tokens, users};
    let signed_in = Guard::Global(GlobalAction::SignedIn);
    vec![
        route(Method::GET, "/api/v1/me", signed_in, get(me::get)),
        route(
            Method::GET,
            "/api/v1/users",
            Guard::Global(GlobalAction::ListUsers),
            get(users::list),
        ),
        route(
            Method::GET,
            "/api/v1/organizations",
            Guard::Public,
            get(orgs::list),
        ),
        route(
            Method::POST,
            "/api/v1/organizations",
            Guard::Global(GlobalAction::CreateOrganization),
            post(orgs::create),
        ),
        route(
            Method::GET,
            "/api/v1/organizations/{org}",
            Guard::Public,
            get(orgs::get),
        ),
        route(
            Method::GET,
            "/api/v1/organizations/{org}/members",
            Guard::Org("member:read"),
            get(members::list),
        ),
        route(
            Method::DELETE,
            "/api/v1/organizations/{org}/members/{user_id}",
            Guard::Org("member:remove"),
            delete(members::remove),
        ),
        route(
            Method::PUT,
            "/api/v1/organizations/{org}/members/{user_id}/roles/{role_id}",
            Guard::Org("member:roles"),
            put(members::grant_role),
        ),
        route(
            Method::DELETE,
            "/api/v1/organizations/{org}/members/{user_id}/roles/{role_id}",
            Guard::Org("member:roles"),
            delete(members::revoke_role),
        ),
        route(
            Method::GET,
            "/api/v1/organizations/{org}/invites",
            Guard::Org("invite:read"),
            get(invites::list),
        ),
        route(
            Method::POST,
            "/api/v1/organizations/{org}/invites",
            Guard::Org("invite:manage"),
            post(invites::create),
        ),
        route(
            Method::DELETE,
            "/api/v1/organizations/{org}/invites/{invite_id}",
            Guard::Org("invite:manage"),
            delete(invites::withdraw),
        ),
        route(
            Method::POST,
            "/api/v1/invites/{slug}/use",
            signed_in,
            post(invites::redeem),
        ),
        route(Method::GET, "/api/v1/tokens", signed_in, get(tokens::list)),
        route(
            Method::POST,
            "/api/v1/tokens",
            signed_in,
            post(tokens::create),
        ),
        route(
            Method::DELETE,
            "/api/v1/tokens/{token_id}",
            signed_in,
            delete(tokens::revoke),
        ),
    ]
}

/// The API router: rate limit, then Bearer authentication, then each route's guard.
pub fn router(state: &AppState) -> Router<AppState> {
    let mut api = Router::new();
    for (route, handler) in routes() {
        let rule = guard::RouteRule {
            guard: route.guard,
            plugin: None,
        };
        let guard = from_fn_with_state((state.clone(), rule), guard::apply);
        api = api.route(route.path, handler.route_layer(guard));
    }
    for route in registry::api_routes() {
        let rule = guard::RouteRule {
            guard: route.guard,
            plugin: Some(route.plugin_id),
        };
        let guard = from_fn_with_state((state.clone(), rule), guard::apply);
        let handler = route.handler.clone().with_state(()).route_layer(guard);
        api = api.route(&route.full_path(), handler);
    }
    // Paths under the API's prefixes that name no route answer in the API's shape too.
    for prefix in ["/api/v1/{*rest}", "/api/plugins/{*rest}"] {
        api = api.route(prefix, axum::routing::any(error_shape::no_such_route));
    }
    let api = api
        .layer(from_fn_with_state(state.clone(), bearer::authenticate))
        .layer(axum::middleware::map_response(error_shape::json_errors));
    let api = match &state.api_limits {
        Some(limits) => api.layer(
            GovernorLayer::new(limits.per_token.clone())
                .error_handler(rate_limit::per_token_refusal),
        ),
        None => api,
    };
    api.merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi()))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "SahaBot API", description = "Organizations, members, roles, invites and API tokens. Send `Authorization: Bearer <token>`; create tokens on your profile page."),
    paths(
        routes::me::get,
        routes::users::list,
        routes::orgs::list,
        routes::orgs::get,
        routes::orgs::create,
        routes::members::list,
        routes::members::remove,
        routes::members::grant_role,
        routes::members::revoke_role,
        routes::invites::list,
        routes::invites::create,
        routes::invites::withdraw,
        routes::invites::redeem,
        routes::tokens::list,
        routes::tokens::create,
        routes::tokens::revoke,
    ),
    components(schemas(error::ErrorBody)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
