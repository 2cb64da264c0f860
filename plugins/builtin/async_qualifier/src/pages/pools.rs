//! A qualifier's pools and permalinks: each permalink's par, finishes and a strip of its
//! finish times; organizers add pools, and permalinks by address or rolled from a preset.

use leptos::prelude::*;
use sahabot_sdk::pages::{field_problem, id_param, message, org_slug, reload_on_success};

use super::charts::FinishStrip;
use super::parts::{duration, qualifier_href};
use crate::model::Pool;
use crate::server_fns::pools::{pools_page, AddPermalink, AddPool, PoolsData};

#[component]
pub fn PoolsPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let add_pool = ServerAction::<AddPool>::new();
    let add_permalink = ServerAction::<AddPermalink>::new();
    let reload = RwSignal::new(0_usize);
    reload_on_success(add_pool, reload);
    reload_on_success(add_permalink, reload);
    let data = Resource::new(
        move || (org.get(), id.get(), reload.get()),
        |(org, id, _)| pools_page(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="pools">
            <Transition fallback=|| view! { <p class="loading">"Loading the pools…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! { <Pools page add_pool add_permalink/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Pools(
    page: PoolsData,
    add_pool: ServerAction<AddPool>,
    add_permalink: ServerAction<AddPermalink>,
) -> impl IntoView {
    let org = org_slug();
    let q = page.qualifier.clone();
    let manage = page.rights.manage;
    let pools = page
        .pools
        .iter()
        .map(|pool| {
            let rows = page
                .permalinks
                .iter()
                .filter(|p| p.pool_id == pool.id)
                .enumerate()
                .map(|(i, p)| {
                    let times = page
                        .finishes
                        .as_ref()
                        .and_then(|f| f.iter().find(|(id, _)| *id == p.id))
                        .map(|(_, t)| t.clone());
                    let address = (!p.url.is_empty()).then(|| {
                        view! { <a href=p.url.clone() rel="noopener" target="_blank">{p.url.clone()}</a> }
                    });
                    view! {
                        <tr data-testid="permalink-row">
                            <td>{i + 1}</td>
                            <td>{address}{p.preset.clone().map(|preset| view! { <span class="hint">{format!(" ({preset})")}</span> })}</td>
                            <td>{p.notes.clone()}</td>
                            <td>{p.par_ms.map(duration).unwrap_or_else(|| "—".into())}</td>
                            <td>{p.finishes}</td>
                            <td>{times.map(|times| view! { <FinishStrip times par=p.par_ms/> })}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <h3>{pool.name.clone()}</h3>
                {if rows.is_empty() {
                    view! { <p class="empty">"No permalinks yet."</p> }.into_any()
                } else {
                    view! {
                        <table class="table" data-testid="permalinks" data-pool=pool.name.clone()>
                            <thead><tr><th>"#"</th><th>"Seed"</th><th>"Notes"</th><th>"Par"</th><th>"Finishes"</th><th>"Finish times"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }.into_any()
                }}
                {manage.then(|| view! { <NewPermalink qualifier=q.id pool=pool.clone() randomizers=page.randomizers.clone() add=add_permalink/> })}
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2>"Pools of " <a href=qualifier_href(&org.get_untracked(), q.id)>{q.name.clone()}</a></h2>
        {page.finishes.is_none().then(|| view! { <p class="hint">"Finish times are shown when the qualifier closes."</p> })}
        {if page.pools.is_empty() { Some(view! { <p class="empty">"No pools yet."</p> }) } else { None }}
        {pools}
        {manage.then(|| view! { <NewPool qualifier=q.id add=add_pool/> })}
    }
}

#[component]
fn NewPool(qualifier: i64, add: ServerAction<AddPool>) -> impl IntoView {
    let org = org_slug();
    let name = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(AddPool {
            org: org.get_untracked(),
            qualifier_id: qualifier,
            name: name.get_untracked(),
        });
    };
    view! {
        <form class="card" on:submit=submit data-testid="new-pool">
            <h3>"New pool"</h3>
            <label class="field">"Name" <input bind:value=name data-testid="pool-name"/>{field_problem(add, "name")}</label>
            <button type="submit">"Add the pool"</button>
            {move || add.value().get().and_then(Result::err)
                .filter(|e| sahabot_sdk::pages::field_error(Some(e), "name").is_none())
                .map(|e| view! { <p class="error">{message(&e)}</p> })}
        </form>
    }
}

#[component]
fn NewPermalink(
    qualifier: i64,
    pool: Pool,
    randomizers: Vec<(String, String)>,
    add: ServerAction<AddPermalink>,
) -> impl IntoView {
    let org = org_slug();
    let url = RwSignal::new(String::new());
    let randomizer = RwSignal::new(
        randomizers
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let preset = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let pool_id = pool.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(AddPermalink {
            org: org.get_untracked(),
            qualifier_id: qualifier,
            pool_id,
            url: url.get_untracked(),
            randomizer: randomizer.get_untracked(),
            preset: preset.get_untracked(),
            notes: notes.get_untracked(),
        });
    };
    let options = randomizers
        .into_iter()
        .map(|(id, name)| view! { <option value=id>{name}</option> })
        .collect::<Vec<_>>();
    view! {
        <details class="card" data-testid="new-permalink" data-pool=pool.name.clone()>
            <summary>{format!("Add a permalink to {}", pool.name)}</summary>
            <form on:submit=submit>
                <label class="field">"Address" <input bind:value=url placeholder="https://…" data-testid="permalink-url"/>{field_problem(add, "url")}</label>
                <p class="hint">"Or leave the address empty and roll a seed from a preset:"</p>
                <label class="field">"Randomizer" <select bind:value=randomizer>{options}</select>{field_problem(add, "randomizer")}</label>
                <label class="field">"Preset (namespace/name)" <input bind:value=preset/>{field_problem(add, "preset")}</label>
                <label class="field">"Notes" <input bind:value=notes/>{field_problem(add, "notes")}</label>
                <button type="submit">"Add"</button>
            </form>
        </details>
    }
}
