pub mod edit;
pub mod links;
