//! Shapes and line numbers of the trees the parser builds.

use moonvm_syntax::ast::*;
use moonvm_syntax::parse;

/// Compact S-expression rendering of an expression.
fn sx(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Nil => "nil".into(),
        ExprKind::True => "true".into(),
        ExprKind::False => "false".into(),
        ExprKind::Vararg => "...".into(),
        ExprKind::Int(i) => format!("{}", i),
        ExprKind::Float(f) => format!("{:?}", f),
        ExprKind::Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
        ExprKind::Function(f) => format!(
            "(fn {:?}{})",
            names(&f.params),
            if f.is_vararg { " ..." } else { "" }
        ),
        ExprKind::Table(fields) => {
            let v: Vec<String> = fields
                .iter()
                .map(|f| match f {
                    Field::Positional(e) => sx(e),
                    Field::Keyed(k, v) => format!("[{}]={}", sx(k), sx(v)),
                })
                .collect();
            format!("{{{}}}", v.join(" "))
        }
        ExprKind::Binary(op, a, b) => format!("({:?} {} {})", op, sx(a), sx(b)),
        ExprKind::Unary(op, a) => format!("({:?} {})", op, sx(a)),
        ExprKind::Name(n) => n.clone(),
        ExprKind::Index(a, b) => format!("{}[{}]", sx(a), sx(b)),
        ExprKind::Call(f, args) => {
            let v: Vec<String> = args.iter().map(sx).collect();
            format!("(call {} {})", sx(f), v.join(" "))
        }
        ExprKind::Method(o, m, args) => {
            let v: Vec<String> = args.iter().map(sx).collect();
            format!("(method {} {} {})", sx(o), m, v.join(" "))
        }
        ExprKind::Paren(e) => format!("(paren {})", sx(e)),
    }
}

fn names(b: &[Binding]) -> Vec<&str> {
    b.iter().map(|b| b.name.as_str()).collect()
}

fn ret_expr(src: &str) -> Expr {
    let b = parse(format!("return {}", src).as_bytes()).unwrap();
    let mut r = b.ret.unwrap();
    assert_eq!(r.exprs.len(), 1);
    r.exprs.pop().unwrap()
}

fn e(src: &str) -> String {
    sx(&ret_expr(src))
}

#[test]
fn precedence_and_associativity() {
    assert_eq!(e("1 + 2 * 3"), "(Add 1 (Mul 2 3))");
    assert_eq!(e("1 * 2 + 3"), "(Add (Mul 1 2) 3)");
    assert_eq!(e("1 - 2 - 3"), "(Sub (Sub 1 2) 3)");
    assert_eq!(e("a .. b .. c"), "(Concat a (Concat b c))");
    assert_eq!(e("2 ^ 3 ^ 2"), "(Pow 2 (Pow 3 2))");
    assert_eq!(e("-x ^ 2"), "(Neg (Pow x 2))");
    assert_eq!(e("2 ^ -3"), "(Pow 2 (Neg 3))");
    assert_eq!(e("-2 ^ -3 ^ 2"), "(Neg (Pow 2 (Neg (Pow 3 2))))");
    assert_eq!(e("not a == b"), "(Eq (Not a) b)");
    assert_eq!(e("a or b and c"), "(Or a (And b c))");
    assert_eq!(e("a and b or c and d"), "(Or (And a b) (And c d))");
    assert_eq!(e("a < b == c"), "(Eq (Lt a b) c)");
    assert_eq!(
        e("a | b ~ c & d << e .. f + g * h"),
        "(BOr a (BXor b (BAnd c (Shl d (Concat e (Add f (Mul g h)))))))"
    );
    assert_eq!(e("a .. b + c"), "(Concat a (Add b c))");
    assert_eq!(e("a + b .. c"), "(Concat (Add a b) c)");
    assert_eq!(e("a << b >> c"), "(Shr (Shl a b) c)");
    assert_eq!(e("a // b % c / d"), "(Div (Mod (IDiv a b) c) d)");
    assert_eq!(e("a ~= b >= c <= d > e"), "(Gt (Le (Ge (Ne a b) c) d) e)");
    assert_eq!(e("~a ~ ~b"), "(BXor (BNot a) (BNot b))");
    assert_eq!(e("#t + 1"), "(Add (Len t) 1)");
    assert_eq!(e("- - x"), "(Neg (Neg x))");
    assert_eq!(e("1 .. 2"), "(Concat 1 2)");
    assert_eq!(e("a < b < c"), "(Lt (Lt a b) c)");
    assert_eq!(e("(a + b) * c"), "(Mul (paren (Add a b)) c)");
}

