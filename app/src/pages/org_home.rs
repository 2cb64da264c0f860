use leptos::prelude::*;
use sahabot_sdk::model::{Member, Page};
use sahabot_sdk::pages::org_slug;

use crate::components::pager::Pager;
use crate::errors::message;
use crate::server_fns::org_members;

/// An organization's front page: what it is and who is in it (for those the organization
/// shows its member list to), a page of members at a time.
#[component]
pub fn OrgHomePage() -> impl IntoView {
    let slug = org_slug();
    let (page, set_page) = signal(1_i64);
    let roster = Resource::new(
        move || (slug.get(), page.get()),
        |(org, page)| org_members(org, page),
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match roster.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    // The layout says there is no such organization.
                    Ok(None) => ().into_any(),
                    Ok(Some(roster)) => view! {
                        <p class="lead">{roster.description}</p>
                        {match roster.members {
                            None => view! {
                                <p class="hint" data-testid="members-hidden">
                                    "This organization shows its member list to its members only."
                                </p>
                            }.into_any(),
                            Some(members) => view! { <MemberTable members set_page/> }.into_any(),
                        }}
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MemberTable(members: Page<Member>, set_page: WriteSignal<i64>) -> impl IntoView {
    let (current, pages) = (members.page, members.page_count());
    view! {
        <h3>{format!("Members ({})", members.total)}</h3>
        {if members.total == 0 {
            view! { <p class="empty">"No members yet."</p> }.into_any()
        } else {
            view! {
                <table class="table" data-testid="member-table">
                    <thead><tr><th>"Name"</th><th>"Pronouns"</th></tr></thead>
                    <tbody>
                        {members.items.into_iter().map(|m| view! {
                            <tr><td>{m.display_name}</td><td>{m.pronouns.unwrap_or_default()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {(pages > 1).then(|| view! { <Pager current pages on_page=move |p| set_page.set(p)/> })}
            }.into_any()
        }}
    }
}
