//! Differential tests against the reference interpreter (`lua5.4` on PATH).
//! They are `#[ignore]`d because the interpreter may be missing; run with
//! `cargo test -p moonvm-syntax -- --ignored`.

use std::io::Write;
use std::process::{Command, Stdio};

/// What PUC says about a chunk: None if it loads, else (line, msg); line 0
/// when the message has no position.
fn puc(src: &[u8]) -> Option<(u32, String)> {
    let script = r#"local s = io.read("a"); local f, e = load(s, "=x"); if f then io.write("OK") else io.write(e) end"#;
    let mut child = Command::new("lua5.4")
        .arg("-e")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("lua5.4 not found");
    child.stdin.take().unwrap().write_all(src).unwrap();
    let out = child.wait_with_output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout).into_owned();
    if s == "OK" {
        return None;
    }
    if let Some(rest) = s.strip_prefix("x:") {
        let colon = rest.find(':').unwrap();
        let line: u32 = rest[..colon].parse().unwrap();
        return Some((line, rest[colon + 2..].to_string()));
    }
    // "C stack overflow" (plus a traceback in some versions)
    Some((0, s.lines().next().unwrap_or("").to_string()))
}

fn ours(src: &[u8]) -> Option<(u32, String)> {
    match moonvm_syntax::parse(src) {
        Ok(_) => None,
        Err(e) => Some((e.line, e.msg)),
    }
}

/// Errors PUC's single-pass compiler reports that are not syntax: the
/// compiler checks them (or they are code-generation limits).
fn is_semantic(msg: &str) -> bool {
    [
        "label",
        "<goto",
        "break outside",
        "const variable",
        "too many",
        "needs too many",
        "control structure too long",
    ]
    .iter()
    .any(|p| msg.contains(p))
}

fn compare(src: &[u8]) -> Option<String> {
    if src.first() == Some(&b'#') {
        return None; // `parse` skips a first '#' line (as luaL_loadfile does); `load` does not
    }
    let p = puc(src);
    let o = ours(src);
    match (&p, &o) {
        (Some((_, m)), _) if is_semantic(m) => None,
        (Some((0, pm)), Some((_, om))) if pm == om => None,
        _ if p == o => None,
        _ => Some(format!(
            "src={:?}\n  puc ={:?}\n  ours={:?}",
            String::from_utf8_lossy(src),
            p,
            o
        )),
    }
}

const CORPUS: &[&str] = &[
    "local a <const>, b <close> = 1, f()\nlocal function g(x, ...) return x, ... end",
    "function a.b.c:m(x, y) return self.x + x * y ^ -2 end",
    "for i = 1, 10, 2 do if i % 2 == 0 then goto cont elseif i > 5 then break else x = i end ::cont:: end",
    "for k, v in pairs(t) do t[k] = v .. 'x' .. [[y]] end",
    "while x < 10 and not y or z do x = x + 1; y = #t >= 3 end",
    "repeat local z = x // 2 until z ~= 0 or x << 2 >> 1 & 3 | 4 ~ 5 == ~6",
    "local t = { 1, 2; x = 3, ['y'] = 4, f = function(...) return select('#', ...) end, }",
    "a, b.c, d[e] = f(g)(h){i}'j':k(l), 0x10, 1e5, 3.",
    "do local x = (f()) ; return x end",
    "return function() return ... end",
    "x = -2 ^ 2 .. 'a' .. 3 < 4 == true",
    "obj:method 'str' :other { 1 } (2)",
    "local s = \"a\\tb\\x41\\u{48}\\z\n   c\\65\\\n\"",
];

fn mutate(src: &[u8], rng: &mut u64) -> Vec<u8> {
    let mut next = || {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng
    };
    let pieces: &[&[u8]] = &[
        b"(",
        b")",
        b"{",
        b"}",
        b"[",
        b"]",
        b"=",
        b",",
        b".",
        b":",
        b"::",
        b"...",
        b"..",
        b"end",
        b"do",
        b"then",
        b"local",
        b"function",
        b"return",
        b"x",
        b"1",
        b"'s'",
        b"[[",
        b"]]",
        b"\n",
        b" ",
        b"+",
        b"-",
        b"not",
        b"<",
        b">",
        b"goto",
        b"if",
        b"for",
        b"in",
        b";",
        b"\"",
        b"\\",
        b"--",
        b"0x",
        b"e",
        b"<const>",
        b"<close>",
        b"break",
        b"until",
        b"repeat",
        b"@",
        b"\x80",
        b"=[",
    ];
    let mut v = src.to_vec();
    let n = 1 + next() % 3;
    for _ in 0..n {
        let pos = if v.is_empty() {
            0
        } else {
            (next() as usize) % (v.len() + 1)
        };
        match next() % 3 {
            0 => {
                let p = pieces[(next() as usize) % pieces.len()];
                v.splice(pos..pos, p.iter().copied());
            }
            1 => {
                let len = (next() as usize) % 4;
                let end = (pos + len).min(v.len());
                v.drain(pos..end);
            }
            _ => {
                v.truncate(pos);
            }
        }
    }
    v
}

#[test]
#[ignore]
fn fuzz_against_lua54() {
    let mut rng = 0x9E3779B97F4A7C15u64;
    let mut failures = Vec::new();
    let mut n = 0;
    let rounds: usize = std::env::var("FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    for _round in 0..rounds {
        for src in CORPUS {
            n += 1;
            let m = mutate(src.as_bytes(), &mut rng);
            if let Some(f) = compare(&m) {
                failures.push(f);
            }
        }
    }
    for src in CORPUS {
        if let Some(f) = compare(src.as_bytes()) {
            failures.push(f);
        }
    }
    for f in failures.iter().take(30) {
        eprintln!("{}", f);
    }
    assert!(failures.is_empty(), "{} of {} differ", failures.len(), n);
}

#[test]
#[ignore]
fn token_soup_against_lua54() {
    let toks: &[&str] = &[
        "x", "y", "f", "1", "2.5", "0x1F", "'s'", "\"t\\n\"", "[[l]]", "(", ")", "{", "}", "[",
        "]", "=", "==", ",", ";", ".", "..", "...", ":", "::", "+", "-", "*", "/", "//", "%", "^",
        "#", "&", "~", "|", "<<", ">>", "<", "<=", ">", ">=", "~=", "and", "or", "not", "nil",
        "true", "false", "function", "end", "local", "return", "if", "then", "else", "elseif",
        "while", "do", "for", "in", "repeat", "until", "break", "goto", "<const>", "<close>", "\n",
        "--c\n", "@",
    ];
    let mut rng = 0xDEADBEEFCAFEF00Du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let rounds: usize = std::env::var("FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let mut failures = Vec::new();
    for _ in 0..rounds * 10 {
        let n = 1 + next() % 12;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(toks[(next() as usize) % toks.len()]);
            s.push(' ');
        }
        if let Some(f) = compare(s.as_bytes()) {
            failures.push(f);
        }
    }
    for f in failures.iter().take(30) {
        eprintln!("{}", f);
    }
    assert!(failures.is_empty(), "{} differ", failures.len());
}
