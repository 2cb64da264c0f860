//! The plugin runtime. For now: linking and the registry's consistency check.

use sahabot_sdk::registry;

use crate::error::Error;

/// Links every plugin crate and checks the registry and that every server function declares
/// its access rule; the server refuses to start otherwise.
pub fn load() -> Result<(), Error> {
    sahabot_app::link_plugins();
    let mut problems: Vec<String> = match registry::validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    };
    problems.extend(
        crate::access::undeclared_server_fns()
            .into_iter()
            .map(|path| {
                format!("the server function at `{path}` has no access declaration (guard!)")
            }),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Registry(problems.join("; ")))
    }
}
