//! The debug library (PUC's `ldblib.c`, with the parts of `ldebug.c` it needs).
//!
//! Stack levels are counted as `lua_getstack` does: level 0 is the running native
//! function (the debug function itself), level 1 its caller, and so on; on the main
//! thread the host's call into the first frame is one more level, a C function.
//! Functions taking an optional thread first argument inspect that thread's frames
//! (`Vm::with_thread`).
//!
//! Hooks: `sethook` records the hook, its mask and count per thread and `gethook`
//! returns them, but the interpreter does not run hooks yet (no call, return, line
//! or count events are delivered).

use moonvm_bytecode::chunk_id;
use moonvm_vm::debug::StackLevel;
use moonvm_vm::func::LuaProto;
use moonvm_vm::thread::{flags, FrameFn, Thread};
use moonvm_vm::{GcRef, LResult, Value, Vm};
use std::collections::HashMap;

pub fn open(vm: &mut Vm) {
    vm.register_lib(
        "debug",
        &[
            ("debug", debug),
            ("getuservalue", getuservalue),
            ("gethook", gethook),
            ("getinfo", getinfo),
            ("getlocal", getlocal),
            ("getregistry", getregistry),
            ("getmetatable", getmetatable),
            ("getupvalue", getupvalue),
            ("upvaluejoin", upvaluejoin),
            ("upvalueid", upvalueid),
            ("setuservalue", setuservalue),
            ("sethook", sethook),
            ("setlocal", setlocal),
            ("setmetatable", setmetatable),
            ("setupvalue", setupvalue),
            ("traceback", traceback),
            ("setcstacklimit", setcstacklimit),
        ],
    );
}

// ---- threads and levels -------------------------------------------------------------

/// The optional thread first argument: (thread, number of arguments it takes).
fn get_thread(vm: &Vm) -> (Option<GcRef<Thread>>, usize) {
    match vm.arg(1) {
        Value::Thread(t) => (Some(t), 1),
        _ => (None, 0),
    }
}

/// Run `f` on thread `th` (the running thread if `None`).
fn in_thread<R>(vm: &mut Vm, th: Option<GcRef<Thread>>, f: impl FnOnce(&mut Vm) -> R) -> R {
    match th {
        Some(t) => vm.with_thread(t, f),
        None => f(vm),
    }
}

/// `lua_getstack` on the running thread.
fn find_level(vm: &Vm, level: i64) -> Option<StackLevel> {
    vm.stack_level(usize::try_from(level).ok()?)
}

// ---- getinfo --------------------------------------------------------------------------

/// Everything `getinfo` can report about a function or an active frame.
struct Info {
    source: Vec<u8>,
    short_src: String,
    linedefined: i64,
    lastlinedefined: i64,
    what: &'static str,
    currentline: i64,
    name: Option<String>,
    namewhat: &'static str,
    nups: i64,
    nparams: i64,
    isvararg: bool,
    istailcall: bool,
    func: Value,
    /// Lines with code (`None` for native functions).
    activelines: Option<Vec<u32>>,
}

impl Info {
    /// The static part (options S and u) for a function value.
    fn of_function(f: Value) -> Info {
        let mut info = Info {
            source: b"=[C]".to_vec(),
            short_src: "[C]".to_string(),
            linedefined: -1,
            lastlinedefined: -1,
            what: "C",
            currentline: -1,
            name: None,
            namewhat: "",
            nups: 0,
            nparams: 0,
            isvararg: true,
            istailcall: false,
            func: f,
            activelines: None,
        };
        match f {
            Value::LFn(cl) => {
                let p = cl.proto;
                info.source = p.source.as_bytes().to_vec();
                info.short_src = chunk_id(&p.source);
                info.linedefined = p.line_defined as i64;
                info.lastlinedefined = p.last_line_defined as i64;
                info.what = if p.line_defined == 0 { "main" } else { "Lua" };
                info.nups = cl.upvals.len() as i64;
                info.nparams = p.num_params as i64;
                info.isvararg = p.is_vararg;
                info.activelines = Some(active_lines(&p));
            }
            Value::NFn(nc) => info.nups = nc.upvals.len() as i64,
            _ => {}
        }
        info
    }
}

