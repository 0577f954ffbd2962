//! Debug information for messages: variable hints ("global 'x'"), function names,
//! source positions and tracebacks (PUC's `ldebug.c` and `luaL_traceback`).

use crate::error::LuaError;
use crate::func::LuaProto;
use crate::gc::heap::GcRef;
use crate::state::Vm;
use crate::thread::{flags, FrameFn, Thread};
use crate::value::Value;
use moonvm_bytecode::opcode::*;
use moonvm_bytecode::{chunk_id, OpCode};

/// A level of a thread's stack as `lua_getstack` counts them (`Vm::stack_level`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StackLevel {
    /// The frame `ts.frames[ci]`.
    Frame(usize),
    /// The `pcall`/`xpcall` native call whose frame the function of frame `ci`
    /// replaced (that frame is flagged PCALL or XPCALL).
    Protected(usize),
    /// The host's call into the main thread's first frame.
    Host,
}

/// Where an operand of a failing operation came from, for the variable hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    /// A register of the current Lua frame.
    Reg(u32),
    /// An upvalue of the current Lua closure.
    Upval(u32),
    /// A constant or anything else without a name.
    None,
}

/// Whether an instruction writes register A (PUC's `testAMode`).
fn sets_a(op: OpCode) -> bool {
    use OpCode::*;
    !matches!(
        op,
        SetUpval
            | SetTabUp
            | SetTable
            | SetI
            | SetField
            | Close
            | Tbc
            | Jmp
            | Eq
            | Lt
            | Le
            | EqK
            | EqI
            | LtI
            | LeI
            | GtI
            | GeI
            | Test
            | Return
            | Return0
            | Return1
            | TForPrep
            | TForCall
            | SetList
            | ExtraArg
    )
}

/// The last instruction before `lastpc` that wrote `reg`, if it is not inside a
/// conditional region (PUC's `findsetreg`).
fn find_set_reg(p: &LuaProto, lastpc: usize, reg: u32) -> Option<usize> {
    let mut setreg: Option<usize> = None;
    let mut jmptarget = 0usize;
    for pc in 0..lastpc.min(p.code.len()) {
        let i = p.code[pc];
        let Some(op) = OpCode::from_u8(get_op(i)) else {
            continue;
        };
        let a = get_a(i);
        let change = match op {
            OpCode::LoadNil => a <= reg && reg <= a + get_b(i),
            OpCode::TForCall => reg >= a + 2,
            OpCode::Call | OpCode::TailCall => reg >= a,
            OpCode::Jmp => {
                let dest = pc as i64 + 1 + get_sj(i) as i64;
                if dest <= lastpc as i64 && dest > jmptarget as i64 {
                    jmptarget = dest as usize;
                }
                false
            }
            _ => sets_a(op) && reg == a,
        };
        if change {
            setreg = if pc < jmptarget { None } else { Some(pc) };
        }
    }
    setreg
}

fn const_str(p: &LuaProto, idx: usize) -> Option<String> {
    match p.k.get(idx) {
        Some(Value::Str(s)) => Some(s.to_str_lossy().into_owned()),
        _ => None,
    }
}

fn upval_name(p: &LuaProto, idx: usize) -> String {
    p.upvals
        .get(idx)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| "?".to_string())
}

/// Name of the register used as a key (`rname`): a constant string, or "?".
fn reg_key_name(p: &LuaProto, pc: usize, reg: u32) -> String {
    match obj_name(p, pc, reg) {
        Some(("constant", n)) => n,
        _ => "?".to_string(),
    }
}

/// "global" if the table operand is the `_ENV` upvalue/local, else "field".
fn global_or_field(p: &LuaProto, pc: usize, i: Instruction, is_up: bool) -> &'static str {
    let t = get_b(i);
    let name = if is_up {
        Some(upval_name(p, t as usize))
    } else {
        // Only a local or an upvalue can be the variable _ENV (not a field `a._ENV`).
        obj_name(p, pc, t)
            .filter(|(kind, _)| matches!(*kind, "local" | "upvalue"))
            .map(|(_, n)| n)
    };
    if name.as_deref() == Some("_ENV") {
        "global"
    } else {
        "field"
    }
}

