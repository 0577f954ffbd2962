//! The basic library (PUC's `lbaselib.c`).

use crate::output;
use moonvm_vm::call::{PCALL_REQ, XPCALL_REQ};
use moonvm_vm::index::norm_key;
use moonvm_vm::number::{self, Num};
use moonvm_vm::{LResult, Value, Vm};

pub fn open(vm: &mut Vm) {
    let g = vm.globals;
    let funcs: &[(&'static str, moonvm_vm::func::NativeFn)] = &[
        ("print", print),
        ("type", type_),
        ("tostring", tostring),
        ("tonumber", tonumber),
        ("ipairs", ipairs),
        ("pairs", pairs),
        ("next", next),
        ("select", select),
        ("rawget", rawget),
        ("rawset", rawset),
        ("rawequal", rawequal),
        ("rawlen", rawlen),
        ("setmetatable", setmetatable),
        ("getmetatable", getmetatable),
        ("assert", assert),
        ("error", error),
        ("pcall", pcall),
        ("xpcall", xpcall),
        ("load", load),
        ("loadfile", loadfile),
        ("dofile", dofile),
        ("collectgarbage", collectgarbage),
        ("warn", warn),
    ];
    for (name, f) in funcs {
        let nf = vm.new_native(*f, name, Vec::new());
        vm.set_field(g, name, Value::NFn(nf));
    }
    vm.set_field(g, "_G", Value::Table(g));
    // `pairs` returns the global `next` itself, as PUC does.
    let next_fn = vm.get_global("next");
    let key = vm.str_value(b"_moonvm_next");
    let reg = vm.registry;
    let _ = vm.raw_set(reg, key, next_fn);
    let v = vm.str_value(b"Lua 5.4");
    vm.set_field(g, "_VERSION", v);
}

fn print(vm: &mut Vm) -> LResult<usize> {
    let n = vm.arg_count();
    let mut line = Vec::new();
    for i in 1..=n {
        if i > 1 {
            line.push(b'\t');
        }
        let v = vm.arg(i);
        match v {
            Value::Str(s) => line.extend_from_slice(s.as_bytes()),
            Value::Int(_) | Value::Float(_) => {
                Vm::append_tostr(&mut line, &v);
            }
            _ => {
                let s = vm.to_display(v)?;
                line.extend_from_slice(s.as_bytes());
            }
        }
    }
    line.push(b'\n');
    output::write_stdout(&line);
    Ok(0)
}

fn type_(vm: &mut Vm) -> LResult<usize> {
    let v = vm.check_any(1)?;
    let s = vm.str_value(v.type_name().as_bytes());
    vm.ret1(s)
}

fn tostring(vm: &mut Vm) -> LResult<usize> {
    let v = vm.check_any(1)?;
    let s = vm.to_display(v)?;
    vm.ret1(Value::Str(s))
}

fn tonumber(vm: &mut Vm) -> LResult<usize> {
    if vm.arg(2).is_nil() {
        let v = vm.check_any(1)?;
        let r = match v {
            Value::Int(_) | Value::Float(_) => v,
            Value::Str(s) => match number::str_to_number(s.as_bytes()) {
                Some(Num::Int(i)) => Value::Int(i),
                Some(Num::Float(f)) => Value::Float(f),
                None => Value::Nil,
            },
            _ => Value::Nil,
        };
        return vm.ret1(r);
    }
    let base = vm.check_int(2)?;
    let s = match vm.arg(1) {
        Value::Str(s) => s,
        _ => return Err(vm.arg_type_error(1, "string")),
    };
    if !(2..=36).contains(&base) {
        return Err(vm.arg_error(2, "base out of range"));
    }
    let r = match number::str_to_int_base(s.as_bytes(), base as u32) {
        Some(i) => Value::Int(i),
        None => Value::Nil,
    };
    vm.ret1(r)
}

fn ipairs_aux(vm: &mut Vm) -> LResult<usize> {
    let i = match vm.arg(2) {
        Value::Int(i) => i.wrapping_add(1),
        _ => vm.check_int(2)?.wrapping_add(1),
    };
    let t = vm.arg(1);
    let v = match t {
        Value::Table(tab) => {
            let v = tab.get_int(i);
            if v.is_nil() && tab.metatable.is_some() {
                vm.get_index(t, Value::Int(i))?
            } else {
                v
            }
        }
        _ => vm.get_index(t, Value::Int(i))?,
    };
    if v.is_nil() {
        vm.ret1(Value::Nil)
    } else {
        vm.ret(&[Value::Int(i), v])
    }
}

fn ipairs(vm: &mut Vm) -> LResult<usize> {
    let t = vm.check_any(1)?;
    let f = ipairs_iter(vm);
    vm.ret(&[f, t, Value::Int(0)])
}

/// The shared `ipairs` iterator function, created once and kept in the registry.
fn ipairs_iter(vm: &mut Vm) -> Value {
    cached_native(vm, "ipairs_aux", ipairs_aux)
}

/// A native function created once per VM (so `ipairs({})` returns the same
/// iterator every time, as PUC does).
pub(crate) fn cached_native(
    vm: &mut Vm,
    name: &'static str,
    f: moonvm_vm::func::NativeFn,
) -> Value {
    let key = vm.str_value(format!("_moonvm_{name}").as_bytes());
    let reg = vm.registry;
    let v = vm.raw_get(reg, key);
    if !v.is_nil() {
        return v;
    }
    let nf = Value::NFn(vm.new_native(f, name, Vec::new()));
    let _ = vm.raw_set(reg, key, nf);
    nf
}

fn pairs(vm: &mut Vm) -> LResult<usize> {
    let t = vm.check_any(1)?;
    let mm = vm.metafield(&t, "__pairs");
    if !mm.is_nil() {
        // Called in place of `pairs` (so `__pairs` may yield) through a small Lua
        // adapter that keeps exactly three results, as PUC's `pairs` does.
        let adapter = pairs_adapter(vm);
        return vm.tail_call_request(adapter, &[mm, t]);
    }
    let f = cached_native(vm, "next", next);
    vm.ret(&[f, t, Value::Nil])
}

/// `function(mm, t) local a, b, c = mm(t) return a, b, c end`, compiled once.
fn pairs_adapter(vm: &mut Vm) -> Value {
    let key = vm.str_value(b"_moonvm_pairs_adapter");
    let reg = vm.registry;
    let v = vm.raw_get(reg, key);
    if !v.is_nil() {
        return v;
    }
    let src = b"local mm, t = ...\nlocal a, b, c = mm(t)\nreturn a, b, c\n";
    let proto = moonvm_compiler::compile_source(src, "=pairs").expect("the pairs adapter compiles");
    let p = vm.load_proto(&proto);
    let g = Value::Table(vm.globals);
    let f = Value::LFn(vm.new_main_closure(p, g));
    let _ = vm.raw_set(reg, key, f);
    f
}

fn next(vm: &mut Vm) -> LResult<usize> {
    let t = vm.check_table(1)?;
    let k = norm_key(vm.arg(2));
    match t.next(&k) {
        Ok(Some((k, v))) => vm.ret(&[k, v]),
        Ok(None) => vm.ret1(Value::Nil),
        Err(_) => Err(vm.rt_error("invalid key to 'next'")),
    }
}

fn select(vm: &mut Vm) -> LResult<usize> {
    let n = vm.arg_count() as i64;
    if let Value::Str(s) = vm.arg(1) {
        if s.as_bytes() == b"#" {
            return vm.ret1(Value::Int(n - 1));
        }
    }
    let i = vm.check_int(1)?;
    let i = if i < 0 {
        n + i
    } else if i > n {
        n
    } else {
        i
    };
    if i < 1 {
        return Err(vm.arg_error(1, "index out of range"));
    }
    // The results are the arguments from i+1 on, already at the top of the stack.
    Ok((n - i) as usize)
}

fn rawget(vm: &mut Vm) -> LResult<usize> {
    let t = vm.check_table(1)?;
    let k = vm.check_any(2)?;
    let v = vm.raw_get(t, k);
    vm.ret1(v)
}

fn rawset(vm: &mut Vm) -> LResult<usize> {
    let t = vm.check_table(1)?;
    let k = vm.check_any(2)?;
    let v = vm.check_any(3)?;
    vm.raw_set(t, k, v)?;
    vm.ret1(Value::Table(t))
}

fn rawequal(vm: &mut Vm) -> LResult<usize> {
    let a = vm.check_any(1)?;
    let b = vm.check_any(2)?;
    vm.ret1(Value::Bool(a.raw_eq(&b)))
}

fn rawlen(vm: &mut Vm) -> LResult<usize> {
    let n = match vm.arg(1) {
        Value::Table(t) => t.length(),
        Value::Str(s) => s.len() as i64,
        _ => return Err(vm.arg_type_error(1, "table or string")),
    };
    vm.ret1(Value::Int(n))
}

fn setmetatable(vm: &mut Vm) -> LResult<usize> {
    let t = vm.check_table(1)?;
    let mt = match vm.arg(2) {
        Value::Nil => None,
        Value::Table(m) => Some(m),
        _ => return Err(vm.arg_type_error(2, "nil or table")),
    };
    if vm.arg_count() < 2 {
        return Err(vm.arg_type_error(2, "nil or table"));
    }
    if !vm.metafield(&Value::Table(t), "__metatable").is_nil() {
        return Err(vm.lib_error("cannot change a protected metatable"));
    }
    vm.set_metatable(Value::Table(t), mt);
    vm.ret1(Value::Table(t))
}

fn getmetatable(vm: &mut Vm) -> LResult<usize> {
    let v = vm.check_any(1)?;
    let Some(mt) = vm.metatable_of(&v) else {
        return vm.ret1(Value::Nil);
    };
    let protected = vm.metafield(&v, "__metatable");
    if !protected.is_nil() {
        return vm.ret1(protected);
    }
    vm.ret1(Value::Table(mt))
}

fn assert(vm: &mut Vm) -> LResult<usize> {
    let v = vm.check_any(1)?;
    if v.truthy() {
        return Ok(vm.arg_count());
    }
    if vm.arg_count() >= 2 {
        let msg = vm.arg(2);
        return Err(moonvm_vm::LuaError::new(msg));
    }
    Err(vm.lib_error("assertion failed!"))
}

fn error(vm: &mut Vm) -> LResult<usize> {
    let level = vm.opt_int(2, 1)?;
    let v = vm.arg(1);
    if let Value::Str(s) = v {
        if level > 0 {
            if let Some(w) = vm.where_(level as usize) {
                let mut buf = w.into_bytes();
                buf.extend_from_slice(s.as_bytes());
                let e = vm.str_value(&buf);
                return Err(moonvm_vm::LuaError::new(e));
            }
        }
    }
    Err(moonvm_vm::LuaError::new(v))
}

fn pcall(vm: &mut Vm) -> LResult<usize> {
    vm.check_any(1)?;
    Ok(PCALL_REQ)
}

fn xpcall(vm: &mut Vm) -> LResult<usize> {
    if !vm.arg(2).is_function() {
        return Err(vm.arg_type_error(2, "function"));
    }
    let f = vm.arg(1);
    let h = vm.arg(2);
    vm.set_arg(1, h);
    vm.set_arg(2, f);
    Ok(XPCALL_REQ)
}

/// Compile source text, or load a binary chunk (first byte ESC, as `string.dump`
/// writes them); the caller has checked the load mode.
pub fn compile_chunk(src: &[u8], chunkname: &str) -> Result<moonvm_bytecode::Proto, String> {
    if src.first() == Some(&moonvm_bytecode::dump::SIGNATURE[0]) {
        moonvm_bytecode::dump::undump(src, chunkname)
    } else {
        moonvm_compiler::compile_source(src, chunkname)
    }
}

/// Compile `src` and leave a closure (or nil, message) as results.
fn load_chunk(
    vm: &mut Vm,
    src: &[u8],
    chunkname: &str,
    mode: &[u8],
    env: Option<Value>,
) -> LResult<usize> {
    let is_binary = src.first() == Some(&0x1b);
    let (kind, allowed) = if is_binary {
        ("binary", mode.contains(&b'b'))
    } else {
        ("text", mode.contains(&b't'))
    };
    if !allowed {
        let msg = format!(
            "attempt to load a {kind} chunk (mode is '{}')",
            String::from_utf8_lossy(mode)
        );
        let m = vm.str_value(msg.as_bytes());
        return vm.ret(&[Value::Nil, m]);
    }
    let proto = match compile_chunk(src, chunkname) {
        Ok(p) => p,
        Err(msg) => {
            let m = vm.str_value(msg.as_bytes());
            return vm.ret(&[Value::Nil, m]);
        }
    };
    let p = vm.load_proto(&proto);
    let env = env.unwrap_or(Value::Table(vm.globals));
    let cl = vm.new_main_closure(p, env);
    vm.ret1(Value::LFn(cl))
}

fn load(vm: &mut Vm) -> LResult<usize> {
    let chunk = vm.arg(1);
    let mode = match vm.opt_str(3)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"bt".to_vec(),
    };
    let env = if vm.arg_count() >= 4 {
        Some(vm.arg(4))
    } else {
        None
    };
    match chunk {
        Value::Str(s) => {
            let src = s.as_bytes().to_vec();
            let name = match vm.opt_str(2)? {
                Some(n) => n.to_str_lossy().into_owned(),
                None => String::from_utf8_lossy(&src).into_owned(),
            };
            load_chunk(vm, &src, &name, &mode, env)
        }
        Value::LFn(_) | Value::NFn(_) => {
            let name = match vm.opt_str(2)? {
                Some(n) => n.to_str_lossy().into_owned(),
                None => "=(load)".to_string(),
            };
            let mut src = Vec::new();
            loop {
                let piece = match vm.try_call_value(chunk, &[]) {
                    Ok(p) => p,
                    Err(e) => return vm.ret(&[Value::Nil, e.value]),
                };
                match piece {
                    Value::Nil => break,
                    Value::Str(s) => {
                        if s.is_empty() {
                            break;
                        }
                        src.extend_from_slice(s.as_bytes());
                    }
                    _ => {
                        let m = vm.str_value(b"reader function must return a string");
                        return vm.ret(&[Value::Nil, m]);
                    }
                }
            }
            load_chunk(vm, &src, &name, &mode, env)
        }
        _ => Err(vm.arg_type_error(1, "string")),
    }
}

