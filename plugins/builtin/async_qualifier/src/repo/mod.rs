//! SQL for the qualifier's own tables, the same on SQLite and PostgreSQL (instants are unix
//! milliseconds, scores thousandths of a point).

pub mod pools;
pub mod qualifiers;
pub mod runs;
