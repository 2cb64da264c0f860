use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityLink {
    pub id: i64,
    pub label: String,
    pub url: String,
}

/// The links page: its heading (from the settings) and the links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinksPageData {
    pub heading: String,
    pub links: Vec<CommunityLink>,
}
