use std::collections::HashSet;
use std::sync::OnceLock;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::FromServerFnError;
use leptos::server_fn::ServerFnError;
use sahabot_core::model::CurrentUser;
use sahabot_runtime::access::check;
use sahabot_sdk::access::{declaration, AccessError, Checked};
use sahabot_sdk::Guard;

use crate::state::AppState;

/// Server-function arguments are small; a larger body is refused before it is buffered.
const MAX_ARGS_BYTES: usize = 1 << 20;

/// Server functions that Leptos registered without an access declaration. The server refuses
/// to start while this is not empty.
pub fn undeclared_server_fns() -> Vec<&'static str> {
    let mut missing: Vec<_> = server_fn_paths()
        .iter()
        .copied()
        .filter(|path| declaration(path).is_none())
        .collect();
    missing.sort_unstable();
    missing
}

/// The registered server functions' paths; the set is fixed once the binary is linked.
fn server_fn_paths() -> &'static HashSet<&'static str> {
    static PATHS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PATHS.get_or_init(|| {
        leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .collect()
    })
}

fn is_server_fn(path: &str) -> bool {
    server_fn_paths().contains(path)
}

/// Applies the declared guard of the server function a request calls; other requests pass.
pub async fn enforce(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if !is_server_fn(&path) {
        return next.run(request).await;
    }
    let Some(decl) = declaration(&path) else {
        return refusal(AccessError::Undeclared(path));
    };
    let (mut parts, body) = request.into_parts();
    // A plugin's function names its organization whatever its guard: a plugin that is off
    // there answers 404 before anyone is asked to sign in.
    let (org, body) = match decl.guard {
        Guard::Global(_) if decl.plugin.is_none() => (None, body),
        _ => match org_argument(&parts, body).await {
            Ok(found) => found,
            Err(e) => return refusal(e),
        },
    };
    let user = parts.extensions.get::<CurrentUser>().cloned();
    match check(
        &state.db,
        user.as_ref(),
        decl.guard,
        org.as_deref(),
        decl.plugin,
    )
    .await
    {
        Ok(org) => {
            parts.extensions.insert(Checked {
                path: decl.path,
                org,
            });
            bad_arguments_are_400(next.run(Request::from_parts(parts, body)).await).await
        }
        // A public core function asked about an unknown organization answers for itself.
        Err(AccessError::NotFound(_)) if decl.guard == Guard::Public && decl.plugin.is_none() => {
            next.run(Request::from_parts(parts, body)).await
        }
        Err(e) => refusal(e),
    }
}

/// Leptos answers arguments that do not decode with 500; they are the caller's mistake, so the
/// answer is 400 with the same message.
async fn bad_arguments_are_400(response: Response) -> Response {
    if response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_ARGS_BYTES).await.unwrap_or_default();
    if bytes.starts_with(b"Args|") || bytes.starts_with(b"Deserialization|") {
        parts.status = axum::http::StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The `org` argument of the call, from the query string (GET) or the form or JSON body;
/// returns the body intact for the handler.
async fn org_argument(
    parts: &axum::http::request::Parts,
    body: Body,
) -> Result<(Option<String>, Body), AccessError> {
    if parts.method == Method::GET {
        let query = parts.uri.query().unwrap_or("");
        return Ok((find_org(query.as_bytes(), false), body));
    }
    let bytes = to_bytes(body, MAX_ARGS_BYTES)
        .await
        .map_err(|_| AccessError::BadRequest("the arguments are too large or unreadable".into()))?;
    let json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    Ok((find_org(&bytes, json), Body::from(bytes)))
}

fn find_org(bytes: &[u8], json: bool) -> Option<String> {
    if json {
        let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        return value.get("org")?.as_str().map(str::to_owned);
    }
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == "org")
        .map(|(_, value)| value)
}

/// A refusal in the shape the server-function client decodes, with the matching status.
fn refusal(error: AccessError) -> Response {
    let status = error.status();
    let body = ServerFnError::new(error.to_string()).ser();
    (status, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::find_org;

    #[test]
    fn the_org_argument_is_found_in_forms_and_json() {
        assert_eq!(
            find_org(b"user_id=3&org=alttpr", false).as_deref(),
            Some("alttpr")
        );
        assert_eq!(
            find_org(br#"{"org":"sm-league","x":1}"#, true).as_deref(),
            Some("sm-league")
        );
        assert_eq!(find_org(b"user_id=3", false), None);
        assert_eq!(find_org(b"not json", true), None);
    }
}
