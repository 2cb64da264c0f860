//! The events the async qualifier publishes about runs, for other plugins to listen to
//! (notifications, Discord). Each is written with the change it describes.

use sahabot_sdk::Event;
use serde::{Deserialize, Serialize};

macro_rules! event {
    ($(#[$doc:meta])* $name:ident = $type:literal { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            pub organization_id: i64,
            pub qualifier_id: i64,
            pub run_id: i64,
            pub user_id: i64,
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
    /// A racer passed the point of no return: a permalink of the pool was revealed to them.
    RunStarted = "async_qualifier.run_started" { pool_id: i64, permalink_id: i64 }
);
event!(
    /// A run was finished, in `elapsed_ms`.
    RunFinished = "async_qualifier.run_finished" { elapsed_ms: i64 }
);
event!(
    /// A run was forfeited, by its racer or by a timeout (`timed_out`).
    RunForfeited = "async_qualifier.run_forfeited" { timed_out: bool }
);
event!(
    /// The racer asked the reviewers to look at their run, and why.
    ReviewRequested = "async_qualifier.review_requested" { reason: String }
);
event!(
    /// A reviewer accepted a run.
    RunAccepted = "async_qualifier.run_accepted" { reviewer_id: i64 }
);
event!(
    /// A reviewer rejected a run: it waits for a second review.
    RunRejected = "async_qualifier.run_rejected" { reviewer_id: i64 }
);
