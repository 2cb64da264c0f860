use leptos::prelude::*;
use sahabot_sdk::model::{ApiToken, NewApiToken, Profile};

#[server]
pub async fn my_profile() -> Result<Profile, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<MyProfile>(None).await?;
    sahabot_core::repo::users::profile(scope.host_db(), scope.user()?.id)
        .await
        .map_err(failed)?
        .ok_or_else(|| failed(sahabot_sdk::Error::NotFound("your account is gone".into())))
}
sahabot_sdk::guard!(MyProfile, global SignedIn);

#[server]
pub async fn update_profile(display_name: String, pronouns: String) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<UpdateProfile>(None).await?;
    sahabot_core::service::users::update_profile(
        scope.host_db(),
        &scope.actor()?,
        &display_name,
        Some(pronouns.as_str()),
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(UpdateProfile, global SignedIn);

#[server]
pub async fn my_tokens() -> Result<Vec<ApiToken>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<MyTokens>(None).await?;
    sahabot_core::repo::tokens::of_user(scope.host_db(), scope.user()?.id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(MyTokens, global SignedIn);

/// Creates an API token; the answer carries its secret, shown this once.
#[server]
pub async fn create_token(
    name: String,
    expires_in_days: i64,
) -> Result<NewApiToken, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<CreateToken>(None).await?;
    sahabot_core::service::tokens::create(scope.host_db(), &scope.actor()?, &name, expires_in_days)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(CreateToken, global SignedIn);

#[server]
pub async fn revoke_token(token_id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<RevokeToken>(None).await?;
    sahabot_core::service::tokens::revoke(scope.host_db(), &scope.actor()?, token_id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(RevokeToken, global SignedIn);
