//! Prototype structure: debug information, upvalue descriptors, limits of the
//! encoding (LOADKX, SETLIST/NEWTABLE extra arguments) and robustness.

mod common;
use common::{code, compile};
use moonvm_bytecode::{Constant, LocVar, UpvalDesc};

fn lv(name: &str, start_pc: u32, end_pc: u32) -> LocVar {
    LocVar {
        name: name.to_string(),
        start_pc,
        end_pc,
    }
}

#[test]
fn main_chunk_shape() {
    let p = compile("return");
    assert!(p.is_vararg);
    assert_eq!(p.num_params, 0);
    assert_eq!(p.line_defined, 0);
    assert_eq!(&*p.source, "=test");
    assert_eq!(
        p.upvalues,
        vec![UpvalDesc {
            name: "_ENV".to_string(),
            in_stack: true,
            index: 0
        }]
    );
    assert!(p.max_stack >= 2);
    assert_eq!(p.code.len(), p.line_info.len());
}

#[test]
fn for_loop_locals() {
    let p = compile("for i = 1, 2 do end\nfor k, v in pairs(t) do end");
    let names: Vec<&str> = p.loc_vars.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "(for state)",
            "(for state)",
            "(for state)",
            "i",
            "(for state)",
            "(for state)",
            "(for state)",
            "(for state)",
            "k",
            "v"
        ]
    );
    assert_eq!(p.loc_vars[0], lv("(for state)", 4, 6));
    assert_eq!(p.loc_vars[3], lv("i", 5, 5));
}

#[test]
fn local_function_scope_starts_after_closure() {
    let p = compile("local function f() return f end\nlocal g = function() end");
    assert_eq!(p.loc_vars, vec![lv("f", 2, 4), lv("g", 3, 4)]);
    let inner = &p.protos[0];
    assert_eq!(
        inner.upvalues,
        vec![UpvalDesc {
            name: "f".to_string(),
            in_stack: true,
            index: 0
        }]
    );
    assert_eq!((inner.line_defined, inner.last_line_defined), (1, 1));
    assert!(!inner.is_vararg);
}

#[test]
fn upvalues_through_intermediate_functions() {
    let p = compile("local a, b = 1, 2\nfunction f() return function() return b, x end end");
    let f = &p.protos[0];
    let g = &f.protos[0];
    assert_eq!(
        f.upvalues,
        vec![
            UpvalDesc {
                name: "b".to_string(),
                in_stack: true,
                index: 1
            },
            UpvalDesc {
                name: "_ENV".to_string(),
                in_stack: false,
                index: 0
            },
        ]
    );
    assert_eq!(
        g.upvalues,
        vec![
            UpvalDesc {
                name: "b".to_string(),
                in_stack: false,
                index: 0
            },
            UpvalDesc {
                name: "_ENV".to_string(),
                in_stack: false,
                index: 1
            },
        ]
    );
}

#[test]
fn compile_time_constants_use_no_register() {
    let p = compile("local a <const> = 1\nlocal b = a + 1\nreturn b");
    assert_eq!(p.loc_vars, vec![lv("b", 2, 4)]);
    assert_eq!(
        code(&p),
        "main <test:0,0>\nVARARGPREP 0\nLOADI 0 2\nRETURN1 0\nRETURN0"
    );
}

#[test]
fn line_info_follows_source() {
    let p = compile("local a = 1\n\nlocal b = a +\n  2\nprint(a,\n b)");
    // VARARGPREP, LOADI, ADDI (operator line), GETTABUP, MOVE, MOVE, CALL (call line), RETURN
    assert_eq!(p.line_info, vec![1, 1, 3, 5, 5, 6, 5, 6]);
}

#[test]
fn loadkx_for_many_constants() {
    let mut src = String::from("local x\n");
    for i in 0..131_100 {
        src.push_str(&format!("x = {}\n", i + 1_000_000));
    }
    let p = compile(&src);
    assert_eq!(p.constants.len(), 131_100);
    let l = code(&p);
    assert!(
        l.contains("LOADK 0 131071 ; 1131071"),
        "LOADK with the largest Bx"
    );
    assert!(l.contains("LOADKX 0 ; 1131072\nEXTRAARG 131072"));
}

