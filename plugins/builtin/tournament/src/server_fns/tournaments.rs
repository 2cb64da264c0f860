// A server function's arguments are the fields of the form that calls it.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Rights;
use crate::model::{Player, StreamChannel, Tournament};

/// The tournaments page: the organization's tournaments and what the viewer may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TournamentsData {
    pub tournaments: Vec<Tournament>,
    pub rights: Rights,
    /// The randomizers enabled here (id, name), for the form of a new tournament.
    pub randomizers: Vec<(String, String)>,
}

#[server]
pub async fn list_tournaments(org: String) -> Result<TournamentsData, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ListTournaments>(&org).await?;
    let tournaments = crate::service::tournaments::list(&caller)
        .await
        .map_err(failed)?;
    let randomizers = if caller.manage {
        randomizers(&caller).await
    } else {
        Vec::new()
    };
    Ok(TournamentsData {
        tournaments,
        rights: super::rights(&caller),
        randomizers,
    })
}
sahabot_sdk::guard!(plugin, ListTournaments, public);

#[cfg(feature = "ssr")]
async fn randomizers(caller: &crate::service::caller::Caller) -> Vec<(String, String)> {
    match crate::service::tournaments::roller(caller).await {
        Ok(roller) => roller
            .api
            .randomizers(roller.db.clone())
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|(id, name)| (id.to_string(), name.to_string()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// A tournament's page: the tournament, its players, the stream channels and the viewer's
/// rights; for organizers, the members who may be registered and the randomizers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TournamentData {
    pub tournament: Tournament,
    pub players: Vec<Player>,
    pub channels: Vec<StreamChannel>,
    pub rights: Rights,
    pub members: Vec<(i64, String)>,
    pub randomizers: Vec<(String, String)>,
}

#[server]
pub async fn tournament_page(org: String, id: i64) -> Result<TournamentData, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<TournamentPage>(&org).await?;
    let tournament = crate::service::tournaments::get(&caller, id)
        .await
        .map_err(failed)?;
    let players = crate::service::players::list(&caller, id)
        .await
        .map_err(failed)?;
    let channels = crate::service::channels::list(&caller)
        .await
        .map_err(failed)?;
    let (members, randomizers) = if caller.manage {
        let members = caller
            .db
            .members()
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|m| (m.user_id, m.display_name))
            .collect();
        (members, randomizers(&caller).await)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(TournamentData {
        tournament,
        players,
        channels,
        rights: super::rights(&caller),
        members,
        randomizers,
    })
}
sahabot_sdk::guard!(plugin, TournamentPage, public);

/// Creates a tournament (`id` is `None`) or saves one; its id.
#[server]
pub async fn save_tournament(
    org: String,
    id: Option<i64>,
    name: String,
    description: String,
    is_active: bool,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    randomizer: String,
    preset: String,
    onsite: bool,
) -> Result<i64, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<SaveTournament>(&org).await?;
    let form = crate::model::TournamentForm {
        name,
        description,
        is_active,
        starts_at,
        ends_at,
        randomizer: Some(randomizer),
        preset: Some(preset),
        onsite,
    };
    match id {
        Some(id) => crate::service::tournaments::update(&caller, id, &form)
            .await
            .map(|()| id),
        None => crate::service::tournaments::create(&caller, &form).await,
    }
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, SaveTournament, org "tournament:manage");

/// Registers a member as a player (`add`), or removes one.
#[server]
pub async fn set_player(
    org: String,
    id: i64,
    user_id: i64,
    add: bool,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<SetPlayer>(&org).await?;
    if add {
        crate::service::players::add(&caller, id, user_id).await
    } else {
        crate::service::players::remove(&caller, id, user_id).await
    }
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, SetPlayer, org "tournament:manage");

/// Replaces the preset rules or the settings form, written as JSON text.
#[server]
pub async fn save_tournament_json(
    org: String,
    id: i64,
    what: JsonPart,
    text: String,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    use sahabot_sdk::Error;
    let caller = super::caller::<SaveTournamentJson>(&org).await?;
    let field = match what {
        JsonPart::PresetRules => "rules",
        JsonPart::SettingsForm => "form",
    };
    let value = sahabot_sdk::serde_json::from_str(&text).map_err(|e| {
        failed(Error::Invalid {
            field,
            message: format!("not JSON: {e}"),
        })
    })?;
    match what {
        JsonPart::PresetRules => crate::service::tournaments::set_rules(&caller, id, &value).await,
        JsonPart::SettingsForm => crate::service::tournaments::set_form(&caller, id, &value).await,
    }
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, SaveTournamentJson, org "tournament:manage");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JsonPart {
    PresetRules,
    SettingsForm,
}

/// Which preset a match would be rolled with now: the preset, and the rule (its name) that
/// picks it.
#[server]
pub async fn preview_preset(
    org: String,
    match_id: i64,
) -> Result<(Option<String>, Option<String>), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<PreviewPreset>(&org).await?;
    let selection = crate::service::seeds::preview(&caller, match_id)
        .await
        .map_err(failed)?;
    Ok((selection.preset, selection.rule.map(|(_, name)| name)))
}
sahabot_sdk::guard!(plugin, PreviewPreset, org "tournament:read");
