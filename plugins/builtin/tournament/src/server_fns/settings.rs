use leptos::prelude::*;

use crate::model::FieldProblem;

/// Submits the viewer's settings for a game; the problems, each on its field, when refused
/// (an empty list when stored).
#[server]
pub async fn submit_settings(
    org: String,
    match_id: i64,
    game_number: i64,
    answers: String,
) -> Result<Vec<FieldProblem>, ServerFnError> {
    use crate::service::submissions::{submit, Outcome};
    use sahabot_sdk::access::failed;
    use sahabot_sdk::Error;
    let caller = super::caller::<SubmitSettings>(&org).await?;
    let answers = sahabot_sdk::serde_json::from_str(&answers).map_err(|e| {
        failed(Error::Invalid {
            field: "answers",
            message: format!("not a JSON object: {e}"),
        })
    })?;
    match submit(&caller, match_id, game_number, &answers)
        .await
        .map_err(failed)?
    {
        Outcome::Stored(_) => Ok(Vec::new()),
        Outcome::Refused(problems) => Ok(problems),
    }
}
sahabot_sdk::guard!(plugin, SubmitSettings, global SignedIn);

/// Marks a submission applied (or not).
#[server]
pub async fn set_settings_applied(
    org: String,
    id: i64,
    applied: bool,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<SetSettingsApplied>(&org).await?;
    crate::service::submissions::set_applied(&caller, id, applied)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, SetSettingsApplied, org "tournament:schedule");