/// Read a source file (None: stdin), skipping a UTF-8 BOM, and a first `#` line
/// when a binary chunk follows it.
pub fn read_source(path: Option<&str>) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut data = Vec::new();
    match path {
        None => {
            std::io::stdin()
                .read_to_end(&mut data)
                .map_err(|e| format!("cannot read stdin: {}", crate::os_error(&e)))?;
        }
        Some(p) => {
            let mut f = std::fs::File::open(p)
                .map_err(|e| format!("cannot open {p}: {}", crate::os_error(&e)))?;
            f.read_to_end(&mut data)
                .map_err(|e| format!("cannot read {p}: {}", crate::os_error(&e)))?;
        }
    }
    if data.starts_with(b"\xEF\xBB\xBF") {
        data.drain(..3);
    }
    // A first line starting with '#' (a "#!" line) is skipped in files, as PUC's
    // `luaL_loadfilex` does (`load` of a string does not): its newline stays so line
    // numbers are right, unless a binary chunk follows.
    if data.first() == Some(&b'#') {
        let nl = data.iter().position(|&c| c == b'\n').unwrap_or(data.len());
        data.drain(..nl);
        if data.get(1) == Some(&moonvm_bytecode::dump::SIGNATURE[0]) {
            data.drain(..1);
        }
    }
    Ok(data)
}