/// What register `reg` holds at `lastpc`: ("local"|"global"|"field"|"upvalue"|
/// "constant"|"method", name) (PUC's `getobjname`).
pub fn obj_name(p: &LuaProto, lastpc: usize, reg: u32) -> Option<(&'static str, String)> {
    if let Some(n) = p.local_name(reg as usize + 1, lastpc) {
        return Some(("local", n.to_string()));
    }
    let pc = find_set_reg(p, lastpc, reg)?;
    let i = p.code[pc];
    match OpCode::from_u8(get_op(i))? {
        OpCode::Move => {
            let b = get_b(i);
            if b < get_a(i) {
                return obj_name(p, pc, b);
            }
            None
        }
        OpCode::GetTabUp => {
            let k = const_str(p, get_c(i) as usize).unwrap_or_else(|| "?".into());
            Some((global_or_field(p, pc, i, true), k))
        }
        OpCode::GetTable => {
            let k = reg_key_name(p, pc, get_c(i));
            Some((global_or_field(p, pc, i, false), k))
        }
        OpCode::GetI => Some(("field", "integer index".to_string())),
        OpCode::GetField => {
            let k = const_str(p, get_c(i) as usize).unwrap_or_else(|| "?".into());
            Some((global_or_field(p, pc, i, false), k))
        }
        OpCode::GetUpval => Some(("upvalue", upval_name(p, get_b(i) as usize))),
        OpCode::LoadK => const_str(p, get_bx(i) as usize).map(|s| ("constant", s)),
        OpCode::LoadKX => {
            let ax = p.code.get(pc + 1).map(|&n| get_ax(n)).unwrap_or(0);
            const_str(p, ax as usize).map(|s| ("constant", s))
        }
        OpCode::Self_ => {
            let name = if get_k(i) {
                const_str(p, get_c(i) as usize)
            } else {
                None
            };
            Some((
                "method",
                name.unwrap_or_else(|| reg_key_name(p, pc, get_c(i))),
            ))
        }
        _ => None,
    }
}

/// How the instruction at `pc` calls a function: ("global", "f"), ("method", "m"),
/// ("for iterator", ...), ("metamethod", "index") (PUC's `funcnamefromcode`).
pub fn func_name_from_code(p: &LuaProto, pc: usize) -> Option<(&'static str, String)> {
    let i = *p.code.get(pc)?;
    let op = OpCode::from_u8(get_op(i))?;
    let tm = match op {
        OpCode::Call | OpCode::TailCall => return obj_name(p, pc, get_a(i)),
        OpCode::TForCall => return Some(("for iterator", "for iterator".to_string())),
        OpCode::Self_ | OpCode::GetTabUp | OpCode::GetTable | OpCode::GetI | OpCode::GetField => {
            "index"
        }
        OpCode::SetTabUp | OpCode::SetTable | OpCode::SetI | OpCode::SetField => "newindex",
        OpCode::AddI | OpCode::AddK | OpCode::Add => "add",
        OpCode::SubK | OpCode::Sub => "sub",
        OpCode::MulK | OpCode::Mul => "mul",
        OpCode::ModK | OpCode::Mod => "mod",
        OpCode::PowK | OpCode::Pow => "pow",
        OpCode::DivK | OpCode::Div => "div",
        OpCode::IDivK | OpCode::IDiv => "idiv",
        OpCode::BAndK | OpCode::BAnd => "band",
        OpCode::BOrK | OpCode::BOr => "bor",
        OpCode::BXorK | OpCode::BXor => "bxor",
        OpCode::ShlI | OpCode::Shl => "shl",
        OpCode::ShrI | OpCode::Shr => "shr",
        OpCode::Unm => "unm",
        OpCode::BNot => "bnot",
        OpCode::Len => "len",
        OpCode::Concat => "concat",
        OpCode::Eq | OpCode::EqK | OpCode::EqI => "eq",
        OpCode::Lt | OpCode::LtI | OpCode::GtI => "lt",
        OpCode::Le | OpCode::LeI | OpCode::GeI => "le",
        OpCode::Close | OpCode::Return => "close",
        _ => return None,
    };
    Some(("metamethod", tm.to_string()))
}

