//! Headers every answer carries. Pages add their Content-Security-Policy as they are rendered
//! (it names the nonce of their scripts; see `sahabot_app::security`).

use axum::http::header::{REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
use axum::http::HeaderValue;
use tower_http::set_header::SetResponseHeaderLayer;

/// A file is what its content type says, never what a browser guesses from its bytes.
pub fn nosniff() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"))
}

/// Addresses (invite links, `next=` targets) are not told to other sites.
pub fn referrer_policy() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(REFERRER_POLICY, HeaderValue::from_static("same-origin"))
}

/// For browsers that predate `frame-ancestors`.
pub fn frame_options() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"))
}
