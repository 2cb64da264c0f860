//! Rolling a seed from a preset: the randomizer called within a time limit, retried with
//! growing pauses while the generator is unavailable, and every roll recorded.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

use sahabot_sdk::seeds::{Origin, RollError, RollRequest, Seed};
use sahabot_sdk::ssr::tokio;
use sahabot_sdk::Error;

use crate::model::RollView;
use crate::repo::presets::StoredPreset;
use crate::repo::rolls::{self, NewRoll};
use crate::service::caller::{randomizer, Caller};
use crate::service::text;

/// How long a roll may take and how often it is tried.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// For all attempts together.
    pub time_limit: Duration,
    pub attempts: u32,
    /// The pause after the first failed attempt; doubled after each.
    pub first_pause: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            time_limit: Duration::from_secs(60),
            attempts: 3,
            first_pause: Duration::from_secs(1),
        }
    }
}

/// Calls `attempt` until it succeeds, fails for good, runs out of attempts or of time; returns
/// the outcome and how many attempts were made.
pub async fn with_retries<F, Fut>(policy: Policy, mut attempt: F) -> (Result<Seed, RollError>, u32)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Seed, RollError>>,
{
    let deadline = Instant::now() + policy.time_limit;
    let mut pause = policy.first_pause;
    let mut made = 0;
    loop {
        made += 1;
        let left = deadline.saturating_duration_since(Instant::now());
        let outcome = match tokio::time::timeout(left, attempt()).await {
            Ok(outcome) => outcome,
            Err(_) => {
                return (
                    Err(RollError::Unavailable(format!(
                        "no seed within {:?}",
                        policy.time_limit
                    ))),
                    made,
                )
            }
        };
        match outcome {
            Err(e) if e.worth_retrying() && made < policy.attempts => {
                if Instant::now() + pause >= deadline {
                    return (Err(e), made);
                }
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
            done => return (done, made),
        }
    }
}

/// Rolls a seed from `preset` and records the roll, whatever its outcome: the recorded roll,
/// its error included. The preset is checked against its randomizer again first.
pub async fn roll(
    caller: &Caller,
    preset: &StoredPreset,
    may_see_hidden: bool,
    origin: Origin,
    policy: Policy,
) -> Result<RollView, Error> {
    let randomizer = randomizer(&caller.db, &preset.randomizer).await?;
    let problems = randomizer.api.check(&preset.settings);
    if let Some(first) = problems.first() {
        return Err(Error::Invalid {
            field: "preset",
            message: format!(
                "the preset no longer fits its randomizer ({first}); edit it before rolling"
            ),
        });
    }
    let random_seed = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let started = Instant::now();
    let (outcome, attempts) = with_retries(policy, || {
        randomizer.api.roll(RollRequest {
            settings: preset.settings.clone(),
            db: randomizer.db.clone(),
            random_seed,
        })
    })
    .await;
    let rolled = outcome
        .as_ref()
        .ok()
        .and_then(|seed| seed.rolled.as_ref())
        .map(text::to_yaml);
    let label = format!("{}/{}", preset.namespace, preset.name);
    let id = rolls::record(
        &caller.db,
        &NewRoll {
            origin: origin.as_str(),
            randomizer: &preset.randomizer,
            preset_id: Some(preset.id),
            preset_revision: Some(preset.revision),
            preset_label: &label,
            outcome: &outcome,
            rolled,
            attempts: i64::from(attempts),
            duration_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
        },
    )
    .await?;
    rolls::by_id(&caller.db, id, may_see_hidden)
        .await?
        .ok_or_else(|| Error::NotFound("the roll just recorded is gone".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn quick() -> Policy {
        Policy {
            time_limit: Duration::from_millis(500),
            attempts: 3,
            first_pause: Duration::from_millis(10),
        }
    }

    async fn run(
        results: Vec<Result<Seed, RollError>>,
        policy: Policy,
    ) -> (Result<Seed, RollError>, u32) {
        let calls = AtomicU32::new(0);
        with_retries(policy, || {
            let n = calls.fetch_add(1, Ordering::SeqCst) as usize;
            let result = results
                .get(n)
                .cloned()
                .unwrap_or_else(|| Err(RollError::Unavailable("again".into())));
            async move { result }
        })
        .await
    }

    fn seed() -> Seed {
        Seed {
            permalink: "https://x/h/1".into(),
            ..Seed::default()
        }
    }

    #[tokio::test(flavor = "current_thread", crate = "sahabot_sdk::ssr::tokio")]
    async fn unavailability_is_retried_up_to_the_attempts() {
        let flaky = vec![Err(RollError::Unavailable("503".into())), Ok(seed())];
        assert_eq!(run(flaky, quick()).await, (Ok(seed()), 2));
        let (outcome, attempts) = run(vec![], quick()).await;
        assert_eq!(attempts, 3);
        assert_eq!(outcome, Err(RollError::Unavailable("again".into())));
    }

    #[tokio::test(flavor = "current_thread", crate = "sahabot_sdk::ssr::tokio")]
    async fn a_refusal_is_not_retried() {
        let refused = vec![Err(RollError::Refused("bad goal".into())), Ok(seed())];
        assert_eq!(
            run(refused, quick()).await,
            (Err(RollError::Refused("bad goal".into())), 1)
        );
    }

    #[tokio::test(flavor = "current_thread", crate = "sahabot_sdk::ssr::tokio")]
    async fn the_time_limit_covers_all_attempts() {
        let policy = Policy {
            time_limit: Duration::from_millis(50),
            ..quick()
        };
        let (outcome, attempts) = with_retries(policy, || async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok(seed())
        })
        .await;
        assert_eq!(attempts, 1);
        assert_eq!(
            outcome,
            Err(RollError::Unavailable("no seed within 50ms".into()))
        );
    }
}
