use leptos::prelude::*;
use sahabot_sdk::pages::org_slug;

use crate::server_fns::links_page;

/// The organization's useful links.
#[component]
pub fn LinksPage() -> impl IntoView {
    let org = org_slug();
    let data = Resource::new(move || org.get(), links_page);
    view! {
        <section class="plugin-page" data-testid="community-links">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                        Ok(page) => {
                            let empty = page.links.is_empty();
                            view! {
                                <h2 data-testid="links-heading">{page.heading}</h2>
                                {if empty {
                                    view! { <p class="empty">"No links yet."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="links">
                                            {page.links.into_iter().map(|l| view! {
                                                <li data-testid="community-link"><a href=l.url rel="noopener">{l.label}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
