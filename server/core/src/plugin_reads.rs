//! What plugins read to show a page (a list of tournaments, an organization's namespaces),
//! kept per instance for a short time. Any change committed through this instance — a
//! plugin's write or the core's change of an organization, a roster, a user or what is in
//! service — forgets every kept read, so this instance never shows what it has just changed,
//! whatever plugin or organization a page depends on. Other instances on the same database
//! see a change when their entry expires ([`PLUGIN_READS_TTL`]).

use std::any::{Any, TypeId};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::error::Result;
use crate::kept::Kept;

/// How long another instance's change can go unseen here, as for the plugins in service.
pub const PLUGIN_READS_TTL: Duration = crate::enablement::ENABLEMENT_TTL;

type Value = Arc<dyn Any + Send + Sync>;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ReadKey {
    plugin: &'static str,
    org: Option<i64>,
    key: String,
    /// Two reads under one name that return different types never meet.
    ty: TypeId,
}

#[derive(Debug)]
pub struct PluginReads {
    kept: Kept<ReadKey, Value>,
}

impl Default for PluginReads {
    fn default() -> Self {
        PluginReads {
            kept: Kept::new(PLUGIN_READS_TTL),
        }
    }
}

impl PluginReads {
    /// What `plugin` read under `key` in `org`, kept; otherwise what `read` returns, then kept.
    /// A failed read is not kept.
    pub async fn get_or_read<T: Any + Send + Sync>(
        &self,
        plugin: &'static str,
        org: Option<i64>,
        key: &str,
        read: impl Future<Output = Result<T>>,
    ) -> Result<Arc<T>> {
        let key = ReadKey {
            plugin,
            org,
            key: key.to_owned(),
            ty: TypeId::of::<T>(),
        };
        let kept = self
            .kept
            .get_or_load(&key, async {
                let value: Value = Arc::new(read.await?);
                Ok::<_, crate::Error>(Some(value))
            })
            .await?;
        let value = kept
            .as_deref()
            .cloned()
            .and_then(|value| value.downcast::<T>().ok());
        // The key holds T's type, so the value is always a T.
        value.ok_or_else(|| crate::Error::Conflict(format!("kept read `{plugin}:{}`", key.key)))
    }

    /// Forgets everything kept: something changed on this instance.
    pub fn forget_all(&self) {
        self.kept.forget_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    async fn read(reads: &PluginReads, org: i64, key: &str, value: i64, runs: &AtomicUsize) -> i64 {
        *reads
            .get_or_read("p", Some(org), key, async {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok(value)
            })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_read_is_kept_by_plugin_org_key_and_type_until_forgotten() {
        let reads = PluginReads::default();
        let runs = AtomicUsize::new(0);
        assert_eq!(read(&reads, 1, "list", 10, &runs).await, 10);
        assert_eq!(read(&reads, 1, "list", 11, &runs).await, 10, "kept");
        assert_eq!(read(&reads, 2, "list", 20, &runs).await, 20, "another org");
        assert_eq!(read(&reads, 1, "other", 30, &runs).await, 30, "another key");
        let text = reads
            .get_or_read("p", Some(1), "list", async { Ok("text".to_string()) })
            .await
            .unwrap();
        assert_eq!(*text, "text", "another type under the same name");
        let other_plugin = reads
            .get_or_read("q", Some(1), "list", async { Ok(40i64) })
            .await
            .unwrap();
        assert_eq!(*other_plugin, 40, "another plugin");
        assert_eq!(runs.load(Ordering::SeqCst), 3);

        reads.forget_all();
        assert_eq!(read(&reads, 1, "list", 12, &runs).await, 12, "read again");
        assert_eq!(read(&reads, 2, "list", 21, &runs).await, 21, "every org");
    }

    #[tokio::test]
    async fn a_failed_read_is_not_kept() {
        let reads = PluginReads::default();
        let failed = reads
            .get_or_read::<i64>("p", None, "list", async {
                Err(crate::Error::Conflict("down".into()))
            })
            .await;
        assert!(failed.is_err());
        let runs = AtomicUsize::new(0);
        let value = reads
            .get_or_read("p", None, "list", async {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok(5i64)
            })
            .await
            .unwrap();
        assert_eq!((*value, runs.load(Ordering::SeqCst)), (5, 1));
    }
}
