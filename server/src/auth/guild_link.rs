//! Linking an organization's Discord server through the bot invite: the org admin is sent to
//! Discord's OAuth2 page with the `bot` and `guilds` scopes, picks a server there and adds the
//! bot; on the way back, the server's id is checked against the servers Discord says the user
//! administers, then linked.

use axum::extract::{Query, State};
use axum::response::Redirect;
use axum::Extension;
use oauth2::{CsrfToken, Scope};
use sahabot_core::model::CurrentUser;
use sahabot_core::service::Actor;
use sahabot_runtime::access::check;
use sahabot_sdk::Guard;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::discord::{client, configured, exchange_and_read};
use super::oauth_state;
use super::AuthError;
use crate::http::client_ip::ClientIp;
use crate::state::AppState;

/// Who may link the organization's server: whoever may change its settings.
const GUARD: Guard = Guard::Org("org:update");
const PENDING: &str = "pending_guild_link";

#[derive(Serialize, Deserialize)]
struct PendingLink {
    org_slug: String,
    user_id: i64,
}

#[derive(Deserialize)]
pub struct StartQuery {
    org: String,
}

fn redirect_uri(state: &AppState) -> String {
    format!(
        "{}/discord/link/callback",
        state.auth.public_url.trim_end_matches('/')
    )
}

/// Where the result is shown: the organization's Discord page.
fn back(slug: &str, outcome: &str, value: &str) -> Redirect {
    let query = serde_urlencoded::to_string([(outcome, value)]).unwrap_or_default();
    Redirect::to(&format!("/org/{slug}/admin/discord_bot?{query}"))
}

/// `GET /discord/link?org=slug`: sends an org admin to Discord's bot invite.
pub async fn start(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    session: Session,
    Query(query): Query<StartQuery>,
) -> Result<Redirect, AuthError> {
    let discord = configured(&state)?;
    let user = user.map(|Extension(u)| u);
    check(&state.db, user.as_ref(), GUARD, Some(&query.org), None)
        .await
        .map_err(|e| AuthError::Refused(e.to_string()))?;
    let user = user.ok_or_else(|| AuthError::Refused("sign in first".into()))?;
    let (url, csrf) = client(discord, &redirect_uri(&state))?
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new("bot".into()))
        .add_scope(Scope::new("applications.commands".into()))
        .add_scope(Scope::new("guilds".into()))
        .add_extra_param(
            "permissions",
            sahabot_discord::link::BOT_PERMISSIONS.to_string(),
        )
        .url();
    oauth_state::remember(
        &session,
        PENDING,
        csrf.secret(),
        state.auth.login_state_ttl,
        PendingLink {
            org_slug: query.org,
            user_id: user.id,
        },
    )
    .await?;
    Ok(Redirect::to(url.as_str()))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    guild_id: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// A server as `/users/@me/guilds` lists it.
#[derive(Deserialize)]
struct UserGuild {
    id: String,
    #[serde(default)]
    owner: bool,
    #[serde(default)]
    permissions: String,
}

/// `GET /discord/link/callback`: checks the state, that the user administers the server the
/// bot was added to, and links it.
pub async fn callback(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: Option<Extension<CurrentUser>>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Result<Redirect, AuthError> {
    let discord = configured(&state)?;
    let pending: PendingLink = oauth_state::take(&session, PENDING, query.state.as_deref()).await?;
    let user = user
        .map(|Extension(u)| u)
        .filter(|u| u.id == pending.user_id)
        .ok_or(AuthError::UnknownState)?;
    let slug = pending.org_slug;
    if let Some(error) = query.error {
        let reason = query.error_description.unwrap_or(error);
        return Ok(back(
            &slug,
            "link_error",
            &format!("Discord did not add the bot: {reason}"),
        ));
    }
    // The right to change the organization is checked again: it may have been revoked since.
    let org = check(&state.db, Some(&user), GUARD, Some(&slug), None)
        .await
        .map_err(|e| AuthError::Refused(e.to_string()))?
        .ok_or_else(|| AuthError::Refused("unknown organization".into()))?;
    let guild_id: i64 = match query.guild_id.as_deref().map(str::parse) {
        Some(Ok(id)) if id > 0 => id,
        _ => {
            return Ok(back(
                &slug,
                "link_error",
                "Discord did not say which server the bot was added to; try again.",
            ))
        }
    };
    let code = query.code.ok_or(AuthError::MissingCode)?;
    let guilds: Vec<UserGuild> = exchange_and_read(
        &state,
        discord,
        &redirect_uri(&state),
        code,
        "/users/@me/guilds",
    )
    .await?;
    let administers = guilds.iter().any(|g| {
        g.id == guild_id.to_string() && sahabot_discord::link::administers(g.owner, &g.permissions)
    });
    if !administers {
        return Ok(back(
            &slug,
            "link_error",
            "You do not administer that Discord server (you need Administrator or Manage Server there); nothing was linked.",
        ));
    }
    let actor = Actor {
        user_id: user.id,
        ip,
    };
    match sahabot_discord::link::link(&state.discord, &actor, org.id, guild_id).await {
        Ok(()) => Ok(back(&slug, "linked", &guild_id.to_string())),
        Err(sahabot_discord::DiscordError::Data(sahabot_core::Error::Invalid {
            message, ..
        })) => Ok(back(
            &slug,
            "link_error",
            &format!("Not linked: {message}."),
        )),
        Err(e) => Err(AuthError::Discord(e.to_string())),
    }
}
