//! How the site's files and pages travel: precompressed files chosen by `Accept-Encoding`,
//! long cache lifetimes for content-hashed names, HTML and JSON compressed as sent.

#![allow(clippy::unwrap_used)] // test helpers may panic

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sahabot_core::{db::Db, db_test};
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    encoding: Option<String>,
    cache: Option<String>,
    vary: Option<String>,
    body: Vec<u8>,
}

async fn fetch(app: &Router, path: &str, accept: Option<&str>) -> Reply {
    let mut request = Request::get(path);
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT_ENCODING, accept);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let text = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &header::HeaderValue| v.to_str().unwrap().to_string())
    };
    let (status, encoding, cache, vary) = (
        response.status(),
        text(header::CONTENT_ENCODING),
        text(header::CACHE_CONTROL),
        text(header::VARY),
    );
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        encoding,
        cache,
        vary,
        body,
    }
}

/// The app serving a site folder whose wasm has precompressed copies beside it.
async fn app_with_site(db: &Db, hash_files: bool) -> (Router, tempfile::TempDir) {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("sahabot.0123abcd.wasm"), vec![b'w'; 4096]).unwrap();
    std::fs::write(pkg.join("sahabot.0123abcd.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("sahabot.0123abcd.wasm.gz"), b"gzip bytes").unwrap();
    std::fs::write(pkg.join("sahabot.css"), "body { margin: 0 }\n".repeat(50)).unwrap();
    std::fs::write(site.path().join("favicon.svg"), "<svg/>").unwrap();
    sahabot_server::plugins::load().unwrap();
    sahabot_server::plugins::start(db).await.unwrap();
    sahabot_core::demo::seed(db).await.unwrap();
    let options = LeptosOptions::builder()
        .output_name("sahabot")
        .site_root(site.path().display().to_string())
        .hash_files(hash_files)
        .build();
    // Every page rendered: these tests are about the headers each rendering sends.
    let state = sahabot_server::AppState::new(options, db.clone(), common::settings(None, false))
        .await
        .unwrap()
        .with_page_cache_ttl(std::time::Duration::ZERO);
    (sahabot_server::http::router(state), site)
}

db_test!(
    site_files_are_sent_precompressed_as_the_client_accepts,
    |db: Db| async move {
        let (app, _site) = app_with_site(&db, true).await;
        let wasm = "/pkg/sahabot.0123abcd.wasm";

        let br = fetch(&app, wasm, Some("gzip, deflate, br")).await;
        assert_eq!(br.status, StatusCode::OK);
        assert_eq!(br.encoding.as_deref(), Some("br"));
        assert_eq!(br.body, b"brotli bytes");
        assert!(br.vary.unwrap_or_default().contains("accept-encoding"));

        let gz = fetch(&app, wasm, Some("gzip")).await;
        assert_eq!(gz.encoding.as_deref(), Some("gzip"));
        assert_eq!(gz.body, b"gzip bytes");

        let plain = fetch(&app, wasm, None).await;
        assert_eq!(plain.encoding, None);
        assert_eq!(plain.body.len(), 4096);

        // Hashed names never change content: a year, never revalidated.
        assert_eq!(
            br.cache.as_deref(),
            Some("public, max-age=31536000, immutable")
        );
        // A missing file may exist after the next deployment: not cached.
        let missing = fetch(&app, "/pkg/sahabot.ffff.wasm", Some("br")).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.cache, None);
    }
);

db_test!(
    without_hashed_names_files_are_revalidated_and_compressed_as_sent,
    |db: Db| async move {
        let (app, _site) = app_with_site(&db, false).await;
        let css = fetch(&app, "/pkg/sahabot.css", Some("gzip")).await;
        assert_eq!(css.status, StatusCode::OK);
        assert_eq!(css.cache.as_deref(), Some("no-cache"));
        assert_eq!(css.encoding.as_deref(), Some("gzip"));
        assert!(css.body.len() < 1000, "{} bytes", css.body.len());
    }
);

db_test!(pages_and_api_answers_are_compressed, |db: Db| async move {
    let (app, _site) = app_with_site(&db, false).await;
    let page = fetch(&app, "/", Some("br")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.encoding.as_deref(), Some("br"));
    let mut html = Vec::new();
    brotli_decompress(&page.body, &mut html);
    assert!(String::from_utf8(html)
        .unwrap()
        .contains("ALTTPR Community"));

    let plain = fetch(&app, "/", None).await;
    assert_eq!(plain.encoding, None);
    assert!(String::from_utf8(plain.body)
        .unwrap()
        .contains("ALTTPR Community"));

    let json = fetch(&app, "/api/openapi.json", Some("gzip")).await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(json.encoding.as_deref(), Some("gzip"));
});

db_test!(
    the_sites_root_files_are_served_and_pages_keep_their_headers_meanwhile,
    |db: Db| async move {
        let (app, _site) = app_with_site(&db, false).await;
        // A browser asks for the icon while the next page renders: the page's own headers
        // (its policy, its status) stay with the page.
        let mut rounds = Vec::new();
        for _ in 0..100 {
            let (app, app2) = (app.clone(), app.clone());
            rounds.push(tokio::spawn(async move {
                let icons = tokio::spawn(async move {
                    for _ in 0..3 {
                        let icon = app2
                            .clone()
                            .oneshot(Request::get("/favicon.svg").body(Body::empty()).unwrap())
                            .await
                            .unwrap();
                        icon.into_body().collect().await.unwrap();
                    }
                });
                let page = app
                    .oneshot(Request::get("/org/alttpr").body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                icons.await.unwrap();
                page.headers().contains_key(header::CONTENT_SECURITY_POLICY)
            }));
        }
        let mut without = 0;
        for round in rounds {
            if !round.await.unwrap() {
                without += 1;
            }
        }
        assert_eq!(without, 0, "pages without their policy, of 100");

        let icon = fetch(&app, "/favicon.svg", None).await;
        assert_eq!(icon.status, StatusCode::OK);
        assert_eq!(icon.body, b"<svg/>");
        assert_eq!(icon.cache.as_deref(), Some("no-cache"));
        let missing = fetch(&app, "/no-such-file.png", None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(String::from_utf8_lossy(&missing.body).contains("Page not found"));
    }
);

fn brotli_decompress(input: &[u8], output: &mut Vec<u8>) {
    use std::io::Read;
    brotli_decompressor::Decompressor::new(input, 4096)
        .read_to_end(output)
        .unwrap();
}
