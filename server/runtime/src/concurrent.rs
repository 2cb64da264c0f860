/// Runs the futures as tasks of their own (a panic stays in its task) and collects the results
/// in order; a task that stopped is logged and left out.
pub(crate) async fn join_all<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
    what: &str,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        match handle.await {
            Ok(value) => out.push(value),
            Err(e) => tracing::error!(error = %e, "{what} stopped"),
        }
    }
    out
}
