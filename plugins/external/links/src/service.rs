//! The rules of a link, pure.

/// A link's label and address, trimmed, or the field and the reason it is refused.
pub fn validate(label: &str, url: &str) -> Result<(String, String), (&'static str, String)> {
    let label = sahabot_sdk::text::one_line("label", label, 60)
        .map_err(|refused| (refused.field, refused.message))?;
    let url = url.trim();
    let well_formed = url
        .strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace));
    if !well_formed || url.len() > 300 {
        return Err((
            "url",
            "must be an https:// address of at most 300 characters".into(),
        ));
    }
    Ok((label, url.to_owned()))
}

/// At most this many links per organization.
pub const MAX_LINKS: i64 = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_need_a_label_and_an_https_address() {
        assert_eq!(
            validate("  Rules ", " https://example.org/rules "),
            Ok(("Rules".into(), "https://example.org/rules".into()))
        );
        assert_eq!(validate("", "https://x.org").unwrap_err().0, "label");
        assert_eq!(validate("Rules", "http://x.org").unwrap_err().0, "url");
        assert_eq!(validate("Rules", "https://").unwrap_err().0, "url");
        assert_eq!(validate("Rules", "https://a b").unwrap_err().0, "url");
        assert_eq!(
            validate("Ru\u{202E}les", "https://x.org").unwrap_err().0,
            "label"
        );
        assert_eq!(
            validate("\u{200B}", "https://x.org").unwrap_err().0,
            "label"
        );
    }
}
