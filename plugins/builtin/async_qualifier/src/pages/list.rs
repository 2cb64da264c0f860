//! The organization's qualifiers; organizers create new ones here.

use leptos::prelude::*;
use sahabot_sdk::pages::{message, org_slug, reload_on_success, LocalTime, SortHeader};

use super::parts::qualifier_href;
use super::settings::QualifierSettings;
use crate::model::Qualifier;
use crate::server_fns::qualifiers::{list_qualifiers, SaveQualifier};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    Name,
    Opens,
    Runs,
}

#[component]
pub fn QualifiersPage() -> impl IntoView {
    let org = org_slug();
    let save = ServerAction::<SaveQualifier>::new();
    let reload = RwSignal::new(0_usize);
    reload_on_success(save, reload);
    let data = Resource::new(
        move || (org.get(), reload.get()),
        |(org, _)| list_qualifiers(org),
    );
    let calculator = move || format!("/org/{}/async_qualifier/calculator", org.get());
    view! {
        <section class="plugin-page" data-testid="qualifiers">
            <h2>"Async qualifiers"</h2>
            <p class="hint">
                "Racers run the same seeds on their own time; each finish is scored against the permalink's par. "
                <a href=calculator>"Score calculator"</a>
            </p>
            <Transition fallback=|| view! { <p class="loading">"Loading the qualifiers…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! {
                            <QualifierTable org=org.get_untracked() rows=page.qualifiers/>
                            {page.rights.manage.then(|| view! {
                                // A creation reloads the list, which builds this form again,
                                // empty: it stays open to show that it worked.
                                <details class="card" data-testid="new-qualifier"
                                    open=save.value().get_untracked().is_some_and(|r| r.is_ok())>
                                    <summary>"New qualifier"</summary>
                                    <QualifierSettings save current=None/>
                                </details>
                            })}
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn QualifierTable(org: String, rows: Vec<Qualifier>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No qualifiers yet."</p> }.into_any();
    }
    let sort = RwSignal::new(Sort::Opens);
    let sorted = move || {
        let mut rows = rows.clone();
        match sort.get() {
            Sort::Name => rows.sort_by_key(|q| q.name.to_lowercase()),
            Sort::Opens => rows.sort_by_key(|q| (!q.is_active, std::cmp::Reverse(q.opens_at))),
            Sort::Runs => rows.sort_by_key(|q| std::cmp::Reverse(q.run_count)),
        }
        rows
    };
    view! {
        <table class="table" data-testid="qualifier-table">
            <thead>
                <tr>
                    <SortHeader label="Qualifier" by=Sort::Name sort/>
                    <SortHeader label="Opens" by=Sort::Opens sort/>
                    <th>"Closes"</th>
                    <th>"Pools"</th>
                    <SortHeader label="Runs" by=Sort::Runs sort/>
                    <th>"State"</th>
                </tr>
            </thead>
            <tbody>
                <For each=sorted key=|q| q.id let:q>
                    <tr data-testid="qualifier-row">
                        <td><a href=qualifier_href(&org, q.id)>{q.name.clone()}</a></td>
                        <td>{q.opens_at.map(|ms| view! { <LocalTime millis=ms/> })}</td>
                        <td>{q.closes_at.map(|ms| view! { <LocalTime millis=ms/> })}</td>
                        <td>{q.pool_count}</td>
                        <td>{q.run_count}</td>
                        <td>{if q.is_active { "Open" } else { "Closed" }}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
    .into_any()
}
