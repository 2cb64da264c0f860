use leptos::prelude::*;
use sahabot_sdk::model::{MemberWithRoles, Role};

use super::AdminData;
use crate::errors::{format_instant, message};
use crate::server_fns::{RemoveMember, SetMemberRole};

/// Members with one checkbox per role; ticking one grants the role at once.
#[component]
pub fn Members(
    org: String,
    data: AdminData,
    members: Vec<MemberWithRoles>,
    roles: Vec<Role>,
    can_grant: bool,
    can_remove: bool,
) -> impl IntoView {
    let (set_role, remove) = (data.set_role, data.remove);
    let error = move || {
        set_role
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| remove.value().get().and_then(|r| r.err()))
            .map(|e| message(&e))
    };
    view! {
        <h3>"Members"</h3>
        {move || error().map(|e| view! { <p class="error" data-testid="members-error">{e}</p> })}
            {match members {
                    members if members.is_empty() => view! { <p class="empty">"No members yet."</p> }.into_any(),
                    members => view! {
                        <table class="table" data-testid="members">
                            <thead><tr>
                                <th>"Name"</th><th>"Joined"</th>
                                {roles.iter().map(|r| view! { <th title=r.description.clone()>{r.name.clone()}</th> }).collect_view()}
                                {can_remove.then(|| view! { <th></th> })}
                            </tr></thead>
                            <tbody>
                                {members.into_iter().map(|m| {
                                    let user_id = m.user_id;
                                    let org_for_remove = org.clone();
                                    view! {
                                        <tr data-member=m.display_name.clone()>
                                            <td>{m.display_name.clone()}</td>
                                            <td>{format_instant(m.joined_at)}</td>
                                            {roles.iter().map(|r| {
                                                let role_id = r.id;
                                                let held = m.role_ids.contains(&role_id);
                                                let org = org.clone();
                                                view! {
                                                    <td class="center">
                                                        <input type="checkbox"
                                                            aria-label=format!("{} is {}", m.display_name, r.name)
                                                            data-role=r.builtin.clone().unwrap_or_else(|| r.name.clone())
                                                            checked=held
                                                            prop:checked=held
                                                            disabled=!can_grant
                                                            on:change=move |ev| {
                                                                set_role.dispatch(SetMemberRole {
                                                                    org: org.clone(),
                                                                    user_id,
                                                                    role_id,
                                                                    granted: event_target_checked(&ev),
                                                                });
                                                            }/>
                                                    </td>
                                                }
                                            }).collect_view()}
                                            {can_remove.then(|| view! {
                                                <td><button class="secondary" on:click=move |_| {
                                                    remove.dispatch(RemoveMember { org: org_for_remove.clone(), user_id });
                                                }>"Remove"</button></td>
                                            })}
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
