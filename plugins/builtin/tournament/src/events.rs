//! The events the tournament publishes, for other plugins to listen to (notifications,
//! Discord events, race rooms). Each is written with the change it describes.

use sahabot_sdk::Event;
use serde::{Deserialize, Serialize};

use crate::model::{CrewRole, MatchStatus};

macro_rules! event {
    ($(#[$doc:meta])* $name:ident = $type:literal { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            pub organization_id: i64,
            pub tournament_id: i64,
            $(pub $field: $ty,)*
        }

        impl Event for $name {
            const TYPE: &'static str = $type;
            fn organization_id(&self) -> Option<i64> {
                Some(self.organization_id)
            }
        }
    };
}

event!(
    /// A tournament was created.
    TournamentCreated = "tournament.tournament_created" { name: String }
);
event!(
    /// A tournament's settings, rules, form or players changed.
    TournamentUpdated = "tournament.tournament_updated" { name: String }
);
event!(
    /// A match was put on the schedule, or its time changed (`None`: not yet set).
    MatchScheduled = "tournament.match_scheduled" {
        match_id: i64, scheduled_at: Option<i64>, players: Vec<i64>
    }
);
event!(
    /// A match's title, comment, stream, status or seed changed.
    MatchUpdated = "tournament.match_updated" { match_id: i64, status: MatchStatus }
);
event!(
    /// A match was deleted.
    MatchDeleted = "tournament.match_deleted" { match_id: i64 }
);
event!(
    /// A match finished; `ranks` holds each player's place where known.
    MatchFinished = "tournament.match_finished" { match_id: i64, ranks: Vec<(i64, Option<i64>)> }
);
event!(
    /// A match's results were recorded (confirmed).
    MatchRecorded = "tournament.match_recorded" { match_id: i64, winners: Vec<i64> }
);
event!(
    /// Someone signed up (or was added, approved at once) as crew of a match.
    CrewSignedUp = "tournament.crew_signed_up" {
        match_id: i64, crew_id: i64, user_id: i64, role: CrewRole, approved: bool
    }
);
event!(
    /// A crew signup was approved, or its approval withdrawn.
    CrewApproved = "tournament.crew_approved" {
        match_id: i64, crew_id: i64, user_id: i64, role: CrewRole, approved: bool
    }
);
event!(
    /// A crew signup was removed.
    CrewRemoved = "tournament.crew_removed" { match_id: i64, user_id: i64, role: CrewRole }
);
event!(
    /// A player submitted their settings for a game of a match.
    SettingsSubmitted = "tournament.settings_submitted" {
        match_id: i64, game_number: i64, user_id: i64
    }
);
