use leptos::prelude::*;
use sahabot_sdk::model::{MemberWithRoles, Role};

use super::AdminData;
use crate::components::pager::Pager;
use crate::errors::{format_instant, message};
use crate::server_fns::{RemoveMember, SetMemberRole};

const PER_PAGE: usize = 25;

/// Members with one checkbox per role (ticking one grants the role at once), filtered by name
/// and shown 25 at a time.
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
    let (filter, page) = (data.member_filter, data.member_page);
    let error = move || {
        set_role
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| remove.value().get().and_then(|r| r.err()))
            .map(|e| message(&e))
    };
    if members.is_empty() {
        return view! { <h3>"Members"</h3> <p class="empty">"No members yet."</p> }.into_any();
    }
    let total = members.len();
    let members = StoredValue::new(members);
    let roles = StoredValue::new(roles);
    let org = StoredValue::new(org);
    let matching = move || {
        let needle = filter.get().trim().to_lowercase();
        members.with_value(|all| {
            all.iter()
                .filter(|m| m.display_name.to_lowercase().contains(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let page_count = move || matching().len().div_ceil(PER_PAGE).max(1) as i64;
    let row = move |m: MemberWithRoles| {
        let user_id = m.user_id;
        let cells = roles.with_value(|roles| {
            roles
                .iter()
                .map(|r| {
                    let role_id = r.id;
                    let held = m.role_ids.contains(&role_id);
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
                                        org: org.get_value(),
                                        user_id,
                                        role_id,
                                        granted: event_target_checked(&ev),
                                    });
                                }/>
                        </td>
                    }
                })
                .collect_view()
        });
        view! {
            <tr data-member=m.display_name.clone()>
                <td>{m.display_name.clone()}</td>
                <td>{format_instant(m.joined_at)}</td>
                {cells}
                {can_remove.then(|| view! {
                    <td><button class="secondary" on:click=move |_| {
                        remove.dispatch(RemoveMember { org: org.get_value(), user_id });
                    }>"Remove"</button></td>
                })}
            </tr>
        }
    };
    view! {
        <h3>"Members " <span class="meta">{format!("({total})")}</span></h3>
        {move || error().map(|e| view! { <p class="error" data-testid="members-error">{e}</p> })}
        <div class="toolbar">
            <input type="search" placeholder="Filter by name" data-testid="member-filter"
                prop:value=filter on:input=move |ev| { filter.set(event_target_value(&ev)); page.set(1); }/>
        </div>
        <table class="table" data-testid="members">
            <thead><tr>
                <th>"Name"</th><th>"Joined"</th>
                {roles.with_value(|roles| roles.iter().map(|r| view! { <th title=r.description.clone()>{r.name.clone()}</th> }).collect_view())}
                {can_remove.then(|| view! { <th></th> })}
            </tr></thead>
            <tbody>
                {move || {
                    let current = page.get().clamp(1, page_count()) as usize;
                    matching()
                        .into_iter()
                        .skip((current - 1) * PER_PAGE)
                        .take(PER_PAGE)
                        .map(row)
                        .collect_view()
                }}
            </tbody>
        </table>
        {move || (page_count() > 1).then(|| view! {
            <Pager current=page.get().clamp(1, page_count()) pages=page_count() on_page=move |p| page.set(p)/>
        })}
    }
    .into_any()
}
