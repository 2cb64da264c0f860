//! The site's compiled files (`/pkg`): served precompressed when the build left a `.br` or
//! `.gz` beside a file, cached for a year when their names carry a content hash (a new build
//! gives new names, so a returning visitor downloads only what changed). The files at the
//! site's root (`public/`: the icon) are served the same way, revalidated on each use.

use axum::http::{header, HeaderValue};
use leptos::prelude::LeptosOptions;
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// A year, and never revalidated: the name changes when the content does.
const HASHED: &str = "public, max-age=31536000, immutable";
/// Unhashed names (a development build) are checked with the server on every use.
const UNHASHED: &str = "no-cache";

pub fn service(options: &LeptosOptions) -> axum::routing::MethodRouter {
    let dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let cache = HeaderValue::from_static(if options.hash_files { HASHED } else { UNHASHED });
    let files = ServiceBuilder::new()
        // Only a file found is cached: a missing one may appear with the next deployment.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |response: &axum::http::Response<_>| {
                response.status().is_success().then(|| cache.clone())
            },
        ))
        // The answer depends on Accept-Encoding (a precompressed file does not say so itself);
        // shared caches must know.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        // A development build has no precompressed files; its files are compressed as sent.
        .layer(compression())
        .service(ServeDir::new(dir).precompressed_br().precompressed_gzip());
    axum::routing::get_service(files)
}

/// The files at the site's root; any other address is a page, rendered by `page`.
///
/// Leptos's own `file_and_error_handler` is not used: it looks up the response options of
/// whatever reactive owner the worker thread last ran and empties them into the file's
/// response, so a page rendered at the same moment on the same thread could lose its
/// headers (its Content-Security-Policy among them) to a request for the icon.
pub fn site_root<S>(options: &LeptosOptions, page: S) -> axum::routing::MethodRouter
where
    S: tower::Service<
            axum::extract::Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + Clone
        + Send
        + Sync
        + 'static,
    S::Future: Send + 'static,
{
    let files = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |response: &axum::http::Response<_>| {
                response
                    .status()
                    .is_success()
                    .then(|| HeaderValue::from_static(UNHASHED))
            },
        ))
        .service(
            ServeDir::new(options.site_root.as_ref())
                .precompressed_br()
                .precompressed_gzip()
                .append_index_html_on_directories(false)
                .call_fallback_on_method_not_allowed(true)
                .fallback(page),
        );
    axum::routing::any_service(files)
}

/// Brotli or gzip, as the client accepts. Level 4 keeps a multi-megabyte development wasm
/// quick to send; the release build's files arrive precompressed at the best level.
pub fn compression() -> CompressionLayer {
    CompressionLayer::new().quality(CompressionLevel::Precise(4))
}
