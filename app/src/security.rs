//! The Content-Security-Policy of every page. Scripts run only when they carry the nonce the
//! server drew for this response (the hydration script does) or were loaded by one that does
//! (`'strict-dynamic'`: the bundle and its lazily loaded chunks); WebAssembly may compile
//! (`'wasm-unsafe-eval'`); everything else comes from this site, and no other site may frame
//! a page.

/// The policy for a response whose scripts carry `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    [
        "default-src 'self'".to_string(),
        format!("script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'"),
        "style-src 'self'".into(),
        "img-src 'self' data:".into(),
        "connect-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        "form-action 'self'".into(),
        "frame-ancestors 'none'".into(),
    ]
    .join("; ")
}

/// Sends the policy with the page being rendered (server only).
#[cfg(feature = "ssr")]
pub fn send_content_security_policy() {
    use leptos::prelude::use_context;
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn the_policy_names_the_nonce_and_forbids_framing() {
        let policy = content_security_policy("abc123");
        assert!(policy.contains("script-src 'nonce-abc123' 'strict-dynamic' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
    }
}
