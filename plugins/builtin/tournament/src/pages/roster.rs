use leptos::prelude::*;
use sahabot_sdk::model::Member;
use sahabot_sdk::pages::org_slug;

use crate::server_fns::roster;

/// The org's roster with a live filter and a sort switch.
#[component]
pub fn RosterPage() -> impl IntoView {
    let org = org_slug();
    let members = Resource::new(move || org.get(), roster);
    let (filter, set_filter) = signal(String::new());
    let (descending, set_descending) = signal(false);

    let visible = move |all: Vec<Member>| {
        let needle = filter.get().to_lowercase();
        let mut shown: Vec<Member> = all
            .into_iter()
            .filter(|m| m.display_name.to_lowercase().contains(&needle))
            .collect();
        if descending.get() {
            shown.reverse();
        }
        shown
    };

    view! {
        <section class="plugin-page" data-testid="tournament-roster">
            <h2>"Tournament roster"</h2>
            <p class="hint">"Members of this organization who can be entered as players."</p>
            <div class="toolbar">
                <label>
                    "Filter "
                    <input
                        type="search"
                        placeholder="Name"
                        data-testid="roster-filter"
                        prop:value=filter
                        on:input=move |ev| set_filter.set(event_target_value(&ev))
                    />
                </label>
                <button
                    type="button"
                    data-testid="roster-sort"
                    on:click=move |_| set_descending.update(|d| *d = !*d)
                >
                    {move || if descending.get() { "Name Z→A" } else { "Name A→Z" }}
                </button>
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Loading the roster…"</p> }>
                {move || Suspend::new(async move {
                    match members.await {
                        Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                        Ok(all) => {
                            let total = all.len();
                            let shown = Memo::new(move |_| visible(all.clone()));
                            view! {
                                <p class="count" data-testid="roster-count">
                                    {move || format!("Showing {} of {}", shown.read().len(), total)}
                                </p>
                                <table class="table">
                                    <thead><tr><th>"Player"</th><th>"Pronouns"</th></tr></thead>
                                    <tbody>
                                        <For
                                            each=move || shown.get()
                                            key=|m| m.user_id
                                            let:member
                                        >
                                            <tr data-testid="roster-row">
                                                <td>{member.display_name}</td>
                                                <td>{member.pronouns.unwrap_or_default()}</td>
                                            </tr>
                                        </For>
                                    </tbody>
                                </table>
                                <Show when=move || shown.read().is_empty()>
                                    <p class="empty">"No player matches this filter."</p>
                                </Show>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
