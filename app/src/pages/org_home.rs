use leptos::prelude::*;

use crate::pages::org_layout::OrgOverview;

/// An organization's front page: what it is and who is in it (for those the organization
/// shows its member list to).
#[component]
pub fn OrgHomePage() -> impl IntoView {
    let overview = expect_context::<OrgOverview>();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                overview.await.ok().flatten().map(|frame| {
                    let members = if frame.members_hidden {
                        view! {
                            <p class="hint" data-testid="members-hidden">
                                "This organization shows its member list to its members only."
                            </p>
                        }.into_any()
                    } else {
                        view! {
                            <h3>{format!("Members ({})", frame.members.len())}</h3>
                            <table class="table" data-testid="member-table">
                                <thead><tr><th>"Name"</th><th>"Pronouns"</th></tr></thead>
                                <tbody>
                                    {frame.members.into_iter().map(|m| view! {
                                        <tr><td>{m.display_name}</td><td>{m.pronouns.unwrap_or_default()}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    };
                    view! {
                        <p class="lead">{frame.org.description}</p>
                        {members}
                    }
                })
            })}
        </Suspense>
    }
}
