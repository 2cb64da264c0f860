use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::errors::message;
use crate::server_fns::{preview_invite, whoami, JoinByInvite};

/// `/invite/{slug}`: where the invite leads, and a button to join.
#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let preview = Resource::new(slug, preview_invite);
    let user = Resource::new(|| (), |_| whoami());
    let join = ServerAction::<JoinByInvite>::new();

    view! {
        <Title text="Invitation"/>
        <section class="narrow" data-testid="invite">
            <Suspense fallback=|| view! { <p class="loading">"Loading the invitation…"</p> }>
                {move || Suspend::new(async move {
                    let signed_in = user.await.ok().flatten().is_some();
                    match preview.await {
                        Err(e) => view! {
                            <h1>"Invitation"</h1>
                            <p class="error" data-testid="invite-error">{message(&e)}</p>
                        }.into_any(),
                        Ok(org) => {
                            let login = format!("/login?next=/invite/{}", slug());
                            view! {
                                <h1>"Join " {org.org_name.clone()}</h1>
                                <p>{org.org_description.clone()}</p>
                                {if signed_in {
                                    view! {
                                        <ActionForm action=join>
                                            <input type="hidden" name="slug" value=slug()/>
                                            <button type="submit" data-testid="join">"Join " {org.org_name.clone()}</button>
                                        </ActionForm>
                                    }.into_any()
                                } else {
                                    view! { <a class="button" href=login rel="external">"Log in to join"</a> }.into_any()
                                }}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
            {move || join.value().get().map(|result| match result {
                Ok(org) => view! {
                    <p class="success" data-testid="joined">
                        "You are a member now. "
                        <a href=format!("/org/{org}")>"Go to the organization"</a>
                    </p>
                }.into_any(),
                Err(e) => view! { <p class="error" data-testid="join-error">{message(&e)}</p> }.into_any(),
            })}
        </section>
    }
}
