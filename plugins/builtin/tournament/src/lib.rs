//! Tournament: live tournaments, matches and crews. This first version shows the org's roster.

pub mod pages;
pub mod server_fns;

sahabot_sdk::plugin! {
    id: "tournament",
    name: "Tournament",
    category: Competition,
    description: "Live tournament management: matches, scheduling, crew signups.",
    permissions: [
        ("tournament:read", "See tournaments and their matches"),
        ("tournament:manage", "Create, edit and close tournaments"),
        ("tournament:schedule", "Schedule matches and assign crews"),
    ],
    pages: [
        { path: "", nav_label: "Tournament", component: pages::roster::RosterPage },
    ],
}
