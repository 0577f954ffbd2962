//! The `moonvm` command: a stand-alone Lua interpreter compatible with `lua`'s
//! command line (`lua.c`): `moonvm [options] [script [args]]`.

use moonvm::{Lua, Value};
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

const PROGNAME: &str = "moonvm";
const VERSION: &str = concat!("moonvm ", env!("CARGO_PKG_VERSION"), " (Lua 5.4)");

fn usage(badopt: &str) {
    let mut e = std::io::stderr();
    if badopt.starts_with("-e") || badopt.starts_with("-l") {
        let _ = writeln!(e, "{PROGNAME}: '{badopt}' needs argument");
    } else {
        let _ = writeln!(e, "{PROGNAME}: unrecognized option '{badopt}'");
    }
    let _ = writeln!(
        e,
        "usage: {PROGNAME} [options] [script [args]]\n\
Available options are:\n\
  -e stat   execute string 'stat'\n\
  -i        enter interactive mode after executing 'script'\n\
  -l mod    require library 'mod' into global 'mod'\n\
  -l g=mod  require library 'mod' into global 'g'\n\
  -v        show version information\n\
  -E        ignore environment variables\n\
  -W        turn warnings on\n\
  --        stop handling options\n\
  -         stop handling options and execute stdin"
    );
}

fn report(lua: &mut Lua, msg: &str) {
    lua.flush();
    let _ = writeln!(std::io::stderr(), "{PROGNAME}: {msg}");
}

/// Options found before the script name.
#[derive(Default)]
struct Opts {
    interactive: bool,
    version: bool,
    ignore_env: bool,
    /// Index of the script in argv (0: none).
    script: usize,
}

/// Scan options like `collectargs` in lua.c. Err(bad option text) on error.
fn collect_args(argv: &[String], o: &mut Opts) -> Result<(), String> {
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if !a.starts_with('-') {
            o.script = i;
            return Ok(());
        }
        match a.as_str() {
            "--" => {
                if i + 1 < argv.len() {
                    o.script = i + 1;
                }
                return Ok(());
            }
            "-" => {
                o.script = i;
                return Ok(());
            }
            "-E" => o.ignore_env = true,
            "-W" => {}
            "-i" => {
                o.interactive = true;
                o.version = true;
            }
            "-v" => o.version = true,
            _ if a.starts_with("-e") || a.starts_with("-l") => {
                if a.len() == 2 {
                    i += 1;
                    if i >= argv.len() || argv[i].starts_with('-') {
                        return Err(a.clone());
                    }
                }
            }
            _ => return Err(a.clone()),
        }
        i += 1;
    }
    Ok(())
}

/// Build the global `arg` table: script at 0, options before it negative.
fn create_arg_table(lua: &mut Lua, argv: &[String], script: usize) {
    let t = lua.table();
    let base = if script == 0 {
        argv.len() as i64
    } else {
        script as i64
    };
    for (i, a) in argv.iter().enumerate() {
        let s = lua.string(a.as_bytes());
        let _ = lua.raw_set(t, Value::Int(i as i64 - base), s);
    }
    lua.set_global("arg", t);
}

fn run_chunk(lua: &mut Lua, src: &[u8], chunkname: &str, args: &[Value]) -> bool {
    let f = match lua.load(src, chunkname) {
        Ok(f) => f,
        Err(e) => {
            report(lua, &e.message);
            return false;
        }
    };
    match lua.call_with_traceback(f, args) {
        Ok(_) => true,
        Err(e) => {
            report(lua, &e.message);
            false
        }
    }
}

/// `-l mod` / `-l g=mod`: `g = require(mod)`.
fn do_library(lua: &mut Lua, spec: &str) -> bool {
    let (global, module) = match spec.find('=') {
        Some(p) => (&spec[..p], &spec[p + 1..]),
        None => (spec, spec),
    };
    let src = format!("{global} = require({module:?})");
    run_chunk(lua, src.as_bytes(), "=(command line)", &[])
}

/// Handle -e, -l and -W in order (lua.c's `runargs`).
fn run_args(lua: &mut Lua, argv: &[String], upto: usize) -> bool {
    let mut i = 1;
    while i < upto {
        let a = &argv[i];
        if a == "-W" {
            let _ = run_chunk(lua, b"warn('@on')", "=(command line)", &[]);
        } else if a.starts_with("-e") || a.starts_with("-l") {
            let extra = if a.len() > 2 {
                a[2..].to_string()
            } else {
                i += 1;
                argv[i].clone()
            };
            let ok = if a.starts_with("-e") {
                run_chunk(lua, extra.as_bytes(), "=(command line)", &[])
            } else {
                do_library(lua, &extra)
            };
            if !ok {
                return false;
            }
        }
        i += 1;
    }
    true
}

