//! The package library and `require` (PUC's `loadlib.c`).
//!
//! Lua modules are found through `package.path`; C modules cannot be loaded (as
//! PUC Lua built without dynamic-library support): the C searchers still search
//! `package.cpath`, and report an error if they find a file.

use moonvm_vm::gc::heap::GcRef;
use moonvm_vm::table::Table;
use moonvm_vm::{LResult, Value, Vm};
use std::os::unix::ffi::OsStrExt;

const LUA_ROOT: &str = "/usr/local/";
const LUA_VDIR: &str = "5.4";
/// The message PUC gives when dynamic libraries are not enabled.
const DLL_MSG: &str = "dynamic libraries not enabled; check your Lua installation";

fn default_path() -> String {
    let ldir = format!("{LUA_ROOT}share/lua/{LUA_VDIR}/");
    let cdir = format!("{LUA_ROOT}lib/lua/{LUA_VDIR}/");
    format!("{ldir}?.lua;{ldir}?/init.lua;{cdir}?.lua;{cdir}?/init.lua;./?.lua;./?/init.lua")
}

fn default_cpath() -> String {
    let cdir = format!("{LUA_ROOT}lib/lua/{LUA_VDIR}/");
    format!("{cdir}?.so;{cdir}loadall.so;./?.so")
}

/// Whether `LUA_NOENV` is set in the registry (`moonvm -E`).
fn no_env(vm: &mut Vm) -> bool {
    let k = vm.str_value(b"LUA_NOENV");
    let reg = vm.registry;
    vm.raw_get(reg, k).truthy()
}

/// PUC's `setpath`: the versioned or plain environment variable, with ";;"
/// replaced by the default path.
fn compute_path(vm: &mut Vm, envname: &str, dft: &str) -> Vec<u8> {
    let env = std::env::var_os(format!("{envname}_5_4")).or_else(|| std::env::var_os(envname));
    let path = match env {
        Some(p) if !no_env(vm) => p.as_bytes().to_vec(),
        _ => return dft.as_bytes().to_vec(),
    };
    let Some(mark) = path.windows(2).position(|w| w == b";;") else {
        return path;
    };
    let mut out = Vec::new();
    if mark > 0 {
        out.extend_from_slice(&path[..mark]);
        out.push(b';');
    }
    out.extend_from_slice(dft.as_bytes());
    if mark + 2 < path.len() {
        out.push(b';');
        out.extend_from_slice(&path[mark + 2..]);
    }
    out
}

/// Set `package.path` and `package.cpath` from the environment (or the defaults
/// when `LUA_NOENV` is set). Called when the library is opened; a host that sets
/// `LUA_NOENV` afterwards calls it again.
pub fn set_paths(vm: &mut Vm) {
    let Value::Table(pkg) = vm.get_global("package") else {
        return;
    };
    let p = compute_path(vm, "LUA_PATH", &default_path());
    let v = vm.str_value(&p);
    vm.set_field(pkg, "path", v);
    let c = compute_path(vm, "LUA_CPATH", &default_cpath());
    let v = vm.str_value(&c);
    vm.set_field(pkg, "cpath", v);
}

fn registry_table(vm: &mut Vm, key: &str) -> GcRef<Table> {
    let k = vm.str_value(key.as_bytes());
    let reg = vm.registry;
    if let Value::Table(t) = vm.raw_get(reg, k) {
        return t;
    }
    let t = vm.new_table(0, 4);
    vm.set_field(reg, key, Value::Table(t));
    t
}

