use leptos::prelude::*;

use super::AdminData;
use crate::errors::{field_error, format_instant};
use crate::server_fns::{CreateInvite, WithdrawInvite};
use sahabot_sdk::model::Invite;

#[component]
pub fn Invites(
    org: String,
    data: AdminData,
    invites: Vec<Invite>,
    can_manage: bool,
) -> impl IntoView {
    let (create, withdraw) = (data.create_invite, data.withdraw);
    let (max_uses, set_max_uses) = signal(String::new());
    let (hours, set_hours) = signal(String::new());
    let create_error = move || create.value().get().and_then(|r| r.err());
    let parse = |text: String, field: &str| -> Result<Option<i64>, String> {
        let text = text.trim().to_string();
        if text.is_empty() {
            Ok(None)
        } else {
            text.parse::<i64>()
                .map(Some)
                .map_err(|_| format!("{field} must be a whole number"))
        }
    };
    let (local_error, set_local_error) = signal(None::<String>);
    let org_for_create = org.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (parse(max_uses.get(), "uses"), parse(hours.get(), "expiry")) {
            (Ok(max_uses), Ok(expires_in_hours)) => {
                set_local_error.set(None);
                create.dispatch(CreateInvite {
                    org: org_for_create.clone(),
                    max_uses,
                    expires_in_hours,
                });
            }
            (Err(e), _) | (_, Err(e)) => set_local_error.set(Some(e)),
        }
    };
    view! {
        <h3>"Invite links"</h3>
        {can_manage.then(|| view! {
            <form class="form" on:submit=submit data-testid="new-invite">
                <div class="field">
                    <label>"Uses (empty: unlimited) "
                        <input type="text" inputmode="numeric" data-testid="invite-max-uses"
                            prop:value=max_uses on:input=move |ev| set_max_uses.set(event_target_value(&ev))/>
                    </label>
                    {move || field_error(create_error().as_ref(), "max_uses").map(|e| view! { <span class="field-error">{e}</span> })}
                </div>
                <div class="field">
                    <label>"Expires in hours (empty: never) "
                        <input type="text" inputmode="numeric" data-testid="invite-hours"
                            prop:value=hours on:input=move |ev| set_hours.set(event_target_value(&ev))/>
                    </label>
                    {move || field_error(create_error().as_ref(), "expires_at").map(|e| view! { <span class="field-error">{e}</span> })}
                </div>
                <button type="submit" data-testid="create-invite">"Create invite link"</button>
                {move || local_error.get().map(|e| view! { <span class="field-error">{e}</span> })}
            </form>
        })}
            {match invites {
                    list if list.is_empty() => view! { <p class="empty">"No invite links yet."</p> }.into_any(),
                    list => view! {
                        <table class="table" data-testid="invites">
                            <thead><tr><th>"Link"</th><th>"Used"</th><th>"Expires"</th><th>"Status"</th><th></th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|i| {
                                    let org = org.clone();
                                    let invite_id = i.id;
                                    let href = format!("/invite/{}", i.slug);
                                    view! {
                                        <tr>
                                            <td><a href=href.clone() data-testid="invite-link">{href.clone()}</a></td>
                                            <td>{match i.max_uses { Some(max) => format!("{} / {max}", i.uses_count), None => i.uses_count.to_string() }}</td>
                                            <td>{i.expires_at.map(format_instant).unwrap_or_else(|| "never".into())}</td>
                                            <td>{if i.is_active { "active" } else { "withdrawn" }}</td>
                                            <td>{(can_manage && i.is_active).then(|| view! {
                                                <button class="secondary" on:click=move |_| {
                                                    withdraw.dispatch(WithdrawInvite { org: org.clone(), invite_id });
                                                }>"Withdraw"</button>
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }}
    }
    .into_any()
}
