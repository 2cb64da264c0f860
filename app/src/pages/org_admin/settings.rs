use leptos::prelude::*;
use sahabot_sdk::model::OrgSettings;

use super::AdminData;
use crate::components::form_errors::{FieldError, FormError};

/// Name, description and the linked Discord server (with `org:update`).
#[component]
pub fn Settings(org: String, data: AdminData, settings: OrgSettings) -> impl IntoView {
    let update = data.update_settings;
    let org_for_link = org.clone();
    let error = move || update.value().get().and_then(|r| r.err());
    view! {
        <h3>"Settings"</h3>
        <ActionForm action=update attr:class="stack" attr:data-testid="org-settings">
            <input type="hidden" name="org" value=org/>
            <label>"Name " <input type="text" name="name" value=settings.name required/></label>
            <FieldError error=Signal::derive(error) field="name"/>
            <label>"Description " <input type="text" name="description" value=settings.description/></label>
            <FieldError error=Signal::derive(error) field="description"/>
            <label>"Discord server id " <input type="text" name="discord_guild_id" inputmode="numeric"
                data-testid="guild-id" value=settings.discord_guild_id.unwrap_or_default() placeholder="e.g. 123456789012345678"/></label>
            <FieldError error=Signal::derive(error) field="discord_guild_id"/>
            <label><input type="checkbox" name="member_list_public" data-testid="member-list-public"
                checked=settings.member_list_public/>" Anyone may see the member list"</label>
            <p class="field-note">"Unticked, the member list (names, pronouns, join dates) is shown to the organization's members only, on its pages, to its plugins and in the API."</p>
            <p class="field-note">"The bot answers slash commands of this organization's enabled plugins in that server. Link a server with “Link a Discord server” on the "<a href=format!("/org/{org_for_link}/admin/discord_bot")>"Discord page"</a>", which checks that you administer it; clearing this field unlinks it."</p>
            <button type="submit">"Save settings"</button>
            <FormError error=Signal::derive(error) fields=&["name", "description", "discord_guild_id"]/>
            {move || update.value().get().and_then(|r| r.ok()).map(|_| view! { <span class="success" data-testid="settings-saved">"Saved."</span> })}
        </ActionForm>
    }
    .into_any()
}
