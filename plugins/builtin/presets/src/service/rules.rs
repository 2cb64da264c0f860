//! The rules of names and rights, pure.

use crate::model::Rights;

/// Names a namespace may not take: they are pages of their own or would mislead.
pub const RESERVED: &[&str] = &[
    "admin", "api", "edit", "mine", "new", "official", "presets", "public", "sahabot", "seeds",
    "settings", "system",
];

/// A namespace's slug: 3 to 50 of `a-z`, `0-9`, `_`, `-`, not reserved.
pub fn check_slug(slug: &str) -> Result<(), String> {
    let length = slug.chars().count();
    if !(3..=50).contains(&length) {
        return Err("must be 3 to 50 characters".into());
    }
    if !slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    {
        return Err("may hold only lowercase letters, digits, `_` and `-`".into());
    }
    if RESERVED.contains(&slug) {
        return Err(format!("`{slug}` is reserved"));
    }
    Ok(())
}

/// A user's personal namespace slug, from their display name: lowercase letters and digits,
/// other runs of characters as one `-`, padded to 3 and cut to 40 (room for a `-N` suffix).
pub fn personal_slug(display_name: &str) -> String {
    let mut slug = String::new();
    for c in display_name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let mut slug: String = slug.trim_matches('-').chars().take(40).collect();
    slug = slug.trim_end_matches('-').to_string();
    if slug.len() < 3 || RESERVED.contains(&slug.as_str()) {
        slug = format!("user-{slug}").trim_end_matches('-').to_string();
    }
    slug
}

