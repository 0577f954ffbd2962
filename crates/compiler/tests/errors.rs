//! Compile-time errors: messages and lines as PUC Lua 5.4 reports them.

mod common;
use common::error;

#[test]
fn undefined_goto() {
    assert_eq!(
        error("goto x"),
        "test:1: no visible label 'x' for <goto> at line 1"
    );
    // reported at the end of the function, as PUC does
    assert_eq!(
        error("local x\nfor i=1,10 do\n  x = i\nend\ngoto foo\n\n"),
        "test:7: no visible label 'foo' for <goto> at line 5"
    );
    // a label in a closed block is not visible
    assert_eq!(
        error("do ::l:: end goto l"),
        "test:1: no visible label 'l' for <goto> at line 1"
    );
    assert_eq!(
        error("goto l; do ::l:: end"),
        "test:1: no visible label 'l' for <goto> at line 1"
    );
    // labels are per function
    assert_eq!(
        error("::l::\nlocal function f()\n  goto l\nend"),
        "test:4: no visible label 'l' for <goto> at line 3"
    );
}

#[test]
fn break_outside_loop() {
    assert_eq!(error("break"), "test:1: break outside loop at line 1");
    assert_eq!(
        error("if x then break end"),
        "test:1: break outside loop at line 1"
    );
    assert_eq!(
        error("for i = 1, 2 do end\nbreak"),
        "test:2: break outside loop at line 2"
    );
    assert_eq!(
        error("while x do local function g() break end end"),
        "test:1: break outside loop at line 1"
    );
}

#[test]
fn goto_into_local_scope() {
    assert_eq!(
        error("do goto l; local a; ::l:: print(a) end"),
        "test:1: <goto l> at line 1 jumps into the scope of local 'a'"
    );
    // a repeat body's locals are still in scope in the condition
    assert_eq!(
        error("repeat goto cont; local x; ::cont:: until x"),
        "test:1: <goto cont> at line 1 jumps into the scope of local 'x'"
    );
    // but a label at the end of a block is fine (locals are dead there)
    assert!(moonvm_compiler::compile_source(b"do goto l; local a; ::l:: end", "=t").is_ok());
    assert!(moonvm_compiler::compile_source(b"do goto l; local a; ::l:: ::m:: end", "=t").is_ok());
    assert!(moonvm_compiler::compile_source(
        b"local x <close> = nil; goto l; local y; ::l::",
        "=t"
    )
    .is_ok());
}

#[test]
fn repeated_label() {
    assert_eq!(
        error("::a:: ::a::"),
        "test:1: label 'a' already defined on line 1"
    );
    assert_eq!(
        error("::l::\ndo ::l:: end"),
        "test:2: label 'l' already defined on line 1"
    );
    // same name in sibling blocks is fine
    assert!(moonvm_compiler::compile_source(b"do ::l:: end do ::l:: end", "=t").is_ok());
}

#[test]
fn assign_to_const() {
    assert_eq!(
        error("local x <const> = 1; x = 2"),
        "test:1: attempt to assign to const variable 'x'"
    );
    assert_eq!(
        error("local x <const> = 1\nfunction f() x = 2 end"),
        "test:2: attempt to assign to const variable 'x'"
    );
    assert_eq!(
        error("local x <close> = nil\nx = 1"),
        "test:2: attempt to assign to const variable 'x'"
    );
    // a const that is not a compile-time constant still lives in a register
    assert_eq!(
        error("local t <const> = {}\nt.x = 1\nt = 2"),
        "test:3: attempt to assign to const variable 't'"
    );
    assert_eq!(
        error("local a <const> = f()\nlocal function g() local function h() a = 1 end end"),
        "test:2: attempt to assign to const variable 'a'"
    );
    assert_eq!(
        error("local a <const> = 1\nfunction a() end"),
        "test:2: attempt to assign to const variable 'a'"
    );
    assert_eq!(
        error("local a, b <const> = 1, 2\na, b = 3, 4"),
        "test:2: attempt to assign to const variable 'b'"
    );
}

#[test]
fn multiple_to_be_closed() {
    assert_eq!(
        error("local a <close>, b <close> = 1, 2"),
        "test:1: multiple to-be-closed variables in local list"
    );
}

#[test]
fn vararg_outside_vararg_function() {
    assert_eq!(
        error("function f() return ... end"),
        "test:1: cannot use '...' outside a vararg function near '...'"
    );
}

/// `fmt` with `{}` replaced by each of `range`, joined with `sep`.
fn list(fmt: &str, range: std::ops::RangeInclusive<u32>, sep: &str) -> String {
    range
        .map(|i| fmt.replace("{}", &i.to_string()))
        .collect::<Vec<_>>()
        .join(sep)
}

// Expected messages below are lua5.4's. Limits are reported "near" the token
// PUC's one-pass compiler is looking at when it detects them.

