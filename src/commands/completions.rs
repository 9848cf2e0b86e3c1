//! `zernio-hooks completions <shell>`: print a completion script generated from the CLI definition.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "zernio-hooks", &mut buffer);
    std::io::stdout().lock().write_all(&buffer)?;
    Ok(crate::exit::OK)
}
