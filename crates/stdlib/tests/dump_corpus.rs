//! Every function the compiler produces for the Lua files under `tests/` (and
//! under `$MOONVM_DUMP_CORPUS`, e.g. PUC's test suite) passes the binary-chunk
//! verifier and survives a dump/undump round trip, stripped and not.

use moonvm_bytecode::dump::{dump, undump, verify};
use moonvm_bytecode::Proto;
use std::path::{Path, PathBuf};
use std::rc::Rc;

fn lua_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            lua_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "lua") {
            out.push(p);
        }
    }
}

/// What a stripped dump loads back as.
fn stripped(p: &Proto) -> Proto {
    let mut s = p.clone();
    s.source = Rc::from("=?");
    s.line_info.clear();
    s.loc_vars.clear();
    for u in &mut s.upvalues {
        u.name.clear();
    }
    s.protos = p.protos.iter().map(stripped).collect();
    s
}

#[test]
fn compiler_output_round_trips() {
    let mut files = Vec::new();
    lua_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests"),
        &mut files,
    );
    if let Ok(dir) = std::env::var("MOONVM_DUMP_CORPUS") {
        lua_files(Path::new(&dir), &mut files);
    }
    files.sort();
    let mut checked = 0;
    for f in &files {
        let src = std::fs::read(f).expect("read");
        let name = format!("@{}", f.display());
        let Ok(p) = moonvm_compiler::compile_source(&src, &name) else {
            continue;
        };
        if let Err(e) = verify(&p) {
            panic!("{}: compiler output fails verification: {e}", f.display());
        }
        let full = undump(&dump(&p, false), "=t").expect("undump");
        assert!(full == p, "{}: round trip differs", f.display());
        let s = undump(&dump(&p, true), "=t").expect("undump stripped");
        assert!(
            s == stripped(&p),
            "{}: stripped round trip differs",
            f.display()
        );
        checked += 1;
    }
    assert!(checked > 10, "only {checked} files checked");
}