fn loadfile(vm: &mut Vm) -> LResult<usize> {
    let fname = vm.opt_str(1)?.map(|s| s.to_str_lossy().into_owned());
    let mode = match vm.opt_str(2)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"bt".to_vec(),
    };
    let env = if vm.arg_count() >= 3 {
        Some(vm.arg(3))
    } else {
        None
    };
    let src = match read_source(fname.as_deref()) {
        Ok(s) => s,
        Err(msg) => {
            let m = vm.str_value(msg.as_bytes());
            return vm.ret(&[Value::Nil, m]);
        }
    };
    let name = match &fname {
        Some(f) => format!("@{f}"),
        None => "=stdin".to_string(),
    };
    load_chunk(vm, &src, &name, &mode, env)
}

fn dofile(vm: &mut Vm) -> LResult<usize> {
    let fname = vm.opt_str(1)?.map(|s| s.to_str_lossy().into_owned());
    let src = read_source(fname.as_deref()).map_err(|m| vm.error_str(&m))?;
    let name = match &fname {
        Some(f) => format!("@{f}"),
        None => "=stdin".to_string(),
    };
    let proto = compile_chunk(&src, &name).map_err(|m| vm.error_str(&m))?;
    let p = vm.load_proto(&proto);
    let g = Value::Table(vm.globals);
    let cl = vm.new_main_closure(p, g);
    // The chunk runs in place of `dofile` (it may yield, as in PUC).
    vm.tail_call_request(Value::LFn(cl), &[])
}