/// The lines of a function's instructions (skipping a vararg function's
/// VARARGPREP, as PUC's `collectvalidlines`).
fn active_lines(p: &LuaProto) -> Vec<u32> {
    let skip = usize::from(p.is_vararg);
    p.line_info.iter().skip(skip).copied().collect()
}

/// The pc of the instruction a Lua frame is executing.
fn frame_pc(vm: &Vm, ci: usize) -> usize {
    vm.ts.frames[ci].pc.saturating_sub(1)
}

/// Information about an active level of the running thread.
fn level_info(vm: &Vm, level: StackLevel) -> Info {
    let ci = match level {
        StackLevel::Frame(ci) => ci,
        _ => {
            let mut info = Info::of_function(vm.level_func(level));
            if let Some((what, name)) = vm.level_func_name(level) {
                info.namewhat = what;
                info.name = Some(name);
            }
            return info;
        }
    };
    let frame = vm.ts.frames[ci];
    let f = vm.ts.stack.get(frame.func).copied().unwrap_or(Value::Nil);
    let mut info = Info::of_function(f);
    if let FrameFn::Lua(cl) = frame.func_obj {
        if !matches!(f, Value::LFn(_)) {
            // Defensive: describe the closure the frame runs.
            info = Info::of_function(Value::LFn(cl));
            info.func = f;
        }
        // A function without line information (stripped) has no current line.
        info.currentline = if cl.proto.line_info.is_empty() {
            -1
        } else {
            cl.proto.line_at(frame_pc(vm, ci)) as i64
        };
    }
    info.istailcall = frame.flags & flags::TAIL != 0;
    if let Some((what, name)) = vm.frame_func_name(ci) {
        info.namewhat = what;
        info.name = Some(name);
    }
    info
}

fn getinfo(vm: &mut Vm) -> LResult<usize> {
    let (th, arg) = get_thread(vm);
    let options: Vec<u8> = if vm.arg(arg + 2).is_nil() {
        b"flnSrtu".to_vec()
    } else {
        vm.check_str(arg + 2)?.as_bytes().to_vec()
    };
    if options.first() == Some(&b'>') {
        return Err(vm.arg_error(arg + 2, "invalid option '>'"));
    }
    let fv = vm.arg(arg + 1);
    let info = if fv.is_function() {
        Info::of_function(fv)
    } else {
        let level = vm.check_int(arg + 1)?;
        let found = in_thread(vm, th, |vm| {
            find_level(vm, level).map(|l| level_info(vm, l))
        });
        match found {
            Some(info) => info,
            None => return vm.ret1(Value::Nil),
        }
    };
    if options.iter().any(|c| !b"SltunrLf".contains(c)) {
        return Err(vm.arg_error(arg + 2, "invalid option"));
    }
    let t = vm.new_table(0, 16);
    // Keep the table on the stack while it is filled.
    vm.push(Value::Table(t));
    let has = |c: u8| options.contains(&c);
    if has(b'S') {
        let src = vm.str_value(&info.source);
        vm.set_field(t, "source", src);
        let short = vm.str_value(info.short_src.as_bytes());
        vm.set_field(t, "short_src", short);
        vm.set_field(t, "linedefined", Value::Int(info.linedefined));
        vm.set_field(t, "lastlinedefined", Value::Int(info.lastlinedefined));
        let what = vm.str_value(info.what.as_bytes());
        vm.set_field(t, "what", what);
    }
    if has(b'l') {
        vm.set_field(t, "currentline", Value::Int(info.currentline));
    }
    if has(b'u') {
        vm.set_field(t, "nups", Value::Int(info.nups));
        vm.set_field(t, "nparams", Value::Int(info.nparams));
        vm.set_field(t, "isvararg", Value::Bool(info.isvararg));
    }
    if has(b'n') {
        if let Some(name) = &info.name {
            let v = vm.str_value(name.as_bytes());
            vm.set_field(t, "name", v);
        }
        let nw = vm.str_value(info.namewhat.as_bytes());
        vm.set_field(t, "namewhat", nw);
    }
    if has(b'r') {
        vm.set_field(t, "ftransfer", Value::Int(0));
        vm.set_field(t, "ntransfer", Value::Int(0));
    }
    if has(b't') {
        vm.set_field(t, "istailcall", Value::Bool(info.istailcall));
    }
    if has(b'L') {
        if let Some(lines) = &info.activelines {
            let lt = vm.new_table(0, lines.len());
            for &l in lines {
                vm.raw_set(lt, Value::Int(l as i64), Value::Bool(true))?;
            }
            vm.set_field(t, "activelines", Value::Table(lt));
        }
    }
    if has(b'f') {
        vm.set_field(t, "func", info.func);
    }
    Ok(1)
}

