//! Login with Discord: the OAuth2 code flow (scope `identify`) through the `oauth2` crate.

use axum::extract::{Query, State};
use axum::response::Redirect;
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, RedirectUrl, Scope,
    TokenResponse, TokenUrl,
};
use sahabot_core::repo::users;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::next::local_path;
use super::oauth_state;
use super::session::sign_in;
use super::{AuthError, DiscordOAuth};
use crate::http::client_ip::ClientIp;
use crate::state::AppState;

/// A login in progress: where to go afterwards.
#[derive(Serialize, Deserialize)]
struct PendingLogin {
    next: String,
}

const PENDING: &str = "pending_discord_login";

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /auth/login?next=/path`: sends the browser to Discord.
pub async fn start(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<StartQuery>,
) -> Result<Redirect, AuthError> {
    let discord = configured(&state)?;
    let next = local_path(query.next.as_deref().unwrap_or("/"))?;
    let (url, csrf) = client(discord, &state.auth.redirect_uri())?
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new("identify".into()))
        .url();
    oauth_state::remember(
        &session,
        PENDING,
        csrf.secret(),
        state.auth.login_state_ttl,
        PendingLogin { next },
    )
    .await?;
    Ok(Redirect::to(url.as_str()))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The part of `/users/@me` a login needs. Discord sends ids as strings.
#[derive(Deserialize)]
struct DiscordUser {
    id: String,
    username: String,
    global_name: Option<String>,
    avatar: Option<String>,
}

/// `GET /auth/callback?code&state`: checks the state, exchanges the code, reads the user,
/// signs them in under a new session id.
pub async fn callback(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Result<Redirect, AuthError> {
    let discord = configured(&state)?;
    let pending: PendingLogin =
        oauth_state::take(&session, PENDING, query.state.as_deref()).await?;
    if let Some(error) = query.error {
        return Err(AuthError::Denied(error));
    }
    let code = query.code.ok_or(AuthError::MissingCode)?;

    let me: DiscordUser = exchange_and_read(
        &state,
        discord,
        &state.auth.redirect_uri(),
        code,
        "/users/@me",
    )
    .await?;
    let discord_id: i64 = me
        .id
        .parse()
        .map_err(|_| AuthError::Discord(format!("`{}` is not a Discord id", me.id)))?;

    let user = users::upsert_discord(
        &state.db,
        &users::DiscordProfile {
            discord_id,
            username: &me.username,
            global_name: me.global_name.as_deref(),
            avatar: me.avatar.as_deref(),
        },
    )
    .await?;
    if !user.is_active {
        return Err(AuthError::Deactivated);
    }
    sign_in(&state.db, &session, &user, "discord", ip.as_deref()).await?;
    Ok(Redirect::to(&pending.next))
}

/// Exchanges the authorization code for the user's token, then reads `path` of Discord's API
/// with it.
pub(super) async fn exchange_and_read<T: serde::de::DeserializeOwned>(
    state: &AppState,
    discord: &DiscordOAuth,
    redirect_uri: &str,
    code: String,
    path: &str,
) -> Result<T, AuthError> {
    let token = client(discord, redirect_uri)?
        .exchange_code(AuthorizationCode::new(code))
        .request_async(&state.http)
        .await
        .map_err(|e| AuthError::Discord(format!("token exchange failed: {e}")))?;
    state
        .http
        .get(format!("{}{path}", discord.api_base.trim_end_matches('/')))
        .bearer_auth(token.access_token().secret())
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| AuthError::Discord(format!("reading {path} failed: {e}")))?
        .json()
        .await
        .map_err(|e| AuthError::Discord(format!("unexpected answer from {path}: {e}")))
}

pub(super) fn configured(state: &AppState) -> Result<&DiscordOAuth, AuthError> {
    state
        .auth
        .discord
        .as_ref()
        .ok_or(AuthError::DiscordNotConfigured)
}

pub(super) type ConfiguredClient = BasicClient<
    oauth2::EndpointSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

pub(super) fn client(
    discord: &DiscordOAuth,
    redirect_uri: &str,
) -> Result<ConfiguredClient, AuthError> {
    let bad = |what: &str, e: oauth2::url::ParseError| {
        AuthError::Discord(format!("the configured {what} is not a URL: {e}"))
    };
    Ok(BasicClient::new(ClientId::new(discord.client_id.clone()))
        .set_client_secret(ClientSecret::new(discord.client_secret.clone()))
        .set_auth_uri(
            AuthUrl::new(discord.authorize_url.clone()).map_err(|e| bad("authorize URL", e))?,
        )
        .set_token_uri(TokenUrl::new(discord.token_url.clone()).map_err(|e| bad("token URL", e))?)
        .set_redirect_uri(
            RedirectUrl::new(redirect_uri.to_owned()).map_err(|e| bad("public URL", e))?,
        ))
}
