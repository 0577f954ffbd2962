//! Command-line behaviour of `moonvm`, modelled on the stand-alone `lua`
//! (`lua.c`): `arg` and `...`, `-e`, `-`, `-v`, `--`, and how uncaught errors
//! are reported (`moonvm: msg` plus a traceback on stderr, exit status 1).
//!
//! The cases run with the working directory `tests/cli` (helper scripts live
//! there). Messages are compared modulo the program name: a line starting with
//! `<argv0>: ` or `<basename of argv0>: ` is read as `PROG: `.
//! When `lua5.4` (or `$MOONVM_REF_LUA`) is installed, a second test runs the
//! same cases under it, so the cases themselves are checked against real Lua.

mod common;

use common::{moonvm_bin, reference_lua, repo_root, run, tail, timeout};
use std::path::{Path, PathBuf};

enum Stdout {
    Exact(String),
    /// A single non-empty line (used for `-v`).
    OneLine,
}

enum Stderr {
    Empty,
    /// The whole of stderr, after program-name normalisation.
    Exact(&'static str),
    /// The first line equals (or, with `prefix`, starts with) `line`;
    /// `traceback`: `Some(true)` = a `stack traceback:` line must follow,
    /// `None` = anything may follow.
    First {
        line: &'static str,
        prefix: bool,
        traceback: Option<bool>,
    },
}

struct Case {
    name: &'static str,
    args: Vec<&'static str>,
    stdin: Option<&'static str>,
    stdout: Stdout,
    stderr: Stderr,
    code: i32,
}

fn lines(v: &[&str]) -> String {
    v.iter().map(|l| format!("{l}\n")).collect()
}

fn numbered(n: usize) -> String {
    (1..=n).map(|i| format!("line\t{i}\n")).collect()
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "script arguments set arg and ...",
            args: vec!["args.lua", "a", "b", "c"],
            stdin: None,
            stdout: Stdout::Exact(lines(&[
                "#arg\t3",
                "arg[0]\targs.lua",
                "arg[1..n]\t[a] [b] [c]",
                "...\t3\t[a] [b] [c]",
                "options\t0\t",
                "interpreter\tstring",
                "pre\tnil",
            ])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "arguments with spaces and empty arguments",
            args: vec!["args.lua", "with space", "", "-e"],
            stdin: None,
            stdout: Stdout::Exact(lines(&[
                "#arg\t3",
                "arg[0]\targs.lua",
                "arg[1..n]\t[with space] [] [-e]",
                "...\t3\t[with space] [] [-e]",
                "options\t0\t",
                "interpreter\tstring",
                "pre\tnil",
            ])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "no script arguments",
            args: vec!["args.lua"],
            stdin: None,
            stdout: Stdout::Exact(lines(&[
                "#arg\t0",
                "arg[0]\targs.lua",
                "arg[1..n]\t",
                "...\t0\t",
                "options\t0\t",
                "interpreter\tstring",
                "pre\tnil",
            ])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "-e runs before the script and options get negative indices",
            args: vec!["-e", "pre = 'set by -e'", "args.lua", "x"],
            stdin: None,
            stdout: Stdout::Exact(lines(&[
                "#arg\t1",
                "arg[0]\targs.lua",
                "arg[1..n]\t[x]",
                "...\t1\t[x]",
                "options\t2\t[-e] [pre = 'set by -e']",
                "interpreter\tstring",
                "pre\tset by -e",
            ])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "-- ends the options",
            args: vec!["--", "args.lua", "-v"],
            stdin: None,
            stdout: Stdout::Exact(lines(&[
                "#arg\t1",
                "arg[0]\targs.lua",
                "arg[1..n]\t[-v]",
                "...\t1\t[-v]",
                "options\t1\t[--]",
                "interpreter\tstring",
                "pre\tnil",
            ])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "-e chunk",
            args: vec!["-e", "print(1 + 1)"],
            stdin: None,
            stdout: Stdout::Exact(lines(&["2"])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "several -e chunks share globals",
            args: vec!["-e", "x = 5", "-e", "print(x * 2, _VERSION)"],
            stdin: None,
            stdout: Stdout::Exact(lines(&["10\tLua 5.4"])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "-e chunk without space (-echunk)",
            args: vec!["-eprint('joined')"],
            stdin: None,
            stdout: Stdout::Exact(lines(&["joined"])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "- reads the script from stdin",
            args: vec!["-", "x", "y"],
            stdin: Some("print('from stdin', ...)\nprint(#arg, arg[1], arg[2])\n"),
            stdout: Stdout::Exact(lines(&["from stdin\tx\ty", "2\tx\ty"])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "no arguments and a non-terminal stdin runs stdin",
            args: vec![],
            stdin: Some(
                "local t = {}\nfor i = 1, 3 do t[i] = i * i end\nprint(table.concat(t, ','))\n",
            ),
            stdout: Stdout::Exact(lines(&["1,4,9"])),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "-v prints a version line",
            args: vec!["-v"],
            stdin: None,
            stdout: Stdout::OneLine,
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "all output is flushed at exit; main chunk results are ignored",
            args: vec!["many_lines.lua"],
            stdin: None,
            stdout: Stdout::Exact(numbered(5000)),
            stderr: Stderr::Empty,
            code: 0,
        },
        Case {
            name: "uncaught error: message, traceback, status 1",
            args: vec!["error.lua"],
            stdin: None,
            stdout: Stdout::Exact(lines(&["before the error"])),
            stderr: Stderr::First {
                line: "PROG: error.lua:3: boom",
                prefix: false,
                traceback: Some(true),
            },
            code: 1,
        },
        Case {
            name: "uncaught runtime error with variable info",
            args: vec!["runtime_error.lua"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: runtime_error.lua:2: attempt to index a nil value (field 'x')",
                prefix: false,
                traceback: Some(true),
            },
            code: 1,
        },
        Case {
            name: "output before an uncaught error is not lost",
            args: vec!["output_then_error.lua"],
            stdin: None,
            stdout: Stdout::Exact(numbered(3000)),
            stderr: Stderr::First {
                line: "PROG: output_then_error.lua:4: attempt to index a nil value (local 't')",
                prefix: false,
                traceback: Some(true),
            },
            code: 1,
        },
        Case {
            name: "syntax error in the script",
            args: vec!["syntax_error.lua"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: syntax_error.lua:2: unexpected symbol near '='",
                prefix: false,
                traceback: None,
            },
            code: 1,
        },
        Case {
            name: "error object is a table without __tostring",
            args: vec!["error_table.lua"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: (error object is a table value)",
                prefix: false,
                traceback: Some(true),
            },
            code: 1,
        },
        Case {
            name: "error object with __tostring",
            args: vec!["error_tostring.lua"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: custom error object",
                prefix: false,
                traceback: None,
            },
            code: 1,
        },
        Case {
            name: "error object is a number",
            args: vec!["error_number.lua"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: 42",
                prefix: false,
                traceback: Some(true),
            },
            code: 1,
        },
        Case {
            name: "error object is nil",
            args: vec!["error_nil.lua"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: (error object is a nil value)",
                prefix: false,
                traceback: Some(true),
            },
            code: 1,
        },
        Case {
            name: "error in a -e chunk",
            args: vec!["-e", "error('from -e')"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: (command line):1: from -e",
                prefix: false,
                traceback: Some(true),
            },
            code: 1,
        },
        Case {
            name: "syntax error in a -e chunk",
            args: vec!["-e", "x = = 1"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::Exact("PROG: (command line):1: unexpected symbol near '='\n"),
            code: 1,
        },
        Case {
            name: "error in a script read from stdin",
            args: vec!["-"],
            stdin: Some("print('ok so far')\nerror('stdin error')\n"),
            stdout: Stdout::Exact(lines(&["ok so far"])),
            stderr: Stderr::First {
                line: "PROG: stdin:2: stdin error",
                prefix: false,
                traceback: Some(true),
            },
            code: 1,
        },
        Case {
            name: "a missing script file",
            args: vec!["no_such_file.lua"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: cannot open no_such_file.lua",
                prefix: true,
                traceback: None,
            },
            code: 1,
        },
        Case {
            name: "an unknown option",
            args: vec!["-x"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: unrecognized option '-x'",
                prefix: false,
                traceback: None,
            },
            code: 1,
        },
        Case {
            name: "-e without its argument",
            args: vec!["-e"],
            stdin: None,
            stdout: Stdout::Exact(String::new()),
            stderr: Stderr::First {
                line: "PROG: '-e' needs argument",
                prefix: false,
                traceback: None,
            },
            code: 1,
        },
    ]
}

/// Rewrites `<argv0>: ` / `<basename>: ` at the start of each line to `PROG: `.
fn normalise(stderr: &str, program: &Path) -> String {
    let full = format!("{}: ", program.display());
    let base = format!(
        "{}: ",
        program
            .file_name()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default()
    );
    stderr
        .split_inclusive('\n')
        .map(|l| {
            if let Some(rest) = l.strip_prefix(&full) {
                format!("PROG: {rest}")
            } else if let Some(rest) = l.strip_prefix(&base) {
                format!("PROG: {rest}")
            } else {
                l.to_string()
            }
        })
        .collect()
}

fn check_case(program: &Path, case: &Case) -> Result<(), String> {
    let dir = repo_root().join("tests/cli");
    let out = run(
        program,
        &case.args,
        &dir,
        case.stdin.map(str::as_bytes),
        timeout(),
    )
    .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let stdout = out.stdout_str();
    let stderr = normalise(&out.stderr_str(), program);
    let mut problems = Vec::new();

    if out.timed_out() || out.code() != Some(case.code) {
        problems.push(format!(
            "expected exit status {}, got {}",
            case.code,
            out.describe_exit()
        ));
    }
    match &case.stdout {
        Stdout::Exact(want) => {
            if &stdout != want {
                problems.push(format!(
                    "stdout differs; -expected +actual:\n{}",
                    common::diff(want, &stdout, 20)
                ));
            }
        }
        Stdout::OneLine => {
            let ls: Vec<&str> = stdout.lines().collect();
            if ls.len() != 1 || ls[0].trim().is_empty() || !stdout.ends_with('\n') {
                problems.push(format!(
                    "expected one non-empty line on stdout, got {stdout:?}"
                ));
            }
        }
    }
    match &case.stderr {
        Stderr::Empty => {
            if !stderr.is_empty() {
                problems.push(format!(
                    "expected empty stderr, got:\n{}",
                    tail(&stderr, 10)
                ));
            }
        }
        Stderr::Exact(want) => {
            if stderr != *want {
                problems.push(format!("stderr: expected {want:?}, got {stderr:?}"));
            }
        }
        Stderr::First {
            line,
            prefix,
            traceback,
        } => {
            let first = stderr.lines().next().unwrap_or("");
            let ok = if *prefix {
                first.starts_with(line)
            } else {
                first == *line
            };
            if !ok {
                problems.push(format!(
                    "stderr first line: expected {}{line:?}, got {first:?}",
                    if *prefix { "a line starting with " } else { "" }
                ));
            }
            if *traceback == Some(true) && !stderr.lines().skip(1).any(|l| l == "stack traceback:")
            {
                problems.push(format!(
                    "stderr has no 'stack traceback:' line after the message:\n{}",
                    tail(&stderr, 10)
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n   "))
    }
}

fn run_cases(program: &Path) -> Result<(), String> {
    let cases = cases();
    let mut failed = Vec::new();
    for case in &cases {
        match check_case(program, case) {
            Ok(()) => println!("ok   {}", case.name),
            Err(why) => {
                println!(
                    "FAIL {} (args {:?}{})\n   {why}\n",
                    case.name,
                    case.args,
                    if case.stdin.is_some() {
                        ", with stdin"
                    } else {
                        ""
                    }
                );
                failed.push(case.name);
            }
        }
    }
    println!(
        "{} of {} cases passed",
        cases.len() - failed.len(),
        cases.len()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} CLI cases failed (details above): {}",
            failed.len(),
            cases.len(),
            failed.join("; ")
        ))
    }
}

#[test]
fn cli_behaves_like_lua() {
    let bin = moonvm_bin();
    println!("testing {}", bin.display());
    if let Err(msg) = run_cases(&bin) {
        panic!("{msg}");
    }
}

/// The version line of moonvm names moonvm.
#[test]
fn version_line_names_moonvm() {
    let bin = moonvm_bin();
    let out = run(&bin, &["-v"], &repo_root(), None, timeout()).expect("run moonvm -v");
    let text = out.stdout_str();
    assert!(
        text.to_lowercase().contains("moonvm"),
        "`moonvm -v` printed {text:?}, expected a line mentioning moonvm"
    );
}

/// The same cases under the reference interpreter, so that they describe real
/// Lua behaviour. Skipped with a note when it is not installed.
#[test]
fn cli_cases_match_reference_lua() {
    let Some(lua) = reference_lua() else {
        println!("note: lua5.4 not found; skipping the reference check of the CLI cases");
        return;
    };
    println!("checking the CLI cases against {lua}");
    if let Err(msg) = run_cases(&PathBuf::from(lua)) {
        panic!("{msg}");
    }
}
