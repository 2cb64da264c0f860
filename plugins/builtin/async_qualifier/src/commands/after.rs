//! After a run: the VOD and notes form, and the request for a review with its reason.

use sahabot_sdk::discord::{Modal, ModalField, Reply, Response};
use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::Error;

use super::ids::Press;
use crate::service::caller::Caller;
use crate::service::runs;

fn field(custom_id: &str, label: &str, required: bool, paragraph: bool) -> ModalField {
    ModalField {
        custom_id: custom_id.into(),
        label: label.into(),
        required,
        paragraph,
    }
}

fn text<'a>(fields: &'a Map<String, Value>, name: &str) -> &'a str {
    fields.get(name).and_then(Value::as_str).unwrap_or_default()
}

pub fn vod_form(id: i64) -> Response {
    Response::Modal(Modal {
        custom_id: Press::VodForm(id).id(),
        title: format!("Run {id}: VOD and notes"),
        fields: vec![
            field("vod_url", "VOD link (https://…)", false, false),
            field("notes", "Notes for the reviewers", false, true),
        ],
    })
}

pub async fn vod_submitted(
    caller: &Caller,
    id: i64,
    fields: &Map<String, Value>,
) -> Result<Response, Error> {
    runs::submit(caller, id, text(fields, "vod_url"), text(fields, "notes")).await?;
    Ok(Reply::private(format!("Saved the VOD and notes of run {id}.")).into())
}

pub fn flag_form(id: i64) -> Response {
    Response::Modal(Modal {
        custom_id: Press::FlagForm(id).id(),
        title: format!("Run {id}: ask for a review"),
        fields: vec![field(
            "reason",
            "Why should the reviewers look?",
            true,
            false,
        )],
    })
}

pub async fn flag_submitted(
    caller: &Caller,
    id: i64,
    fields: &Map<String, Value>,
) -> Result<Response, Error> {
    runs::flag(caller, id, text(fields, "reason")).await?;
    Ok(Reply::private(format!("Run {id} is in the reviewers' queue.")).into())
}
