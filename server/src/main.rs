use std::process::ExitCode;

fn main() -> ExitCode {
    match sahabot_server::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sahabot: {err}");
            ExitCode::FAILURE
        }
    }
}
