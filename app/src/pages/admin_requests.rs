use leptos::prelude::*;
use leptos_meta::Title;
use sahabot_sdk::model::RequestStatus;

use crate::components::pager::Pager;
use crate::errors::{format_instant, message};
use crate::server_fns::{list_org_requests, DecideOrgRequest};

/// `/admin/requests`: SUPERADMIN decides on organization requests.
#[component]
pub fn AdminRequestsPage() -> impl IntoView {
    let decide = ServerAction::<DecideOrgRequest>::new();
    let (status, set_status) = signal(RequestStatus::Pending);
    let (page, set_page) = signal(1_i64);
    let requests = Resource::new(
        move || (status.get(), page.get(), decide.version().get()),
        |(status, page, _)| list_org_requests(status, page),
    );
    let tab = move |s: RequestStatus, label: &'static str| {
        view! {
            <button class=move || if status.get() == s { "tab active" } else { "tab" }
                on:click=move |_| { set_status.set(s); set_page.set(1); }>{label}</button>
        }
    };
    view! {
        <Title text="Organization requests"/>
        <h1>"Organization requests"</h1>
        <div class="toolbar">
            {tab(RequestStatus::Pending, "Pending")}
            {tab(RequestStatus::Approved, "Approved")}
            {tab(RequestStatus::Rejected, "Rejected")}
        </div>
        {move || decide.value().get().and_then(|r| r.err()).map(|e| view! { <p class="error" data-testid="decide-error">{message(&e)}</p> })}
        <Transition fallback=|| view! { <p class="loading">"Loading requests…"</p> }>
            {move || Suspend::new(async move {
                match requests.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">"No requests here."</p> }.into_any(),
                    Ok(p) => {
                        let (current, pages) = (p.page, p.page_count());
                        view! {
                            <table class="table" data-testid="requests">
                                <thead><tr><th>"Organization"</th><th>"By"</th><th>"Filed"</th><th>"Reason"</th><th>"Decision"</th></tr></thead>
                                <tbody>{p.items.into_iter().map(|r| {
                                    let pending = r.status == RequestStatus::Pending;
                                    let request_id = r.id;
                                    let (note, set_note) = signal(String::new());
                                    let slug = r.slug.clone();
                                    view! {
                                        <tr data-request=slug>
                                            <td><strong>{r.name}</strong> " " <code>{r.slug}</code><div class="field-note">{r.description}</div></td>
                                            <td>{r.requester_name}</td>
                                            <td>{format_instant(r.created_at)}</td>
                                            <td>{r.reason}</td>
                                            <td>{if pending {
                                                view! {
                                                    <input type="text" placeholder="Note (needed to reject)" prop:value=note
                                                        on:input=move |ev| set_note.set(event_target_value(&ev))/>
                                                    <button on:click=move |_| { decide.dispatch(DecideOrgRequest { request_id, approve: true, note: note.get() }); }>"Approve"</button>
                                                    <button class="secondary" on:click=move |_| { decide.dispatch(DecideOrgRequest { request_id, approve: false, note: note.get() }); }>"Reject"</button>
                                                }.into_any()
                                            } else {
                                                view! { <span>{r.status.as_str()} " " {r.review_note.unwrap_or_default()}</span> }.into_any()
                                            }}</td>
                                        </tr>
                                    }
                                }).collect_view()}</tbody>
                            </table>
                            <Pager current pages on_page=move |p| set_page.set(p)/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