#[test]
fn suffixes_and_literals() {
    assert_eq!(e("a.b.c"), "a[\"b\"][\"c\"]");
    assert_eq!(e("a[1][b]"), "a[1][b]");
    assert_eq!(e("f'x'"), "(call f \"x\")");
    assert_eq!(e("f[[x]]"), "(call f \"x\")");
    assert_eq!(e("f{1, x = 2; [3] = 4,}"), "(call f {1 [\"x\"]=2 [3]=4})");
    assert_eq!(e("o:m(1, 2)"), "(method o m 1 2)");
    assert_eq!(e("o:m'x':n{}"), "(method (method o m \"x\") n {})");
    assert_eq!(e("f()()"), "(call (call f ) )");
    assert_eq!(e("(f)()"), "(call (paren f) )");
    assert_eq!(e("('x'):rep(3)"), "(method (paren \"x\") rep 3)");
    assert_eq!(e("{f()}"), "{(call f )}");
    assert_eq!(e("{x}"), "{x}");
    assert_eq!(e("{x, y = 1}"), "{x [\"y\"]=1}");
    assert_eq!(e("{}"), "{}");
    assert_eq!(e("nil"), "nil");
    assert_eq!(e("true"), "true");
    assert_eq!(e("false"), "false");
    assert_eq!(e("..."), "...");
    assert_eq!(e("1.5"), "1.5");
    assert_eq!(e("0xff"), "255");
    assert_eq!(e("function(a, b, ...) end"), "(fn [\"a\", \"b\"] ...)");
    assert_eq!(e("function() end"), "(fn [])");
    assert_eq!(e("'a\\65'"), "\"aA\"");
}

#[test]
fn statements() {
    let b = parse(b"local a <const>, b <close>, c = 1, 2\nlocal function f(x) return x end\nfunction a.b.c:m(y) end\nfunction g(...) end\n::top:: goto top\nwhile true do break end\nrepeat local z until z\nfor i = 1, 2 do end\nfor i = 1, 2, 3 do end\nfor k, v in pairs(t) do end\nif a then elseif b then else end\ndo end\na, b.c, d[1] = 1, 2, 3\nf(1)\no:m()\n;;;").unwrap();
    let k: Vec<&StatKind> = b.stats.iter().map(|s| &s.kind).collect();
    match k[0] {
        StatKind::Local { names, exprs } => {
            assert_eq!(names.len(), 3);
            assert_eq!(
                names[0],
                LocalName {
                    name: "a".into(),
                    attrib: Some(Attrib::Const),
                    follow: 8, // the '<'
                }
            );
            assert_eq!(names[1].attrib, Some(Attrib::Close));
            assert_eq!(names[2].attrib, None);
            assert_eq!(exprs.len(), 2);
        }
        s => panic!("{:?}", s),
    }
    match k[1] {
        StatKind::LocalFunction { name, func } => {
            assert_eq!(name.name, "f");
            assert_eq!(names(&func.params), vec!["x"]);
            assert!(!func.is_vararg);
            assert!(func.body.ret.is_some());
        }
        s => panic!("{:?}", s),
    }
    match k[2] {
        StatKind::Function { name, func } => {
            assert_eq!(name.path, vec!["a", "b", "c"]);
            assert_eq!(name.method.as_deref(), Some("m"));
            assert_eq!(names(&func.params), vec!["self", "y"]);
        }
        s => panic!("{:?}", s),
    }
    match k[3] {
        StatKind::Function { name, func } => {
            assert_eq!(name.path, vec!["g"]);
            assert_eq!(name.method, None);
            assert!(func.is_vararg);
            assert!(func.params.is_empty());
        }
        s => panic!("{:?}", s),
    }
    assert_eq!(k[4], &StatKind::Label("top".into()));
    assert_eq!(k[5], &StatKind::Goto("top".into()));
    match k[6] {
        StatKind::While { cond, body } => {
            assert_eq!(sx(cond), "true");
            assert_eq!(body.stats[0].kind, StatKind::Break);
        }
        s => panic!("{:?}", s),
    }
    assert!(matches!(k[7], StatKind::Repeat { .. }));
    assert!(matches!(k[8], StatKind::NumericFor { step: None, .. }));
    assert!(matches!(k[9], StatKind::NumericFor { step: Some(_), .. }));
    match k[10] {
        StatKind::GenericFor {
            names: vars, exprs, ..
        } => {
            assert_eq!(names(vars), vec!["k", "v"]);
            assert_eq!(exprs.len(), 1);
        }
        s => panic!("{:?}", s),
    }
    match k[11] {
        StatKind::If { conds, else_block } => {
            assert_eq!(conds.len(), 2);
            assert!(else_block.is_some());
        }
        s => panic!("{:?}", s),
    }
    assert!(matches!(k[12], StatKind::Do(_)));
    match k[13] {
        StatKind::Assign { targets, exprs } => {
            let t: Vec<String> = targets.iter().map(sx).collect();
            assert_eq!(t, vec!["a", "b[\"c\"]", "d[1]"]);
            assert_eq!(exprs.len(), 3);
        }
        s => panic!("{:?}", s),
    }
    assert!(matches!(
        k[14],
        StatKind::Call(Expr {
            kind: ExprKind::Call(..),
            ..
        })
    ));
    assert!(matches!(
        k[15],
        StatKind::Call(Expr {
            kind: ExprKind::Method(..),
            ..
        })
    ));
    assert_eq!(k.len(), 16);
    // if without else
    let b = parse(b"if a then end").unwrap();
    assert!(
        matches!(&b.stats[0].kind, StatKind::If { conds, else_block: None } if conds.len() == 1)
    );
}

