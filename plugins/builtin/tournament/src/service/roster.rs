//! The roster: the organization's members who can be entered as players, with their pronouns
//! where the organization's setting shows them.

use sahabot_sdk::data::PluginDb;
use sahabot_sdk::model::Member;
use sahabot_sdk::Error;

#[derive(serde::Deserialize)]
struct Settings {
    #[serde(default = "shown")]
    show_pronouns: bool,
}

fn shown() -> bool {
    true
}

pub async fn list(db: &PluginDb) -> Result<Vec<Member>, Error> {
    let settings: Settings = db.config().await?;
    let mut members = db.members().await?;
    if !settings.show_pronouns {
        for member in &mut members {
            member.pronouns = None;
        }
    }
    Ok(members)
}
