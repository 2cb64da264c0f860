//! The organization a call acts in.

/// The organization a request acts in, as the central layer resolved it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}
