//! `rapporteur completions` and `rapporteur man`: generated from the command line itself.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Failure};

/// Prints the completion script of `shell`.
pub fn completions(shell: Shell) -> Result<ExitCode, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rapporteur", &mut out);
    print(&out, "completion script")
}

/// Prints the manual page of rapporteur, or of the subcommand named by `path` (`import roster`).
pub fn man(path: &[String]) -> Result<ExitCode, Failure> {
    let mut command = Cli::command();
    // Building gives each subcommand its page name (rapporteur-import-roster) and usage line.
    command.build();
    let mut page = command;
    for (depth, word) in path.iter().enumerate() {
        let names: Vec<&str> = page
            .get_subcommands()
            .filter(|c| !c.is_hide_set() && c.get_name() != "help")
            .map(|c| c.get_name())
            .collect();
        page = match page.find_subcommand(word) {
            Some(sub) => sub.clone(),
            None => {
                let of = match depth {
                    0 => "rapporteur".to_string(),
                    _ => format!("rapporteur {}", path[..depth].join(" ")),
                };
                return Err(Failure(match names.is_empty() {
                    true => format!(
                        "{of} has no subcommands; its page is `rapporteur man {}`",
                        path[..depth].join(" ")
                    ),
                    false => format!(
                        "{of} has no subcommand {word:?} (it has {})",
                        names.join(", ")
                    ),
                }));
            }
        };
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("rapporteur {}", env!("CARGO_PKG_VERSION")))
        .manual("User Commands")
        .render(&mut out)
        .map_err(|e| Failure(format!("cannot write the manual page: {e}")))?;
    print(&out, "manual page")
}

fn print(bytes: &[u8], what: &str) -> Result<ExitCode, Failure> {
    io::stdout()
        .lock()
        .write_all(bytes)
        .map_err(|e| Failure(format!("cannot write the {what}: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
