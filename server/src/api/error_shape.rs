//! Every API answer that is an error has the documented shape, `{"error": …}`. axum's own
//! refusals (a body it cannot read or parse, a wrong content type, a body over the size limit,
//! a method the route does not take) are plain text; they are rewritten here, in one place, with
//! their status kept. A 401 also says how to authenticate.

use axum::body::to_bytes;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::error::ErrorBody;

/// axum's refusals are a line or two; anything longer is cut.
const MAX_TEXT: usize = 16 * 1024;

pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let mut response = if is_json(&response) {
        response
    } else {
        as_json(response).await
    };
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

async fn as_json(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let text = to_bytes(body, MAX_TEXT)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .unwrap_or_default();
    let error = if text.is_empty() {
        parts
            .status
            .canonical_reason()
            .unwrap_or("the request was refused")
            .to_lowercase()
    } else {
        text
    };
    parts.headers.remove(CONTENT_TYPE);
    parts.headers.remove(CONTENT_LENGTH);
    (parts, Json(ErrorBody { error })).into_response()
}

/// The answer for a path under the API's prefixes that names no route.
pub async fn no_such_route() -> Response {
    let body = Json(ErrorBody {
        error: "no such API route; see /api/openapi.json".into(),
    });
    (StatusCode::NOT_FOUND, body).into_response()
}
