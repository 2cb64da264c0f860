use leptos::prelude::*;
use sahabot_sdk::model::{Member, OrgAbilities, OrgRow, OrgSummary, Page};

#[server]
pub async fn list_orgs() -> Result<Vec<OrgSummary>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListOrgs>(None).await?;
    sahabot_core::repo::orgs::list(scope.host_db())
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(ListOrgs, public);

/// What every page of an organization shows around itself.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OrgFrame {
    pub slug: String,
    pub name: String,
    /// The plugins in service there, by id: their pages are reachable and listed.
    pub plugins: Vec<String>,
    /// What the viewer may do there: the navigation lists only the pages they may open.
    pub abilities: OrgAbilities,
    /// Whether the viewer is signed in (pages for the signed-in are listed to them).
    pub signed_in: bool,
}

/// The organization and its plugins in service, or `None` when there is no such active
/// organization.
#[server]
pub async fn org_overview(org: String) -> Result<Option<OrgFrame>, ServerFnError> {
    use sahabot_runtime::access::plugins_in_service;
    use sahabot_sdk::access::{refuse, scope};
    let Ok(scope) = scope::<OrgOverview>(Some(&org)).await else {
        return Ok(None);
    };
    let found = scope.org()?;
    let plugins = plugins_in_service(scope.host_db(), found)
        .await
        .map_err(refuse)?
        .into_iter()
        .map(str::to_owned)
        .collect();
    let access = scope.access().await?;
    Ok(Some(OrgFrame {
        slug: found.slug.clone(),
        name: found.name.clone(),
        plugins,
        abilities: abilities(&scope, &access),
        signed_in: scope.maybe_user().is_some(),
    }))
}
sahabot_sdk::guard!(OrgOverview, public);

/// An organization's front page: what it is and who is in it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OrgFront {
    pub description: String,
    /// A page of its members by name; `None` when the organization shows its member list to
    /// its members only, and the viewer is not one.
    pub members: Option<Page<Member>>,
}

/// Members shown per page on an organization's front page.
pub const MEMBERS_PER_PAGE: i64 = 50;

/// The organization's front page, or `None` when there is no such active organization.
#[server]
pub async fn org_members(org: String, page: i64) -> Result<Option<OrgFront>, ServerFnError> {
    use sahabot_core::repo::{members, paging::Window};
    use sahabot_sdk::access::{failed, scope};
    let Ok(scope) = scope::<OrgMembers>(Some(&org)).await else {
        return Ok(None);
    };
    let window = Window::new("page", page, MEMBERS_PER_PAGE).map_err(failed)?;
    let db = scope.host_db();
    let Some(roster) = db
        .directory()
        .roster(db, scope.org()?.id)
        .await
        .map_err(failed)?
    else {
        return Ok(None);
    };
    let viewer = scope.maybe_user();
    let staff = viewer.is_some_and(|u| u.permission.is_staff());
    let visible = members::may_see(&roster, viewer.map(|u| u.id), staff);
    Ok(Some(OrgFront {
        description: roster.description.clone(),
        members: visible.then(|| window.slice(&roster.members)),
    }))
}
sahabot_sdk::guard!(OrgMembers, public);

/// What the caller may do in the organization: drives which admin tabs pages show.
#[server]
pub async fn my_abilities(org: String) -> Result<OrgAbilities, ServerFnError> {
    let scope = sahabot_sdk::access::scope::<MyAbilities>(Some(&org)).await?;
    let access = scope.access().await?;
    Ok(abilities(&scope, &access))
}
sahabot_sdk::guard!(MyAbilities, public);

/// Every known action the scope's user may do, given their standing in its organization.
#[cfg(feature = "ssr")]
pub(super) fn abilities(
    scope: &sahabot_sdk::access::Scope,
    access: &sahabot_sdk::authz::OrgAccess,
) -> OrgAbilities {
    use sahabot_sdk::authz::authorize;
    let Some(user) = scope.maybe_user() else {
        return OrgAbilities::default();
    };
    let subject = sahabot_sdk::access::subject(user);
    let actions = crate::server_fns::roles::known_actions()
        .into_iter()
        .map(|info| info.action)
        .filter(|action| authorize(Some(&subject), access, action, "*").is_allowed())
        .collect();
    OrgAbilities {
        member: access.member,
        actions,
    }
}

/// Changes the organization's name, description and linked Discord server.
#[server]
pub async fn update_org_settings(
    org: String,
    name: String,
    description: String,
    discord_guild_id: String,
    // A checkbox: sent (as "on") only when ticked.
    #[server(default)] member_list_public: Option<String>,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<UpdateOrgSettings>(Some(&org)).await?;
    let replaced = sahabot_core::service::orgs::update_settings(
        scope.host_db(),
        &scope.actor()?,
        scope.org()?.id,
        &name,
        &description,
        &discord_guild_id,
        member_list_public.is_some(),
    )
    .await
    .map_err(failed)?;
    // The server that left gets its commands cleared, the new one gets the organization's.
    if let Some(previous) = replaced {
        let current = discord_guild_id.trim().parse::<i64>().ok();
        sahabot_sdk::discord::resync_guilds(previous.into_iter().chain(current)).await;
    }
    Ok(())
}
sahabot_sdk::guard!(UpdateOrgSettings, org "org:update");

/// Every organization, for the platform administration.
#[server]
pub async fn list_all_orgs(page: i64) -> Result<Page<OrgRow>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListAllOrgs>(None).await?;
    let window = sahabot_core::repo::paging::Window::new("page", page, 25).map_err(failed)?;
    sahabot_core::repo::orgs::page_all(scope.host_db(), window)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(ListAllOrgs, global CreateOrganization);

/// Creates an organization directly (SUPERADMIN); returns its slug.
#[server]
pub async fn create_org(
    slug: String,
    name: String,
    description: String,
) -> Result<String, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<CreateOrg>(None).await?;
    let slug = slug.trim().to_string();
    sahabot_core::service::orgs::create(
        scope.host_db(),
        &scope.actor()?,
        &slug,
        &name,
        &description,
    )
    .await
    .map_err(failed)?;
    super::org_requests::plugins_start(scope.host_db(), &slug).await;
    Ok(slug)
}
sahabot_sdk::guard!(CreateOrg, global CreateOrganization);

/// Archives (`archived`) or restores an organization, addressed by its slug: an archived one
/// is not an organization scope any more, so it is not named `org` here.
#[server]
pub async fn set_org_archived(slug: String, archived: bool) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<SetOrgArchived>(None).await?;
    let guild = sahabot_core::service::orgs::set_archived(
        scope.host_db(),
        &scope.actor()?,
        &slug,
        archived,
    )
    .await
    .map_err(failed)?;
    // Its Discord server loses (or gets back) the organization's commands.
    sahabot_sdk::discord::resync_guilds(guild).await;
    Ok(())
}
sahabot_sdk::guard!(SetOrgArchived, global ManageOrganizations);

/// Deletes an archived organization for good; `confirmation` repeats its address.
#[server]
pub async fn delete_org(slug: String, confirmation: String) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<DeleteOrg>(None).await?;
    sahabot_core::service::orgs::delete_archived(
        scope.host_db(),
        &scope.actor()?,
        &slug,
        &confirmation,
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(DeleteOrg, global ManageOrganizations);
