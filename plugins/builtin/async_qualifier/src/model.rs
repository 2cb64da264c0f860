//! What the async qualifier's pages, server functions and REST routes exchange.

use serde::{Deserialize, Serialize};

/// A run's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// The permalink is revealed; the racer gets ready.
    Pending,
    InProgress,
    Finished,
    Forfeit,
    Disqualified,
}

impl RunStatus {
    pub const ALL: [RunStatus; 5] = [
        RunStatus::Pending,
        RunStatus::InProgress,
        RunStatus::Finished,
        RunStatus::Forfeit,
        RunStatus::Disqualified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Pending => "pending",
            RunStatus::InProgress => "in_progress",
            RunStatus::Finished => "finished",
            RunStatus::Forfeit => "forfeit",
            RunStatus::Disqualified => "disqualified",
        }
    }

    pub fn parse(text: &str) -> Option<RunStatus> {
        RunStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            RunStatus::Pending => "Getting ready",
            RunStatus::InProgress => "In progress",
            RunStatus::Finished => "Finished",
            RunStatus::Forfeit => "Forfeit",
            RunStatus::Disqualified => "Disqualified",
        }
    }

    /// Pending or in progress: a racer has one such run at a time.
    pub fn is_active(self) -> bool {
        matches!(self, RunStatus::Pending | RunStatus::InProgress)
    }
}

/// Where a finished run stands with the reviewers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Pending,
    Accepted,
    /// Rejected once: it waits for a second reviewer.
    Rejected,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Accepted => "accepted",
            ReviewStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<ReviewStatus> {
        [
            ReviewStatus::Pending,
            ReviewStatus::Accepted,
            ReviewStatus::Rejected,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "Not reviewed",
            ReviewStatus::Accepted => "Accepted",
            ReviewStatus::Rejected => "Pending second review",
        }
    }
}

/// A qualifier as shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Qualifier {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub is_active: bool,
    /// The window runs may be started in, unix milliseconds.
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub runs_per_pool: i64,
    /// How many runs a racer may reattempt; `None`: as many as they like.
    pub max_reattempts: Option<i64>,
    /// Scores and the leaderboard are shown to organizers only until the qualifier closes.
    pub hide_results: bool,
    /// Where `/async post` put the start button; runs started there get a private thread in
    /// it. A Discord id, as text (it does not fit a JavaScript number).
    pub discord_channel_id: Option<String>,
    /// Changes whenever its scores may have (each rescoring).
    pub score_version: i64,
    pub pool_count: i64,
    pub run_count: i64,
}

/// What an organizer sets on a qualifier.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QualifierForm {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "yes")]
    pub is_active: bool,
    #[serde(default)]
    pub opens_at: Option<i64>,
    #[serde(default)]
    pub closes_at: Option<i64>,
    #[serde(default = "one")]
    pub runs_per_pool: i64,
    #[serde(default)]
    pub max_reattempts: Option<i64>,
    #[serde(default)]
    pub hide_results: bool,
}

fn yes() -> bool {
    true
}

fn one() -> i64 {
    1
}

/// A pool of permalinks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    pub id: i64,
    pub qualifier_id: i64,
    pub name: String,
    pub permalink_count: i64,
}

/// A seed of a pool, with its par once someone finished it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Permalink {
    pub id: i64,
    pub pool_id: i64,
    pub url: String,
    pub notes: String,
    /// The preset it was rolled from (`namespace/name`), when it was rolled here.
    pub preset: Option<String>,
    pub par_ms: Option<i64>,
    pub finishes: i64,
}

/// A racer's run of a permalink.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub id: i64,
    pub qualifier_id: i64,
    pub pool_id: i64,
    pub pool_name: String,
    pub permalink_id: i64,
    /// The seed; shown to its racer and organizers (it is secret to the others until they run
    /// it themselves).
    pub permalink_url: Option<String>,
    pub user_id: i64,
    pub display_name: String,
    pub status: RunStatus,
    /// When the permalink was revealed, the clock started and stopped (unix ms).
    pub revealed_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub elapsed_ms: Option<i64>,
    /// When a pending run times out, when an organizer extended it.
    pub extended_until: Option<i64>,
    pub reattempted: bool,
    pub vod_url: Option<String>,
    pub notes: String,
    pub score: Option<f64>,
    pub review: ReviewStatus,
    pub reviewer_notes: String,
    pub reviewed_by: Option<String>,
    /// The racer asked for a review, and why.
    pub flag_reason: Option<String>,
}

/// A pool the racer may start a run in, and how many runs they have left there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub pool: Pool,
    pub runs_left: i64,
    /// Permalinks of the pool they have not run.
    pub unseen: i64,
}

/// A line of the leaderboard with the racer's name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    #[serde(flatten)]
    pub standing: crate::service::leaderboard::Standing,
    pub display_name: String,
}
