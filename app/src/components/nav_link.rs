//! A link of a navigation bar.

use leptos::prelude::*;

/// A navigation link: a plain `<a>`, which the router follows without a reload as it does
/// every same-origin link, marked `aria-current="page"` while the page it opens is open. The
/// router's `A` does the same, but it also resolves a relative `href`, with a memo and a
/// context lookup per link that the server pays on every render; these links are absolute,
/// and all the links of a bar share one read of the location.
#[component]
pub fn NavLink(
    /// An absolute path.
    href: String,
    /// The location's path (`use_location().pathname`), read once for the whole bar.
    pathname: Memo<String>,
    /// Current only on this very page, not on the pages under it.
    #[prop(optional)]
    exact: bool,
    children: Children,
) -> impl IntoView {
    let target = href.clone();
    let current = move || {
        pathname
            .with(|here| opens(&target, here, exact))
            .then_some("page")
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}

/// Whether the page at `here` is the one `href` opens (or, unless `exact`, one under it).
fn opens(href: &str, here: &str, exact: bool) -> bool {
    let href = href.trim_end_matches('/');
    let here = here.trim_end_matches('/');
    if here == href {
        return true;
    }
    // The site's root is current on itself only.
    !exact
        && !href.is_empty()
        && here
            .strip_prefix(href)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::opens;

    #[test]
    fn a_link_is_current_on_its_page_and_the_pages_under_it() {
        assert!(opens("/org/a", "/org/a", false));
        assert!(opens("/org/a", "/org/a/", false));
        assert!(opens("/org/a/", "/org/a", false));
        assert!(opens("/org/a", "/org/a/presets", false));
        assert!(
            !opens("/org/a", "/org/ab", false),
            "not a prefix of a segment"
        );
        assert!(!opens("/org/a/presets", "/org/a", false));
    }

    #[test]
    fn an_exact_link_is_current_on_its_page_only() {
        assert!(opens("/org/a", "/org/a", true));
        assert!(opens("/org/a", "/org/a/", true));
        assert!(!opens("/org/a", "/org/a/admin", true));
    }

    #[test]
    fn the_root_is_current_on_itself_only() {
        assert!(opens("/", "/", false));
        assert!(!opens("/", "/org/a", false));
        assert!(!opens("/", "/org/a", true));
    }
}