pub fn open(vm: &mut Vm) {
    let pkg = vm.register_lib(
        "package",
        &[("loadlib", ll_loadlib), ("searchpath", ll_searchpath)],
    );
    // Searchers get the package table as their upvalue.
    let searchers = vm.new_table(4, 0);
    let list: [(moonvm_vm::func::NativeFn, &'static str); 4] = [
        (searcher_preload, "searcher_preload"),
        (searcher_lua, "searcher_Lua"),
        (searcher_c, "searcher_C"),
        (searcher_croot, "searcher_Croot"),
    ];
    for (i, (f, name)) in list.into_iter().enumerate() {
        let c = vm.new_native(f, name, vec![Value::Table(pkg)]);
        searchers.get_mut().set_int(i as i64 + 1, Value::NFn(c));
    }
    vm.set_field(pkg, "searchers", Value::Table(searchers));
    let cfg = vm.str_value(b"/\n;\n?\n!\n-\n");
    vm.set_field(pkg, "config", cfg);
    let loaded = registry_table(vm, "_LOADED");
    vm.set_field(pkg, "loaded", Value::Table(loaded));
    let preload = registry_table(vm, "_PRELOAD");
    vm.set_field(pkg, "preload", Value::Table(preload));
    let req = vm.new_native(ll_require, "require", vec![Value::Table(pkg)]);
    let g = vm.globals;
    vm.set_field(g, "require", Value::NFn(req));
    set_paths(vm);
}

/// The first upvalue of the running native (the package table).
fn upvalue_pkg(vm: &Vm) -> Value {
    let Some(func) = vm.ts.frames.last().map(|f| f.func) else {
        return Value::Nil;
    };
    match vm.ts.stack[func] {
        Value::NFn(nc) => nc.upvals.first().copied().unwrap_or(Value::Nil),
        _ => Value::Nil,
    }
}

fn replace_all(s: &[u8], pat: &[u8], rep: &[u8]) -> Vec<u8> {
    if pat.is_empty() {
        return s.to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(pat) {
            out.extend_from_slice(rep);
            i += pat.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

fn readable(name: &[u8]) -> bool {
    !name.contains(&0) && std::fs::File::open(std::ffi::OsStr::from_bytes(name)).is_ok()
}

/// PUC's `searchpath`: Ok(file name) or Err("no file '...'\n\tno file '...'").
fn search_path(name: &[u8], path: &[u8], sep: &[u8], dirsep: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let name = match sep.first() {
        Some(c) if name.contains(c) => replace_all(name, sep, dirsep),
        _ => name.to_vec(),
    };
    let full = replace_all(path, b"?", &name);
    if !full.is_empty() {
        for f in full.split(|&c| c == b';') {
            if readable(f) {
                return Ok(f.to_vec());
            }
        }
    }
    let mut msg = b"no file '".to_vec();
    msg.extend_from_slice(&replace_all(&full, b";", b"'\n\tno file '"));
    msg.push(b'\'');
    Err(msg)
}

fn ll_searchpath(vm: &mut Vm) -> LResult<usize> {
    let name = vm.check_str(1)?.as_bytes().to_vec();
    let path = vm.check_str(2)?.as_bytes().to_vec();
    let sep = match vm.opt_str(3)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b".".to_vec(),
    };
    let rep = match vm.opt_str(4)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"/".to_vec(),
    };
    match search_path(&name, &path, &sep, &rep) {
        Ok(f) => {
            let v = vm.str_value(&f);
            vm.ret1(v)
        }
        Err(m) => {
            let v = vm.str_value(&m);
            vm.ret(&[Value::Nil, v])
        }
    }
}

fn ll_loadlib(vm: &mut Vm) -> LResult<usize> {
    vm.check_str(1)?;
    vm.check_str(2)?;
    let m = vm.str_value(DLL_MSG.as_bytes());
    let w = vm.str_value(b"absent");
    vm.ret(&[Value::Nil, m, w])
}

/// `findfile`: search `package[pname]` for `name`.
fn find_file(vm: &mut Vm, name: &[u8], pname: &str) -> LResult<Result<Vec<u8>, Vec<u8>>> {
    let pkg = upvalue_pkg(vm);
    let k = vm.str_value(pname.as_bytes());
    let path = match vm.get_index(pkg, k)? {
        Value::Str(s) => s.as_bytes().to_vec(),
        v @ (Value::Int(_) | Value::Float(_)) => {
            let mut b = Vec::new();
            Vm::append_tostr(&mut b, &v);
            b
        }
        _ => return Err(vm.lib_error(&format!("'package.{pname}' must be a string"))),
    };
    Ok(search_path(name, &path, b".", b"/"))
}

fn load_error(vm: &mut Vm, name: &[u8], filename: &[u8], msg: &str) -> moonvm_vm::LuaError {
    vm.lib_error(&format!(
        "error loading module '{}' from file '{}':\n\t{msg}",
        String::from_utf8_lossy(name),
        String::from_utf8_lossy(filename)
    ))
}

fn searcher_preload(vm: &mut Vm) -> LResult<usize> {
    let name = vm.check_str(1)?;
    let preload = registry_table(vm, "_PRELOAD");
    let v = vm.get_index(Value::Table(preload), Value::Str(name))?;
    if v.is_nil() {
        let msg = format!("no field package.preload['{}']", name.to_str_lossy());
        let m = vm.str_value(msg.as_bytes());
        return vm.ret1(m);
    }
    let tag = vm.str_value(b":preload:");
    vm.ret(&[v, tag])
}

fn searcher_lua(vm: &mut Vm) -> LResult<usize> {
    let name = vm.check_str(1)?.as_bytes().to_vec();
    let filename = match find_file(vm, &name, "path")? {
        Ok(f) => f,
        Err(msg) => {
            let m = vm.str_value(&msg);
            return vm.ret1(m);
        }
    };
    let fname = String::from_utf8_lossy(&filename).into_owned();
    let src = match crate::base::read_source(Some(&fname)) {
        Ok(s) => s,
        Err(m) => return Err(load_error(vm, &name, &filename, &m)),
    };
    let chunkname = format!("@{fname}");
    if src.first() == Some(&0x1b) {
        let m = format!(
            "{}: binary chunks are not supported",
            moonvm_bytecode::chunk_id(&chunkname)
        );
        return Err(load_error(vm, &name, &filename, &m));
    }
    let proto = match moonvm_compiler::compile_source(&src, &chunkname) {
        Ok(p) => p,
        Err(m) => return Err(load_error(vm, &name, &filename, &m)),
    };
    let p = vm.load_proto(&proto);
    let g = Value::Table(vm.globals);
    let cl = vm.new_main_closure(p, g);
    let f = vm.str_value(&filename);
    vm.ret(&[Value::LFn(cl), f])
}

fn searcher_c(vm: &mut Vm) -> LResult<usize> {
    let name = vm.check_str(1)?.as_bytes().to_vec();
    match find_file(vm, &name, "cpath")? {
        Ok(f) => Err(load_error(vm, &name, &f, DLL_MSG)),
        Err(msg) => {
            let m = vm.str_value(&msg);
            vm.ret1(m)
        }
    }
}

fn searcher_croot(vm: &mut Vm) -> LResult<usize> {
    let name = vm.check_str(1)?.as_bytes().to_vec();
    let Some(dot) = name.iter().position(|&c| c == b'.') else {
        return Ok(0);
    };
    match find_file(vm, &name[..dot], "cpath")? {
        Ok(f) => Err(load_error(vm, &name, &f, DLL_MSG)),
        Err(msg) => {
            let m = vm.str_value(&msg);
            vm.ret1(m)
        }
    }
}

fn ll_require(vm: &mut Vm) -> LResult<usize> {
    let name = vm.check_str(1)?;
    vm.set_top_args(1);
    let name_v = Value::Str(name);
    // Slot 2: the LOADED table.
    let loaded = Value::Table(registry_table(vm, "_LOADED"));
    vm.push(loaded);
    let v = vm.get_index(loaded, name_v)?;
    if v.truthy() {
        return vm.ret1(v);
    }
    // Slot 3: package.searchers.
    let pkg = upvalue_pkg(vm);
    let k = vm.str_value(b"searchers");
    let searchers = match vm.get_index(pkg, k)? {
        Value::Table(t) => t,
        _ => return Err(vm.lib_error("'package.searchers' must be a table")),
    };
    vm.push(Value::Table(searchers));
    let mut msg: Vec<u8> = Vec::new();
    let func = vm.ts.top;
    let mut i = 1;
    loop {
        let s = searchers.get_int(i);
        if s.is_nil() {
            let text = format!(
                "module '{}' not found:{}",
                name.to_str_lossy(),
                String::from_utf8_lossy(&msg)
            );
            return Err(vm.lib_error(&text));
        }
        vm.ensure_stack(func + 4 + moonvm_vm::state::MIN_STACK)?;
        vm.ts.top = func;
        vm.push(s);
        vm.push(name_v);
        vm.call(func, 2)?;
        let r1 = vm.ts.stack[func];
        if r1.is_function() {
            break;
        }
        match r1 {
            Value::Str(s) => {
                msg.extend_from_slice(b"\n\t");
                msg.extend_from_slice(s.as_bytes());
            }
            Value::Int(_) | Value::Float(_) => {
                msg.extend_from_slice(b"\n\t");
                Vm::append_tostr(&mut msg, &r1);
            }
            _ => {}
        }
        vm.ts.top = func;
        i += 1;
    }
    // Stack: ... loader (func), loader data (func + 1).
    let loader = vm.ts.stack[func];
    let data = vm.ts.stack[func + 1];
    vm.ts.top = func + 2;
    let call_at = vm.ts.top;
    vm.push(loader);
    vm.push(name_v);
    vm.push(data);
    vm.call(call_at, 1)?;
    let r = vm.ts.stack[call_at];
    vm.ts.top = call_at;
    if !r.is_nil() {
        vm.set_index(loaded, name_v, r)?;
    }
    let mut v = vm.get_index(loaded, name_v)?;
    if v.is_nil() {
        v = Value::Bool(true);
        vm.set_index(loaded, name_v, v)?;
    }
    let data = vm.ts.stack[func + 1];
    vm.ret(&[v, data])
}
