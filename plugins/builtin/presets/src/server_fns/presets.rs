// A server function takes its form's fields as arguments, however many the form has.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::model::{PresetDetail, Revision, TextCheck};

#[server]
pub async fn get_preset(org: String, id: i64) -> Result<PresetDetail, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::reader::<GetPreset>(&org).await?;
    crate::service::presets::detail(&caller, id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, GetPreset, public);

/// A preset's text checked for `randomizer`, as the editor shows it while it is typed.
#[server]
pub async fn check_preset(
    org: String,
    randomizer: String,
    yaml: String,
) -> Result<TextCheck, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<CheckPreset>(&org).await?;
    crate::service::presets::check(&caller, &randomizer, &yaml)
        .await
        .map(|(_, checked)| checked)
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, CheckPreset, global SignedIn);

/// Creates a preset in `namespace`; returns its id.
#[server]
pub async fn create_preset(
    org: String,
    namespace: String,
    randomizer: String,
    name: String,
    description: String,
    yaml: String,
    is_public: bool,
    hide_rolled: bool,
) -> Result<i64, ServerFnError> {
    use crate::service::presets::{create, PresetForm};
    use sahabot_sdk::access::failed;
    let caller = super::caller::<CreatePreset>(&org).await?;
    let form = PresetForm {
        description,
        yaml,
        is_public,
        hide_rolled,
    };
    create(&caller, &namespace, &randomizer, name.trim(), &form)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, CreatePreset, global SignedIn);

/// Saves the editor's text as a new revision of preset `id`, unless someone saved another
/// since `base_revision`; returns the new revision.
#[server]
pub async fn update_preset(
    org: String,
    id: i64,
    base_revision: i64,
    description: String,
    yaml: String,
    is_public: bool,
    hide_rolled: bool,
) -> Result<i64, ServerFnError> {
    use crate::service::presets::{update, PresetForm};
    use sahabot_sdk::access::failed;
    let caller = super::caller::<UpdatePreset>(&org).await?;
    let form = PresetForm {
        description,
        yaml,
        is_public,
        hide_rolled,
    };
    update(&caller, id, base_revision, &form)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, UpdatePreset, global SignedIn);

#[server]
pub async fn delete_preset(org: String, id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<DeletePreset>(&org).await?;
    crate::service::presets::delete(&caller, id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, DeletePreset, global SignedIn);

/// The kept versions of a preset, newest first.
#[server]
pub async fn preset_revisions(org: String, id: i64) -> Result<Vec<Revision>, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::reader::<PresetRevisions>(&org).await?;
    crate::service::presets::visible(&caller, id)
        .await
        .map_err(failed)?;
    crate::repo::presets::revisions(&caller.db, id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, PresetRevisions, public);

/// Makes revision `revision` of preset `id` its newest; returns the new revision's number.
#[server]
pub async fn restore_revision(org: String, id: i64, revision: i64) -> Result<i64, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<RestoreRevision>(&org).await?;
    crate::service::presets::restore(&caller, id, revision)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, RestoreRevision, global SignedIn);
