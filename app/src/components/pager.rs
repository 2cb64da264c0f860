use leptos::prelude::*;

/// Previous/next buttons and "Page N of M" under a paginated table.
#[component]
pub fn Pager(
    current: i64,
    pages: i64,
    #[prop(into)] on_page: Callback<i64>,
    #[prop(default = "Previous")] back: &'static str,
    #[prop(default = "Next")] forward: &'static str,
    #[prop(optional)] total: Option<String>,
) -> impl IntoView {
    let label = match total {
        Some(total) => format!("Page {current} of {pages} · {total}"),
        None => format!("Page {current} of {pages}"),
    };
    view! {
        <nav class="pager" aria-label="Pages">
            <button class="secondary" disabled={current <= 1} on:click=move |_| on_page.run(current - 1)>{back}</button>
            <span>{label}</span>
            <button class="secondary" disabled={current >= pages} on:click=move |_| on_page.run(current + 1)>{forward}</button>
        </nav>
    }
}
