//! `/org/{org}/admin`: members and their roles, invites, roles, audit log — each section shown
//! only when the viewer's roles allow it (the server checks every call again).

mod audit;
mod invites;
mod members;
mod roles;

use leptos::prelude::*;
use leptos_meta::Title;
use sahabot_sdk::pages::org_slug;

use crate::errors::message;
use crate::server_fns::my_abilities;

#[component]
pub fn OrgAdminPage() -> impl IntoView {
    let slug = org_slug();
    let abilities = Resource::new(move || slug.get(), my_abilities);
    view! {
        <Title text="Administration"/>
        <section class="org-admin" data-testid="org-admin">
            <h2>"Administration"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match abilities.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(a) if a.actions.is_empty() => view! {
                            <p class="empty" data-testid="no-admin-rights">
                                "Your roles in this organization do not include any administration."
                            </p>
                        }.into_any(),
                        Ok(a) => {
                            let org = slug.get_untracked();
                            view! {
                                {a.can("member:read").then(|| view! {
                                    <members::Members org=org.clone() can_grant=a.can("member:roles") can_remove=a.can("member:remove")/>
                                })}
                                {a.can("invite:read").then(|| view! {
                                    <invites::Invites org=org.clone() can_manage=a.can("invite:manage")/>
                                })}
                                {a.can("role:read").then(|| view! { <roles::Roles org=org.clone()/> })}
                                {a.can("audit:read").then(|| view! { <audit::AuditLog org=org.clone()/> })}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