impl Vm {
    /// The Lua closure's prototype running in frame `ci`, if it is a Lua frame.
    fn frame_proto(&self, ci: usize) -> Option<GcRef<LuaProto>> {
        match self.ts.frames.get(ci)?.func_obj {
            FrameFn::Lua(cl) => Some(cl.proto),
            FrameFn::Native(_) => None,
        }
    }

    /// The pc of the instruction frame `ci` is executing.
    fn current_pc(&self, ci: usize) -> usize {
        self.ts.frames[ci].pc.saturating_sub(1)
    }

    /// " (local 'x')" style hint for an operand of the current instruction.
    pub fn var_info(&self, loc: Loc) -> String {
        let Some(ci) = self.ts.frames.len().checked_sub(1) else {
            return String::new();
        };
        let Some(p) = self.frame_proto(ci) else {
            return String::new();
        };
        let found = match loc {
            Loc::Reg(r) => obj_name(&p, self.current_pc(ci), r),
            Loc::Upval(u) => Some(("upvalue", upval_name(&p, u as usize))),
            Loc::None => None,
        };
        match found {
            Some((kind, name)) => format!(" ({kind} '{name}')"),
            None => String::new(),
        }
    }

    /// Type name for messages, honouring `__name` (PUC's `luaT_objtypename`).
    pub fn type_name_mt(&mut self, v: &Value) -> String {
        if matches!(v, Value::Table(_) | Value::UserData(_)) {
            if let Value::Str(s) = self.metafield(v, "__name") {
                return s.to_str_lossy().into_owned();
            }
        }
        v.type_name().to_string()
    }

    /// "attempt to <op> a <type> value<hint>".
    pub fn type_error(&mut self, v: &Value, loc: Loc, op: &str) -> LuaError {
        let t = self.type_name_mt(v);
        let info = self.var_info(loc);
        self.rt_error(&format!("attempt to {op} a {t} value{info}"))
    }

    /// The error for calling the non-callable value in stack slot `func`.
    pub(crate) fn call_error(&mut self, func: usize) -> LuaError {
        let v = self.ts.stack[func];
        let ci = self.ts.frames.len() - 1;
        if let Some(p) = self.frame_proto(ci) {
            if let Some((kind, name)) = func_name_from_code(&p, self.current_pc(ci)) {
                let t = self.type_name_mt(&v);
                return self.rt_error(&format!("attempt to call a {t} value ({kind} '{name}')"));
            }
        }
        let loc = match self.ts.frames.last() {
            Some(ci) if matches!(ci.func_obj, FrameFn::Lua(_)) && func >= ci.base => {
                Loc::Reg((func - ci.base) as u32)
            }
            _ => Loc::None,
        };
        self.type_error(&v, loc, "call")
    }

    /// "chunk:line: " for the function `level` levels below the top, if it is Lua
    /// (level 0 is the running function, as in `luaL_where` level 1 from a native).
    /// Levels are counted as `stack_level` does, so `error(msg, 2)` in a function
    /// called by `pcall` designates `pcall` (no position).
    pub fn where_(&self, level: usize) -> Option<String> {
        let StackLevel::Frame(ci) = self.stack_level(level)? else {
            return None;
        };
        let p = self.frame_proto(ci)?;
        if p.line_info.is_empty() {
            // No line information (a stripped function): a runtime error says
            // "?:-1:" (PUC's luaG_runerror), `luaL_where` says nothing.
            return (level == 0).then(|| format!("{}:-1: ", chunk_id(&p.source)));
        }
        let line = p.line_at(self.current_pc(ci));
        Some(format!("{}:{}: ", chunk_id(&p.source), line))
    }

    /// `luaL_error`: an error from a native function, positioned at its caller.
    pub fn lib_error(&mut self, msg: &str) -> LuaError {
        let full = match self.where_(1) {
            Some(w) => format!("{w}{msg}"),
            None => msg.to_string(),
        };
        self.error_str(&full)
    }

    /// How the function running in frame `ci` was called: (namewhat, name).
    pub fn frame_func_name(&self, ci: usize) -> Option<(&'static str, String)> {
        let frame = self.ts.frames.get(ci)?;
        if frame.flags & flags::TAIL != 0 || ci == 0 {
            return None;
        }
        if frame.flags & (flags::PCALL | flags::XPCALL) != 0 {
            return None;
        }
        let caller = ci - 1;
        let p = self.frame_proto(caller)?;
        let pc = self.current_pc(caller);
        func_name_from_code(&p, pc)
    }

