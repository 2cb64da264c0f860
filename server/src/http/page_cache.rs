//! Pages as a visitor without a session sees them, kept for a moment (by default a second) and
//! served again to every such visitor: when a race or a bracket is linked from a stream or a
//! Discord server, many people open the same public page at once, and all but the first get it
//! without rendering. Discourse keeps its anonymous pages the same way.
//!
//! - **Only what anyone would see:** a GET with neither a cookie nor an `Authorization` header,
//!   answered 200 with HTML and no `Set-Cookie`. Anything else passes through untouched.
//! - **A change made here shows at once:** a kept page is served only while this instance has
//!   committed no unit of work since it was rendered ([`Db::commits`]), and a page whose
//!   rendering overlapped a commit is not kept.
//! - **A change made by another instance** shows when the page expires, after the ttl.
//! - **Every answer has a fresh nonce:** the page's script nonce (the CSP's) is drawn again for
//!   each answer and written into the kept page's places for it.
//!
//! An answer served from here carries `x-page-cache: hit`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;

use crate::state::AppState;

/// How long a page is kept unless configured otherwise.
pub const DEFAULT_PAGE_CACHE_TTL: Duration = Duration::from_secs(1);

/// A page larger than this is sent as it is rendered and not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// The kept pages' bytes at most; past it, the cache starts over.
const MAX_TOTAL_BYTES: usize = 32 * 1024 * 1024;

pub const HIT_HEADER: HeaderName = HeaderName::from_static("x-page-cache");

#[derive(Debug)]
pub struct PageCache {
    ttl: Duration,
    state: Mutex<Pages>,
}

#[derive(Debug, Default)]
struct Pages {
    by_address: HashMap<String, Arc<Page>>,
    bytes: usize,
}

/// A rendered page, cut where its nonce was.
#[derive(Debug)]
struct Page {
    rendered_at: Instant,
    commits: u64,
    headers: HeaderMap,
    nonce: Option<String>,
    pieces: Vec<Bytes>,
    len: usize,
}

impl PageCache {
    /// A cache keeping pages for `ttl`; a zero ttl keeps nothing.
    pub fn new(ttl: Duration) -> PageCache {
        PageCache {
            ttl,
            state: Mutex::new(Pages::default()),
        }
    }

    fn get(&self, address: &str, commits: u64) -> Option<Arc<Page>> {
        let pages = self.state.lock().ok()?;
        let page = pages.by_address.get(address)?;
        (page.commits == commits && page.rendered_at.elapsed() < self.ttl).then(|| page.clone())
    }

    fn put(&self, address: String, page: Page) {
        let Ok(mut pages) = self.state.lock() else {
            return;
        };
        if pages.bytes + page.len > MAX_TOTAL_BYTES {
            let ttl = self.ttl;
            pages
                .by_address
                .retain(|_, kept| kept.rendered_at.elapsed() < ttl);
            pages.bytes = pages.by_address.values().map(|kept| kept.len).sum();
            if pages.bytes + page.len > MAX_TOTAL_BYTES {
                *pages = Pages::default();
            }
        }
        pages.bytes += page.len;
        if let Some(replaced) = pages.by_address.insert(address, Arc::new(page)) {
            pages.bytes -= replaced.len;
        }
    }
}

/// The middleware: answers from the cache, or renders and keeps what may be kept.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    let Some(address) = cache_address(cache, &request) else {
        return next.run(request).await;
    };
    let commits = state.db.commits();
    if let Some(page) = cache.get(&address, commits) {
        return page.answer();
    }
    let response = next.run(request).await;
    if !may_keep(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    match read_whole(body).await {
        Ok(bytes) => {
            // Rendered while something was committed: it may show what was there before.
            if state.db.commits() == commits {
                cache.put(
                    address,
                    Page::new(commits, parts.headers.clone(), bytes.clone()),
                );
            }
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(body) => Response::from_parts(parts, body),
    }
}

/// The key of a request whose answer may come from the cache: its host, path and query.
fn cache_address(cache: &PageCache, request: &Request) -> Option<String> {
    let headers = request.headers();
    if cache.ttl.is_zero()
        || request.method() != Method::GET
        || headers.contains_key(header::COOKIE)
        || headers.contains_key(header::AUTHORIZATION)
    {
        return None;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or_default();
    let path = request
        .uri()
        .path_and_query()
        .map(|path| path.as_str())
        .unwrap_or("/");
    Some(format!("{host}{path}"))
}

fn may_keep(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"))
}

/// The whole body, or (too large, or failed midway) a body that sends what was read and the
/// rest as it comes.
async fn read_whole(body: Body) -> Result<Bytes, Body> {
    let mut stream = body.into_data_stream();
    let mut read = Vec::new();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) if read.len() + chunk.len() <= MAX_PAGE_BYTES => {
                read.extend_from_slice(&chunk);
            }
            Ok(chunk) => {
                read.extend_from_slice(&chunk);
                let head = futures_util::stream::once(async move { Ok(Bytes::from(read)) });
                return Err(Body::from_stream(head.chain(stream)));
            }
            Err(error) => {
                let head = futures_util::stream::iter([Ok(Bytes::from(read)), Err(error)]);
                return Err(Body::from_stream(head));
            }
        }
    }
    Ok(Bytes::from(read))
}

