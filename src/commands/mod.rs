//! One module per subcommand, each with `run(args, &Context) -> Result<u8>` (the exit code).

pub mod completions;
pub mod events;
pub mod listen;
pub mod relay;
pub mod sign;
pub mod verify;
