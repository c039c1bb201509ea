//! Running the `plenum` binary as a real process with bytes on its stdin:
//! the command-line tests of the text tools and of `plenum tally` share it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

pub fn plenum(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenum"))
        .args(args)
        .env_remove("PLENUM_CONFIG")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The command may refuse before reading all of a large input.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

#[allow(dead_code)] // each test binary uses what it needs
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
