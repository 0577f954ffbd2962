//! Hostile and pathological scripts: moonvm must answer each with a Lua error or a
//! normal exit, never a panic, an abort or a Rust stack overflow.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Each case: a name and a script. The script may fail with a Lua error.
const CASES: &[(&str, &str)] = &[
    ("index recursion", "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x"),
    ("newindex recursion", "local t = setmetatable({}, {__newindex = function(t, k, v) t[k] = v end}) t.x = 1"),
    ("tostring recursion", "local u = setmetatable({}, {__tostring = function(x) return tostring(x) end}) print(u)"),
    ("eq recursion", "local m = {} m.__eq = function(a, b) return a == b end local a, b = setmetatable({}, m), setmetatable({}, m) return a == b"),
    ("len recursion", "local l = setmetatable({}, {__len = function(x) return #x end}) return #l"),
    ("concat recursion", "local x = setmetatable({}, {__concat = function(a, b) return a .. b end}) return x .. 'y'"),
    ("add recursion", "local a = setmetatable({}, {__add = function(x, y) return x + y end}) return a + 1"),
    ("lua recursion", "local function f() return 1 + f() end f()"),
    ("pcall recursion", "local function f() return pcall(f) end f()"),
    ("xpcall handler recursion", "local function h(m) error(m) end xpcall(error, h)"),
    ("coroutine nesting", "local function g() return coroutine.wrap(g)() end g()"),
    ("resume itself", "local co co = coroutine.create(function() return coroutine.resume(co) end) print(coroutine.resume(co))"),
    ("yield outside coroutine", "coroutine.yield(1)"),
    ("vararg explosion", "local function v(...) return 1 + v(1, ...) end v()"),
    ("deep table nesting then gc", "local d = {} local c = d for i = 1, 200000 do c[1] = {} c = c[1] end collectgarbage()"),
    ("deep parentheses", "return load('return ' .. string.rep('(', 100000) .. '1' .. string.rep(')', 100000))"),
    ("long operator chain", "return load('return ' .. string.rep('1 + ', 100000) .. '1')"),
    ("huge string.rep", "return string.rep('x', 1 << 40)"),
    ("huge concat in table.concat", "local t = {} for i = 1, 10 do t[i] = string.rep('x', 1 << 20) end return #table.concat(t)"),
    ("bad binary chunk", "return load('\\27Lua garbage that is not a chunk')"),
    ("invalid UTF-8 escapes", "return load('return \"\\\\u{7FFFFFFFF}\"')"),
    ("pattern too complex", "return string.find(string.rep('a', 100000), string.rep('a?', 100000) .. string.rep('a', 100000))"),
    ("gsub with huge count", "return string.gsub('abc', '', 'x', 1 << 62)"),
    ("format with bad spec", "return string.format('%99999999d', 1)"),
    ("setmetatable protected", "local t = setmetatable({}, {__metatable = false}) setmetatable(t, {})"),
    ("close errors", "do local x <close> = setmetatable({}, {__close = function() error('in close') end}) error('body') end"),
    ("gc in finalizer", "setmetatable({}, {__gc = function() collectgarbage() error('in gc') end}) collectgarbage()"),
    ("select negative", "return select(-5, 1, 2)"),
    ("table.insert out of bounds", "table.insert({}, 5, 1)"),
    ("sort bad comparator", "local t = {} for i = 1, 1000 do t[i] = i % 7 end table.sort(t, function(a, b) return true end)"),
    ("next invalid key", "next({}, 'nope')"),
    ("string.char range", "string.char(256)"),
    ("tonumber base", "tonumber('10', 99)"),
    ("utf8.char range", "utf8.char(-1)"),
    ("os.date bad format", "os.date('%Ez')"),
    ("io.open bad mode", "io.open('x', 'rw+x')"),
];

fn run(script: &str) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_moonvm"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run moonvm");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write script");
    let out = child.wait_with_output().expect("wait for moonvm");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        start.elapsed(),
    )
}

#[test]
fn pathological_scripts_end_cleanly() {
    let mut bad = Vec::new();
    for (name, script) in CASES {
        let (code, stderr, took) = run(script);
        let clean = matches!(code, Some(0) | Some(1)) && !stderr.contains("panicked");
        if !clean {
            bad.push(format!("{name}: exit {code:?} after {took:?}\n{stderr}"));
        }
    }
    assert!(
        bad.is_empty(),
        "cases that did not end cleanly:\n{}",
        bad.join("\n")
    );
}