// ---- locals -----------------------------------------------------------------------------

/// The name and stack slot of local `n` of frame `ci` of the running thread (PUC's
/// `luaG_findlocal`): named locals, varargs (negative `n`) and temporaries.
fn find_local(vm: &Vm, ci: usize, n: i64) -> Option<(String, usize)> {
    let frame = vm.ts.frames[ci];
    let base = frame.base;
    let mut name: Option<String> = None;
    if let FrameFn::Lua(cl) = frame.func_obj {
        let p = cl.proto;
        if n < 0 {
            let nextra = frame.nextra as i64;
            if p.is_vararg && n >= -nextra {
                // Vararg k (n = -k) is the k-th value below the registers.
                let pos = (base as i64 - nextra - n - 1) as usize;
                return Some(("(vararg)".to_string(), pos));
            }
            return None;
        }
        if n > 0 {
            name = p
                .local_name(n as usize, frame_pc(vm, ci))
                .map(|s| s.to_string());
        }
    }
    if name.is_none() {
        let limit = if ci + 1 == vm.ts.frames.len() {
            vm.ts.top
        } else {
            vm.ts.frames[ci + 1].func
        };
        if n > 0 && (limit.saturating_sub(base) as i64) >= n {
            name = Some(
                match frame.func_obj {
                    FrameFn::Lua(_) => "(temporary)",
                    FrameFn::Native(_) => "(C temporary)",
                }
                .to_string(),
            );
        } else {
            return None;
        }
    }
    let pos = base + (n as usize) - 1;
    name.map(|nm| (nm, pos))
}

fn getlocal(vm: &mut Vm) -> LResult<usize> {
    let (th, arg) = get_thread(vm);
    let n = vm.check_int(arg + 2)?;
    let fv = vm.arg(arg + 1);
    if fv.is_function() {
        // Parameters of a non-active function: the locals live at its start.
        let name = match fv {
            Value::LFn(cl) if n >= 1 => cl.proto.local_name(n as usize, 0).map(|s| s.to_string()),
            _ => None,
        };
        let v = match name {
            Some(s) => vm.str_value(s.as_bytes()),
            None => Value::Nil,
        };
        return vm.ret1(v);
    }
    let level = vm.check_int(arg + 1)?;
    let r = in_thread(vm, th, |vm| match find_level(vm, level) {
        None => Err(()),
        Some(StackLevel::Frame(ci)) => Ok(find_local(vm, ci, n).map(|(name, pos)| {
            let v = vm.ts.stack.get(pos).copied().unwrap_or(Value::Nil);
            (name, v)
        })),
        Some(_) => Ok(None),
    });
    match r {
        Err(()) => Err(vm.arg_error(arg + 1, "level out of range")),
        Ok(None) => vm.ret1(Value::Nil),
        Ok(Some((name, v))) => {
            let s = vm.str_value(name.as_bytes());
            vm.ret(&[s, v])
        }
    }
}

fn setlocal(vm: &mut Vm) -> LResult<usize> {
    let (th, arg) = get_thread(vm);
    let level = vm.check_int(arg + 1)?;
    let n = vm.check_int(arg + 2)?;
    let r = in_thread(vm, th, |vm| find_level(vm, level).is_some());
    if !r {
        return Err(vm.arg_error(arg + 1, "level out of range"));
    }
    let v = vm.check_any(arg + 3)?;
    let name = in_thread(vm, th, |vm| match find_level(vm, level) {
        Some(StackLevel::Frame(ci)) => find_local(vm, ci, n).map(|(name, pos)| {
            if let Some(slot) = vm.ts.stack.get_mut(pos) {
                *slot = v;
            }
            name
        }),
        _ => None,
    });
    let r = match name {
        Some(s) => vm.str_value(s.as_bytes()),
        None => Value::Nil,
    };
    vm.ret1(r)
}