/// A preset's name: 1 to 60 of `a-z`, `0-9`, `_`, `-`, `.` (what a slash command takes).
pub fn check_preset_name(name: &str) -> Result<(), String> {
    let length = name.chars().count();
    if !(1..=60).contains(&length) {
        return Err("must be 1 to 60 characters".into());
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'))
    {
        return Err("may hold only lowercase letters, digits, `_`, `-` and `.`".into());
    }
    Ok(())
}

/// Who is asking, as far as a namespace is concerned.
#[derive(Clone, Copy, Debug, Default)]
pub struct Viewer {
    pub user_id: Option<i64>,
    pub superadmin: bool,
    /// Holds `presets:manage` in the organization of the request.
    pub manages_org: bool,
    /// Is a member of the organization of the request.
    pub member: bool,
}

/// A namespace as the rules see it.
#[derive(Clone, Copy, Debug)]
pub struct NamespaceFacts {
    pub owner_user_id: Option<i64>,
    /// The owning organization is the one of the request.
    pub owned_by_this_org: bool,
    pub is_public: bool,
    /// The viewer's grant there, if any.
    pub grant: Option<Rights>,
}

/// What the viewer may do in the namespace: its owner, a SUPERADMIN and, for an organization's
/// namespace, those who hold `presets:manage` there may do everything; others what they were
/// granted.
pub fn rights(viewer: &Viewer, ns: &NamespaceFacts) -> Rights {
    let owner = viewer.user_id.is_some() && viewer.user_id == ns.owner_user_id;
    if owner || viewer.superadmin || (ns.owned_by_this_org && viewer.manages_org) {
        return Rights {
            create: true,
            update: true,
            delete: true,
            manage: true,
        };
    }
    match (viewer.user_id, ns.grant) {
        (Some(_), Some(grant)) => Rights {
            manage: false,
            ..grant
        },
        _ => Rights::default(),
    }
}

/// Whether the viewer sees the namespace: public ones everyone; private ones those with a
/// right there and the organization's members.
pub fn sees_namespace(viewer: &Viewer, ns: &NamespaceFacts) -> bool {
    let r = rights(viewer, ns);
    ns.is_public || r.create || r.update || r.delete || (ns.owned_by_this_org && viewer.member)
}

/// Whether the viewer sees a preset: a public one in a namespace they see; a private one only
/// with the right to change it.
pub fn sees_preset(viewer: &Viewer, ns: &NamespaceFacts, preset_public: bool) -> bool {
    (preset_public && sees_namespace(viewer, ns)) || rights(viewer, ns).update
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_rule() {
        assert!(check_slug("alttpr-league_2").is_ok());
        assert!(check_slug("ab").is_err());
        assert!(check_slug(&"a".repeat(51)).is_err());
        assert!(check_slug(&"a".repeat(50)).is_ok());
        assert!(check_slug("Upper").is_err());
        assert!(check_slug("spa ce").is_err());
        assert_eq!(check_slug("admin"), Err("`admin` is reserved".into()));
    }

    #[test]
    fn personal_slugs_are_valid_for_any_name() {
        assert_eq!(personal_slug("Zelda Speedster"), "zelda-speedster");
        assert_eq!(personal_slug("Ω"), "user");
        assert_eq!(personal_slug("ab"), "user-ab");
        assert_eq!(personal_slug("Admin"), "user-admin");
        assert_eq!(personal_slug("--Link!!__Hero--"), "link-hero");
        for name in [
            "",
            "x",
            "日本語",
            &"long name ".repeat(20),
            "a-",
            "Mido's House",
        ] {
            let slug = personal_slug(name);
            assert_eq!(check_slug(&slug), Ok(()), "{name:?} → {slug:?}");
            assert!(slug.len() <= 45);
        }
    }

    #[test]
    fn preset_names_are_what_a_command_can_take() {
        assert!(check_preset_name("open.v2_fast-ganon").is_ok());
        assert!(check_preset_name("").is_err());
        assert!(check_preset_name("Open").is_err());
        assert!(check_preset_name(&"a".repeat(61)).is_err());
    }

    const ANON: Viewer = Viewer {
        user_id: None,
        superadmin: false,
        manages_org: false,
        member: false,
    };

    fn ns(
        owner: Option<i64>,
        this_org: bool,
        public: bool,
        grant: Option<Rights>,
    ) -> NamespaceFacts {
        NamespaceFacts {
            owner_user_id: owner,
            owned_by_this_org: this_org,
            is_public: public,
            grant,
        }
    }

    #[test]
    fn owners_superadmins_and_org_managers_may_do_everything() {
        let all = Rights {
            create: true,
            update: true,
            delete: true,
            manage: true,
        };
        let owner = Viewer {
            user_id: Some(7),
            ..ANON
        };
        assert_eq!(rights(&owner, &ns(Some(7), false, false, None)), all);
        let admin = Viewer {
            user_id: Some(1),
            superadmin: true,
            ..ANON
        };
        assert_eq!(rights(&admin, &ns(Some(7), false, false, None)), all);
        let manager = Viewer {
            user_id: Some(2),
            manages_org: true,
            ..ANON
        };
        assert_eq!(rights(&manager, &ns(None, true, false, None)), all);
        // Managing this organization gives nothing in another's or a user's namespace.
        assert_eq!(
            rights(&manager, &ns(None, false, true, None)),
            Rights::default()
        );
        assert_eq!(
            rights(&manager, &ns(Some(7), false, true, None)),
            Rights::default()
        );
    }

    #[test]
    fn a_grant_gives_what_it_says_and_never_management() {
        let grant = Rights {
            create: true,
            update: false,
            delete: true,
            manage: true,
        };
        let user = Viewer {
            user_id: Some(3),
            ..ANON
        };
        let r = rights(&user, &ns(Some(7), false, false, Some(grant)));
        assert!(r.create && r.delete && !r.update && !r.manage);
        assert_eq!(
            rights(&ANON, &ns(Some(7), false, false, Some(grant))),
            Rights::default()
        );
    }

    #[test]
    fn private_things_are_seen_by_those_with_rights_and_members() {
        let stranger = Viewer {
            user_id: Some(9),
            ..ANON
        };
        let private = ns(Some(7), false, false, None);
        assert!(!sees_namespace(&stranger, &private));
        assert!(!sees_namespace(&ANON, &private));
        assert!(sees_namespace(&ANON, &ns(Some(7), false, true, None)));
        let member = Viewer {
            user_id: Some(9),
            member: true,
            ..ANON
        };
        assert!(sees_namespace(&member, &ns(None, true, false, None)));
        // A private preset in a public namespace: only those who may change it.
        let public_ns = ns(Some(7), false, true, None);
        assert!(sees_preset(&stranger, &public_ns, true));
        assert!(!sees_preset(&stranger, &public_ns, false));
        let owner = Viewer {
            user_id: Some(7),
            ..ANON
        };
        assert!(sees_preset(&owner, &public_ns, false));
        // A public preset in a private namespace stays private.
        assert!(!sees_preset(&stranger, &private, true));
    }
}
