use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::form_errors::{FieldError, FormError};
use crate::errors::{format_instant, message};
use crate::server_fns::{my_org_requests, FileOrgRequest};

/// `/organizations/request`: ask for a new organization, and see earlier requests.
#[component]
pub fn OrgRequestPage() -> impl IntoView {
    let file = ServerAction::<FileOrgRequest>::new();
    let mine = Resource::new(move || file.version().get(), |_| my_org_requests());
    let error = move || file.value().get().and_then(|r| r.err());
    view! {
        <Title text="Request an organization"/>
        <section class="narrow">
            <h1>"Request an organization"</h1>
            <p>"A platform administrator reviews each request. Once approved, you administer the new organization."</p>
            <ActionForm action=file attr:class="stack" attr:data-testid="org-request-form">
                <label>"Address (slug) " <input type="text" name="slug" placeholder="my-league" required/></label>
                <FieldError error=Signal::derive(error) field="slug"/>
                <label>"Name " <input type="text" name="name" required/></label>
                <FieldError error=Signal::derive(error) field="name"/>
                <label>"Description " <input type="text" name="description"/></label>
                <FieldError error=Signal::derive(error) field="description"/>
                <label>"What is it for? " <textarea name="reason" rows="3" required></textarea></label>
                <FieldError error=Signal::derive(error) field="reason"/>
                <button type="submit">"Send request"</button>
                <FormError error=Signal::derive(error) fields=&["slug", "name", "description", "reason"]/>
                {move || file.value().get().and_then(|r| r.ok()).map(|_| view! { <p class="success" data-testid="request-filed">"Request sent."</p> })}
            </ActionForm>
            <h2>"Your requests"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match mine.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">"None yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="table" data-testid="my-requests">
                                <thead><tr><th>"Organization"</th><th>"Filed"</th><th>"Status"</th><th>"Note"</th></tr></thead>
                                <tbody>{list.into_iter().map(|r| view! {
                                    <tr>
                                        <td>{r.name} " " <code>{r.slug}</code></td>
                                        <td>{format_instant(r.created_at)}</td>
                                        <td>{r.status.as_str()}</td>
                                        <td>{r.review_note.unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
