//! The loop that the event bus and the scheduler share: claim due work from the database, run
//! each piece by itself (a panic stays in its task; a slow piece holds back nothing but its own
//! slot), and record the ends of the pieces that finished together, in one transaction.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, Notify, Semaphore};

use crate::RuntimeError;

pub(crate) trait Work: Clone + Send + Sync + 'static {
    type Claimed: Send + 'static;
    type Ended: Send + 'static;
    /// What a piece is, for the logs ("an event delivery").
    const WHAT: &'static str;

    /// Before each claim of the running loop (the scheduler brings its rows up to date).
    fn prepare(&self) -> impl Future<Output = ()> + Send {
        async {}
    }
    /// Claims up to `limit` due pieces, each leased to this instance.
    fn claim(
        &self,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<Self::Claimed>, RuntimeError>> + Send;
    fn run(&self, claimed: Self::Claimed) -> impl Future<Output = Self::Ended> + Send;
    fn record(
        &self,
        ended: &[Self::Ended],
    ) -> impl Future<Output = Result<(), RuntimeError>> + Send;
    /// Woken when new work is due now.
    fn wake(&self) -> &Notify;
}

/// One pass, start to end: claims, runs the pieces side by side and records them together.
/// Returns how many it claimed. (The running loop, [`spawn`], does not wait for a pass's
/// pieces before claiming more.)
pub(crate) async fn run_once<W: Work>(work: &W, limit: i64) -> Result<usize, RuntimeError> {
    let claimed = work.claim(limit).await?;
    let count = claimed.len();
    let handles: Vec<_> = claimed
        .into_iter()
        .map(|piece| {
            let work = work.clone();
            tokio::spawn(async move { work.run(piece).await })
        })
        .collect();
    let mut ended = Vec::with_capacity(handles.len());
    for handle in handles {
        match handle.await {
            Ok(end) => ended.push(end),
            // Not recorded: its lease expires and it runs again.
            Err(e) => tracing::error!(error = %e, "{} stopped", W::WHAT),
        }
    }
    work.record(&ended).await?;
    Ok(count)
}

/// Runs `work` until the process ends, with up to `slots` pieces running at once, looking for
/// due work every `poll` unless woken sooner.
pub(crate) fn spawn<W: Work>(work: W, slots: i64, poll: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let (ended_tx, ended_rx) = mpsc::unbounded_channel::<W::Ended>();
        tokio::spawn(record(work.clone(), ended_rx, slots));
        let slots = Arc::new(Semaphore::new(usize::try_from(slots).unwrap_or(1).max(1)));
        loop {
            // Wait for a free slot rather than for the next poll: pieces end all the time.
            let Ok(first) = slots.clone().acquire_owned().await else {
                return;
            };
            work.prepare().await;
            let free = i64::try_from(slots.available_permits() + 1).unwrap_or(1);
            let claimed = work.claim(free).await.unwrap_or_else(|e| {
                tracing::error!(error = %e, "could not claim {}s", W::WHAT);
                Vec::new()
            });
            let count = i64::try_from(claimed.len()).unwrap_or(i64::MAX);
            let mut first = Some(first);
            for piece in claimed {
                let slot = match first.take() {
                    Some(slot) => slot,
                    None => match slots.clone().acquire_owned().await {
                        Ok(slot) => slot,
                        Err(_) => return,
                    },
                };
                let (work, ended) = (work.clone(), ended_tx.clone());
                tokio::spawn(async move {
                    let _ = ended.send(work.run(piece).await);
                    drop(slot);
                });
            }
            drop(first);
            // Fewer than asked for: nothing else is due until something new arrives.
            if count < free {
                let _ = tokio::time::timeout(poll, work.wake().notified()).await;
            }
        }
    })
}

/// Writes the ends of finished pieces, those that finished together in one transaction.
async fn record<W: Work>(work: W, mut ended: mpsc::UnboundedReceiver<W::Ended>, batch: i64) {
    while let Some(first) = ended.recv().await {
        let mut done = vec![first];
        while i64::try_from(done.len()).unwrap_or(i64::MAX) < batch {
            match ended.try_recv() {
                Ok(more) => done.push(more),
                Err(_) => break,
            }
        }
        // Unrecorded pieces keep their lease until it expires; then they run again.
        if let Err(e) = work.record(&done).await {
            tracing::error!(error = %e, count = done.len(), "could not record {}s", W::WHAT);
        }
    }
}