    /// Search `package.loaded` for a function value: "string.rep", "print".
    pub fn global_func_name(&mut self, f: &Value) -> Option<String> {
        let key = self.new_str(b"_LOADED");
        let loaded = self.registry.get_str(key).as_table()?;
        let mut k = Value::Nil;
        while let Ok(Some((mk, mv))) = loaded.next(&k) {
            k = mk;
            let (Value::Str(modname), Value::Table(m)) = (mk, mv) else {
                continue;
            };
            let mut k2 = Value::Nil;
            while let Ok(Some((fk, fv))) = m.next(&k2) {
                k2 = fk;
                if let Value::Str(fname) = fk {
                    if fv.raw_eq(f) {
                        let mn = modname.to_str_lossy();
                        let fname = fname.to_str_lossy();
                        return Some(if mn == "_G" {
                            fname.into_owned()
                        } else {
                            format!("{mn}.{fname}")
                        });
                    }
                }
            }
        }
        None
    }

    /// The name of the running native function for "bad argument" messages:
    /// (name, is_method).
    pub fn current_func_name(&mut self) -> (String, bool) {
        let ci = self.ts.frames.len() - 1;
        if let Some((what, name)) = self.frame_func_name(ci) {
            return (name, what == "method");
        }
        let f = self.ts.stack[self.ts.frames[ci].func];
        match self.global_func_name(&f) {
            Some(n) => (n, false),
            None => ("?".to_string(), false),
        }
    }

    /// Name of the local variable in absolute stack slot `idx` of the current frame.
    pub(crate) fn local_var_name_at(&self, idx: usize) -> Option<String> {
        let ci = self.ts.frames.len().checked_sub(1)?;
        let p = self.frame_proto(ci)?;
        let base = self.ts.frames[ci].base;
        let reg = idx.checked_sub(base)?;
        p.local_name(reg + 1, self.current_pc(ci))
            .map(|s| s.to_string())
    }

    /// `luaL_traceback` of the running thread, starting `level` levels below the top
    /// (level 0 is the running function; levels are counted as `stack_level` does).
    pub fn traceback(&mut self, msg: Option<&str>, level: usize) -> String {
        const LEVELS1: usize = 10;
        const LEVELS2: usize = 11;
        let mut out = String::new();
        if let Some(m) = msg {
            out.push_str(m);
            out.push('\n');
        }
        out.push_str("stack traceback:");
        let levels = self.stack_level_list();
        if level >= levels.len() {
            return out;
        }
        let last = levels.len() - 1;
        let mut limit2show: Option<usize> = (last - level > LEVELS1 + LEVELS2).then_some(LEVELS1);
        let mut lv = level;
        while lv <= last {
            let cur = lv;
            lv += 1;
            if limit2show == Some(0) {
                limit2show = None;
                // As PUC: the count printed is one less than the levels left out.
                let skip = last - cur - LEVELS2;
                out.push_str(&format!("\n\t...\t(skipping {skip} levels)"));
                lv += skip;
                continue;
            }
            limit2show = limit2show.map(|l| l - 1);
            let sl = levels[cur];
            out.push_str("\n\t");
            let f = self.level_func(sl);
            let (tail, desc_default) = match sl {
                StackLevel::Frame(ci) => {
                    let frame = self.ts.frames[ci];
                    let desc = match frame.func_obj {
                        FrameFn::Native(_) => {
                            out.push_str("[C]: in ");
                            "?".to_string()
                        }
                        FrameFn::Lua(cl) => {
                            let p = cl.proto;
                            if p.line_info.is_empty() {
                                // No line information (a stripped function).
                                out.push_str(&format!("{}: in ", chunk_id(&p.source)));
                            } else {
                                let line = p.line_at(frame.pc.saturating_sub(1));
                                out.push_str(&format!("{}:{}: in ", chunk_id(&p.source), line));
                            }
                            if p.line_defined == 0 {
                                "main chunk".to_string()
                            } else {
                                format!("function <{}:{}>", chunk_id(&p.source), p.line_defined)
                            }
                        }
                    };
                    (frame.flags & flags::TAIL != 0, desc)
                }
                StackLevel::Protected(_) | StackLevel::Host => {
                    out.push_str("[C]: in ");
                    (false, "?".to_string())
                }
            };
            let desc = if let Some(g) = self.global_func_name(&f) {
                format!("function '{g}'")
            } else if let Some((what, name)) = self.level_func_name(sl) {
                if what == "global" {
                    format!("function '{name}'")
                } else {
                    format!("{what} '{name}'")
                }
            } else {
                desc_default
            };
            out.push_str(&desc);
            if tail {
                out.push_str("\n\t(...tail calls...)");
            }
        }
        out
    }