impl Page {
    fn new(commits: u64, mut headers: HeaderMap, body: Bytes) -> Page {
        // The transport's headers are the answer's own, not the page's.
        headers.remove(header::CONTENT_LENGTH);
        headers.remove(header::TRANSFER_ENCODING);
        headers.remove(header::DATE);
        let nonce = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|policy| policy.to_str().ok())
            .and_then(nonce_of);
        let pieces = match &nonce {
            Some(nonce) => cut_at(&body, nonce.as_bytes()),
            None => vec![body.clone()],
        };
        Page {
            rendered_at: Instant::now(),
            commits,
            headers,
            nonce,
            len: body.len(),
            pieces,
        }
    }

    fn answer(&self) -> Response {
        let mut headers = self.headers.clone();
        let body = match &self.nonce {
            Some(old) => {
                let nonce = leptos::nonce::Nonce::new();
                let nonce: &str = &nonce;
                if let Some(policy) = headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|policy| policy.to_str().ok())
                    .map(|policy| policy.replace(old.as_str(), nonce))
                    .and_then(|policy| HeaderValue::from_str(&policy).ok())
                {
                    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
                }
                Bytes::from(join_with(&self.pieces, nonce.as_bytes()))
            }
            None => self.pieces.concat().into(),
        };
        headers.insert(HIT_HEADER, HeaderValue::from_static("hit"));
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
    }
}

/// The nonce a Content-Security-Policy allows scripts by (`'nonce-…'`).
fn nonce_of(policy: &str) -> Option<String> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    Some(policy[start..start + len].to_string()).filter(|nonce| !nonce.is_empty())
}

/// `body` cut around every occurrence of `needle` (which is left out).
fn cut_at(body: &Bytes, needle: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(body, needle) {
        pieces.push(body.slice(start..at));
        start = at + needle.len();
    }
    pieces.push(body.slice(start..));
    pieces
}

fn join_with(pieces: &[Bytes], between: &[u8]) -> Vec<u8> {
    let len = pieces.iter().map(Bytes::len).sum::<usize>()
        + between.len() * pieces.len().saturating_sub(1);
    let mut joined = Vec::with_capacity(len);
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            joined.extend_from_slice(between);
        }
        joined.extend_from_slice(piece);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let policy = "default-src 'self'; script-src 'nonce-Ab_9-x' 'strict-dynamic'";
        assert_eq!(nonce_of(policy).as_deref(), Some("Ab_9-x"));
        assert_eq!(nonce_of("default-src 'self'"), None);
        assert_eq!(nonce_of("script-src 'nonce-'"), None);
    }

    #[test]
    fn a_page_is_cut_at_its_nonce_and_joined_with_another() {
        let body = Bytes::from_static(b"<script nonce=\"N0\">a</script><p>N0</p>end");
        let pieces = cut_at(&body, b"N0");
        assert_eq!(pieces.len(), 3);
        assert_eq!(
            join_with(&pieces, b"fresh"),
            b"<script nonce=\"fresh\">a</script><p>fresh</p>end"
        );
        assert_eq!(join_with(&cut_at(&body, b"absent"), b"x"), body.to_vec());
    }

    fn page(body: &'static [u8], policy: &str) -> Page {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(policy).unwrap(),
        );
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("12"));
        Page::new(7, headers, Bytes::from_static(body))
    }

    #[tokio::test]
    async fn every_answer_has_a_fresh_nonce_in_its_policy_and_its_scripts() {
        let page = page(b"<script nonce=\"old\"></script>", "script-src 'nonce-old'");
        let mut nonces = Vec::new();
        for _ in 0..2 {
            let answer = page.answer();
            assert_eq!(answer.headers()[&HIT_HEADER], "hit");
            assert!(!answer.headers().contains_key(header::CONTENT_LENGTH));
            let policy = answer.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_string();
            let nonce = nonce_of(&policy).unwrap();
            let body = axum::body::to_bytes(answer.into_body(), usize::MAX)
                .await
                .unwrap();
            assert_eq!(body, format!("<script nonce=\"{nonce}\"></script>"));
            assert_ne!(nonce, "old");
            nonces.push(nonce);
        }
        assert_ne!(nonces[0], nonces[1]);
    }

    #[test]
    fn a_page_is_kept_for_its_ttl_and_while_nothing_was_committed() {
        let cache = PageCache::new(Duration::from_millis(200));
        cache.put("h/a".into(), page(b"a", "script-src 'nonce-n'"));
        assert!(cache.get("h/a", 7).is_some());
        assert!(cache.get("h/b", 7).is_none(), "another address");
        assert!(cache.get("h/a", 8).is_none(), "a commit since");
        std::thread::sleep(Duration::from_millis(250));
        assert!(cache.get("h/a", 7).is_none(), "expired");
    }

    #[test]
    fn the_cache_starts_over_rather_than_outgrow_its_bound() {
        let cache = PageCache::new(Duration::from_secs(60));
        static BIG: [u8; MAX_PAGE_BYTES] = [b'x'; MAX_PAGE_BYTES];
        let pages = MAX_TOTAL_BYTES / MAX_PAGE_BYTES;
        for i in 0..=pages {
            cache.put(format!("h/{i}"), page(&BIG, "script-src 'nonce-n'"));
        }
        let kept = cache.state.lock().unwrap();
        assert!(kept.bytes <= MAX_TOTAL_BYTES);
        assert_eq!(kept.by_address.len(), 1, "started over with the last page");
        assert!(kept.by_address.contains_key(&format!("h/{pages}")));
    }
}
