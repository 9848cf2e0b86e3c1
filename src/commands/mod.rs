//! One module per subcommand, each with `run(args, &Context) -> Result<u8>` (the exit code).

pub mod completions;
pub mod events;
pub mod listen;
pub mod replay;
pub mod sign;
pub mod trigger;
pub mod verify;
