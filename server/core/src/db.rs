//! One code path for both engines: sqlx's `Any` driver. Instants are stored as unix
//! milliseconds (BIGINT) and structured data as JSON text, because `Any` maps only integers,
//! floats, text, bytes and booleans. Migrations are written once with a few dialect tokens
//! (see `migrate`).

use std::path::Path;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    pub fn from_url(url: &str) -> Result<Dialect> {
        if url.starts_with("sqlite:") {
            Ok(Dialect::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Dialect::Postgres)
        } else {
            Err(Error::UnsupportedUrl(redact(url)))
        }
    }
}

/// The database handle shared by the host and the plugins.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    dialect: Dialect,
    url: std::sync::Arc<str>,
    enablement: std::sync::Arc<crate::enablement::Enablement>,
    outbox: std::sync::Arc<tokio::sync::Notify>,
    tasks_due: std::sync::Arc<tokio::sync::Notify>,
    memo: std::sync::Arc<crate::memo::Memo>,
    directory: std::sync::Arc<crate::directory::Directory>,
    plugin_reads: std::sync::Arc<crate::plugin_reads::PluginReads>,
    standing: std::sync::Arc<crate::standing::Standing>,
    commits: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let dialect = Dialect::from_url(url)?;
        let mut options = AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5));
        if dialect == Dialect::Sqlite {
            create_sqlite_dir(url)?;
            options = options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets readers run beside the writer; busy_timeout makes a writer wait
                    // for the lock instead of failing at once.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;")
                        .await?;
                    Ok(())
                })
            });
        }
        let pool = options
            .connect(url)
            .await
            .map_err(|source| Error::Connect {
                url: redact(url),
                source,
            })?;
        Ok(Db {
            pool,
            dialect,
            url: url.into(),
            enablement: Default::default(),
            outbox: Default::default(),
            tasks_due: Default::default(),
            memo: Default::default(),
            directory: Default::default(),
            plugin_reads: Default::default(),
            standing: Default::default(),
            commits: Default::default(),
        })
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails with
    /// "database is locked" when another writer got there in between, instead of waiting.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Dialect::Postgres => self.pool.begin().await?,
        })
    }

    /// This instance's cache of which plugins each organization can use.
    pub fn enablement(&self) -> &crate::enablement::Enablement {
        &self.enablement
    }

    /// Woken after a transaction that wrote events commits, so that this instance's event bus
    /// delivers them at once instead of at its next poll.
    pub fn outbox(&self) -> &tokio::sync::Notify {
        &self.outbox
    }

    /// This instance's cache of active organizations by slug, and of their rosters.
    pub fn directory(&self) -> &crate::directory::Directory {
        &self.directory
    }

    /// This instance's kept plugin reads, forgotten by every change committed here.
    pub fn plugin_reads(&self) -> &crate::plugin_reads::PluginReads {
        &self.plugin_reads
    }

    /// This instance's kept standings of users (sign-in records, role statements,
    /// organizations), forgotten by every change committed here.
    pub fn standing(&self) -> &crate::standing::Standing {
        &self.standing
    }

    /// How many units of work this instance has committed ([`crate::write::Write::commit`]).
    /// What is kept from the database longer than one request and may show anything (a
    /// rendered page) is valid only while this count holds.
    pub fn commits(&self) -> u64 {
        self.commits.load(std::sync::atomic::Ordering::Acquire)
    }

    pub(crate) fn count_commit(&self) {
        self.commits
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// This instance's values derived from the database, kept while their version holds.
    pub fn memo(&self) -> &crate::memo::Memo {
        &self.memo
    }

    /// Woken when a task was made due now ("run now"), so that this instance's scheduler runs
    /// it at once instead of at its next poll.
    pub fn tasks_due(&self) -> &tokio::sync::Notify {
        &self.tasks_due
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The URL this handle was opened with (with its password: not for messages).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// True when a trivial query succeeds within a second.
    pub async fn is_reachable(&self) -> bool {
        let ping = sqlx::query("SELECT 1").execute(&self.pool);
        matches!(
            tokio::time::timeout(Duration::from_secs(1), ping).await,
            Ok(Ok(_))
        )
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Reads a `{{bool}}` column: a boolean in PostgreSQL, an integer 0/1 in SQLite.
pub fn get_bool(row: &sqlx::any::AnyRow, column: &str) -> Result<bool> {
    use sqlx::Row;
    match row.try_get::<bool, _>(column) {
        Ok(value) => Ok(value),
        Err(_) => Ok(row.try_get::<i64, _>(column)? != 0),
    }
}

fn create_sqlite_dir(url: &str) -> Result<()> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() || path.starts_with(':') || path.starts_with("file:") {
        return Ok(());
    }
    match Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
                path: dir.display().to_string(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialect_follows_the_scheme() {
        assert_eq!(
            Dialect::from_url("sqlite://data/x.db").ok(),
            Some(Dialect::Sqlite)
        );
        assert_eq!(
            Dialect::from_url("postgres://h/db").ok(),
            Some(Dialect::Postgres)
        );
        assert_eq!(
            Dialect::from_url("postgresql://h/db").ok(),
            Some(Dialect::Postgres)
        );
        assert!(matches!(
            Dialect::from_url("mysql://u:secret@h/db"),
            Err(Error::UnsupportedUrl(u)) if !u.contains("secret")
        ));
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://bob:hunter2@db:5432/x"),
            "postgres://bob:***@db:5432/x"
        );
        assert_eq!(redact("postgres://bob@db/x"), "postgres://bob@db/x");
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
