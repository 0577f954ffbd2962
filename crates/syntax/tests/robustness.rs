//! Pathological inputs: the parser must return `Err` (never panic or overflow
//! the stack) on deep nesting, huge chains, garbage and unterminated input.

use moonvm_syntax::parse;

fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

fn is_overflow(src: &str) {
    match parse(src.as_bytes()) {
        Err(e) => assert_eq!(e.msg, "C stack overflow", "{}", &src[..src.len().min(60)]),
        Ok(_) => panic!("accepted: {}", &src[..src.len().min(60)]),
    }
}

fn is_ok(src: &str) {
    if let Err(e) = parse(src.as_bytes()) {
        panic!("rejected {}: {:?}", &src[..src.len().min(60)], e);
    }
}

/// (prefix, repeated opening, middle, repeated closing) for each nesting
/// construct, and the largest nesting lua5.4's `load` accepts. Where PUC is
/// stopped earlier by a code-generation limit (registers, local variables),
/// which the compiler checks, the number is marked `false` and we only
/// require accepting at least as much.
const NESTERS: &[(&str, &str, &str, &str, usize, bool)] = &[
    ("return ", "(", "1", ")", 195, true),
    ("return ", "- ", "1", "", 195, true),
    ("return ", "not ", "1", "", 195, true),
    ("return ", "~ ", "1", "", 195, true),
    ("return ", "# ", "1", "", 195, true),
    ("return ", "a .. ", "1", "", 195, true),
    ("return ", "2 ^ ", "1", "", 195, true),
    ("return ", "2 ^ -", "1", "", 97, true),
    ("x = ", "{", "1", "}", 195, true),
    ("x = ", "{a = ", "1", "}", 195, true),
    ("x = ", "{[", "1", "] = 1}", 195, true),
    ("x = ", "a[", "1", "]", 195, true),
    ("x = ", "f(", "1", ")", 195, true),
    ("x = ", "o:m(", "1", ")", 126, false),
    ("x = ", "function() return ", "1", " end", 97, true),
    ("", "do ", "", " end", 197, true),
    ("", "while a do ", "", " end", 196, true),
    ("", "if a then ", "", " end", 196, true),
    ("local a; ", "if a then else ", "", " end", 196, true),
    ("", "repeat ", "", " until a", 196, true),
    ("", "for i = 1, 2 do ", "", " end", 50, false),
    ("", "for k in a do ", "", " end", 40, false),
    ("", "function foo() ", "", " end", 197, true),
    ("", "local function foo() ", "", " end", 197, true),
    ("local a; a", ",a", " = 1", "", 195, true),
];

fn nest(pre: &str, open: &str, mid: &str, close: &str, n: usize) -> String {
    format!("{}{}{}{}", pre, rep(open, n), mid, rep(close, n))
}

#[test]
fn deep_nesting_is_an_error() {
    for &(pre, open, mid, close, puc_max, exact) in NESTERS {
        for n in [300, 1000, 100_000] {
            is_overflow(&nest(pre, open, mid, close, n));
            // unterminated too
            is_overflow(&format!("{}{}", pre, rep(open, n)));
        }
        is_ok(&nest(pre, open, mid, close, puc_max));
        if exact {
            is_overflow(&nest(pre, open, mid, close, puc_max + 1));
        }
    }
}

#[test]
fn long_left_assoc_chains_are_capped() {
    let chains: &[(&str, &str, &str)] = &[
        ("return 1", "+1", ""),
        ("return 1", "-1", ""),
        ("return 1", "*1", ""),
        ("return a", " and a", ""),
        ("return a", " or a", ""),
        ("return a", " < a", ""),
        ("return a", " == a", ""),
        ("return a", " | a", ""),
        ("return a", " << a", ""),
        ("return a", ".b", ""),
        ("return a", "[1]", ""),
        ("return f", "()", ""),
        ("return f", "'s'", ""),
        ("return f", "{}", ""),
        ("return a", ":m()", ""),
        ("a", ".b", " = 1"),
        ("f", "()", ""),
        ("x = a", " + (a)", ""),
    ];
    for &(pre, link, post) in chains {
        // long chains are rejected cleanly ...
        is_overflow(&format!("{}{}{}", pre, rep(link, 100_000), post));
        // ... and moderate ones are accepted
        is_ok(&format!("{}{}{}", pre, rep(link, 900), post));
    }
    // a left-deep tree right at the limit can be built, cloned and dropped
    let src = format!(
        "return 1{}",
        rep("+1", moonvm_syntax::MAX_AST_DEPTH as usize - 3)
    );
    let ast = parse(src.as_bytes()).unwrap();
    let copy = ast.clone();
    assert_eq!(ast, copy);
    drop(ast);
    drop(copy);
}

