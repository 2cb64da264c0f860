//! The event bus: delivers the outbox's events to the listeners of the plugins in service for
//! each event's organization. Each instance runs one; on PostgreSQL several instances share the
//! work, each delivery claimed by one of them at a time (`SKIP LOCKED` and a lease, taken over
//! when it expires). A listener that fails, panics or overruns its time is retried with backoff
//! up to a limit, then marked failed for an administrator to retry; the others still run.

use std::time::Duration;

use sahabot_core::db::Db;
use sahabot_core::repo::events::{self as repo, Claimed, Outcome};
use sahabot_core::service::Actor;
use sahabot_core::time::now_millis;
use sahabot_sdk::data::PluginDb;
use sahabot_sdk::registry;
use sahabot_sdk::runtime_kinds::EventCall;
use serde_json::Value;

use crate::dispatch::Background;
use crate::worker::{self, Work};
use crate::RuntimeError;

#[derive(Clone, Copy, Debug)]
pub struct BusSettings {
    /// How long a claimed delivery is this instance's; a crashed instance's deliveries are
    /// taken over after it.
    pub lease: Duration,
    /// How long a listener may run.
    pub timeout: Duration,
    /// Attempts before a delivery is marked failed.
    pub max_attempts: i64,
    /// The pause before the second attempt; it doubles with each further one (capped at 5 min).
    pub first_backoff: Duration,
    /// How often the outbox is looked at when nothing woke the bus (other instances' events).
    pub poll: Duration,
    /// Deliveries claimed at once.
    pub batch: i64,
}

impl Default for BusSettings {
    fn default() -> Self {
        BusSettings {
            lease: Duration::from_secs(60),
            timeout: Duration::from_secs(30),
            max_attempts: 5,
            first_backoff: Duration::from_secs(2),
            poll: Duration::from_secs(1),
            batch: 64,
        }
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The plugins with a listener of `event_type`.
fn listeners_of(event_type: &str) -> Vec<&'static str> {
    registry::listeners()
        .into_iter()
        .filter(|l| l.event == event_type)
        .map(|l| l.plugin_id)
        .collect()
}

/// The bus as the shared worker loop runs it.
#[derive(Clone)]
struct Bus {
    db: Db,
    settings: BusSettings,
}

impl Work for Bus {
    type Claimed = Claimed;
    type Ended = (i64, Outcome);
    const WHAT: &'static str = "event delivery";

    /// Fans new events out to their listeners, then claims due deliveries.
    async fn claim(&self, limit: i64) -> Result<Vec<Claimed>, RuntimeError> {
        while repo::fan_out(&self.db, self.settings.batch, listeners_of).await? > 0 {}
        Ok(repo::claim(&self.db, limit, millis(self.settings.lease)).await?)
    }

    async fn run(&self, c: Claimed) -> (i64, Outcome) {
        let outcome = deliver(&self.db, &c, &self.settings).await;
        if let Outcome::Failed { error, retry_at } = &outcome {
            tracing::warn!(
                event = c.event_type, event_id = c.event_id, plugin = c.plugin_id,
                attempt = c.attempt, retry = retry_at.is_some(), %error, "listener failed"
            );
        }
        (c.delivery_id, outcome)
    }

    async fn record(&self, ended: &[(i64, Outcome)]) -> Result<(), RuntimeError> {
        Ok(repo::finish(&self.db, ended).await?)
    }

    fn wake(&self) -> &tokio::sync::Notify {
        self.db.outbox()
    }
}

/// One pass, start to end: fans new events out to their listeners, then runs the due
/// deliveries side by side and records them. Returns how many deliveries it ran.
pub async fn run_once(db: &Db, settings: &BusSettings) -> Result<usize, RuntimeError> {
    let bus = Bus {
        db: db.clone(),
        settings: *settings,
    };
    worker::run_once(&bus, settings.batch).await
}

/// Runs the bus until the process ends: every delivery goes on by itself, so a slow listener
/// holds back no other (up to `batch` run at once).
pub fn spawn(db: Db, settings: BusSettings) -> tokio::task::JoinHandle<()> {
    let bus = Bus { db, settings };
    worker::spawn(bus, settings.batch, settings.poll)
}

async fn deliver(db: &Db, claimed: &Claimed, settings: &BusSettings) -> Outcome {
    let failed = |error: String| Outcome::Failed {
        retry_at: (claimed.attempt < settings.max_attempts).then(|| {
            let exponent = u32::try_from(claimed.attempt.saturating_sub(1)).unwrap_or(u32::MAX);
            let pause = settings
                .first_backoff
                .saturating_mul(2u32.saturating_pow(exponent.min(16)))
                .min(Duration::from_secs(300));
            now_millis() + millis(pause)
        }),
        error,
    };
    let Some(listener) = registry::listeners()
        .into_iter()
        .find(|l| l.plugin_id == claimed.plugin_id && l.event == claimed.event_type)
    else {
        return Outcome::Failed {
            error: format!("plugin `{}` no longer listens to it", claimed.plugin_id),
            retry_at: None,
        };
    };
    let Some(plugin) = registry::plugin(listener.plugin_id) else {
        return Outcome::Skipped;
    };
    // An organization's event reaches the listeners of the plugins in service there; an event
    // of the platform those of the plugins in service on it.
    let org = match crate::dispatch::background(db, plugin, claimed.organization_id).await {
        Ok(Background::Run(org)) => org.map(|ctx| *ctx),
        Ok(Background::Skip) => return Outcome::Skipped,
        Err(e) => return failed(e),
    };
    let actor = claimed
        .actor_user_id
        .map(|user_id| Actor { user_id, ip: None });
    let call = EventCall {
        db: PluginDb::new(
            db.clone(),
            plugin.id,
            org.as_ref().map(|o| o.org.clone()),
            actor,
        ),
        plugin_id: plugin.id,
        org,
        actor: claimed.actor_user_id,
    };
    let payload = serde_json::from_str(&claimed.payload).unwrap_or(Value::Null);
    // Its own task: a panic stays in it.
    let mut run = tokio::spawn(listener.run.call((call, payload)));
    match tokio::time::timeout(settings.timeout, &mut run).await {
        Ok(Ok(Ok(()))) => Outcome::Delivered,
        Ok(Ok(Err(e))) => failed(e.to_string()),
        Ok(Err(e)) => failed(format!("the listener panicked: {e}")),
        Err(_) => {
            run.abort();
            failed(format!(
                "the listener ran longer than {:?}",
                settings.timeout
            ))
        }
    }
}
