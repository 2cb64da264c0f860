//! Who is asking, and what they may do in the organization's qualifiers.

use sahabot_sdk::data::PluginDb;
use sahabot_sdk::Error;

/// The caller of a qualifier function, with their standing loaded once per call.
pub struct Caller {
    pub db: PluginDb,
    pub user_id: Option<i64>,
    pub member: bool,
    /// `async_qualifier:manage`: qualifiers, pools, permalinks, timeouts, disqualification.
    pub manage: bool,
    /// `async_qualifier:review`: the review queue.
    pub review: bool,
    /// `async_qualifier:read`: every run and the results a qualifier hides.
    pub read: bool,
    pub org_id: i64,
    /// The organization's cap of a single run's score.
    pub max_score: f64,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Config {
    max_score: Option<i64>,
}

/// The cap of a run's score when an organization sets none.
pub const DEFAULT_MAX_SCORE: f64 = 105.0;

impl Caller {
    pub async fn new(db: PluginDb) -> Result<Caller, Error> {
        let standing = db.standing().await?;
        let org_id = db.org()?.id;
        let config: Config = db.config().await?;
        Ok(Caller {
            user_id: standing.user_id(),
            member: standing.is_member() || standing.is_superadmin(),
            manage: standing.holds("async_qualifier:manage"),
            review: standing.holds("async_qualifier:review"),
            read: standing.holds("async_qualifier:read"),
            org_id,
            max_score: config.max_score.map_or(DEFAULT_MAX_SCORE, |cap| cap as f64),
            db,
        })
    }

    /// The organization acting on its own (the timeout and rescoring tasks).
    pub async fn organization(db: PluginDb) -> Result<Caller, Error> {
        let org_id = db.org()?.id;
        let config: Config = db.config().await?;
        Ok(Caller {
            user_id: None,
            member: false,
            manage: true,
            review: false,
            read: true,
            org_id,
            max_score: config.max_score.map_or(DEFAULT_MAX_SCORE, |cap| cap as f64),
            db,
        })
    }

    /// The signed-in member's id, or why they may not act.
    pub fn member_id(&self) -> Result<i64, Error> {
        match self.user_id {
            Some(id) if self.member => Ok(id),
            Some(_) => Err(Error::Forbidden(
                "only this organization's members run its qualifiers".into(),
            )),
            None => Err(Error::Forbidden("sign in first".into())),
        }
    }

    pub fn require(&self, allowed: bool, what: &str) -> Result<(), Error> {
        if allowed {
            Ok(())
        } else {
            Err(Error::Forbidden(format!(
                "you may not {what} in this organization"
            )))
        }
    }
}