#[test]
fn returns() {
    let b = parse(b"return").unwrap();
    assert_eq!(b.ret.as_ref().unwrap().exprs.len(), 0);
    let b = parse(b"return;").unwrap();
    assert_eq!(b.ret.as_ref().unwrap().exprs.len(), 0);
    let b = parse(b"x = 1 return 1, 2;").unwrap();
    assert_eq!(b.ret.as_ref().unwrap().exprs.len(), 2);
    let b = parse(b"do return end").unwrap();
    assert!(b.ret.is_none());
    assert!(parse(b"return 1 return 2").is_err());
    // vararg in the main chunk is fine
    assert!(parse(b"return ...").is_ok());
    assert!(parse(b"function f() return ... end").is_err());
    assert!(parse(b"function f(...) return function() return 1 end, ... end").is_ok());
}

#[test]
fn lines() {
    let src = "local x = 1\n\
               x = a\n  + b\n\
               f\n(\n1\n)\n\
               o\n:m\n'x'\n\
               local t = {\n}\n\
               function g()\n\
               return -\n1\nend\n\
               y = function\n(\n) end\n\
               do\nend";
    let b = parse(src.as_bytes()).unwrap();
    let lines: Vec<u32> = b.stats.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![1, 2, 4, 8, 11, 13, 17, 20]);
    assert_eq!(b.end_line, 21);
    // binary operator: the operator's line
    match &b.stats[1].kind {
        StatKind::Assign { exprs, .. } => assert_eq!(exprs[0].line, 3),
        s => panic!("{:?}", s),
    }
    // call: the line where the called expression starts (as PUC)
    match &b.stats[2].kind {
        StatKind::Call(c) => {
            assert_eq!(c.line, 4);
            if let ExprKind::Call(_, args) = &c.kind {
                assert_eq!(args[0].line, 6);
            }
        }
        s => panic!("{:?}", s),
    }
    match &b.stats[3].kind {
        StatKind::Call(c) => assert_eq!(c.line, 8),
        s => panic!("{:?}", s),
    }
    match &b.stats[4].kind {
        StatKind::Local { exprs, .. } => assert_eq!(exprs[0].line, 11),
        s => panic!("{:?}", s),
    }
    match &b.stats[5].kind {
        StatKind::Function { func, .. } => {
            assert_eq!(func.line, 13);
            assert_eq!(func.end_line, 16);
            assert_eq!(func.body.end_line, 16);
            let r = func.body.ret.as_ref().unwrap();
            assert_eq!(r.line, 14);
            assert_eq!(r.exprs[0].line, 14); // unary: the operator's line
        }
        s => panic!("{:?}", s),
    }
    match &b.stats[6].kind {
        StatKind::Assign { exprs, .. } => {
            assert_eq!(exprs[0].line, 17);
            if let ExprKind::Function(f) = &exprs[0].kind {
                // PUC records the line of '(' as the definition line here
                assert_eq!(f.line, 18);
                assert_eq!(f.end_line, 19);
            } else {
                panic!()
            }
        }
        s => panic!("{:?}", s),
    }
    match &b.stats[7].kind {
        StatKind::Do(blk) => assert_eq!(blk.end_line, 21),
        s => panic!("{:?}", s),
    }
    // a multi-line long string: the token's line is where it ends (as PUC)
    let b = parse(b"x = [[\na\nb]] .. y").unwrap();
    match &b.stats[0].kind {
        StatKind::Assign { exprs, .. } => assert_eq!(exprs[0].line, 3),
        s => panic!("{:?}", s),
    }
}

#[test]
fn shebang_and_bytes() {
    // A "#" first line is skipped by file loading (stdlib's `read_source`), not by
    // the parser: `load("#...")` is a syntax error in PUC Lua too.
    assert!(parse(b"#!/usr/bin/lua\nreturn x\n").is_err());
    let b = parse(b"\nreturn x\n").unwrap();
    assert_eq!(b.ret.unwrap().line, 2);
    let e = parse(b"\n x = = 1").unwrap_err();
    assert_eq!(e.line, 2);
    let b = parse(b"return '\xff\x00'").unwrap();
    assert_eq!(b.ret.unwrap().exprs[0].kind, ExprKind::Str(vec![0xff, 0]));
    let e = parse(b"x = \x00 1").unwrap_err();
    assert_eq!(e.msg, "unexpected symbol");
}
