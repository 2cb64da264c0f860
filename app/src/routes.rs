//! The routes of plugin pages, built at run time from the registry. Each page is a route of
//! its own (with its `:name` parameters), whose view fetches the plugin's chunk before it
//! renders: the main bundle holds only the paths and labels.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_router::{
    ChooseView, MatchNestedRoutes, NestedRoute, PartialPathMatch, PathSegment, PossibleRouteMatch,
    StaticSegment,
};
use sahabot_sdk::{registry, PageDecl, PageKind};

use crate::pages::not_found::NotFound;
use crate::pages::org_layout::OrgOverview;

/// The routes of every plugin page of the given kinds, relative to the organization
/// (`tournament/matches/:id`, `admin/links`) or to `/` for platform pages.
pub fn plugin_routes(kinds: &[PageKind]) -> impl MatchNestedRoutes + Clone + Send + 'static {
    let routes: Vec<_> = registry::pages()
        .into_iter()
        .filter(|page| kinds.contains(&page.kind))
        .map(|page| NestedRoute::new(PagePath::of(page), PluginRoute(page)))
        .collect();
    StaticVec::from(routes)
}

/// A page's route path, from [`PageDecl::segments`]: `:name` segments are parameters.
#[derive(Clone, Debug)]
pub struct PagePath(Vec<Segment>);

#[derive(Clone, Copy, Debug)]
enum Segment {
    Static(&'static str),
    Param(&'static str),
}

impl PagePath {
    fn of(page: &'static PageDecl) -> PagePath {
        PagePath::from_segments(page.segments())
    }

    /// Segments as a pattern writes them: `:name` is a parameter.
    fn from_segments(segments: impl Iterator<Item = &'static str>) -> PagePath {
        PagePath(
            segments
                .map(|s| match s.strip_prefix(':') {
                    Some(name) => Segment::Param(name),
                    None => Segment::Static(s),
                })
                .collect(),
        )
    }
}

impl PossibleRouteMatch for PagePath {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let mut remaining = path;
        let mut params = Vec::new();
        for segment in &self.0 {
            let matched = match segment {
                Segment::Static(s) => StaticSegment(*s).test(remaining)?,
                Segment::Param(name) => leptos_router::ParamSegment(name).test(remaining)?,
            };
            remaining = matched.remaining();
            params.extend(matched.params());
        }
        let matched_len = path.len() - remaining.len();
        Some(PartialPathMatch::new(
            remaining,
            params,
            &path[..matched_len],
        ))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for segment in &self.0 {
            match segment {
                Segment::Static(s) => StaticSegment(*s).generate_path(path),
                Segment::Param(name) => leptos_router::ParamSegment(name).generate_path(path),
            }
        }
    }
}

/// The view of one plugin page: fetches the plugin's chunk, then renders the page if the
/// plugin is in service for the organization (404 otherwise; the plugin's code does not run).
#[derive(Clone, Copy, Debug)]
pub struct PluginRoute(&'static PageDecl);

impl ChooseView for PluginRoute {
    async fn choose(self) -> AnyView {
        match self.0.preload().await {
            Ok(()) => view! { <PluginPage page=self.0/> }.into_any(),
            Err(error) => view! { <ChunkFailed message=error.to_string()/> }.into_any(),
        }
    }

    // Awaited before a page opened directly is hydrated, so the page's code is there when
    // hydration reaches it; on the server, names the chunk for the page's head (see
    // `crate::preload`).
    async fn preload(&self) {
        #[cfg(feature = "ssr")]
        crate::preload::needs_chunk(self.0.chunk());
        let _ = self.0.preload().await;
    }
}

#[component]
fn PluginPage(page: &'static PageDecl) -> impl IntoView {
    let overview = match (page.kind, use_context::<OrgOverview>()) {
        (PageKind::Platform, _) => return render_page(page),
        (_, Some(overview)) => overview,
        (_, None) => return view! { <NotFound/> }.into_any(),
    };
    let slug = sahabot_sdk::pages::org_slug();
    // A new Suspense per organization, whose child is a `Suspend` rather than a closure: a
    // Suspense walks a closure child again on each of its passes, which would build the page,
    // and fetch its resources, once per pass.
    (move || {
        slug.track();
        view! {
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {Suspend::new(async move {
                    match overview.await {
                        Ok(Some(frame)) if frame.plugins.iter().any(|p| p == page.plugin_id) => {
                            render_page(page)
                        }
                        // The layout says there is no such organization.
                        Ok(None) | Err(_) => ().into_any(),
                        Ok(Some(_)) => view! { <NotFound/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    })
    .into_any()
}

fn render_page(page: &'static PageDecl) -> AnyView {
    match render_loaded(page) {
        Some(Ok(view)) => view,
        Some(Err(error)) => view! { <ChunkFailed message=error.to_string()/> }.into_any(),
        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
    }
}

/// Renders a page whose chunk is already loaded: its loader then finishes on the first poll.
fn render_loaded(page: &PageDecl) -> Option<Result<AnyView, sahabot_sdk::ChunkError>> {
    let mut future = pin!(page.load());
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(result) => Some(result),
        Poll::Pending => None,
    }
}

/// What a page shows when its code could not be fetched.
#[component]
pub(crate) fn ChunkFailed(message: String) -> impl IntoView {
    view! {
        <div class="chunk-error" role="alert" data-testid="chunk-error">
            <h1>"This page could not be loaded"</h1>
            <p>"Its code did not arrive (" {message} "). Check your connection, then "
                <a href="" rel="external">"reload the page"</a> "."</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matched(path: &PagePath, url: &str) -> Option<(String, Vec<(String, String)>)> {
        let m = path.test(url)?;
        let complete = m.is_complete();
        let rest = m.remaining().to_string();
        let params = m
            .params()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        complete.then_some((rest, params))
    }

    #[test]
    fn a_nested_pattern_matches_its_segments_and_reads_its_parameters() {
        let path = PagePath::from_segments("tournament/matches/:id".split('/'));
        let (_, params) = matched(&path, "/tournament/matches/12").unwrap();
        assert_eq!(params, vec![("id".to_string(), "12".to_string())]);
        assert!(matched(&path, "/tournament/matches").is_none());
        assert!(matched(&path, "/tournament/players/12").is_none());
        assert!(matched(&path, "/tournamentx/matches/12").is_none());
        assert!(matched(&path, "/tournament/matches/12/more").is_none());
    }

    #[test]
    fn a_plugin_root_page_is_its_base() {
        let path = PagePath::from_segments(["admin", "links"].into_iter());
        assert!(matched(&path, "/admin/links").is_some());
        assert!(matched(&path, "/admin/links/").is_some());
        assert!(matched(&path, "/admin").is_none());
        let mut generated = Vec::new();
        PagePath::from_segments("t/a/:b".split('/')).generate_path(&mut generated);
        assert_eq!(generated.len(), 3);
    }
}