#[test]
fn many_statements_and_wide_constructs_are_fine() {
    is_ok(&rep("x = x + 1\n", 100_000));
    is_ok(&format!("return {{{}}}", rep("1, ", 100_000)));
    is_ok(&format!("f({}1)", rep("1, ", 100_000)));
    is_ok(&format!("local a = {}", rep("'x' .. ", 150) + "'y'"));
}

#[test]
fn unterminated_everything() {
    let srcs = [
        "x = \"abc",
        "x = 'abc\n'",
        "x = [[abc",
        "x = [==[abc]=]",
        "--[[ abc",
        "--[==[",
        "f(",
        "f(1,",
        "x = {",
        "x = {1,",
        "x = {a =",
        "x = {[1",
        "function f(",
        "function f(a,",
        "function f() ",
        "local function",
        "if x",
        "if x then",
        "if x then else",
        "while",
        "while x",
        "while x do",
        "for",
        "for i",
        "for i =",
        "for i = 1",
        "for i = 1,",
        "for i = 1, 2",
        "for i = 1, 2 do",
        "for k in",
        "for k in x",
        "repeat",
        "repeat until",
        "do",
        "::",
        "::a",
        "goto",
        "local",
        "local x <",
        "local x <const",
        "return f(",
        "x = a[",
        "x = a.",
        "x = a:",
        "x = a:b",
        "x =",
        "x = 1 +",
        "x = not",
        "x = \"\\",
        "x = \"\\u{",
        "x = \"\\u{1",
        "x = \"\\x",
        "x = \"\\x1",
        "x = 0x",
        "x = 1e",
        "x = (",
        "x = (1",
        "a, b",
        "a,",
        "a.b",
        "=",
        "x = function",
    ];
    for s in srcs {
        assert!(parse(s.as_bytes()).is_err(), "{}", s);
    }
}

#[test]
fn random_garbage_never_panics() {
    let mut state = 0x2545F4914F6CDD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet: &[u8] =
        b"()[]{}=.,:;'\"\\-+*/%^#&|~<>0123456789xXeEpP abcnrtuvz_\n\r\t\x00\x80\xff[[]]==";
    let words: &[&[u8]] = &[
        b"and",
        b"break",
        b"do",
        b"else",
        b"elseif",
        b"end",
        b"false",
        b"for",
        b"function",
        b"goto",
        b"if",
        b"in",
        b"local",
        b"nil",
        b"not",
        b"or",
        b"repeat",
        b"return",
        b"then",
        b"true",
        b"until",
        b"while",
        b"...",
        b"::",
        b"<const>",
        b"<close>",
        b"--[[",
        b"]]",
        b"--",
        b"\\u{",
        b"0x1p",
    ];
    for i in 0..20_000 {
        let len = (next() % 64) as usize;
        let mut v = Vec::with_capacity(len);
        for _ in 0..len {
            let r = next();
            if i % 2 == 0 && r % 4 == 0 {
                v.extend_from_slice(words[(r >> 8) as usize % words.len()]);
                v.push(b' ');
            } else if i % 3 == 0 {
                v.push((r >> 8) as u8);
            } else {
                v.push(alphabet[(r >> 8) as usize % alphabet.len()]);
            }
        }
        let _ = parse(&v);
    }
}

#[test]
fn label_runs_nest_like_puc() {
    let labels = |n: usize, sep: &str| -> String {
        (1..=n)
            .map(|i| format!("::a{}::", i))
            .collect::<Vec<_>>()
            .join(sep)
    };
    for sep in [" ", " ; "] {
        is_ok(&labels(197, sep));
        is_overflow(&labels(198, sep));
        is_overflow(&labels(100_000, sep));
        // separated by other statements they do not nest
        let spaced: Vec<String> = (1..=300).map(|i| format!("::a{}:: x = 1", i)).collect();
        is_ok(&spaced.join(sep));
    }
}

#[test]
fn deep_input_on_a_small_stack() {
    // The parser falls back to a helper thread when the caller's stack
    // budget runs out, so even a small-stack caller is safe.
    let h = std::thread::Builder::new()
        .stack_size(384 * 1024)
        .spawn(|| {
            is_ok(&nest("return ", "(", "1", ")", 195));
            is_ok(&nest("x = ", "function() return ", "1", " end", 97));
            is_overflow(&nest("", "do ", "", " end", 100_000));
        })
        .unwrap();
    h.join().unwrap();
}