#[test]
fn too_many_locals() {
    let m = "too many local variables (limit is 200) in main function";
    let a200 = list("a{}", 1..=200, ", ");
    assert_eq!(
        error(&format!("local a, {}", list("a{}", 0..=199, ", "))),
        format!("test:1: {m} near <eof>")
    );
    assert_eq!(
        error(&format!(
            "function f()\n local a, {} end",
            list("a{}", 0..=199, ", ")
        )),
        "test:2: too many local variables (limit is 200) in function at line 1 near 'end'"
    );
    // the token after the name, before its attribute
    assert_eq!(
        error(&format!("local {a200}, z <const> = 1")),
        format!("test:1: {m} near '<'")
    );
    assert_eq!(
        error(&format!("local {a200} <const>, z = 1")),
        format!("test:1: {m} near '='")
    );
    assert_eq!(
        error(&format!("local {a200}\n\n, z")),
        format!("test:3: {m} near <eof>")
    );
    assert_eq!(
        error(&format!("local {a200}\nlocal function f() end")),
        format!("test:2: {m} near '('")
    );
    // for loops: the hidden state variables count
    let pre = |n| format!("local {}\n", list("a{}", 1..=n, ", "));
    assert_eq!(
        error(&format!("{}for i = 1, 2 do end", pre(197))),
        format!("test:2: {m} near '='")
    );
    assert_eq!(
        error(&format!("{}for k, v in pairs(t) do end", pre(196))),
        format!("test:2: {m} near ','")
    );
    assert_eq!(
        error(&format!("{}for k, v\n, w in pairs(t) do end", pre(194))),
        format!("test:3: {m} near 'in'")
    );
    // parameters (`self` included)
    let f = "too many local variables (limit is 200) in function at line 1";
    assert_eq!(
        error(&format!("function f({}) end", list("a{}", 1..=201, ", "))),
        format!("test:1: {f} near ')'")
    );
    assert_eq!(
        error(&format!("function t:f({a200}) end")),
        format!("test:1: {f} near ')'")
    );
    assert_eq!(
        error(&format!(
            "local x = function({}, ...) end",
            list("a{}", 1..=201, ", ")
        )),
        format!("test:1: {f} near ','")
    );
    // 200 is fine
    for ok in [
        format!("local a, {}", list("a{}", 0..=198, ", ")),
        format!("{}for i = 1, 2 do end", pre(196)),
        format!("function f({a200}, ...) end"),
    ] {
        assert!(moonvm_compiler::compile_source(ok.as_bytes(), "=t").is_ok());
    }
}

#[test]
fn too_many_upvalues() {
    let mut src = String::new();
    for i in 0..180 {
        src.push_str(&format!("local u{i} = {i}\n"));
    }
    src.push_str("local function f()\n");
    for i in 0..100 {
        src.push_str(&format!("local w{i} = 1\n"));
    }
    let names: Vec<String> = (0..180)
        .map(|i| format!("u{i}"))
        .chain((0..100).map(|i| format!("w{i}")))
        .collect();
    let m = "too many upvalues (limit is 255) in function at line 282";
    // the token after the name that needs the 256th upvalue
    let cases = [
        ("return ", "+", "", "'+'"),
        ("local t = {", ",", "}", "','"),
        ("", "=1 ", "=1", "'='"),
        ("return ", ".x + ", ".x", "'.'"),
        ("return ", "[1] + ", "[1]", "'['"),
        ("return ", ":m() + ", ":m()", "':'"),
        ("", "() ", "()", "'('"),
        ("", "'s' ", "'s'", "''s''"),
        ("function ", ".x() end function ", ".x() end", "'.'"),
    ];
    for (pre, sep, post, near) in cases {
        let s = format!(
            "{src} return function() {pre}{}{post} end end",
            names.join(sep)
        );
        assert_eq!(
            error(&s),
            format!("test:282: {m} near {near}"),
            "{pre}{sep}"
        );
    }
    let s = format!(
        "{src} return function() return {} end end",
        names.join("\n+ ")
    );
    assert_eq!(error(&s), format!("test:538: {m} near '+'"));
}

