//! One module per subcommand, each with `run(args, &Context) -> Result<u8>` (the exit code).

pub mod completions;
pub mod config;
pub mod create;
pub mod delete;
pub mod events;
pub mod fields;
pub mod list;
pub mod listen;
pub mod logs;
pub mod prompt;
pub mod prune;
pub mod relay;
pub mod replay;
pub mod sign;
pub mod test;
pub mod trigger;
pub mod update;
pub mod verify;
