use leptos::prelude::*;

use crate::model::Run;

#[server]
pub async fn review_queue(org: String, qualifier_id: i64) -> Result<Vec<Run>, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ReviewQueue>(&org).await?;
    crate::service::review::queue(&caller, qualifier_id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, ReviewQueue, org "async_qualifier:review");

/// Accepts or rejects a run with notes; `time` (H:MM:SS), when given, corrects its time.
#[server]
pub async fn review_run(
    org: String,
    id: i64,
    accept: bool,
    notes: String,
    time: String,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ReviewRun>(&org).await?;
    let elapsed_ms = match time.trim() {
        "" => None,
        written => Some(
            crate::service::scoring::parse_duration(written)
                .map_err(|e| ServerFnError::new(format!("time: {e}")))? as i64
                * 1000,
        ),
    };
    let decision = crate::service::review::Decision {
        accept,
        notes,
        elapsed_ms,
    };
    crate::service::review::review(&caller, id, &decision)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, ReviewRun, org "async_qualifier:review");
