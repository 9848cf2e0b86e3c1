//! The `zernio-hooks` binary: parse the command line, run it, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let (cli, matches) = zernio_hooks::cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("zernio-hooks: error: cannot start the async runtime: {err}");
            return ExitCode::from(zernio_hooks::exit::FAILURE);
        }
    };
    let code = runtime.block_on(zernio_hooks::run(cli, matches));
    // Do not wait for stray blocking tasks (a stdin reader, say) once the command is done.
    runtime.shutdown_background();
    code
}
