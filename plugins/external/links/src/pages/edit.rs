use leptos::prelude::*;
use sahabot_sdk::pages::{field_error, message, org_slug};

use crate::server_fns::{links_page, AddLink, RemoveLink};

/// The admins' page: add and remove links.
#[component]
pub fn EditLinksPage() -> impl IntoView {
    let org = org_slug();
    let add = ServerAction::<AddLink>::new();
    let remove = ServerAction::<RemoveLink>::new();
    let data = Resource::new(
        move || (org.get(), add.version().get(), remove.version().get()),
        |(org, ..)| links_page(org),
    );
    let error = move || add.value().get().and_then(Result::err);
    let refused = move |field: &'static str| move || field_error(error().as_ref(), field);
    let other_error = move || {
        error()
            .filter(|e| {
                field_error(Some(e), "label").is_none() && field_error(Some(e), "url").is_none()
            })
            .map(|e| message(&e))
    };
    view! {
        <section class="plugin-page" data-testid="edit-links">
            <h2>"Edit links"</h2>
            <ActionForm action=add>
                <input type="hidden" name="org" prop:value=move || org.get()/>
                <label class="field">"Label" <input name="label" data-testid="link-label" required/></label>
                {move || refused("label")().map(|e| view! { <span class="field-error" data-field="label">{e}</span> })}
                <label class="field">"Address" <input name="url" data-testid="link-url" placeholder="https://" required/></label>
                {move || refused("url")().map(|e| view! { <span class="field-error" data-field="url">{e}</span> })}
                <button type="submit" data-testid="link-add">"Add link"</button>
                {move || other_error().map(|e| view! { <p class="error">{e}</p> })}
            </ActionForm>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                        Ok(page) if page.links.is_empty() => view! { <p class="empty">"No links yet."</p> }.into_any(),
                        Ok(page) => view! {
                            <table class="table">
                                <thead><tr><th>"Label"</th><th>"Address"</th><th></th></tr></thead>
                                <tbody>
                                    {page.links.into_iter().map(|l| view! {
                                        <tr data-testid="edit-link-row">
                                            <td>{l.label}</td>
                                            <td><code>{l.url}</code></td>
                                            <td><button type="button" on:click=move |_| {
                                                remove.dispatch(RemoveLink { org: org.get(), id: l.id });
                                            }>"Remove"</button></td>
                                        </tr>
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
