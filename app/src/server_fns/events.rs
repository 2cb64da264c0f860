use leptos::prelude::*;
use sahabot_sdk::model::EventsOverview;

/// The event bus: how many events, the failed deliveries and the most recent ones.
#[server]
pub async fn events_overview_data() -> Result<EventsOverview, ServerFnError> {
    use sahabot_core::repo::events;
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<EventsOverviewData>(None).await?;
    let (total_events, waiting) = events::counts(scope.host_db()).await.map_err(failed)?;
    Ok(EventsOverview {
        total_events,
        waiting,
        failed: events::deliveries(scope.host_db(), true, 100)
            .await
            .map_err(failed)?,
        recent: events::deliveries(scope.host_db(), false, 50)
            .await
            .map_err(failed)?,
    })
}
sahabot_sdk::guard!(EventsOverviewData, global ReadAllAuditLogs);

/// Makes a failed delivery due again (with a fresh count of attempts).
#[server]
pub async fn retry_delivery(delivery_id: i64) -> Result<(), ServerFnError> {
    use sahabot_core::repo::events;
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<RetryDelivery>(None).await?;
    let mut write = scope.host_db().write().await.map_err(failed)?;
    if !events::retry(&mut write, delivery_id)
        .await
        .map_err(failed)?
    {
        return Err(failed(sahabot_sdk::Error::Conflict(
            "only a failed delivery can be retried".into(),
        )));
    }
    write.deliveries_due();
    sahabot_core::service::record_in(
        &mut write,
        &scope.actor()?,
        None,
        "event.delivery_retried",
        serde_json::json!({ "delivery_id": delivery_id }),
    )
    .await
    .map_err(failed)?;
    write.commit().await.map_err(failed)
}
sahabot_sdk::guard!(RetryDelivery, global ManagePlugins);
