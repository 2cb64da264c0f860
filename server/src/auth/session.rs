//! Server-side sessions (tower-sessions with its sqlx stores), on the same database as the rest.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sahabot_core::db::{Db, Dialect};
use sahabot_core::kept::Kept;
use sahabot_core::repo::audit;
use sahabot_core::repo::users::AuthRecord;
use serde::{Deserialize, Serialize};
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, Session, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use super::AuthError;

/// What a signed-in session holds: the user and the session epoch it was issued under.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct SignedIn {
    pub user_id: i64,
    pub epoch: i64,
    /// While a SUPERADMIN acts as `user_id`: who they are, to check and to return to.
    #[serde(default)]
    pub impersonator: Option<Impersonator>,
    /// The day (counted from the Unix epoch) the session's expiry was last moved forward.
    #[serde(default)]
    pub renewed_on: i64,
}

impl SignedIn {
    pub fn new(user_id: i64, epoch: i64, impersonator: Option<Impersonator>) -> SignedIn {
        SignedIn {
            user_id,
            epoch,
            impersonator,
            renewed_on: today(),
        }
    }

    /// This session renewed today, unless it already was. The store saves a session, and
    /// so moves its expiry 30 days ahead and sends its cookie again, only when it changed:
    /// without a change once a day, a session in daily use would end 30 days after sign-in.
    pub fn renewal(&self) -> Option<SignedIn> {
        let today = today();
        (self.renewed_on < today).then(|| SignedIn {
            renewed_on: today,
            ..self.clone()
        })
    }
}

fn today() -> i64 {
    sahabot_core::time::now_millis().div_euclid(86_400_000)
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Impersonator {
    pub user_id: i64,
    pub epoch: i64,
}

pub const SIGNED_IN: &str = "signed_in";

/// The sqlx session store of the engine in use, with the sessions this instance read lately
/// kept for [`SESSION_TTL`]. A session saved or deleted here is forgotten at once; one
/// ended on another instance (a logout there) stops working here when its entry expires. What
/// a session may do is decided by its user's standing, read fresh after every change
/// committed here ([`sahabot_core::standing`]).
#[derive(Clone, Debug)]
pub struct SessionBackend {
    store: Store,
    recent: std::sync::Arc<Kept<Id, Record>>,
}

/// How long this instance may keep answering from a session it read.
pub const SESSION_TTL: Duration = sahabot_core::standing::STANDING_TTL;

#[derive(Clone, Debug)]
enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl SessionBackend {
    pub async fn open(db: &Db) -> Result<SessionBackend, sahabot_core::Error> {
        let store = match db.dialect() {
            Dialect::Sqlite => {
                let options = sqlx::sqlite::SqliteConnectOptions::from_str(db.url())?
                    .busy_timeout(Duration::from_secs(5))
                    .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
                let pool = sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect_with(options)
                    .await?;
                let store = SqliteStore::new(pool)
                    .with_table_name("sessions")
                    .map_err(|e| sahabot_core::Error::Conflict(e.to_string()))?;
                store.migrate().await?;
                Store::Sqlite(store)
            }
            Dialect::Postgres => {
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(4)
                    .connect(db.url())
                    .await?;
                let store = PostgresStore::new(pool);
                store.migrate().await?;
                Store::Postgres(store)
            }
        };
        Ok(SessionBackend {
            store,
            recent: std::sync::Arc::new(Kept::new(SESSION_TTL)),
        })
    }

    /// The cookie layer: `HttpOnly`, `SameSite=Lax`, and over HTTPS `Secure` with the
    /// `__Host-` prefix. A session lasts 30 days after the last day it was used ([`SignedIn::renewal`]).
    pub fn layer(&self, https: bool) -> SessionManagerLayer<SessionBackend> {
        let name = if https { "__Host-sahabot" } else { "sahabot" };
        SessionManagerLayer::new(self.clone())
            .with_name(name)
            .with_http_only(true)
            .with_same_site(SameSite::Lax)
            .with_secure(https)
            .with_path("/")
            .with_expiry(Expiry::OnInactivity(
                tower_sessions::cookie::time::Duration::days(30),
            ))
    }

    /// Deletes expired sessions every hour, in the background.
    pub fn spawn_cleanup(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let every = Duration::from_secs(3600);
            let result = match store.store {
                Store::Sqlite(s) => s.continuously_delete_expired(every).await,
                Store::Postgres(s) => s.continuously_delete_expired(every).await,
            };
            if let Err(e) = result {
                tracing::error!(error = %e, "expired session cleanup stopped");
            }
        });
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match &self.store {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let saved = match &self.store {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
        };
        self.recent.forget(&record.id);
        saved
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let read = async {
            match &self.store {
                Store::Sqlite(s) => s.load(id).await,
                Store::Postgres(s) => s.load(id).await,
            }
        };
        let Some(record) = self.recent.get_or_load(id, read).await? else {
            return Ok(None);
        };
        if record.expiry_date <= tower_sessions::cookie::time::OffsetDateTime::now_utc() {
            self.recent.forget(id);
            return Ok(None);
        }
        Ok(Some((*record).clone()))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let deleted = match &self.store {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
        };
        self.recent.forget(id);
        deleted
    }
}

/// Signs the user in on this session under a new session id (no fixation) and records the
/// login, with how it happened (`method`), in the audit log.
pub async fn sign_in(
    db: &Db,
    session: &Session,
    user: &AuthRecord,
    method: &str,
    ip: Option<&str>,
) -> Result<(), AuthError> {
    session.cycle_id().await?;
    session
        .insert(SIGNED_IN, SignedIn::new(user.id, user.session_epoch, None))
        .await?;
    let details = serde_json::json!({ "method": method }).to_string();
    audit::record(
        db,
        &audit::Entry {
            user_id: Some(user.id),
            organization_id: None,
            action: "login",
            details: &details,
            ip,
        },
    )
    .await?;
    Ok(())
}