// ---- upvalues ---------------------------------------------------------------------------

fn check_function(vm: &mut Vm, n: usize) -> LResult<Value> {
    let f = vm.arg(n);
    if f.is_function() {
        Ok(f)
    } else {
        Err(vm.arg_type_error(n, "function"))
    }
}

/// Name of upvalue `n` (1-based) of a function, if it exists: the prototype's name
/// for Lua closures, "" for native closures.
fn upvalue_name(f: Value, n: i64) -> Option<String> {
    let i = usize::try_from(n).ok()?.checked_sub(1)?;
    match f {
        Value::LFn(cl) if i < cl.upvals.len() => {
            let name = cl
                .proto
                .upvals
                .get(i)
                .map(|u| u.name.as_str())
                .unwrap_or("");
            Some(if name.is_empty() { "(no name)" } else { name }.to_string())
        }
        Value::NFn(nc) if i < nc.upvals.len() => Some(String::new()),
        _ => None,
    }
}

fn getupvalue(vm: &mut Vm) -> LResult<usize> {
    let n = vm.check_int(2)?;
    let f = check_function(vm, 1)?;
    let Some(name) = upvalue_name(f, n) else {
        return Ok(0);
    };
    let i = (n - 1) as usize;
    let v = match f {
        Value::LFn(cl) => cl.upvals[i].get(),
        Value::NFn(nc) => nc.upvals[i],
        _ => Value::Nil,
    };
    let s = vm.str_value(name.as_bytes());
    vm.ret(&[s, v])
}

fn setupvalue(vm: &mut Vm) -> LResult<usize> {
    let v = vm.check_any(3)?;
    let n = vm.check_int(2)?;
    let f = check_function(vm, 1)?;
    let Some(name) = upvalue_name(f, n) else {
        return Ok(0);
    };
    let i = (n - 1) as usize;
    match f {
        Value::LFn(cl) => cl.upvals[i].set(v),
        Value::NFn(nc) => nc.get_mut().upvals[i] = v,
        _ => {}
    }
    let s = vm.str_value(name.as_bytes());
    vm.ret1(s)
}

/// The identity of upvalue `n` of function `f` (PUC's `lua_upvalueid`).
fn upvalue_id(f: Value, n: i64) -> Option<usize> {
    let i = usize::try_from(n).ok()?.checked_sub(1)?;
    match f {
        Value::LFn(cl) => cl.upvals.get(i).map(|u| u.addr()),
        Value::NFn(nc) => nc.upvals.get(i).map(|v| v as *const Value as usize),
        _ => None,
    }
}

/// PUC's `checkupval`: (upvalue index, its id).
fn check_upval(vm: &mut Vm, argf: usize, argnup: usize) -> LResult<(i64, Option<usize>)> {
    let n = vm.check_int(argnup)?;
    let f = check_function(vm, argf)?;
    Ok((n, upvalue_id(f, n)))
}

fn upvalueid(vm: &mut Vm) -> LResult<usize> {
    let (_, id) = check_upval(vm, 1, 2)?;
    vm.ret1(id.map_or(Value::Nil, Value::LightUserData))
}

fn upvaluejoin(vm: &mut Vm) -> LResult<usize> {
    let (n1, id1) = check_upval(vm, 1, 2)?;
    if id1.is_none() {
        return Err(vm.arg_error(2, "invalid upvalue index"));
    }
    let (n2, id2) = check_upval(vm, 3, 4)?;
    if id2.is_none() {
        return Err(vm.arg_error(4, "invalid upvalue index"));
    }
    let Value::LFn(f1) = vm.arg(1) else {
        return Err(vm.arg_error(1, "Lua function expected"));
    };
    let Value::LFn(f2) = vm.arg(3) else {
        return Err(vm.arg_error(3, "Lua function expected"));
    };
    let uv = f2.upvals[(n2 - 1) as usize];
    f1.get_mut().upvals[(n1 - 1) as usize] = uv;
    Ok(0)
}