    /// Stack level `level` of the running thread as `lua_getstack` counts them:
    /// level 0 is the running function. A function run by `pcall`/`xpcall` replaces
    /// the native's frame, which still counts as the level below it, and on the main
    /// thread the host's call into the first frame is one more level (lua.c's `pmain`).
    pub fn stack_level(&self, level: usize) -> Option<StackLevel> {
        let mut left = level;
        for ci in (0..self.ts.frames.len()).rev() {
            if left == 0 {
                return Some(StackLevel::Frame(ci));
            }
            left -= 1;
            let fl = self.ts.frames[ci].flags;
            if fl & (flags::PCALL | flags::XPCALL) != 0 && fl & flags::KEPT == 0 {
                if left == 0 {
                    return Some(StackLevel::Protected(ci));
                }
                left -= 1;
            }
        }
        if left == 0 && !self.ts.frames.is_empty() && self.cur_thread == self.main_thread {
            return Some(StackLevel::Host);
        }
        None
    }

    /// All levels of the running thread, top first (see `stack_level`).
    pub fn stack_level_list(&self) -> Vec<StackLevel> {
        let mut v = Vec::with_capacity(self.ts.frames.len() + 1);
        for ci in (0..self.ts.frames.len()).rev() {
            v.push(StackLevel::Frame(ci));
            let fl = self.ts.frames[ci].flags;
            if fl & (flags::PCALL | flags::XPCALL) != 0 && fl & flags::KEPT == 0 {
                v.push(StackLevel::Protected(ci));
            }
        }
        if !v.is_empty() && self.cur_thread == self.main_thread {
            v.push(StackLevel::Host);
        }
        v
    }

    /// The function running at a level (nil for the host level).
    pub fn level_func(&self, lv: StackLevel) -> Value {
        let slot = match lv {
            StackLevel::Frame(ci) => self.ts.frames[ci].func,
            StackLevel::Protected(ci) => {
                let frame = self.ts.frames[ci];
                let below = if frame.flags & flags::PCALL != 0 {
                    1
                } else {
                    2
                };
                match frame.func.checked_sub(below) {
                    Some(s) => s,
                    None => return Value::Nil,
                }
            }
            StackLevel::Host => return Value::Nil,
        };
        self.ts.stack.get(slot).copied().unwrap_or(Value::Nil)
    }

    /// How the function at a level was called: (namewhat, name).
    pub fn level_func_name(&self, lv: StackLevel) -> Option<(&'static str, String)> {
        match lv {
            StackLevel::Frame(ci) => self.frame_func_name(ci),
            StackLevel::Protected(ci) => {
                let caller = ci.checked_sub(1)?;
                let p = self.frame_proto(caller)?;
                func_name_from_code(&p, self.current_pc(caller))
            }
            StackLevel::Host => None,
        }
    }

    /// Run `f` with the execution state of thread `co` in `self.ts` (and `co` as
    /// `cur_thread`), to inspect a coroutine that is not running (`debug.getinfo`,
    /// `debug.traceback` with a thread argument). `f` must not run Lua code.
    pub fn with_thread<R>(&mut self, co: GcRef<Thread>, f: impl FnOnce(&mut Vm) -> R) -> R {
        if co == self.cur_thread {
            return f(self);
        }
        let prev = self.cur_thread;
        std::mem::swap(&mut self.ts, &mut prev.get_mut().state);
        std::mem::swap(&mut self.ts, &mut co.get_mut().state);
        self.cur_thread = co;
        let r = f(self);
        std::mem::swap(&mut self.ts, &mut co.get_mut().state);
        std::mem::swap(&mut self.ts, &mut prev.get_mut().state);
        self.cur_thread = prev;
        r
    }
}
