use leptos::prelude::*;
use sahabot_sdk::pages::{field_error, message, org_slug, Pager};

use super::parts::PresetTable;
use crate::model::PresetSort;
use crate::server_fns::browse::{list_presets, presets_home};
use crate::server_fns::namespaces::CreateNamespace;

const PER_PAGE: i64 = 20;

/// Every preset the viewer may see, by randomizer and namespace, searchable and sortable.
#[component]
pub fn BrowsePage() -> impl IntoView {
    let org = org_slug();
    let create_ns = ServerAction::<CreateNamespace>::new();
    let home = Resource::new(
        move || (org.get(), create_ns.version().get()),
        |(org, _)| presets_home(org),
    );
    let (randomizer, set_randomizer) = signal(String::new());
    let (namespace, set_namespace) = signal(String::new());
    let (search, set_search) = signal(String::new());
    let (sort, set_sort) = signal(PresetSort::Name);
    let (page, set_page) = signal(1_i64);
    let presets = Resource::new(
        move || {
            (
                org.get(),
                randomizer.get(),
                namespace.get(),
                search.get(),
                sort.get(),
                page.get(),
            )
        },
        |(org, randomizer, namespace, search, sort, page)| {
            list_presets(org, randomizer, namespace, search, sort, page, PER_PAGE)
        },
    );
    let reset = move || set_page.set(1);
    view! {
        <section class="plugin-page" data-testid="presets-browse">
            <h2>"Presets"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match home.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(home) => {
                            let org = org.get_untracked();
                            let new_href = format!("/org/{org}/presets/new");
                            let personal = home.personal.clone();
                            let no_randomizer = home.randomizers.is_empty();
                            view! {
                                {no_randomizer.then(|| view! {
                                    <p class="empty" data-testid="no-randomizer">"No randomizer is enabled in this organization: an admin turns one on under Plugins."</p>
                                })}
                                <div class="toolbar">
                                    <label class="field">"Randomizer"
                                        <select data-testid="filter-randomizer" on:change=move |ev| { set_randomizer.set(event_target_value(&ev)); reset(); }>
                                            <option value="">"All"</option>
                                            {home.randomizers.iter().map(|r| view! { <option value=r.id.clone()>{r.name.clone()}</option> }).collect_view()}
                                        </select>
                                    </label>
                                    <label class="field">"Namespace"
                                        <select data-testid="filter-namespace" on:change=move |ev| { set_namespace.set(event_target_value(&ev)); reset(); }>
                                            <option value="">"All"</option>
                                            {home.namespaces.iter().map(|n| view! { <option value=n.slug.clone()>{n.slug.clone()}</option> }).collect_view()}
                                        </select>
                                    </label>
                                    <label class="field">"Search"
                                        <input type="search" data-testid="filter-search" placeholder="name or description"
                                            on:input=move |ev| { set_search.set(event_target_value(&ev)); reset(); }/>
                                    </label>
                                    <label class="field">"Sort by"
                                        <select data-testid="sort" on:change=move |ev| {
                                            set_sort.set(match event_target_value(&ev).as_str() {
                                                "namespace" => PresetSort::Namespace,
                                                "randomizer" => PresetSort::Randomizer,
                                                "updated" => PresetSort::Updated,
                                                _ => PresetSort::Name,
                                            });
                                            reset();
                                        }>
                                            <option value="name">"Name"</option>
                                            <option value="namespace">"Namespace"</option>
                                            <option value="randomizer">"Randomizer"</option>
                                            <option value="updated">"Recently changed"</option>
                                        </select>
                                    </label>
                                    {(personal.is_some() && !no_randomizer).then(|| view! {
                                        <a class="button" href=new_href data-testid="new-preset">"New preset"</a>
                                    })}
                                </div>
                                {personal.map(|slug| {
                                    let href = format!("/org/{org}/presets/ns/{slug}");
                                    view! { <p class="hint">"Your own namespace: " <a href=href data-testid="my-namespace">{slug}</a></p> }
                                })}
                                {home.manages_org.then(|| view! { <NewNamespace action=create_ns/> })}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match presets.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(list) if list.rows.is_empty() => view! {
                            <p class="empty" data-testid="no-presets">"No preset matches."</p>
                        }.into_any(),
                        Ok(list) => {
                            let pages = ((list.total + list.per_page - 1) / list.per_page).max(1);
                            let current = list.page;
                            let total = format!("{} presets", list.total);
                            view! {
                                <PresetTable org=org.get_untracked() rows=list.rows/>
                                <Pager current pages on_page=move |p| set_page.set(p) total/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// The form an organization's preset managers create a namespace with.
#[component]
fn NewNamespace(action: ServerAction<CreateNamespace>) -> impl IntoView {
    let org = org_slug();
    let slug = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let is_public = RwSignal::new(true);
    let error = move || action.value().get().and_then(Result::err);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(CreateNamespace {
            org: org.get_untracked(),
            slug: slug.get_untracked(),
            description: description.get_untracked(),
            is_public: is_public.get_untracked(),
        });
    };
    view! {
        <details class="card">
            <summary>"New namespace for this organization"</summary>
            <form on:submit=submit>
                <label class="field">"Name (address)" <input data-testid="namespace-slug" placeholder="league-2027" bind:value=slug required/></label>
                {move || field_error(error().as_ref(), "slug").map(|e| view! { <span class="field-error" data-field="slug">{e}</span> })}
                <label class="field">"Description" <input bind:value=description/></label>
                {move || field_error(error().as_ref(), "description").map(|e| view! { <span class="field-error" data-field="description">{e}</span> })}
                <label class="check"><input type="checkbox" bind:checked=is_public/>" Public"</label>
                <button type="submit">"Create"</button>
                {move || error().filter(|e| field_error(Some(e), "slug").is_none() && field_error(Some(e), "description").is_none())
                    .map(|e| view! { <p class="error">{message(&e)}</p> })}
            </form>
        </details>
    }
}
