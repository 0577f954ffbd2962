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

#[test]
fn too_many_locals() {
    let main = format!(
        "local a{}",
        (0..200).map(|i| format!(", a{i}")).collect::<String>()
    );
    assert_eq!(
        error(&main),
        "test:1: too many local variables (limit is 200) in main function"
    );
    let func = format!(
        "function f()\n local a{} end",
        (0..200).map(|i| format!(", a{i}")).collect::<String>()
    );
    assert_eq!(
        error(&func),
        "test:2: too many local variables (limit is 200) in function at line 1"
    );
    // 200 is fine
    let ok = format!(
        "local a{}",
        (0..199).map(|i| format!(", a{i}")).collect::<String>()
    );
    assert!(moonvm_compiler::compile_source(ok.as_bytes(), "=t").is_ok());
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
    src.push_str(&format!(
        " return function() return {} end end",
        names.join("+")
    ));
    assert_eq!(
        error(&src),
        "test:282: too many upvalues (limit is 255) in function at line 282"
    );
}

#[test]
fn too_many_registers() {
    let src = format!(
        "local {}\nprint({})",
        (0..199)
            .map(|i| format!("a{i}"))
            .collect::<Vec<_>>()
            .join(","),
        vec!["1"; 60].join(",")
    );
    assert_eq!(
        error(&src),
        "test:2: function or expression needs too many registers"
    );
    let src = format!("local x = f({})", vec!["1"; 300].join(","));
    assert_eq!(
        error(&src),
        "test:1: function or expression needs too many registers"
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
