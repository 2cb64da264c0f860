use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sahabot_sdk::pages::{message, org_slug};

use super::parts::PresetTable;
use crate::model::{Owner, PresetSort};
use crate::server_fns::browse::list_presets;
use crate::server_fns::namespaces::{namespace_page, NamespaceData, SetGrant, UpdateNamespace};

/// One namespace: who owns it, its presets and, for those who manage it, its settings and
/// who may work in it.
#[component]
pub fn NamespacePage() -> impl IntoView {
    let org = org_slug();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let update = ServerAction::<UpdateNamespace>::new();
    let grant = ServerAction::<SetGrant>::new();
    let data = Resource::new(
        move || {
            (
                org.get(),
                slug.get(),
                update.version().get(),
                grant.version().get(),
            )
        },
        |(org, slug, ..)| namespace_page(org, slug),
    );
    let presets = Resource::new(
        move || (org.get(), slug.get()),
        |(org, slug)| {
            list_presets(
                org,
                String::new(),
                slug,
                String::new(),
                PresetSort::Name,
                1,
                100,
            )
        },
    );
    view! {
        <section class="plugin-page" data-testid="preset-namespace">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! { <NamespaceHead page update grant/> }.into_any(),
                    }
                })}
            </Suspense>
            <h3>"Presets"</h3>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match presets.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(list) if list.rows.is_empty() => view! { <p class="empty">"No presets here yet."</p> }.into_any(),
                        Ok(list) => view! { <PresetTable org=org.get_untracked() rows=list.rows/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn NamespaceHead(
    page: NamespaceData,
    update: ServerAction<UpdateNamespace>,
    grant: ServerAction<SetGrant>,
) -> impl IntoView {
    let org = org_slug();
    let ns = page.namespace;
    let owner = match &ns.owner {
        Owner::Organization(name) => format!("the organization {name}"),
        Owner::User(name) => name.clone(),
    };
    let slug = ns.slug.clone();
    let manage = ns.rights.manage.then(|| {
        let description = RwSignal::new(ns.description.clone());
        let is_public = RwSignal::new(ns.is_public);
        let slug = slug.clone();
        let save = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            update.dispatch(UpdateNamespace {
                org: org.get_untracked(),
                slug: slug.clone(),
                description: description.get_untracked(),
                is_public: is_public.get_untracked(),
            });
        };
        view! {
            <details class="card">
                <summary>"Settings"</summary>
                <form on:submit=save>
                    <label class="field">"Description" <input bind:value=description/></label>
                    <label class="check"><input type="checkbox" bind:checked=is_public data-testid="namespace-public"/>" Public"</label>
                    <button type="submit">"Save"</button>
                    {move || update.value().get().and_then(Result::err).map(|e| view! { <p class="error">{message(&e)}</p> })}
                </form>
            </details>
            <Grants slug=ns.slug.clone() grants=page.grants members=page.members grant/>
        }
    });
    view! {
        <h2>"Namespace " <code>{ns.slug.clone()}</code></h2>
        <p class="hint">
            "Owned by " {owner} ". "
            {if ns.is_public { "Public: anyone sees its public presets." } else { "Private." }}
        </p>
        {(!ns.description.is_empty()).then(|| view! { <p>{ns.description.clone()}</p> })}
        {manage}
    }
}

#[component]
fn Grants(
    slug: String,
    grants: Vec<crate::model::Grant>,
    members: Vec<(i64, String)>,
    grant: ServerAction<SetGrant>,
) -> impl IntoView {
    let org = org_slug();
    let user = RwSignal::new(String::new());
    let create = RwSignal::new(true);
    let update = RwSignal::new(true);
    let delete = RwSignal::new(false);
    let submit_slug = slug.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(user_id) = user.get_untracked().parse::<i64>() else {
            return;
        };
        grant.dispatch(SetGrant {
            org: org.get_untracked(),
            slug: submit_slug.clone(),
            user_id,
            create: create.get_untracked(),
            update: update.get_untracked(),
            delete: delete.get_untracked(),
        });
    };
    let yes = |b: bool| if b { "yes" } else { "no" };
    view! {
        <h3>"Who may work here"</h3>
        <p class="hint">"The owner and the organization's preset managers may do everything; others what they are given here."</p>
        {if grants.is_empty() {
            view! { <p class="empty">"Nobody else yet."</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <thead><tr><th>"Member"</th><th>"Create"</th><th>"Edit"</th><th>"Delete"</th><th></th></tr></thead>
                    <tbody>
                        {grants.into_iter().map(|g| {
                            let slug = slug.clone();
                            view! {
                                <tr data-testid="grant-row">
                                    <td>{g.user_name}</td><td>{yes(g.create)}</td><td>{yes(g.update)}</td><td>{yes(g.delete)}</td>
                                    <td><button type="button" class="secondary" on:click=move |_| {
                                        grant.dispatch(SetGrant { org: org.get_untracked(), slug: slug.clone(), user_id: g.user_id, create: false, update: false, delete: false });
                                    }>"Remove"</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <form on:submit=submit class="toolbar">
            <label class="field">"Member"
                <select on:change=move |ev| user.set(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    {members.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </label>
            <label class="check"><input type="checkbox" bind:checked=create/>" Create"</label>
            <label class="check"><input type="checkbox" bind:checked=update/>" Edit"</label>
            <label class="check"><input type="checkbox" bind:checked=delete/>" Delete"</label>
            <button type="submit">"Give rights"</button>
            {move || grant.value().get().and_then(Result::err).map(|e| view! { <p class="error">{message(&e)}</p> })}
        </form>
    }
}
