use leptos::prelude::*;
use sahabot_sdk::pages::org_slug;

use crate::server_fns::list_namespaces;

/// The organization's preset namespaces.
#[component]
pub fn NamespacesPage() -> impl IntoView {
    let org = org_slug();
    let namespaces = Resource::new(move || org.get(), list_namespaces);
    view! {
        <section class="plugin-page" data-testid="preset-namespaces">
            <h2>"Preset namespaces"</h2>
            <p class="hint">"Named collections of seed presets that this organization's races roll from."</p>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match namespaces.await {
                        Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">"This organization has no preset namespace yet."</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <table class="table">
                                <thead><tr><th>"Namespace"</th><th>"Description"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|n| view! {
                                        <tr><td>{n.name}</td><td>{n.description}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
