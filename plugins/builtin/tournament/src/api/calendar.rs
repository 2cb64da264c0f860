//! iCalendar feeds: `…/tournaments/{id}/calendar.ics` and `…/players/{user_id}/calendar.ics`.

use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::response::IntoResponse;
use sahabot_sdk::http::header;

use super::caller;
use crate::service::calendar;

fn ics(body: String) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
}

pub async fn tournament(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(ics(calendar::tournament(&caller(&scope).await?, id).await?))
}

pub async fn player(
    scope: ApiScope,
    Path((_org, user_id)): Path<(String, i64)>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(ics(calendar::player(&caller(&scope).await?, user_id).await?))
}
