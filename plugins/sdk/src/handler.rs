//! How the host holds a plugin's code: any `async fn` behind one [`Handler`] type, and the
//! error a plugin's code reports.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// A plugin's handler as the host stores it: any `async fn` (or closure returning a future)
/// taking `In`. Plugins never build one; the [`Contributions`](crate::Contributions) methods
/// take their functions as they are written.
pub struct Handler<In, Out>(Arc<dyn Fn(In) -> BoxFuture<Out> + Send + Sync>);

impl<In, Out: 'static> Handler<In, Out> {
    pub fn new<F, Fut>(handler: F) -> Self
    where
        F: Fn(In) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Out> + Send + 'static,
    {
        Handler(Arc::new(move |input| Box::pin(handler(input))))
    }

    /// Starts the handler; the future owns everything it needs.
    pub fn call(&self, input: In) -> BoxFuture<Out> {
        (self.0)(input)
    }
}

impl<In, Out> Clone for Handler<In, Out> {
    fn clone(&self) -> Self {
        Handler(Arc::clone(&self.0))
    }
}

impl<In, Out> std::fmt::Debug for Handler<In, Out> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Handler")
    }
}

/// What a plugin's own code reports when it fails; the host shows it (a failed hook marks the
/// plugin failed with this message).
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    #[error("{0}")]
    Message(String),
    #[error(transparent)]
    Data(#[from] sahabot_core::Error),
    #[error("its configuration cannot be read: {0}")]
    Config(String),
}
