use leptos::prelude::*;
use leptos_meta::Title;
use sahabot_sdk::model::EventDelivery;

use crate::errors::{format_instant, message};
use crate::server_fns::{events_overview_data, RetryDelivery};

/// `/admin/events`: the event bus — failed deliveries with a retry button, and the most recent
/// deliveries (SUPERADMIN).
#[component]
pub fn AdminEventsPage() -> impl IntoView {
    let retry = ServerAction::<RetryDelivery>::new();
    let overview = Resource::new(move || retry.version().get(), |_| events_overview_data());
    let retry_error = move || {
        retry
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| message(&e))
    };
    view! {
        <Title text="Events"/>
        <h1>"Events"</h1>
        {move || retry_error().map(|e| view! { <p class="error" data-testid="retry-error">{e}</p> })}
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    Ok(o) => view! {
                        <p data-testid="event-counts">{format!(
                            "{} event{} recorded, {} waiting to be handed to listeners.",
                            o.total_events,
                            if o.total_events == 1 { "" } else { "s" },
                            o.waiting
                        )}</p>
                        <h2>"Failed deliveries"</h2>
                        {if o.failed.is_empty() {
                            view! { <p class="empty" data-testid="no-failures">"No listener has given up on an event."</p> }.into_any()
                        } else {
                            deliveries_table(o.failed, Some(retry), "failed-deliveries").into_any()
                        }}
                        <h2>"Recent deliveries"</h2>
                        {if o.recent.is_empty() {
                            view! { <p class="empty">"No event has reached a listener yet."</p> }.into_any()
                        } else {
                            deliveries_table(o.recent, None, "recent-deliveries").into_any()
                        }}
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

fn deliveries_table(
    rows: Vec<EventDelivery>,
    retry: Option<ServerAction<RetryDelivery>>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <table class="table" data-testid=testid>
            <thead><tr>
                <th>"When (UTC)"</th><th>"Event"</th><th>"Organization"</th><th>"Listener"</th>
                <th>"Status"</th><th>"Attempts"</th><th>"Last error"</th>{retry.map(|_| view! { <th></th> })}
            </tr></thead>
            <tbody>{rows.into_iter().map(|d| {
                let id = d.delivery_id;
                view! {
                    <tr data-delivery=id.to_string()>
                        <td>{format_instant(d.created_at)}</td>
                        <td><code>{d.event_type}</code></td>
                        <td>{d.organization.unwrap_or_else(|| "—".into())}</td>
                        <td>{d.plugin_id}</td>
                        <td class=format!("status status-{}", d.status)>{d.status.clone()}</td>
                        <td>{d.attempts}</td>
                        <td class="details">{d.last_error.unwrap_or_default()}</td>
                        {retry.map(|retry| view! {
                            <td><button type="button" on:click=move |_| {
                                retry.dispatch(RetryDelivery { delivery_id: id });
                            }>"Retry"</button></td>
                        })}
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
    }
}
