//! `/org/{org}/admin`: members and their roles, invites, roles, audit log — each section shown
//! only when the viewer's roles allow it (the server checks every call again).

mod audit;
mod invites;
mod members;
mod roles;
mod settings;

use leptos::prelude::*;
use leptos_meta::Title;
use sahabot_sdk::pages::org_slug;

use crate::errors::message;
use crate::server_fns::{
    org_admin_snapshot, CreateInvite, DeleteRole, RemoveMember, SaveRole, SetMemberRole,
    UpdateOrgSettings, WithdrawInvite,
};

/// The page's actions and the audit log's page number, shared by the sections.
#[derive(Clone, Copy)]
pub struct AdminData {
    pub set_role: ServerAction<SetMemberRole>,
    pub remove: ServerAction<RemoveMember>,
    pub create_invite: ServerAction<CreateInvite>,
    pub withdraw: ServerAction<WithdrawInvite>,
    pub save_role: ServerAction<SaveRole>,
    pub delete_role: ServerAction<DeleteRole>,
    pub role_form: roles::RoleForm,
    pub update_settings: ServerAction<UpdateOrgSettings>,
    pub member_filter: RwSignal<String>,
    pub member_page: RwSignal<i64>,
    pub audit_page: RwSignal<i64>,
}

#[component]
pub fn OrgAdminPage() -> impl IntoView {
    let slug = org_slug();
    let data = AdminData {
        set_role: ServerAction::new(),
        remove: ServerAction::new(),
        create_invite: ServerAction::new(),
        withdraw: ServerAction::new(),
        save_role: ServerAction::new(),
        delete_role: ServerAction::new(),
        role_form: roles::RoleForm::default(),
        update_settings: ServerAction::new(),
        member_filter: RwSignal::new(String::new()),
        member_page: RwSignal::new(1),
        audit_page: RwSignal::new(1),
    };
    // A saved role empties the editor.
    Effect::new(move |_| {
        if let Some(Ok(_)) = data.save_role.value().get() {
            data.role_form.clear();
        }
    });
    // One resource for the whole page: its sections render from one value, the same on the
    // server and in the browser, and it reloads after every change made here.
    let snapshot = Resource::new(
        move || {
            (
                slug.get(),
                data.audit_page.get(),
                data.set_role.version().get(),
                data.remove.version().get(),
                data.create_invite.version().get(),
                data.withdraw.version().get(),
                data.save_role.version().get(),
                data.delete_role.version().get(),
                data.update_settings.version().get(),
            )
        },
        |(org, page, ..)| org_admin_snapshot(org, page),
    );
    view! {
        <Title text="Administration"/>
        <section class="org-admin" data-testid="org-admin">
            <h2>"Administration"</h2>
            // One level of suspense: every section's data is awaited here, so the server and the
            // browser render the same complete page (nested suspense inside a `Suspend` raced
            // during hydration).
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match snapshot.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(snap) if snap.abilities.actions.is_empty() => view! {
                            <p class="empty" data-testid="no-admin-rights">
                                "Your roles in this organization do not include any administration."
                            </p>
                        }.into_any(),
                        Ok(snap) => {
                            let org = slug.get_untracked();
                            let a = snap.abilities;
                            view! {
                                {a.can("member:read").then(|| view! {
                                    <members::Members org=org.clone() data members=snap.members roles=snap.roles.clone()
                                        can_grant=a.can("member:roles") can_remove=a.can("member:remove")/>
                                })}
                                {a.can("invite:read").then(|| view! {
                                    <invites::Invites org=org.clone() data invites=snap.invites can_manage=a.can("invite:manage")/>
                                })}
                                {a.can("role:read").then(|| view! {
                                    <roles::Roles org=org.clone() roles=snap.roles actions=snap.actions
                                        save=data.save_role delete=data.delete_role form=data.role_form can_manage=a.can("role:manage")/>
                                })}
                                {snap.settings.map(|settings| view! { <settings::Settings org=org.clone() data settings/> })}
                                {snap.audit.map(|log| view! { <audit::AuditLog data log/> })}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
