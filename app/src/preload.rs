//! The chunks of the page opened. Each route the path matches, from the outermost in, preloads
//! the chunk of its own view:
//! - in the browser, before the page is hydrated: with the chunks loaded, every view of the
//!   page is ready at once and the whole page hydrates synchronously, which needs one
//!   hydration path per view type in the bundle instead of two (see app/vendor/tachys);
//! - on the server, before the page's `<head>` is written: each route's preload names its
//!   chunk, and the head lists their files (`preload` links, see `crate::site_files`), so the
//!   browser fetches them with the main bundle.

use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Waker};

use leptos_router::{ChooseView, MatchInterface, MatchNestedRoutes};

/// Fetches the chunks of the page at `path`; `false` if one of them could not be fetched.
pub async fn chunks_of_page(routes: &(impl MatchNestedRoutes + 'static), path: &str) -> bool {
    match routes.match_nested(path) {
        (Some((_, matched)), _) => chunks_of_match(matched).await,
        (None, _) => true,
    }
}

/// On the server: the chunks the page at `path` needs, by name.
#[cfg(feature = "ssr")]
pub fn chunks_needed(path: &str) -> Vec<&'static str> {
    use leptos::prelude::{provide_context, Owner};
    let needed = PageChunks::default();
    Owner::new().with(|| {
        provide_context(needed.clone());
        let routes = crate::shell::app_routes();
        // On the server every preload is ready at once: it only names its chunk.
        let _ = pin!(chunks_of_page(&routes, path)).poll(&mut Context::from_waker(Waker::noop()));
    });
    needed
        .0
        .lock()
        .map(|names| names.clone())
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
#[derive(Clone, Default)]
struct PageChunks(std::sync::Arc<std::sync::Mutex<Vec<&'static str>>>);

/// On the server, while [`chunks_needed`] runs: the page needs the chunk `name`.
#[cfg(feature = "ssr")]
pub fn needs_chunk(name: &'static str) {
    if let Some(chunks) = leptos::prelude::use_context::<PageChunks>() {
        if let Ok(mut names) = chunks.0.lock() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
}

fn chunks_of_match<M: MatchInterface + 'static>(matched: M) -> Pin<Box<dyn Future<Output = bool>>> {
    let (view, child) = matched.into_view_and_child();
    Box::pin(async move {
        view.preload().await;
        // A loaded chunk answers at once; one whose fetch failed starts over and is pending.
        let loaded = pin!(view.preload())
            .poll(&mut Context::from_waker(Waker::noop()))
            .is_ready();
        match child {
            Some(child) if loaded => chunks_of_match(child).await,
            _ => loaded,
        }
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::chunks_needed;

    #[test]
    fn each_page_needs_the_chunks_of_the_routes_it_matches() {
        crate::link_plugins();
        leptos::prelude::Owner::new().with(|| {
            for _ in 0..20 {
                assert_eq!(chunks_needed("/org/alttpr/tournament"), ["tournament"]);
            }
            assert_eq!(chunks_needed("/org/alttpr/tournament/t/3"), ["tournament"]);
            assert_eq!(chunks_needed("/org/alttpr"), ["org_front"]);
            assert_eq!(chunks_needed("/org/alttpr/admin"), ["org_admin"]);
            assert_eq!(chunks_needed("/admin/users"), ["platform_admin"]);
            assert_eq!(chunks_needed("/profile"), ["account"]);
            assert_eq!(chunks_needed("/invite/abc"), ["invite"]);
            assert_eq!(chunks_needed("/"), ["home"]);
            assert!(chunks_needed("/login").is_empty());
            assert!(chunks_needed("/no/such/page").is_empty());
        });
    }
}
