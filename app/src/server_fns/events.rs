use leptos::prelude::*;
use sahabot_sdk::model::EventsOverview;

/// The event bus: how many events, the failed deliveries and the most recent ones.
#[server]
pub async fn events_overview_data() -> Result<EventsOverview, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::ssr::repo::events;
    let scope = scope::<EventsOverviewData>(None).await?;
    let (total_events, waiting) = events::counts(scope.db()).await.map_err(failed)?;
    Ok(EventsOverview {
        total_events,
        waiting,
        failed: events::deliveries(scope.db(), true, 100)
            .await
            .map_err(failed)?,
        recent: events::deliveries(scope.db(), false, 50)
            .await
            .map_err(failed)?,
    })
}
sahabot_sdk::guard!(EventsOverviewData, global ReadAllAuditLogs);

/// Makes a failed delivery due again (with a fresh count of attempts).
#[server]
pub async fn retry_delivery(delivery_id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::ssr::repo::events;
    let scope = scope::<RetryDelivery>(None).await?;
    if !events::retry(scope.db(), delivery_id)
        .await
        .map_err(failed)?
    {
        return Err(failed(sahabot_sdk::Error::Conflict(
            "only a failed delivery can be retried".into(),
        )));
    }
    scope.db().outbox().notify_one();
    sahabot_sdk::service::record(
        scope.db(),
        &scope.actor()?,
        None,
        "event.delivery_retried",
        serde_json::json!({ "delivery_id": delivery_id }),
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(RetryDelivery, global ManagePlugins);