fn collectgarbage(vm: &mut Vm) -> LResult<usize> {
    const OPTS: [&str; 11] = [
        "stop",
        "restart",
        "collect",
        "count",
        "step",
        "setpause",
        "setstepmul",
        "isrunning",
        "generational",
        "incremental",
        "", // placeholder to keep indices stable
    ];
    let opt = match vm.opt_str(1)? {
        Some(s) => s.to_str_lossy().into_owned(),
        None => "collect".to_string(),
    };
    if !OPTS[..10].contains(&opt.as_str()) {
        return Err(vm.arg_error(1, &format!("invalid option '{opt}'")));
    }
    match opt.as_str() {
        "stop" => {
            vm.heap.running = false;
            vm.ret1(Value::Int(0))
        }
        "restart" => {
            vm.heap.running = true;
            vm.heap.threshold = 0;
            vm.ret1(Value::Int(0))
        }
        // The collector is not reentrant: inside a finalizer nothing is collected.
        "collect" | "step" if vm.in_finalizer() => vm.ret1(Value::Bool(false)),
        "collect" => {
            vm.full_gc();
            vm.run_finalizers();
            vm.ret1(Value::Int(0))
        }
        "count" => {
            let b = vm.heap.total_bytes();
            vm.ret1(Value::Float(b as f64 / 1024.0))
        }
        "step" => {
            vm.full_gc();
            vm.run_finalizers();
            vm.ret1(Value::Bool(true))
        }
        "setpause" => {
            let old = vm.heap.pause as i64;
            vm.heap.pause = vm.opt_int(2, 200)?.clamp(0, 1000) as usize;
            vm.ret1(Value::Int(old))
        }
        "setstepmul" => {
            let old = vm.heap.step_mul as i64;
            vm.heap.step_mul = vm.opt_int(2, 100)?.clamp(0, 1000) as usize;
            vm.ret1(Value::Int(old))
        }
        "isrunning" => {
            let r = vm.heap.running;
            vm.ret1(Value::Bool(r))
        }
        "generational" | "incremental" => {
            let old = if vm.heap.generational {
                "generational"
            } else {
                "incremental"
            };
            vm.heap.generational = opt == "generational";
            let s = vm.str_value(old.as_bytes());
            vm.ret1(s)
        }
        _ => vm.ret1(Value::Int(0)),
    }
}

fn warn(vm: &mut Vm) -> LResult<usize> {
    let n = vm.arg_count();
    if n == 0 {
        return Err(vm.arg_type_error(1, "string"));
    }
    let mut msg = Vec::new();
    for i in 1..=n {
        let s = vm.check_str(i)?;
        msg.extend_from_slice(s.as_bytes());
    }
    if n == 1 && msg.first() == Some(&b'@') {
        match &msg[..] {
            b"@on" => vm.warn_on = true,
            b"@off" => vm.warn_on = false,
            _ => {}
        }
        return Ok(0);
    }
    if vm.warn_on {
        output::flush_stdout();
        let mut line = b"Lua warning: ".to_vec();
        line.extend_from_slice(&msg);
        line.push(b'\n');
        use std::io::Write;
        let _ = std::io::stderr().write_all(&line);
    }
    Ok(0)
}
