use leptos::prelude::*;

use crate::pages::org_layout::OrgOverview;

/// An organization's front page: what it is and who is in it.
#[component]
pub fn OrgHomePage() -> impl IntoView {
    let overview = expect_context::<OrgOverview>();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                overview.await.ok().flatten().map(|frame| (frame.org, frame.members)).map(|(org, members)| view! {
                    <p class="lead">{org.description}</p>
                    <h3>{format!("Members ({})", members.len())}</h3>
                    <table class="table" data-testid="member-table">
                        <thead><tr><th>"Name"</th><th>"Pronouns"</th></tr></thead>
                        <tbody>
                            {members.into_iter().map(|m| view! {
                                <tr><td>{m.display_name}</td><td>{m.pronouns.unwrap_or_default()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })
            })}
        </Suspense>
    }
}
