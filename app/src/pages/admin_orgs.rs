use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::form_errors::{FieldError, FormError};
use crate::components::pager::Pager;
use crate::errors::{format_instant, message};
use crate::server_fns::{list_all_orgs, CreateOrg};

/// `/admin/organizations`: every organization, and a form to create one (SUPERADMIN).
#[component]
pub fn AdminOrgsPage() -> impl IntoView {
    let create = ServerAction::<CreateOrg>::new();
    let (page, set_page) = signal(1_i64);
    let orgs = Resource::new(
        move || (page.get(), create.version().get()),
        |(page, _)| list_all_orgs(page),
    );
    let error = move || create.value().get().and_then(|r| r.err());
    view! {
        <Title text="Organizations"/>
        <h1>"Organizations"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match orgs.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    Ok(p) => {
                        let (current, pages) = (p.page, p.page_count());
                        view! {
                            <table class="table" data-testid="all-orgs">
                                <thead><tr><th>"Name"</th><th>"Address"</th><th>"Members"</th><th>"Created"</th><th>"Status"</th></tr></thead>
                                <tbody>{p.items.into_iter().map(|o| view! {
                                    <tr>
                                        <td><a href=format!("/org/{}", o.slug)>{o.name}</a></td>
                                        <td><code>{o.slug}</code></td>
                                        <td>{o.member_count}</td>
                                        <td>{format_instant(o.created_at)}</td>
                                        <td>{if o.is_active { "active" } else { "inactive" }}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                            <Pager current pages on_page=move |p| set_page.set(p)/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
        <h2>"Create an organization"</h2>
        <ActionForm action=create attr:class="stack" attr:data-testid="create-org">
            <label>"Address (slug) " <input type="text" name="slug" placeholder="my-league" required/></label>
            <FieldError error=Signal::derive(error) field="slug"/>
            <label>"Name " <input type="text" name="name" required/></label>
            <FieldError error=Signal::derive(error) field="name"/>
            <label>"Description " <input type="text" name="description"/></label>
            <button type="submit">"Create"</button>
            <FormError error=Signal::derive(error) fields=&["slug", "name"]/>
            {move || create.value().get().and_then(|r| r.ok()).map(|slug| view! {
                <p class="success" data-testid="org-created">"Created. " <a href=format!("/org/{slug}/admin")>"Open its administration"</a></p>
            })}
        </ActionForm>
    }
}
