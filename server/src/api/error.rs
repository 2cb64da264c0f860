//! The API's error type is the SDK's, shared with plugin routes.
pub use sahabot_sdk::api::{ApiError, ErrorBody};
