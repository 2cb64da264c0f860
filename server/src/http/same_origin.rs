//! Refuses state-changing requests that a browser sent from another site (CSRF, and login CSRF:
//! a foreign page signing the browser in as someone else needs no cookie at all). Browsers say
//! where a request comes from in `Sec-Fetch-Site`, and older ones in `Origin`; either must name
//! this site, cookie or not. A request with neither is not a browser's cross-site request: it
//! passes unless it carries cookies, which only a browser (or someone replaying them) sends.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn check(request: Request, next: Next) -> Response {
    if is_allowed(request.method(), request.headers()) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "cross-site request refused: this action must come from a page of this site\n",
        )
            .into_response()
    }
}

pub fn is_allowed(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin") | Ok("none"));
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        return match (origin.to_str(), host) {
            (Ok(origin), Some(host)) => origin
                .split_once("://")
                .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
            _ => false,
        };
    }
    !headers.contains_key(header::COOKIE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn safe_methods_and_cookieless_requests_pass() {
        assert!(is_allowed(
            &Method::GET,
            &headers(&[("cookie", "sahabot=x"), ("sec-fetch-site", "cross-site")])
        ));
        assert!(is_allowed(
            &Method::POST,
            &headers(&[("authorization", "Bearer t")])
        ));
    }

    #[test]
    fn cross_site_posts_are_refused_without_cookies_too() {
        let post = Method::POST;
        assert!(!is_allowed(
            &post,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(!is_allowed(
            &post,
            &headers(&[("origin", "https://evil.example"), ("host", "h:3000")])
        ));
        assert!(!is_allowed(&post, &headers(&[("origin", "http://h:3000")])));
        assert!(is_allowed(
            &post,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(is_allowed(&post, &headers(&[])));
    }

    #[test]
    fn cookie_bearing_posts_must_come_from_this_site() {
        let post = Method::POST;
        assert!(is_allowed(
            &post,
            &headers(&[("cookie", "a=b"), ("sec-fetch-site", "same-origin")])
        ));
        assert!(!is_allowed(
            &post,
            &headers(&[("cookie", "a=b"), ("sec-fetch-site", "cross-site")])
        ));
        assert!(!is_allowed(
            &post,
            &headers(&[("cookie", "a=b"), ("sec-fetch-site", "same-site")])
        ));
        assert!(is_allowed(
            &post,
            &headers(&[
                ("cookie", "a=b"),
                ("origin", "http://h:3000"),
                ("host", "h:3000")
            ])
        ));
        assert!(!is_allowed(
            &post,
            &headers(&[
                ("cookie", "a=b"),
                ("origin", "https://evil.example"),
                ("host", "h:3000")
            ])
        ));
        assert!(!is_allowed(
            &post,
            &headers(&[("cookie", "a=b"), ("origin", "null"), ("host", "h:3000")])
        ));
        assert!(!is_allowed(&post, &headers(&[("cookie", "a=b")])));
    }
}
