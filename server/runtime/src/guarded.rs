//! Runs a plugin's hook in a task of its own, so that its panic is reported like its error
//! instead of unwinding through the host's request or start-up.

use sahabot_sdk::runtime_kinds::{BoxFuture, PluginError};

/// The hook's outcome; a panic becomes an error naming it.
pub(crate) async fn run_hook(hook: BoxFuture<Result<(), PluginError>>) -> Result<(), String> {
    match tokio::spawn(hook).await {
        Ok(outcome) => outcome.map_err(|e| e.to_string()),
        Err(e) => Err(format!("its hook panicked: {e}")),
    }
}
