//! Demo mode: the seed's plenum plus one account for each role (loaded by the application layer).

pub use plenum_app::demo::{accounts, load, DemoAccount};
