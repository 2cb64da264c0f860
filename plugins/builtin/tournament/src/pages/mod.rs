pub mod roster;
