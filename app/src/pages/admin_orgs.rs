use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::form_errors::{FieldError, FormError};
use crate::components::pager::Pager;
use crate::errors::{format_instant, message};
use crate::server_fns::{list_all_orgs, CreateOrg, DeleteOrg, SetOrgArchived};

/// `/admin/organizations`: every organization, a form to create one, and archiving, restoring
/// and deleting (SUPERADMIN).
#[component]
pub fn AdminOrgsPage() -> impl IntoView {
    let create = ServerAction::<CreateOrg>::new();
    let archive = ServerAction::<SetOrgArchived>::new();
    let delete = ServerAction::<DeleteOrg>::new();
    let (page, set_page) = signal(1_i64);
    let orgs = Resource::new(
        move || {
            (
                page.get(),
                create.version().get(),
                archive.version().get(),
                delete.version().get(),
            )
        },
        |(page, ..)| list_all_orgs(page),
    );
    let error = move || create.value().get().and_then(|r| r.err());
    let change_error = move || {
        archive
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| delete.value().get().and_then(|r| r.err()))
    };
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
                                <thead><tr><th>"Name"</th><th>"Address"</th><th>"Members"</th><th>"Created"</th><th>"Status"</th><th></th></tr></thead>
                                <tbody>{p.items.into_iter().map(|o| {
                                    let (slug_a, slug_b, slug_c) = (o.slug.clone(), o.slug.clone(), o.slug.clone());
                                    let placeholder = format!("type {} to delete", o.slug);
                                    let actions = if o.is_active {
                                        view! {
                                            <ActionForm action=archive attr:class="inline">
                                                <input type="hidden" name="slug" value=slug_a/>
                                                <input type="hidden" name="archived" value="true"/>
                                                <button type="submit" class="secondary" data-testid="archive-org">"Archive"</button>
                                            </ActionForm>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <ActionForm action=archive attr:class="inline">
                                                <input type="hidden" name="slug" value=slug_b/>
                                                <input type="hidden" name="archived" value="false"/>
                                                <button type="submit" class="secondary" data-testid="restore-org">"Restore"</button>
                                            </ActionForm>
                                            <ActionForm action=delete attr:class="inline">
                                                <input type="hidden" name="slug" value=slug_c/>
                                                <input type="text" name="confirmation" placeholder=placeholder data-testid="delete-confirmation"/>
                                                <button type="submit" class="danger" data-testid="delete-org">"Delete for good"</button>
                                            </ActionForm>
                                        }.into_any()
                                    };
                                    let link = format!("/org/{}", o.slug);
                                    let name = if o.is_active {
                                        view! { <a href=link>{o.name}</a> }.into_any()
                                    } else {
                                        view! { <span>{o.name}</span> }.into_any()
                                    };
                                    let row_slug = o.slug.clone();
                                    view! {
                                        <tr data-org=row_slug>
                                            <td>{name}</td>
                                            <td><code>{o.slug}</code></td>
                                            <td>{o.member_count}</td>
                                            <td>{format_instant(o.created_at)}</td>
                                            <td>{if o.is_active { "active" } else { "archived" }}</td>
                                            <td>{actions}</td>
                                        </tr>
                                    }
                                }).collect_view()}</tbody>
                            </table>
                            <FormError error=Signal::derive(change_error) fields=&[]/>
                            <p class="field-note">"An archived organization's pages answer “not found”, its plugins stop (no task, listener or command runs for it) and its data is kept until it is restored or deleted."</p>
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