// ---- metatables, registry, user values ------------------------------------------------

fn getregistry(vm: &mut Vm) -> LResult<usize> {
    let r = vm.registry;
    vm.ret1(Value::Table(r))
}

fn getmetatable(vm: &mut Vm) -> LResult<usize> {
    let v = vm.check_any(1)?;
    let mt = vm.metatable_of(&v).map_or(Value::Nil, Value::Table);
    vm.ret1(mt)
}

fn setmetatable(vm: &mut Vm) -> LResult<usize> {
    let mt = match vm.arg(2) {
        Value::Nil => None,
        Value::Table(t) => Some(t),
        _ => return Err(vm.arg_type_error(2, "nil or table")),
    };
    if vm.arg_count() < 2 {
        return Err(vm.arg_type_error(2, "nil or table"));
    }
    let v = vm.arg(1);
    match v {
        Value::Table(_) | Value::UserData(_) => vm.set_metatable(v, mt),
        _ => vm.type_mt[v.lua_type() as usize] = mt,
    }
    vm.set_top_args(1);
    Ok(1)
}

fn getuservalue(vm: &mut Vm) -> LResult<usize> {
    let n = vm.opt_int(2, 1)?;
    match vm.arg(1) {
        Value::UserData(u) if n == 1 => {
            let v = u.user_value;
            vm.ret(&[v, Value::Bool(true)])
        }
        _ => vm.ret1(Value::Nil),
    }
}

fn setuservalue(vm: &mut Vm) -> LResult<usize> {
    let n = vm.opt_int(3, 1)?;
    let Value::UserData(u) = vm.arg(1) else {
        return Err(vm.arg_type_error(1, "userdata"));
    };
    let v = vm.check_any(2)?;
    if n != 1 {
        return vm.ret1(Value::Nil);
    }
    u.get_mut().user_value = v;
    vm.ret1(Value::UserData(u))
}

// ---- hooks ------------------------------------------------------------------------------

/// The hook settings of each thread, by the thread's address: (mask, count). The hook
/// functions themselves live in the registry table `_HOOKKEY`, keyed by thread, so
/// that the collector sees them.
#[derive(Default)]
struct Hooks {
    masks: HashMap<usize, (String, i64)>,
}

const HOOKKEY: &str = "_HOOKKEY";
const HOOKS_DATA: &str = "debug.hooks";

fn hook_table(vm: &mut Vm) -> GcRef<moonvm_vm::table::Table> {
    let reg = vm.registry;
    let k = vm.new_str(HOOKKEY.as_bytes());
    if let Value::Table(t) = reg.get_str(k) {
        return t;
    }
    let t = vm.new_table(0, 2);
    vm.set_field(reg, HOOKKEY, Value::Table(t));
    // As PUC: the table is its own metatable, with weak keys.
    let mode = vm.str_value(b"k");
    vm.set_field(t, "__mode", mode);
    t.get_mut().metatable = Some(t);
    t
}

fn hooks(vm: &mut Vm) -> &mut Hooks {
    let entry = vm
        .lib_data
        .entry(HOOKS_DATA)
        .or_insert_with(|| Box::new(Hooks::default()));
    if !entry.is::<Hooks>() {
        *entry = Box::new(Hooks::default());
    }
    entry
        .downcast_mut::<Hooks>()
        .expect("the hook state was just made a Hooks")
}

