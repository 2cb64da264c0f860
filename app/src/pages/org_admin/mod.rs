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
use crate::server_fns::{
    list_invites, list_members, list_roles, my_abilities, org_audit_log, CreateInvite,
    RemoveMember, SetMemberRole, WithdrawInvite,
};

/// Resources and actions live at page level: a resource created inside a `Suspend` would not
/// hydrate.
#[derive(Clone, Copy)]
pub struct AdminData {
    pub set_role: ServerAction<SetMemberRole>,
    pub remove: ServerAction<RemoveMember>,
    pub create_invite: ServerAction<CreateInvite>,
    pub withdraw: ServerAction<WithdrawInvite>,
    pub members: Resource<Result<members::MembersAndRoles, ServerFnError>>,
    pub invites: Resource<Result<Vec<sahabot_sdk::model::Invite>, ServerFnError>>,
    pub roles: Resource<Result<Vec<sahabot_sdk::model::Role>, ServerFnError>>,
    pub audit_page: RwSignal<i64>,
    pub audit:
        Resource<Result<sahabot_sdk::model::Page<sahabot_sdk::model::AuditEntry>, ServerFnError>>,
}

#[component]
pub fn OrgAdminPage() -> impl IntoView {
    let slug = org_slug();
    let abilities = Resource::new(move || slug.get(), my_abilities);
    let set_role = ServerAction::<SetMemberRole>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let create_invite = ServerAction::<CreateInvite>::new();
    let withdraw = ServerAction::<WithdrawInvite>::new();
    let audit_page = RwSignal::new(1_i64);
    let data = AdminData {
        set_role,
        remove,
        create_invite,
        withdraw,
        members: Resource::new(
            move || (slug.get(), set_role.version().get(), remove.version().get()),
            move |(org, _, _)| async move {
                if !abilities.await?.can("member:read") {
                    return Ok((Vec::new(), Vec::new()));
                }
                let members = list_members(org.clone()).await?;
                let roles = list_roles(org).await.unwrap_or_default();
                Ok((members, roles))
            },
        ),
        invites: Resource::new(
            move || {
                (
                    slug.get(),
                    create_invite.version().get(),
                    withdraw.version().get(),
                )
            },
            move |(org, _, _)| async move {
                if !abilities.await?.can("invite:read") {
                    return Ok(Vec::new());
                }
                list_invites(org).await
            },
        ),
        roles: Resource::new(
            move || slug.get(),
            move |org| async move {
                if !abilities.await?.can("role:read") {
                    return Ok(Vec::new());
                }
                list_roles(org).await
            },
        ),
        audit_page,
        audit: Resource::new(
            move || (slug.get(), audit_page.get(), set_role.version().get()),
            move |(org, page, _)| async move {
                if !abilities.await?.can("audit:read") {
                    return Ok(sahabot_sdk::model::Page {
                        items: Vec::new(),
                        total: 0,
                        page: 1,
                        per_page: 1,
                    });
                }
                org_audit_log(org, page).await
            },
        ),
    };
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
                                    <members::Members org=org.clone() data can_grant=a.can("member:roles") can_remove=a.can("member:remove")/>
                                })}
                                {a.can("invite:read").then(|| view! {
                                    <invites::Invites org=org.clone() data can_manage=a.can("invite:manage")/>
                                })}
                                {a.can("role:read").then(|| view! { <roles::Roles data/> })}
                                {a.can("audit:read").then(|| view! { <audit::AuditLog data/> })}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