#[test]
fn big_constructors_use_extra_args() {
    let items: Vec<String> = (1..600).map(|i| i.to_string()).collect();
    let p = compile(&format!("local t = {{{}}}", items.join(",")));
    let l = code(&p);
    assert!(l.starts_with("main <test:0,0>\nVARARGPREP 0\nNEWTABLE 0 0 87 ; 599\nEXTRAARG 2\n"));
    assert!(l.contains("SETLIST 0 50 0\n"));
    assert!(l.contains("SETLIST 0 50 44 ; 300\nEXTRAARG 1\n"));
    assert!(l.contains("SETLIST 0 49 38 ; 550\nEXTRAARG 2\n"));
    assert_eq!(p.constants.len(), 0);
}

#[test]
fn float_constants_distinct_from_integers() {
    let p = compile("return 1000000, 1000000.0, 0.5, 1000000, 2^63, -2^63");
    assert_eq!(
        p.constants,
        vec![
            Constant::Int(1000000),
            Constant::Float(1000000.0),
            Constant::Float(0.5),
            Constant::Float(9.223372036854776e18),
            Constant::Float(-9.223372036854776e18),
        ]
    );
}

#[test]
fn deep_nesting_on_a_small_stack() {
    // the parser bounds nesting; the compiler must handle whatever it accepts
    // without overflowing even a small thread stack
    let sources = vec![
        format!("local x = {}1{}", "(".repeat(190), ")".repeat(190)),
        format!(
            "local f = {}1{}",
            "function() return ".repeat(60),
            " end".repeat(60)
        ),
        format!("{}x = 1 {}", "do ".repeat(190), "end ".repeat(190)),
        format!("x = {}{}", "{".repeat(190), "}".repeat(190)),
        format!("x = {}", vec!["a"; 190].join("..")),
        format!("x = {}", vec!["a"; 900].join("+")),
        format!("x = a{}", ".b".repeat(900)),
        format!("x = {}a", "- ".repeat(190)),
        format!(
            "x = {} or b",
            (0..900)
                .map(|i| format!("a{i}"))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        format!("{}x = 1 {}", "if a then ".repeat(190), "end ".repeat(190)),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            for s in &sources {
                if let Err(e) = moonvm_compiler::compile_source(s.as_bytes(), "=deep") {
                    assert_eq!(e, "C stack overflow", "{s}");
                }
            }
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn corpus_compiles() {
    // every Lua file of the repository's test corpus compiles
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/lua");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().is_some_and(|x| x == "lua") {
            let mut src = std::fs::read(&path).unwrap();
            // As file loading does: a "#" first line is dropped, keeping its newline.
            if src.first() == Some(&b'#') {
                let nl = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
                src.drain(..nl);
            }
            let name = format!("@{}", path.display());
            match moonvm_compiler::compile_source(&src, &name) {
                Ok(p) => assert_unique_constants(&p),
                // files that are expected not to compile say so in their name
                Err(msg) => assert!(path.to_string_lossy().contains("error"), "{msg}"),
            }
        }
    }
}

fn assert_unique_constants(p: &moonvm_bytecode::Proto) {
    let mut seen = std::collections::HashSet::new();
    for k in &p.constants {
        let key = match k {
            Constant::Nil => "N".to_string(),
            Constant::Bool(b) => format!("B{b}"),
            Constant::Int(i) => format!("I{i}"),
            Constant::Float(f) => format!("F{}", f.to_bits()),
            Constant::Str(s) => format!("S{s:?}"),
        };
        assert!(seen.insert(key), "duplicate constant {k:?}");
    }
    for sub in &p.protos {
        assert_unique_constants(sub);
    }
}

#[test]
fn constants_are_unique_per_function() {
    let p = compile(
        "print(pcall(function() return error end))\n\
         print(xpcall(error, function(m) error('x') end))\n\
         print(select('#', pcall(error)), 1, 1.0, 2^53, 2^53 + 0.0)",
    );
    assert_unique_constants(&p);
    assert_eq!(
        p.constants
            .iter()
            .filter(|k| **k == Constant::Str(b"error".to_vec()))
            .count(),
        1
    );
}
