use leptos::prelude::*;
use leptos_meta::Title;
use sahabot_sdk::model::Permission;

use crate::components::pager::Pager;
use crate::errors::{format_instant, message};
use crate::server_fns::{list_users, top_bar, EndUserSessions, SetUserActive};

/// `/admin/users`: every user; SUPERADMIN deactivates, ends sessions, acts as a user.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let set_active = ServerAction::<SetUserActive>::new();
    let end_sessions = ServerAction::<EndUserSessions>::new();
    let (search, set_search) = signal(String::new());
    let (page, set_page) = signal(1_i64);
    let viewer = Resource::new(|| (), |_| top_bar());
    let users = Resource::new(
        move || {
            (
                search.get(),
                page.get(),
                set_active.version().get(),
                end_sessions.version().get(),
            )
        },
        |(search, page, ..)| list_users(search, page),
    );
    let error = move || {
        set_active
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| end_sessions.value().get().and_then(|r| r.err()))
    };
    view! {
        <Title text="Users"/>
        <h1>"Users"</h1>
        <div class="toolbar">
            <input type="search" placeholder="Search by name" data-testid="user-search"
                on:input=move |ev| { set_search.set(event_target_value(&ev)); set_page.set(1); }/>
        </div>
        {move || error().map(|e| view! { <p class="error">{message(&e)}</p> })}
        {move || end_sessions.value().get().and_then(|r| r.ok()).map(|_| view! { <p class="success">"Their sessions ended."</p> })}
        <Transition fallback=|| view! { <p class="loading">"Loading users…"</p> }>
            {move || Suspend::new(async move {
                let superadmin = viewer
                    .await
                    .ok()
                    .and_then(|v| v.user)
                    .is_some_and(|u| u.permission >= Permission::Superadmin && u.impersonated_by.is_none());
                match users.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">"No user matches."</p> }.into_any(),
                    Ok(p) => {
                        let (current, pages) = (p.page, p.page_count());
                        view! {
                            <table class="table" data-testid="users">
                                <thead><tr><th>"Name"</th><th>"Discord"</th><th>"Permission"</th><th>"Joined"</th><th>"Status"</th><th></th></tr></thead>
                                <tbody>{p.items.into_iter().map(|u| {
                                    let user_id = u.id;
                                    let active = u.is_active;
                                    let name = u.display_name.clone();
                                    view! {
                                        <tr data-user=name>
                                            <td>{u.display_name}</td>
                                            <td>{u.discord_username.unwrap_or_default()}</td>
                                            <td>{u.permission.label()}</td>
                                            <td>{format_instant(u.created_at)}</td>
                                            <td>{if active { "active" } else { "deactivated" }}</td>
                                            <td class="actions">{superadmin.then(|| view! {
                                                <button class="secondary" on:click=move |_| { set_active.dispatch(SetUserActive { user_id, active: !active }); }>
                                                    {if active { "Deactivate" } else { "Reactivate" }}
                                                </button>
                                                <button class="secondary" on:click=move |_| { end_sessions.dispatch(EndUserSessions { user_id }); }>"End sessions"</button>
                                                {active.then(|| view! {
                                                    <form method="post" action="/auth/impersonate" class="inline">
                                                        <input type="hidden" name="user_id" value=user_id.to_string()/>
                                                        <button type="submit" class="secondary">"Act as"</button>
                                                    </form>
                                                })}
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}</tbody>
                            </table>
                            <Pager current pages on_page=move |p| set_page.set(p) total=format!("{} users", p.total)/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
