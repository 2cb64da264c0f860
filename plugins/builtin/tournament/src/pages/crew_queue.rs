//! The crew signups waiting for approval, for those who approve crew.

use leptos::prelude::*;
use sahabot_sdk::pages::{message, org_slug};

use super::match_page::role_label;
use super::parts::{match_href, When};
use crate::server_fns::crew::{crew_queue, ApproveCrew, RemoveCrew};

#[component]
pub fn CrewQueuePage() -> impl IntoView {
    let org = org_slug();
    let approve = ServerAction::<ApproveCrew>::new();
    let remove = ServerAction::<RemoveCrew>::new();
    let data = Resource::new(
        move || (org.get(), approve.version().get(), remove.version().get()),
        |(org, ..)| crew_queue(org),
    );
    view! {
        <section class="plugin-page" data-testid="crew-queue">
            <h2>"Crew approvals"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading the signups…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No signup is waiting."</p> }.into_any(),
                        Ok(list) => {
                            let org = org.get_untracked();
                            let rows = list.into_iter().flat_map(|m| {
                                let href = match_href(&org, m.id);
                                let title = if m.title.is_empty() { format!("Match #{}", m.id) } else { m.title.clone() };
                                let at = m.times.scheduled_at;
                                m.crew.into_iter().filter(|c| !c.approved).map(move |c| {
                                    let id = c.id;
                                    view! {
                                        <tr data-testid="queue-row" data-crew=c.display_name.clone()>
                                            <td><When at/></td>
                                            <td><a href=href.clone()>{title.clone()}</a></td>
                                            <td>{c.display_name.clone()}</td>
                                            <td>{role_label(c.role)}</td>
                                            <td>
                                                <button type="button" data-testid="queue-approve" on:click=move |_| {
                                                    approve.dispatch(ApproveCrew { org: org_slug().get_untracked(), id, approved: true });
                                                }>"Approve"</button>
                                                <button type="button" class="secondary" on:click=move |_| {
                                                    remove.dispatch(RemoveCrew { org: org_slug().get_untracked(), id });
                                                }>"Decline"</button>
                                            </td>
                                        </tr>
                                    }
                                }).collect::<Vec<_>>()
                            }).collect::<Vec<_>>();
                            view! {
                                <table class="table">
                                    <thead><tr><th>"When"</th><th>"Match"</th><th>"Who"</th><th>"Role"</th><th></th></tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
            <p class="error">{move || approve.value().get().and_then(Result::err).or_else(|| remove.value().get().and_then(Result::err)).map(|e| message(&e))}</p>
        </section>
    }
}
