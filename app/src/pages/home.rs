use leptos::prelude::*;
use leptos_meta::Title;

use crate::server_fns::list_orgs;

#[component]
pub fn HomePage() -> impl IntoView {
    let orgs = Resource::new(|| (), |_| list_orgs());
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>"Randomizer racing, organized"</h1>
            <p>
                "Tournaments, async qualifiers, seeds and race rooms for your community. "
                "Pick an organization to see what it runs."
            </p>
        </section>
        <h2>"Organizations"</h2>
        <Suspense fallback=|| view! { <p class="loading">"Loading organizations…"</p> }>
            {move || Suspend::new(async move {
                match orgs.await {
                    Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty">"No organization yet. Run " <code>"sahabot demo"</code> " to load demo data."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards" data-testid="org-list">
                            {list.into_iter().map(|org| view! {
                                <li class="card">
                                    <a href=format!("/org/{}", org.slug)>
                                        <h3>{org.name}</h3>
                                    </a>
                                    <p>{org.description}</p>
                                    <p class="meta">{format!("{} members", org.member_count)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
