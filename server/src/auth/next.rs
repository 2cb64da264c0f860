use super::AuthError;

/// Accepts only a path on this site as the place to return to after login: `/org/x` yes;
/// `//evil.example`, `/\evil.example`, `https://evil.example` and `javascript:` no.
pub fn local_path(next: &str) -> Result<String, AuthError> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains(|c: char| c.is_control());
    if ok {
        Ok(next.to_string())
    } else {
        Err(AuthError::BadNext)
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_accepted() {
        for good in ["/", "/org/alttpr", "/org/a?tab=1#x"] {
            assert_eq!(local_path(good).ok().as_deref(), Some(good));
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\r\nLocation: x",
        ] {
            assert!(local_path(bad).is_err(), "{bad}");
        }
    }
}