fn sethook(vm: &mut Vm) -> LResult<usize> {
    let (th, arg) = get_thread(vm);
    let thread = th.unwrap_or(vm.cur_thread);
    let f = vm.arg(arg + 1);
    let (f, mask, count) = if f.is_nil() {
        (Value::Nil, String::new(), 0)
    } else {
        let smask = vm.check_str(arg + 2)?.as_bytes().to_vec();
        if !f.is_function() {
            return Err(vm.arg_type_error(arg + 1, "function"));
        }
        let count = vm.opt_int(arg + 3, 0)?;
        let mut mask = String::new();
        for (c, ch) in [(b'c', 'c'), (b'r', 'r'), (b'l', 'l')] {
            if smask.contains(&c) {
                mask.push(ch);
            }
        }
        if mask.is_empty() && count <= 0 {
            // `lua_sethook` turns hooks off when the mask is empty.
            (f, mask, 0)
        } else {
            (f, mask, count.clamp(0, i32::MAX as i64))
        }
    };
    let t = hook_table(vm);
    vm.raw_set(t, Value::Thread(thread), f)?;
    let active = !f.is_nil() && (!mask.is_empty() || count > 0);
    let key = thread.addr();
    let bits = if active {
        let mut b = 0;
        for (ch, bit) in [
            ('c', moonvm_vm::hooks::MASK_CALL),
            ('r', moonvm_vm::hooks::MASK_RET),
            ('l', moonvm_vm::hooks::MASK_LINE),
        ] {
            if mask.contains(ch) {
                b |= bit;
            }
        }
        if count > 0 {
            b |= moonvm_vm::hooks::MASK_COUNT;
        }
        b
    } else {
        0
    };
    vm.set_hook(thread, bits, count as u32);
    let h = hooks(vm);
    if active {
        h.masks.insert(key, (mask, count));
    } else {
        h.masks.remove(&key);
    }
    Ok(0)
}

fn gethook(vm: &mut Vm) -> LResult<usize> {
    let (th, _) = get_thread(vm);
    let thread = th.unwrap_or(vm.cur_thread);
    let key = thread.addr();
    let Some((mask, count)) = hooks(vm).masks.get(&key).cloned() else {
        return vm.ret1(Value::Nil);
    };
    let t = hook_table(vm);
    let f = vm.raw_get(t, Value::Thread(thread));
    let m = vm.str_value(mask.as_bytes());
    vm.ret(&[f, m, Value::Int(count)])
}

// ---- the rest -----------------------------------------------------------------------------

fn traceback(vm: &mut Vm) -> LResult<usize> {
    let (th, arg) = get_thread(vm);
    let msg: Option<Vec<u8>> = match vm.arg(arg + 1) {
        Value::Nil => None,
        Value::Str(s) => Some(s.as_bytes().to_vec()),
        v @ (Value::Int(_) | Value::Float(_)) => {
            let mut buf = Vec::new();
            Vm::append_tostr(&mut buf, &v);
            Some(buf)
        }
        v => return vm.ret1(v),
    };
    let other = matches!(th, Some(t) if t != vm.cur_thread);
    let level = vm.opt_int(arg + 2, if other { 0 } else { 1 })?;
    let level = usize::try_from(level).unwrap_or(usize::MAX);
    let tb = in_thread(vm, th, |vm| vm.traceback(None, level));
    let mut out = Vec::new();
    if let Some(m) = msg {
        out.extend_from_slice(&m);
        out.push(b'\n');
    }
    out.extend_from_slice(tb.as_bytes());
    let s = vm.str_value(&out);
    vm.ret1(s)
}

/// `debug.debug`: read and run lines from standard input until "cont".
fn debug(vm: &mut Vm) -> LResult<usize> {
    use std::io::{BufRead, Write};
    loop {
        eprint!("lua_debug> ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => return Ok(0),
            Ok(_) => {}
        }
        if line == "cont\n" {
            return Ok(0);
        }
        let base = vm.ts.top;
        let err = match moonvm_compiler::compile_source(line.as_bytes(), "=(debug command)") {
            Ok(proto) => {
                let p = vm.load_proto(&proto);
                let g = Value::Table(vm.globals);
                let cl = vm.new_main_closure(p, g);
                vm.push(Value::LFn(cl));
                vm.try_call_value(Value::LFn(cl), &[])
                    .err()
                    .map(|e| e.value)
            }
            Err(msg) => Some(vm.str_value(msg.as_bytes())),
        };
        vm.ts.top = base;
        if let Some(e) = err {
            vm.push(e);
            let msg = vm.to_display_bytes(e)?;
            vm.ts.top = base;
            let mut stderr = std::io::stderr();
            let _ = stderr.write_all(&msg);
            let _ = stderr.write_all(b"\n");
        }
    }
}

/// `debug.setcstacklimit` (deprecated in 5.4): does nothing and returns 0.
fn setcstacklimit(vm: &mut Vm) -> LResult<usize> {
    vm.check_int(1)?;
    vm.ret1(Value::Int(0))
}