#[test]
fn too_many_registers() {
    let m = "function or expression needs too many registers";
    let pre = format!("local {}\n", list("a{}", 0..=198, ","));
    // 60 times `x`, separated by `sep`
    let many = |x: &str, sep: &str| vec![x; 60].join(sep);
    let cases = [
        // arguments: at the first token of the next one
        (format!("print({})", many("1", ",")), "'1'"),
        (format!("print({})", many("{}", ",")), "'{'"),
        (format!("print({})", many("'s'", ",")), "''s''"),
        (format!("print({})", many("f()", ",")), "'('"),
        (format!("print({})", many("a0.x", ",")), "'a0'"),
        (format!("print({})", many("-x", ",")), "','"),
        (format!("print({})", many("function() end", ",")), "','"),
        (format!("x:m({})", many("x", ",")), "'x'"),
        (format!("local z = {}", many("x", ",")), "'x'"),
        (format!("a1, a2 = {}", many("x", ",")), "'x'"),
        (format!("while f({}) do end", many("x", ",")), "'x'"),
    ];
    for (src, near) in &cases {
        assert_eq!(
            error(&format!("{pre}{src}")),
            format!("test:2: {m} near {near}"),
            "{src}"
        );
    }
    // operands of binary operators and table constructors, as the last
    // argument after 53 + 0..=3 others
    let args = vec!["x"; 53].join(",");
    for (tail, nears) in [
        ("{x}", ["')'", "'{'", "'{'", "'3'"]),
        ("{x, y}", ["'y'", "'{'", "'{'", "'3'"]),
        ("{x, f()}", ["'f'", "'{'", "'{'", "'3'"]),
        ("{[x] = y}", ["'y'", "'{'", "'{'", "'3'"]),
        ("{[y..z] = w}", ["'z'", "'{'", "'{'", "'3'"]),
        ("{s = y..z}", ["'z'", "'{'", "'{'", "'3'"]),
        ("{x..y, z}", ["'y'", "'{'", "'{'", "'3'"]),
        ("{x, -y}", ["'-'", "'{'", "'{'", "'3'"]),
        ("x and y or z", ["", "'y'", "'x'", "'3'"]),
        ("x == y", ["')'", "'y'", "'x'", "'3'"]),
        ("(x)..y", ["')'", "'y'", "'('", "'3'"]),
        ("x:y():z()", ["'('", "'('", "'x'", "'3'"]),
        ("x{}{}", ["'{'", "'{'", "'x'", "'3'"]),
        ("x'a''b'", ["''b''", "''a''", "'x'", "'3'"]),
        ("1 + x", ["", "')'", "'1'", "'3'"]),
        ("x.y.z", ["", "'.'", "'x'", "'3'"]),
        ("x[y][z]", ["'['", "'['", "'x'", "'3'"]),
    ] {
        for (extra, near) in ["", "1, ", "1, 2, ", "1, 2, 3, "].iter().zip(nears) {
            let src = format!("{pre}f({args}, {extra}{tail})");
            if near.is_empty() {
                assert!(moonvm_compiler::compile_source(src.as_bytes(), "=t").is_ok());
            } else {
                assert_eq!(
                    error(&src),
                    format!("test:2: {m} near {near}"),
                    "{extra}{tail}"
                );
            }
        }
    }
    assert_eq!(
        error(&format!("local x = f({})", vec!["1"; 300].join(","))),
        format!("test:1: {m} near '1'")
    );
    assert_eq!(
        error(&format!("return f({})", vec!["1"; 300].join(",\n"))),
        format!("test:255: {m} near '1'")
    );
}

#[test]
fn control_structure_too_long() {
    // a for loop's jumps span at most 2^17 - 1 instructions
    let body = "a = 1 ".repeat(131072);
    assert_eq!(
        error(&format!("for i = 1, 2 do local a\n{body}\nend")),
        "test:3: control structure too long near 'end'"
    );
    assert_eq!(
        error(&format!("for i in x do local a\n{body}\nend")),
        "test:3: control structure too long near 'end'"
    );
}

#[test]
fn too_many_functions() {
    // raised as a runtime error by PUC: no position
    let src = "f = function() end ".repeat(131072);
    assert_eq!(error(&src), "too many functions (limit is 131071)");
    let src = "f = function() end ".repeat(131071);
    assert!(moonvm_compiler::compile_source(src.as_bytes(), "=t").is_ok());
}

#[test]
fn near_token_after_shebang_line() {
    // Files have their "#!" line removed before compiling (keeping its newline,
    // see stdlib's `read_source`); `compile_source` itself sees the rest.
    let src = format!("\nlocal a, {} <const>\n= 1", list("a{}", 0..=199, ", "));
    let e = moonvm_compiler::compile_source(src.as_bytes(), "@s.lua").unwrap_err();
    assert_eq!(
        e,
        "s.lua:2: too many local variables (limit is 200) in main function near '<'"
    );
}

#[test]
fn syntax_errors_are_formatted() {
    assert_eq!(error("x = = 1"), "test:1: unexpected symbol near '='");
    let e = moonvm_compiler::compile_source(b"x = 1 +", "@some/file.lua").unwrap_err();
    assert_eq!(e, "some/file.lua:1: unexpected symbol near <eof>");
    let e = moonvm_compiler::compile_source(b"goto nowhere", "return 1").unwrap_err();
    assert_eq!(
        e,
        "[string \"return 1\"]:1: no visible label 'nowhere' for <goto> at line 1"
    );
}
