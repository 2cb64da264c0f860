//! Pages are checked like server functions: before a page renders, the server applies the
//! rule it declares (the core's in `sahabot_app::page_rules`, a plugin's with its page). A
//! visitor who is not signed in is sent to sign in and brought back; a signed-in user the rule
//! refuses gets 403 and no page. An unknown organization, or a plugin off there, is left to
//! the page, which answers 404.

use std::sync::OnceLock;

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahabot_core::model::CurrentUser;
use sahabot_runtime::access::check;
use sahabot_sdk::access::AccessError;
use sahabot_sdk::{registry, Guard};

use crate::state::AppState;

/// A guarded page: its rule and, for a plugin's page, the plugin.
#[derive(Clone, Copy, Debug)]
pub struct PageRule {
    pub guard: Guard,
    pub plugin: Option<&'static str>,
}

/// Every guarded page by its address pattern; the set is fixed once the binary is linked.
pub fn page_rules() -> &'static matchit::Router<PageRule> {
    static RULES: OnceLock<matchit::Router<PageRule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = matchit::Router::new();
        let core = sahabot_app::page_rules::GUARDED_PAGES
            .iter()
            .map(|(pattern, guard)| ((*pattern).to_owned(), *guard, None));
        let plugins = registry::pages()
            .into_iter()
            .filter(|page| page.guard() != Guard::Public)
            .map(|page| (page.url_pattern(), page.guard(), Some(page.plugin_id)));
        for (pattern, guard, plugin) in core.chain(plugins) {
            if let Err(e) = rules.insert(pattern.clone(), PageRule { guard, plugin }) {
                tracing::error!(%pattern, error = %e, "a page's rule could not be registered");
            }
        }
        rules
    })
}

pub async fn enforce_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let Ok(matched) = page_rules().at(request.uri().path()) else {
        return next.run(request).await;
    };
    let rule = *matched.value;
    let org = matched.params.get("org").map(str::to_owned);
    let user = request.extensions().get::<CurrentUser>();
    match check(&state.db, user, rule.guard, org.as_deref(), rule.plugin).await {
        Ok(_) => next.run(request).await,
        Err(AccessError::NotSignedIn) => sign_in_first(&request),
        Err(AccessError::Forbidden(reason)) => forbidden(&reason),
        Err(AccessError::Unavailable) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the database is unavailable\n",
        )
            .into_response(),
        Err(_) => next.run(request).await,
    }
}

/// To the sign-in page, which brings the visitor back here afterwards.
fn sign_in_first(request: &Request) -> Response {
    let here = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let query = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
    Redirect::to(&format!("/login?{query}")).into_response()
}

fn forbidden(reason: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Not allowed · SahaBot</title></head>\
         <body><main><h1>You may not open this page</h1><p>{}.</p>\
         <p><a href=\"/\">Back to the home page</a></p></main></body></html>\n",
        escape(reason)
    );
    let mut response = (StatusCode::FORBIDDEN, Html(page)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