fn run_script(lua: &mut Lua, argv: &[String], script: usize) -> bool {
    let name = &argv[script];
    let (src, chunkname) = if name == "-" && (script == 0 || argv[script - 1] != "--") {
        lua.flush();
        match moonvm::read_source(None) {
            Ok(s) => (s, "=stdin".to_string()),
            Err(m) => {
                report(lua, &m);
                return false;
            }
        }
    } else {
        match moonvm::read_source(Some(name)) {
            Ok(s) => (s, format!("@{name}")),
            Err(m) => {
                report(lua, &m);
                return false;
            }
        }
    };
    let args: Vec<Value> = argv[script + 1..]
        .iter()
        .map(|a| lua.string(a.as_bytes()))
        .collect();
    run_chunk(lua, &src, &chunkname, &args)
}

/// A minimal read-eval-print loop: each line is tried as an expression first.
fn repl(lua: &mut Lua) {
    let stdin = std::io::stdin();
    let mut pending = String::new();
    loop {
        lua.flush();
        eprint!("{}", if pending.is_empty() { "> " } else { ">> " });
        let mut line = String::new();
        match stdin.lock().read_line(&mut line) {
            Ok(0) | Err(_) => {
                eprintln!();
                return;
            }
            Ok(_) => {}
        }
        pending.push_str(&line);
        let src = pending.clone();
        let as_expr = format!("return {src}");
        let f = match lua.load(as_expr.as_bytes(), "=stdin") {
            Ok(f) => Ok(f),
            Err(_) => lua.load(src.as_bytes(), "=stdin"),
        };
        let f = match f {
            Ok(f) => f,
            Err(e) if e.message.ends_with("<eof>") => continue,
            Err(e) => {
                report(lua, &e.message);
                pending.clear();
                continue;
            }
        };
        pending.clear();
        match lua.call_with_traceback(f, &[]) {
            Ok(vals) if !vals.is_empty() => {
                let print = lua.vm().get_global("print");
                if let Err(e) = lua.call(print, &vals) {
                    report(lua, &format!("error calling 'print' ({})", e.message));
                }
            }
            Ok(_) => {}
            Err(e) => report(lua, &e.message),
        }
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let mut lua = Lua::new();
    let mut o = Opts::default();
    if let Err(bad) = collect_args(&argv, &mut o) {
        usage(&bad);
        return ExitCode::FAILURE;
    }
    if o.version {
        println!("{VERSION}");
    }
    if o.ignore_env {
        let reg = Value::Table(lua.vm().registry);
        let t = lua.string(b"LUA_NOENV");
        let _ = lua.raw_set(reg, t, Value::Bool(true));
        // The libraries were opened before the flag was set: redo the search paths.
        moonvm::reset_package_paths(lua.vm());
    } else {
        let init = std::env::var("LUA_INIT_5_4").or_else(|_| std::env::var("LUA_INIT"));
        if let Ok(init) = init {
            let ok = if let Some(file) = init.strip_prefix('@') {
                match moonvm::read_source(Some(file)) {
                    Ok(src) => run_chunk(&mut lua, &src, &format!("@{file}"), &[]),
                    Err(m) => {
                        report(&mut lua, &m);
                        false
                    }
                }
            } else {
                run_chunk(&mut lua, init.as_bytes(), "=LUA_INIT", &[])
            };
            if !ok {
                return ExitCode::FAILURE;
            }
        }
    }
    create_arg_table(&mut lua, &argv, o.script);
    let upto = if o.script > 0 { o.script } else { argv.len() };
    if !run_args(&mut lua, &argv, upto) {
        return ExitCode::FAILURE;
    }
    if o.script > 0 && !run_script(&mut lua, &argv, o.script) {
        return ExitCode::FAILURE;
    }
    if o.interactive {
        repl(&mut lua);
    } else if o.script == 0 && !argv[1..].iter().any(|a| a.starts_with("-e") || a == "-v") {
        if std::io::stdin().is_terminal() {
            println!("{VERSION}");
            repl(&mut lua);
        } else {
            let args = vec!["-".to_string()];
            let mut all = argv.clone();
            all.extend(args);
            if !run_script(&mut lua, &all, all.len() - 1) {
                return ExitCode::FAILURE;
            }
        }
    }
    lua.flush();
    ExitCode::SUCCESS
}
