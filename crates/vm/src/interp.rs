//! The interpreter loop (PUC's `lvm.c`): one `match` over the opcode with the common
//! cases inline and every slow path (metamethods, conversions, errors, allocation)
//! in out-of-line functions, so the hot loop stays small.
//!
//! Registers are accessed through a raw pointer to the frame's base slot. Invariant
//! (established by `push_lua_frame`): the stack holds at least `base + max_stack`
//! slots and never shrinks while the frame is live; the pointer is reloaded
//! (`reload!`) after every operation that can reallocate the stack (calls,
//! metamethods, stack growth).

use crate::arith::{float_arith, int_arith};
use crate::call::Called;
use crate::debug::Loc;
use crate::error::{LResult, LuaError};
use crate::func::LClosure;
use crate::gc::heap::ObjKind;
use crate::index::norm_key;
use crate::number;
use crate::state::Vm;
use crate::thread::{flags, FrameFn};
use crate::tm::Tm;
use crate::value::{copy_value, Value};
use moonvm_bytecode::opcode::*;
use moonvm_bytecode::OpCode;

impl Vm {
    /// Run the Lua frame `entry` (already pushed) and everything it calls until it
    /// returns. Returns `Ok(true)` if the running coroutine yielded instead.
    pub(crate) fn execute(&mut self, entry: usize) -> LResult<bool> {
        loop {
            // A copy of the loop with the hook checks compiled in runs only while a
            // hook is set, so hooks cost nothing otherwise.
            let r = if self.ts.hook_mask != 0 {
                self.run::<true>(entry)
            } else {
                self.run::<false>(entry)
            };
            match r {
                Err(e) if e.kind == crate::error::ErrorKind::Rerun => continue,
                Ok(y) => return Ok(y),
                Err(e) if e.kind == crate::error::ErrorKind::Yield => return Ok(true),
                Err(e) => {
                    // A frame called through `pcall` in this activation catches it.
                    let found = (entry..self.ts.frames.len())
                        .rev()
                        .find(|&f| self.ts.frames[f].flags & (flags::PCALL | flags::XPCALL) != 0);
                    match found {
                        Some(idx) => {
                            self.recover(idx, e);
                            if idx == entry {
                                return Ok(false);
                            }
                        }
                        None => return Err(e),
                    }
                }
            }
        }
    }

    /// Finish a pcall'd frame `idx` with an error: results `false, err`.
    fn recover(&mut self, idx: usize, e: LuaError) {
        let frame = self.ts.frames[idx];
        let e = if frame.flags & flags::XPCALL != 0 {
            let h = self.ts.stack[frame.func - 1];
            self.call_handler(h, e)
        } else {
            e
        };
        let dest = frame.func
            - if frame.flags & flags::PCALL != 0 {
                1
            } else {
                2
            };
        let e = self.unwind_to(idx, frame.func, e);
        self.ts.stack[dest] = Value::Bool(false);
        self.ts.stack[dest + 1] = e.value;
        match frame.nresults {
            n if n < 0 => self.ts.top = dest + 2,
            n => {
                for i in 2..n as usize {
                    self.ts.stack[dest + i] = Value::Nil;
                }
                self.ts.top = dest + n as usize;
            }
        }
    }

    #[allow(clippy::cognitive_complexity)]
    fn run<const HOOKED: bool>(&mut self, entry: usize) -> LResult<bool> {
        'newframe: loop {
            let ci = self.ts.frames.len() - 1;
            let frame = &self.ts.frames[ci];
            let (cl, mut pc, base_idx) = match frame.func_obj {
                FrameFn::Lua(cl) => (cl, frame.pc, frame.base),
                FrameFn::Native(_)
                    if ci > entry && frame.flags & (flags::PCALL | flags::XPCALL) != 0 =>
                {
                    // A protected native (`xpcall(pcall, ...)`) whose own protected
                    // call ran as a frame above it has finished: its results are
                    // the values from its function slot to the top.
                    let n = self.ts.top - frame.func;
                    self.postcall(ci, n);
                    continue 'newframe;
                }
                FrameFn::Native(_) => {
                    return Err(self.error_str("internal error: native frame in interpreter"))
                }
            };
            let proto = cl.proto;
            let code = proto.code.as_ptr();
            let code_len = proto.code.len();
            let k = proto.k.as_ptr();
            // SAFETY (whole loop): see the module comment; `base` addresses
            // `base_idx..base_idx + max_stack`, all in bounds. `code`/`k` point into the
            // prototype, kept alive by the closure in the frame's function slot.
            let mut base: *mut Value = unsafe { self.ts.stack.as_mut_ptr().add(base_idx) };
            // Debug hooks: one flag test per frame entry, and per instruction only
            // when a hook is set.
            if HOOKED {
                if pc == 0 {
                    self.hook_call(ci)?;
                } else {
                    self.hook_resume_frame(pc);
                }
                // SAFETY: the hook may have moved the stack; re-derive the base.
                base = unsafe { self.ts.stack.as_mut_ptr().add(base_idx) };
            }

            macro_rules! r {
                ($x:expr) => {
                    *base.add($x as usize)
                };
            }
            macro_rules! kst {
                ($x:expr) => {
                    *k.add($x as usize)
                };
            }
            macro_rules! savepc {
                () => {
                    self.ts.frames[ci].pc = pc
                };
            }
            macro_rules! reload {
                () => {
                    base = self.ts.stack.as_mut_ptr().add(base_idx)
                };
            }
            macro_rules! protect {
                ($e:expr) => {{
                    savepc!();
                    let v = $e;
                    reload!();
                    v
                }};
            }
            macro_rules! cond_jump {
                ($cond:expr, $i:expr) => {{
                    if $cond != get_k($i) {
                        pc += 1;
                    } else {
                        let ni = *code.add(pc);
                        pc = (pc as isize + 1 + get_sj(ni) as isize) as usize;
                    }
                }};
            }
            // Arithmetic fast paths read the operands in place (no copies) and
            // store the result in each arm, so only the tag and payload are written.
            macro_rules! arith {
                ($i:expr, $tm:expr, $pb:expr, $pc:expr, $lb:expr, $lc:expr) => {{
                    let pb: *const Value = $pb;
                    let pc2: *const Value = $pc;
                    let ra = base.add(get_a($i) as usize);
                    match (&*pb, &*pc2) {
                        (Value::Int(x), Value::Int(y)) => *ra = Value::Int(int_arith($tm, *x, *y)),
                        (Value::Float(x), Value::Float(y)) => {
                            *ra = Value::Float(float_arith($tm, *x, *y))
                        }
                        (Value::Int(x), Value::Float(y)) => {
                            *ra = Value::Float(float_arith($tm, *x as f64, *y))
                        }
                        (Value::Float(x), Value::Int(y)) => {
                            *ra = Value::Float(float_arith($tm, *x, *y as f64))
                        }
                        _ => {
                            let (vb, vc) = (*pb, *pc2);
                            let v = protect!(self.arith_slow($tm, vb, vc, $lb, $lc)?);
                            r!(get_a($i)) = v;
                        }
                    }
                }};
            }
            // Integer division and modulo: zero divisors go the slow way (error).
            macro_rules! arith_div {
                ($i:expr, $tm:expr, $pb:expr, $pc:expr, $lb:expr, $lc:expr) => {{
                    let pb: *const Value = $pb;
                    let pc2: *const Value = $pc;
                    let ra = base.add(get_a($i) as usize);
                    match (&*pb, &*pc2) {
                        (Value::Int(x), Value::Int(y)) if *y != 0 => {
                            *ra = Value::Int(int_arith($tm, *x, *y))
                        }
                        (Value::Float(x), Value::Float(y)) => {
                            *ra = Value::Float(float_arith($tm, *x, *y))
                        }
                        (Value::Int(x), Value::Float(y)) => {
                            *ra = Value::Float(float_arith($tm, *x as f64, *y))
                        }
                        (Value::Float(x), Value::Int(y)) => {
                            *ra = Value::Float(float_arith($tm, *x, *y as f64))
                        }
                        _ => {
                            let (vb, vc) = (*pb, *pc2);
                            let v = protect!(self.arith_slow($tm, vb, vc, $lb, $lc)?);
                            r!(get_a($i)) = v;
                        }
                    }
                }};
            }
            // `/` and `^`: always float.
            macro_rules! arith_float {
                ($i:expr, $tm:expr, $pb:expr, $pc:expr, $lb:expr, $lc:expr) => {{
                    let pb: *const Value = $pb;
                    let pc2: *const Value = $pc;
                    let ra = base.add(get_a($i) as usize);
                    match (&*pb, &*pc2) {
                        (Value::Float(x), Value::Float(y)) => {
                            *ra = Value::Float(float_arith($tm, *x, *y))
                        }
                        (Value::Int(x), Value::Int(y)) => {
                            *ra = Value::Float(float_arith($tm, *x as f64, *y as f64))
                        }
                        (Value::Int(x), Value::Float(y)) => {
                            *ra = Value::Float(float_arith($tm, *x as f64, *y))
                        }
                        (Value::Float(x), Value::Int(y)) => {
                            *ra = Value::Float(float_arith($tm, *x, *y as f64))
                        }
                        _ => {
                            let (vb, vc) = (*pb, *pc2);
                            let v = protect!(self.arith_slow($tm, vb, vc, $lb, $lc)?);
                            r!(get_a($i)) = v;
                        }
                    }
                }};
            }
            macro_rules! bitwise {
                ($i:expr, $tm:expr, $pb:expr, $pc:expr, $lb:expr, $lc:expr) => {{
                    let pb: *const Value = $pb;
                    let pc2: *const Value = $pc;
                    match (&*pb, &*pc2) {
                        (Value::Int(x), Value::Int(y)) => {
                            r!(get_a($i)) = Value::Int(int_arith($tm, *x, *y))
                        }
                        _ => {
                            let (vb, vc) = (*pb, *pc2);
                            let v = protect!(self.arith_slow($tm, vb, vc, $lb, $lc)?);
                            r!(get_a($i)) = v;
                        }
                    }
                }};
            }

            // `t[k] = v` for a constant string key (SETFIELD, SETTABUP): store into an
            // existing slot, or a new key of a table without a metatable; otherwise the
            // metamethod path.
            macro_rules! set_str_key {
                ($pt:expr, $kidx:expr, $pv:expr, $loc:expr) => {{
                    let pt: *const Value = $pt;
                    let pv: *const Value = $pv;
                    if let (Value::Table(tab), Value::Str(key)) = (&*pt, &*k.add($kidx as usize)) {
                        if key.is_short() {
                            if let Some(n) = tab.find_short_str(*key) {
                                let tm = tab.get_mut();
                                let no_mt = tm.metatable.is_none();
                                let slot = tm.node_val_mut(n);
                                if no_mt || !slot.is_nil() {
                                    let revived = slot.is_nil();
                                    copy_value(slot, pv);
                                    if revived {
                                        // A key came back: a cached "no such
                                        // metamethod" may be wrong now.
                                        tm.flags = 0;
                                    }
                                    continue;
                                }
                            }
                        }
                        if self.fast_set(*tab, Value::Str(*key), *pv) {
                            continue;
                        }
                    }
                    let (t, key, v) = (*pt, kst!($kidx), *pv);
                    protect!(self.setindex_slow(t, key, v, $loc)?);
                }};
            }
            // `R[A] = t[k]` for a constant string key (GETFIELD, GETTABUP).
            macro_rules! get_str_key {
                ($i:expr, $pt:expr, $kidx:expr, $loc:expr) => {{
                    let pt: *const Value = $pt;
                    if let (Value::Table(tab), Value::Str(key)) = (&*pt, &*k.add($kidx as usize)) {
                        if key.is_short() {
                            match tab.find_short_str(*key) {
                                Some(n) => {
                                    let pv = tab.node_val(n);
                                    if !pv.is_nil() || tab.metatable.is_none() {
                                        copy_value(base.add(get_a($i) as usize), pv);
                                        continue;
                                    }
                                }
                                None => {
                                    if tab.metatable.is_none() {
                                        *base.add(get_a($i) as usize) = Value::Nil;
                                        continue;
                                    }
                                }
                            }
                        } else {
                            // Long-string key: `index_slow` expects the raw lookup
                            // to have been done.
                            let v = tab.get_str(*key);
                            if !v.is_nil() || tab.metatable.is_none() {
                                r!(get_a($i)) = v;
                                continue;
                            }
                        }
                    }
                    let (t, key) = (*pt, kst!($kidx));
                    let v = protect!(self.index_slow(t, key, $loc)?);
                    r!(get_a($i)) = v;
                }};
            }

            // Operands from the instruction: `R[B] op K[C]` and `R[B] op R[C]`.
            macro_rules! op_rk {
                ($mac:ident, $i:expr, $tm:expr) => {
                    $mac!(
                        $i,
                        $tm,
                        base.add(get_b($i) as usize),
                        k.add(get_c($i) as usize),
                        Loc::Reg(get_b($i)),
                        Loc::None
                    )
                };
            }
            macro_rules! op_rr {
                ($mac:ident, $i:expr, $tm:expr) => {
                    $mac!(
                        $i,
                        $tm,
                        base.add(get_b($i) as usize),
                        base.add(get_c($i) as usize),
                        Loc::Reg(get_b($i)),
                        Loc::Reg(get_c($i))
                    )
                };
            }

            // Commutative `*K` instructions: with the k bit set the compiler swapped
            // the operands (`K op R`), which matters only for the metamethod call.
            macro_rules! commutative_k {
                ($mac:ident, $i:expr, $tm:expr) => {{
                    let pb = base.add(get_b($i) as usize);
                    let pk = k.add(get_c($i) as usize);
                    if get_k($i) {
                        $mac!($i, $tm, pk, pb, Loc::None, Loc::Reg(get_b($i)))
                    } else {
                        $mac!($i, $tm, pb, pk, Loc::Reg(get_b($i)), Loc::None)
                    }
                }};
            }

            unsafe {
                loop {
                    debug_assert!(pc < code_len);
                    let _ = code_len;
                    if HOOKED {
                        // The hook sees this instruction as the current one.
                        self.ts.frames[ci].pc = pc + 1;
                        self.hook_instruction(ci, pc)?;
                        reload!();
                    }
                    let i = *code.add(pc);
                    pc += 1;
                    // SAFETY: code comes from the compiler (or a validated binary
                    // chunk), so every opcode number is in range.
                    let op: OpCode = std::mem::transmute::<u8, OpCode>(get_op(i));
                    match op {
                        OpCode::Move => {
                            copy_value(base.add(get_a(i) as usize), base.add(get_b(i) as usize));
                        }
                        OpCode::LoadI => {
                            r!(get_a(i)) = Value::Int(get_sbx(i) as i64);
                        }
                        OpCode::LoadF => {
                            r!(get_a(i)) = Value::Float(get_sbx(i) as f64);
                        }
                        OpCode::LoadK => {
                            copy_value(base.add(get_a(i) as usize), k.add(get_bx(i) as usize));
                        }
                        OpCode::LoadKX => {
                            let ax = get_ax(*code.add(pc));
                            pc += 1;
                            copy_value(base.add(get_a(i) as usize), k.add(ax as usize));
                        }
                        OpCode::LoadFalse => {
                            r!(get_a(i)) = Value::Bool(false);
                        }
                        OpCode::LFalseSkip => {
                            r!(get_a(i)) = Value::Bool(false);
                            pc += 1;
                        }
                        OpCode::LoadTrue => {
                            r!(get_a(i)) = Value::Bool(true);
                        }
                        OpCode::LoadNil => {
                            let a = get_a(i);
                            for j in 0..=get_b(i) {
                                r!(a + j) = Value::Nil;
                            }
                        }
                        OpCode::GetUpval => {
                            copy_value(
                                base.add(get_a(i) as usize),
                                cl.upvals.get_unchecked(get_b(i) as usize).slot(),
                            );
                        }
                        OpCode::SetUpval => {
                            copy_value(
                                cl.upvals.get_unchecked(get_b(i) as usize).slot(),
                                base.add(get_a(i) as usize),
                            );
                        }
                        OpCode::GetTabUp => {
                            get_str_key!(
                                i,
                                cl.upvals.get_unchecked(get_b(i) as usize).slot(),
                                get_c(i),
                                Loc::Upval(get_b(i))
                            )
                        }
                        OpCode::GetTable => {
                            let pb = base.add(get_b(i) as usize);
                            let pk = base.add(get_c(i) as usize);
                            if let Value::Table(tab) = &*pb {
                                let v = match &*pk {
                                    Value::Int(n) => {
                                        let idx = (*n as u64).wrapping_sub(1);
                                        if idx < tab.array.len() as u64 {
                                            let pv = tab.array.as_ptr().add(idx as usize);
                                            if !(*pv).is_nil() || tab.metatable.is_none() {
                                                copy_value(base.add(get_a(i) as usize), pv);
                                                continue;
                                            }
                                            Value::Nil
                                        } else {
                                            tab.get_int(*n)
                                        }
                                    }
                                    Value::Str(s) => tab.get_str(*s),
                                    key => tab.get(&norm_key(*key)),
                                };
                                if !v.is_nil() || tab.metatable.is_none() {
                                    r!(get_a(i)) = v;
                                    continue;
                                }
                            }
                            let (t, key) = (*pb, *pk);
                            let v = protect!(self.index_slow(t, key, Loc::Reg(get_b(i)))?);
                            r!(get_a(i)) = v;
                        }
                        OpCode::GetI => {
                            let pb = base.add(get_b(i) as usize);
                            let n = get_c(i) as i64;
                            if let Value::Table(tab) = &*pb {
                                let idx = (n as u64).wrapping_sub(1);
                                if idx < tab.array.len() as u64 {
                                    let pv = tab.array.as_ptr().add(idx as usize);
                                    if !(*pv).is_nil() || tab.metatable.is_none() {
                                        copy_value(base.add(get_a(i) as usize), pv);
                                        continue;
                                    }
                                } else {
                                    let v = tab.get_int(n);
                                    if !v.is_nil() || tab.metatable.is_none() {
                                        r!(get_a(i)) = v;
                                        continue;
                                    }
                                }
                            }
                            let t = *pb;
                            let v =
                                protect!(self.index_slow(t, Value::Int(n), Loc::Reg(get_b(i)))?);
                            r!(get_a(i)) = v;
                        }
                        OpCode::GetField => {
                            get_str_key!(
                                i,
                                base.add(get_b(i) as usize),
                                get_c(i),
                                Loc::Reg(get_b(i))
                            )
                        }
                        OpCode::SetTabUp => {
                            let pv: *const Value = if get_k(i) {
                                k.add(get_c(i) as usize)
                            } else {
                                base.add(get_c(i) as usize)
                            };
                            set_str_key!(
                                cl.upvals.get_unchecked(get_a(i) as usize).slot(),
                                get_b(i),
                                pv,
                                Loc::Upval(get_a(i))
                            )
                        }
                        OpCode::SetTable => {
                            let pa = base.add(get_a(i) as usize);
                            let pk = base.add(get_b(i) as usize);
                            let pv: *const Value = if get_k(i) {
                                k.add(get_c(i) as usize)
                            } else {
                                base.add(get_c(i) as usize)
                            };
                            if let Value::Table(tab) = &*pa {
                                if let Value::Int(n) = &*pk {
                                    let idx = (*n as u64).wrapping_sub(1);
                                    let tm = tab.get_mut();
                                    if idx < tm.array.len() as u64 {
                                        let slot = tm.array.as_mut_ptr().add(idx as usize);
                                        if tm.metatable.is_none() || !(*slot).is_nil() {
                                            copy_value(slot, pv);
                                            continue;
                                        }
                                    }
                                }
                                if self.fast_set(*tab, norm_key(*pk), *pv) {
                                    continue;
                                }
                            }
                            let (t, key, v) = (*pa, *pk, *pv);
                            protect!(self.setindex_slow(t, key, v, Loc::Reg(get_a(i)))?);
                        }
                        OpCode::SetI => {
                            let pa = base.add(get_a(i) as usize);
                            let n = get_b(i) as i64;
                            let pv: *const Value = if get_k(i) {
                                k.add(get_c(i) as usize)
                            } else {
                                base.add(get_c(i) as usize)
                            };
                            if let Value::Table(tab) = &*pa {
                                let idx = (n as u64).wrapping_sub(1);
                                let tm = tab.get_mut();
                                if idx < tm.array.len() as u64 {
                                    let slot = tm.array.as_mut_ptr().add(idx as usize);
                                    if tm.metatable.is_none() || !(*slot).is_nil() {
                                        copy_value(slot, pv);
                                        continue;
                                    }
                                }
                                if self.fast_set(*tab, Value::Int(n), *pv) {
                                    continue;
                                }
                            }
                            let (t, v) = (*pa, *pv);
                            protect!(self.setindex_slow(
                                t,
                                Value::Int(n),
                                v,
                                Loc::Reg(get_a(i))
                            )?);
                        }
                        OpCode::SetField => {
                            let pv: *const Value = if get_k(i) {
                                k.add(get_c(i) as usize)
                            } else {
                                base.add(get_c(i) as usize)
                            };
                            set_str_key!(
                                base.add(get_a(i) as usize),
                                get_b(i),
                                pv,
                                Loc::Reg(get_a(i))
                            )
                        }
                        OpCode::NewTable => {
                            let b = get_b(i);
                            let nhash = if b > 0 { 1usize << (b - 1) } else { 0 };
                            let mut narr = get_c(i) as usize;
                            if pc < code_len && get_op(*code.add(pc)) == OpCode::ExtraArg as u8 {
                                if get_k(i) {
                                    narr += get_ax(*code.add(pc)) as usize * (MAX_C as usize + 1);
                                }
                                pc += 1;
                            }
                            let t = self.new_table(narr, nhash);
                            r!(get_a(i)) = Value::Table(t);
                            if self.heap.should_collect() {
                                // Registers above the new table are dead (PUC's checkGC(ra + 1)).
                                savepc!();
                                self.ts.top = base_idx + get_a(i) as usize + 1;
                                self.check_gc();
                                reload!();
                            }
                        }
                        OpCode::Self_ => {
                            let pb = base.add(get_b(i) as usize);
                            let pk: *const Value = if get_k(i) {
                                k.add(get_c(i) as usize)
                            } else {
                                base.add(get_c(i) as usize)
                            };
                            let a = get_a(i) as usize;
                            copy_value(base.add(a + 1), pb);
                            if let (Value::Table(tab), Value::Str(key)) = (&*pb, &*pk) {
                                if key.is_short() {
                                    if let Some(n) = tab.find_short_str(*key) {
                                        let pv = tab.node_val(n);
                                        if !pv.is_nil() || tab.metatable.is_none() {
                                            copy_value(base.add(a), pv);
                                            continue;
                                        }
                                    } else if tab.metatable.is_none() {
                                        *base.add(a) = Value::Nil;
                                        continue;
                                    }
                                } else {
                                    let v = tab.get_str(*key);
                                    if !v.is_nil() || tab.metatable.is_none() {
                                        r!(a) = v;
                                        continue;
                                    }
                                }
                            } else if let (Value::Str(_), Value::Str(key)) = (&*pb, &*pk) {
                                // `s:method()`: look in the string metatable's __index
                                // table directly.
                                if let Some(mt) =
                                    self.type_mt[crate::value::LuaType::String as usize]
                                {
                                    if let Value::Table(idx) = self.fast_tm(mt, Tm::Index) {
                                        let v = idx.get_str(*key);
                                        if !v.is_nil() {
                                            r!(a) = v;
                                            continue;
                                        }
                                    }
                                }
                            }
                            let (t, key) = (*pb, *pk);
                            let v = protect!(self.index_slow(t, key, Loc::Reg(get_b(i)))?);
                            r!(a) = v;
                        }
                        OpCode::AddI => {
                            let pb = base.add(get_b(i) as usize);
                            let imm = get_sc(i) as i64;
                            match &*pb {
                                Value::Int(x) => r!(get_a(i)) = Value::Int(x.wrapping_add(imm)),
                                Value::Float(x) => r!(get_a(i)) = Value::Float(*x + imm as f64),
                                _ => {
                                    // k set: the source was `R[B] - I` (encoded as + -I).
                                    let (tm, y) = if get_k(i) {
                                        (Tm::Sub, -imm)
                                    } else {
                                        (Tm::Add, imm)
                                    };
                                    let vb = *pb;
                                    let v = protect!(self.arith_slow(
                                        tm,
                                        vb,
                                        Value::Int(y),
                                        Loc::Reg(get_b(i)),
                                        Loc::None
                                    )?);
                                    r!(get_a(i)) = v;
                                }
                            }
                        }
                        OpCode::AddK => commutative_k!(arith, i, Tm::Add),
                        OpCode::SubK => op_rk!(arith, i, Tm::Sub),
                        OpCode::MulK => commutative_k!(arith, i, Tm::Mul),
                        OpCode::ModK => op_rk!(arith_div, i, Tm::Mod),
                        OpCode::PowK => op_rk!(arith_float, i, Tm::Pow),
                        OpCode::DivK => op_rk!(arith_float, i, Tm::Div),
                        OpCode::IDivK => op_rk!(arith_div, i, Tm::IDiv),
                        OpCode::BAndK => commutative_k!(bitwise, i, Tm::BAnd),
                        OpCode::BOrK => commutative_k!(bitwise, i, Tm::BOr),
                        OpCode::BXorK => commutative_k!(bitwise, i, Tm::BXor),
                        OpCode::ShrI => {
                            let pb = base.add(get_b(i) as usize);
                            let imm = get_sc(i) as i64;
                            match &*pb {
                                Value::Int(x) => {
                                    r!(get_a(i)) =
                                        Value::Int(number::shift_left(*x, imm.wrapping_neg()))
                                }
                                _ => {
                                    // k set: the source was `R[B] << I` (encoded as >> -I).
                                    let (tm, y) = if get_k(i) {
                                        (Tm::Shl, -imm)
                                    } else {
                                        (Tm::Shr, imm)
                                    };
                                    let vb = *pb;
                                    let v = protect!(self.arith_slow(
                                        tm,
                                        vb,
                                        Value::Int(y),
                                        Loc::Reg(get_b(i)),
                                        Loc::None
                                    )?);
                                    r!(get_a(i)) = v;
                                }
                            }
                        }
                        OpCode::ShlI => {
                            let pb = base.add(get_b(i) as usize);
                            let imm = get_sc(i) as i64;
                            match &*pb {
                                Value::Int(x) => {
                                    r!(get_a(i)) = Value::Int(number::shift_left(imm, *x))
                                }
                                _ => {
                                    let vb = *pb;
                                    let v = protect!(self.arith_slow(
                                        Tm::Shl,
                                        Value::Int(imm),
                                        vb,
                                        Loc::None,
                                        Loc::Reg(get_b(i))
                                    )?);
                                    r!(get_a(i)) = v;
                                }
                            }
                        }
                        OpCode::Add => op_rr!(arith, i, Tm::Add),
                        OpCode::Sub => op_rr!(arith, i, Tm::Sub),
                        OpCode::Mul => op_rr!(arith, i, Tm::Mul),
                        OpCode::Mod => op_rr!(arith_div, i, Tm::Mod),
                        OpCode::Pow => op_rr!(arith_float, i, Tm::Pow),
                        OpCode::Div => op_rr!(arith_float, i, Tm::Div),
                        OpCode::IDiv => op_rr!(arith_div, i, Tm::IDiv),
                        OpCode::BAnd => op_rr!(bitwise, i, Tm::BAnd),
                        OpCode::BOr => op_rr!(bitwise, i, Tm::BOr),
                        OpCode::BXor => op_rr!(bitwise, i, Tm::BXor),
                        OpCode::Shl => op_rr!(bitwise, i, Tm::Shl),
                        OpCode::Shr => op_rr!(bitwise, i, Tm::Shr),
                        OpCode::Unm => {
                            let pb = base.add(get_b(i) as usize);
                            match &*pb {
                                Value::Int(x) => r!(get_a(i)) = Value::Int(x.wrapping_neg()),
                                Value::Float(x) => r!(get_a(i)) = Value::Float(-*x),
                                _ => {
                                    let vb = *pb;
                                    let v = protect!(self.arith_slow(
                                        Tm::Unm,
                                        vb,
                                        vb,
                                        Loc::Reg(get_b(i)),
                                        Loc::Reg(get_b(i))
                                    )?);
                                    r!(get_a(i)) = v;
                                }
                            }
                        }
                        OpCode::BNot => {
                            let pb = base.add(get_b(i) as usize);
                            match &*pb {
                                Value::Int(x) => r!(get_a(i)) = Value::Int(!*x),
                                _ => {
                                    let vb = *pb;
                                    let v = protect!(self.arith_slow(
                                        Tm::BNot,
                                        vb,
                                        vb,
                                        Loc::Reg(get_b(i)),
                                        Loc::Reg(get_b(i))
                                    )?);
                                    r!(get_a(i)) = v;
                                }
                            }
                        }
                        OpCode::Not => {
                            let f = (*base.add(get_b(i) as usize)).is_falsy();
                            r!(get_a(i)) = Value::Bool(f);
                        }
                        OpCode::Len => {
                            let pb = base.add(get_b(i) as usize);
                            match &*pb {
                                Value::Str(s) => r!(get_a(i)) = Value::Int(s.len() as i64),
                                Value::Table(t) if t.metatable.is_none() => {
                                    r!(get_a(i)) = Value::Int(t.length())
                                }
                                _ => {
                                    let vb = *pb;
                                    let v = protect!(self.len_of(vb, Loc::Reg(get_b(i)))?);
                                    r!(get_a(i)) = v;
                                }
                            }
                        }
                        OpCode::Concat => {
                            let a = get_a(i) as usize;
                            let n = get_b(i) as usize;
                            self.ts.top = base_idx + a + n;
                            savepc!();
                            self.concat(n, base_idx)?;
                            self.check_gc();
                            reload!();
                        }
                        OpCode::Close => {
                            savepc!();
                            self.close_all(base_idx + get_a(i) as usize)?;
                            reload!();
                        }
                        OpCode::Tbc => {
                            savepc!();
                            self.new_tbc(base_idx + get_a(i) as usize)?;
                        }
                        OpCode::Jmp => {
                            pc = (pc as isize + get_sj(i) as isize) as usize;
                        }
                        OpCode::Eq => {
                            let pa = base.add(get_a(i) as usize);
                            let pb = base.add(get_b(i) as usize);
                            let cond = match (&*pa, &*pb) {
                                (Value::Int(x), Value::Int(y)) => x == y,
                                (Value::Str(x), Value::Str(y)) => x.eq_str(*y),
                                (Value::Table(_), Value::Table(_))
                                | (Value::UserData(_), Value::UserData(_)) => {
                                    let (va, vb) = (*pa, *pb);
                                    protect!(self.equals(va, vb)?)
                                }
                                (va, vb) => va.raw_eq(vb),
                            };
                            cond_jump!(cond, i);
                        }
                        OpCode::Lt => {
                            let pa = base.add(get_a(i) as usize);
                            let pb = base.add(get_b(i) as usize);
                            let cond = match (&*pa, &*pb) {
                                (Value::Int(x), Value::Int(y)) => x < y,
                                (Value::Float(x), Value::Float(y)) => x < y,
                                _ => {
                                    let (va, vb) = (*pa, *pb);
                                    protect!(self.less_than_slow(va, vb)?)
                                }
                            };
                            cond_jump!(cond, i);
                        }
                        OpCode::Le => {
                            let pa = base.add(get_a(i) as usize);
                            let pb = base.add(get_b(i) as usize);
                            let cond = match (&*pa, &*pb) {
                                (Value::Int(x), Value::Int(y)) => x <= y,
                                (Value::Float(x), Value::Float(y)) => x <= y,
                                _ => {
                                    let (va, vb) = (*pa, *pb);
                                    protect!(self.less_equal_slow(va, vb)?)
                                }
                            };
                            cond_jump!(cond, i);
                        }
                        OpCode::EqK => {
                            let cond =
                                (*base.add(get_a(i) as usize)).raw_eq(&*k.add(get_b(i) as usize));
                            cond_jump!(cond, i);
                        }
                        OpCode::EqI => {
                            let imm = get_sb(i) as i64;
                            let cond = match &*base.add(get_a(i) as usize) {
                                Value::Int(x) => *x == imm,
                                Value::Float(f) => *f == imm as f64,
                                _ => false,
                            };
                            cond_jump!(cond, i);
                        }
                        OpCode::LtI | OpCode::LeI | OpCode::GtI | OpCode::GeI => {
                            let pa = base.add(get_a(i) as usize);
                            let imm = get_sb(i) as i64;
                            let cond = match &*pa {
                                Value::Int(x) => match op {
                                    OpCode::LtI => *x < imm,
                                    OpCode::LeI => *x <= imm,
                                    OpCode::GtI => *x > imm,
                                    _ => *x >= imm,
                                },
                                Value::Float(f) => {
                                    let y = imm as f64;
                                    match op {
                                        OpCode::LtI => *f < y,
                                        OpCode::LeI => *f <= y,
                                        OpCode::GtI => *f > y,
                                        _ => *f >= y,
                                    }
                                }
                                _ => {
                                    let va = *pa;
                                    let im = if get_c(i) != 0 {
                                        Value::Float(imm as f64)
                                    } else {
                                        Value::Int(imm)
                                    };
                                    protect!(match op {
                                        OpCode::LtI => self.less_than_slow(va, im)?,
                                        OpCode::LeI => self.less_equal_slow(va, im)?,
                                        OpCode::GtI => self.less_than_slow(im, va)?,
                                        _ => self.less_equal_slow(im, va)?,
                                    })
                                }
                            };
                            cond_jump!(cond, i);
                        }
                        OpCode::Test => {
                            let cond = !(*base.add(get_a(i) as usize)).is_falsy();
                            cond_jump!(cond, i);
                        }
                        OpCode::TestSet => {
                            let pb = base.add(get_b(i) as usize);
                            if (*pb).is_falsy() == get_k(i) {
                                pc += 1;
                            } else {
                                copy_value(base.add(get_a(i) as usize), pb);
                                let ni = *code.add(pc);
                                pc = (pc as isize + 1 + get_sj(ni) as isize) as usize;
                            }
                        }
                        OpCode::Call => {
                            let a = get_a(i) as usize;
                            let b = get_b(i) as usize;
                            let nres = get_c(i) as i32 - 1;
                            let func = base_idx + a;
                            if b != 0 {
                                self.ts.top = func + b;
                            }
                            savepc!();
                            if let Value::LFn(f) = &*base.add(a) {
                                // Fast path: a fixed-parameter Lua function whose frame
                                // fits in the current stack.
                                let p = f.proto;
                                let new_top = func + 1 + p.max_stack as usize;
                                if !p.is_vararg && new_top <= self.ts.stack.len() {
                                    let nparams = p.num_params as usize;
                                    let sp = self.ts.stack.as_mut_ptr();
                                    let mut nargs = self.ts.top - func - 1;
                                    while nargs < nparams {
                                        *sp.add(func + 1 + nargs) = Value::Nil;
                                        nargs += 1;
                                    }
                                    self.ts.frames.push(crate::thread::CallInfo {
                                        func,
                                        base: func + 1,
                                        top: new_top,
                                        pc: 0,
                                        nresults: nres,
                                        nextra: 0,
                                        flags: 0,
                                        func_obj: FrameFn::Lua(*f),
                                    });
                                    continue 'newframe;
                                }
                                let f = *f;
                                self.push_lua_frame(func, f, nres)?;
                                continue 'newframe;
                            }
                            match self.precall(func, nres)? {
                                Called::Lua => continue 'newframe,
                                Called::Native => {
                                    self.check_gc();
                                    reload!();
                                    if (self.ts.hook_mask != 0) != HOOKED {
                                        // `debug.sethook` changed the mode: go on in the
                                        // other copy of the loop (the frame is saved).
                                        return Err(LuaError {
                                            value: Value::Nil,
                                            kind: crate::error::ErrorKind::Rerun,
                                        });
                                    }
                                }
                                Called::Yield => return self.yield_from_interp(),
                                Called::Protected(kind) => {
                                    if self.protected_in_interp(kind)? {
                                        continue 'newframe;
                                    }
                                    reload!();
                                }
                            }
                        }
                        OpCode::TailCall => {
                            let a = get_a(i) as usize;
                            let b = get_b(i) as usize;
                            let func = base_idx + a;
                            if b != 0 {
                                self.ts.top = func + b;
                            }
                            savepc!();
                            if get_k(i) {
                                self.close_upvals(base_idx);
                            }
                            if !self.ts.stack[func].is_function() {
                                self.insert_call_tm(func)?;
                            }
                            if let Value::LFn(f) = self.ts.stack[func] {
                                let fr = self.ts.frames[ci];
                                let n = self.ts.top - func;
                                self.ts.stack.copy_within(func..func + n, fr.func);
                                self.ts.top = fr.func + n;
                                self.ts.frames.pop();
                                self.push_lua_frame(fr.func, f, fr.nresults)?;
                                let nf = self.ts.frames.last_mut().expect("frame");
                                nf.flags = fr.flags | flags::TAIL;
                                continue 'newframe;
                            }
                            match self.precall(func, -1)? {
                                Called::Lua => continue 'newframe,
                                Called::Native => {}
                                Called::Yield => return self.yield_from_interp(),
                                Called::Protected(kind) => self.protected_from_native(kind),
                            }
                            let n = self.ts.top - func;
                            let fl = self.ts.frames[ci].flags;
                            self.postcall(ci, n);
                            if ci == entry {
                                return Ok(false);
                            }
                            if fl & flags::FINISH != 0 {
                                self.finish_op()?;
                            }
                            continue 'newframe;
                        }
                        OpCode::Return => {
                            if HOOKED {
                                savepc!();
                                self.hook_return()?;
                                reload!();
                            }
                            let ra = base_idx + get_a(i) as usize;
                            let b = get_b(i) as usize;
                            let n = if b != 0 { b - 1 } else { self.ts.top - ra };
                            self.ts.top = ra + n;
                            if get_k(i) {
                                savepc!();
                                self.close_all(base_idx)?;
                                self.ts.top = ra + n;
                            }
                            let fl = self.ts.frames[ci].flags;
                            self.postcall(ci, n);
                            if ci == entry {
                                return Ok(false);
                            }
                            if fl & flags::FINISH != 0 {
                                self.finish_op()?;
                            }
                            continue 'newframe;
                        }
                        OpCode::Return0 => {
                            if HOOKED {
                                savepc!();
                                self.hook_return()?;
                                reload!();
                            }
                            let fr = &self.ts.frames[ci];
                            if fr.flags == 0 && fr.nresults >= 0 {
                                let func = fr.func;
                                let nres = fr.nresults as usize;
                                for j in 0..nres {
                                    self.ts.stack[func + j] = Value::Nil;
                                }
                                self.ts.top = func + nres;
                                self.ts.frames.pop();
                            } else {
                                let fl = fr.flags;
                                self.ts.top = base_idx;
                                self.postcall(ci, 0);
                                if fl & flags::FINISH != 0 && ci != entry {
                                    self.finish_op()?;
                                }
                            }
                            if ci == entry {
                                return Ok(false);
                            }
                            continue 'newframe;
                        }
                        OpCode::Return1 => {
                            if HOOKED {
                                savepc!();
                                self.hook_return()?;
                                reload!();
                            }
                            let fr = &self.ts.frames[ci];
                            if fr.flags == 0 && fr.nresults == 1 {
                                let func = fr.func;
                                copy_value(
                                    self.ts.stack.as_mut_ptr().add(func),
                                    base.add(get_a(i) as usize),
                                );
                                self.ts.top = func + 1;
                                self.ts.frames.pop();
                            } else {
                                let fl = fr.flags;
                                self.ts.top = base_idx + get_a(i) as usize + 1;
                                self.postcall(ci, 1);
                                if fl & flags::FINISH != 0 && ci != entry {
                                    self.finish_op()?;
                                }
                            }
                            if ci == entry {
                                return Ok(false);
                            }
                            continue 'newframe;
                        }
                        OpCode::ForLoop => {
                            let ra = base.add(get_a(i) as usize);
                            // Integer loop: update the counter and index in place (their
                            // tags are already Int), write the control variable.
                            if let (Value::Int(step), Value::Int(count), Value::Int(idx)) =
                                (&*ra.add(2), &mut *ra.add(1), &mut *ra)
                            {
                                if *count != 0 {
                                    *count -= 1;
                                    *idx = idx.wrapping_add(*step);
                                    *ra.add(3) = Value::Int(*idx);
                                    pc -= get_bx(i) as usize;
                                }
                            } else if let (
                                Value::Float(step),
                                Value::Float(limit),
                                Value::Float(idx),
                            ) = (&*ra.add(2), &*ra.add(1), &mut *ra)
                            {
                                let nidx = *idx + *step;
                                let go = if *step > 0.0 {
                                    nidx <= *limit
                                } else {
                                    *limit <= nidx
                                };
                                if go {
                                    *idx = nidx;
                                    *ra.add(3) = Value::Float(nidx);
                                    pc -= get_bx(i) as usize;
                                }
                            }
                        }
                        OpCode::ForPrep => {
                            savepc!();
                            if self.for_prep(base_idx + get_a(i) as usize)? {
                                pc += get_bx(i) as usize + 1;
                            }
                        }
                        OpCode::TForPrep => {
                            savepc!();
                            self.new_tbc(base_idx + get_a(i) as usize + 3)?;
                            pc += get_bx(i) as usize;
                        }
                        OpCode::TForCall => {
                            let a = get_a(i) as usize;
                            let ra = base_idx + a;
                            copy_value(base.add(a + 4), base.add(a));
                            copy_value(base.add(a + 5), base.add(a + 1));
                            copy_value(base.add(a + 6), base.add(a + 2));
                            self.ts.top = ra + 4 + 3;
                            savepc!();
                            let nres = get_c(i) as i32;
                            if let Value::LFn(f) = self.ts.stack[ra + 4] {
                                self.push_lua_frame(ra + 4, f, nres)?;
                                continue 'newframe;
                            }
                            match self.precall(ra + 4, nres)? {
                                Called::Lua => continue 'newframe,
                                Called::Native => {
                                    self.check_gc();
                                    reload!();
                                    if (self.ts.hook_mask != 0) != HOOKED {
                                        // `debug.sethook` changed the mode: go on in the
                                        // other copy of the loop (the frame is saved).
                                        return Err(LuaError {
                                            value: Value::Nil,
                                            kind: crate::error::ErrorKind::Rerun,
                                        });
                                    }
                                }
                                Called::Yield => return self.yield_from_interp(),
                                Called::Protected(kind) => {
                                    if self.protected_in_interp(kind)? {
                                        continue 'newframe;
                                    }
                                    reload!();
                                }
                            }
                        }
                        OpCode::TForLoop => {
                            let a = get_a(i) as usize;
                            if !(*base.add(a + 4)).is_nil() {
                                copy_value(base.add(a + 2), base.add(a + 4));
                                pc -= get_bx(i) as usize;
                            }
                        }
                        OpCode::SetList => {
                            let a = get_a(i) as usize;
                            let mut n = get_b(i) as usize;
                            let mut last = get_c(i) as usize;
                            if n == 0 {
                                n = self.ts.top - (base_idx + a) - 1;
                            }
                            if get_k(i) {
                                last += get_ax(*code.add(pc)) as usize * (MAX_C as usize + 1);
                                pc += 1;
                            }
                            if let Value::Table(t) = r!(a) {
                                let tm = t.get_mut();
                                let end = last + n;
                                if end > tm.array.len() {
                                    let before = tm.extra_size() as isize;
                                    let nh = tm.nodes.len();
                                    tm.resize(end, nh);
                                    self.heap.adjust(tm.extra_size() as isize - before);
                                }
                                for j in 1..=n {
                                    tm.array[last + j - 1] = r!(a + j);
                                }
                            }
                        }
                        OpCode::Closure => {
                            let p = *proto.protos.get_unchecked(get_bx(i) as usize);
                            let mut ups = Vec::with_capacity(p.upvals.len());
                            for d in p.upvals.iter() {
                                if d.in_stack {
                                    ups.push(self.find_upval(base_idx + d.index as usize));
                                } else {
                                    ups.push(*cl.upvals.get_unchecked(d.index as usize));
                                }
                            }
                            let n = ups.len();
                            let c = self.heap.alloc(
                                ObjKind::LClosure,
                                LClosure {
                                    proto: p,
                                    upvals: ups.into_boxed_slice(),
                                },
                                n * 8,
                            );
                            r!(get_a(i)) = Value::LFn(c);
                            if self.heap.should_collect() {
                                savepc!();
                                self.ts.top = base_idx + get_a(i) as usize + 1;
                                self.check_gc();
                                reload!();
                            }
                        }
                        OpCode::VarArg => {
                            let a = get_a(i) as usize;
                            let wanted = get_c(i) as i32 - 1;
                            let nextra = self.ts.frames[ci].nextra as usize;
                            let src = base_idx - nextra;
                            let ra = base_idx + a;
                            if wanted < 0 {
                                savepc!();
                                self.ensure_stack(ra + nextra + 1)?;
                                for j in 0..nextra {
                                    self.ts.stack[ra + j] = self.ts.stack[src + j];
                                }
                                self.ts.top = ra + nextra;
                                reload!();
                            } else {
                                let w = wanted as usize;
                                for j in 0..w {
                                    r!(a + j) = if j < nextra {
                                        self.ts.stack[src + j]
                                    } else {
                                        Value::Nil
                                    };
                                }
                            }
                        }
                        OpCode::VarArgPrep => {
                            // Done by `push_lua_frame`.
                        }
                        OpCode::ExtraArg => {
                            return Err(self.error_str("invalid instruction EXTRAARG"));
                        }
                    }
                }
            }
        }
    }

    /// Raw store into a table without a `__newindex` in the way: true if done.
    #[inline(always)]
    fn fast_set(
        &mut self,
        t: crate::gc::heap::GcRef<crate::table::Table>,
        key: Value,
        v: Value,
    ) -> bool {
        let tm = t.get_mut();
        let no_mt = tm.metatable.is_none();
        if let Some(slot) = tm.slot_mut(&key) {
            if !slot.is_nil() {
                *slot = v;
                return true;
            }
            if no_mt {
                *slot = v;
                tm.flags = 0;
                return true;
            }
            return false;
        }
        if no_mt {
            match key {
                Value::Nil => return false,
                Value::Float(f) if f.is_nan() => return false,
                _ => {}
            }
            let delta = tm.insert_absent(key, v);
            self.heap.adjust(delta);
            return true;
        }
        false
    }

    /// Complete the instruction of the top Lua frame that was interrupted by a
    /// metamethod call which yielded and has now returned (PUC's `luaV_finishOp`).
    /// The metamethod's result is the top stack value.
    pub(crate) fn finish_op(&mut self) -> LResult<()> {
        let ci = self.ts.frames.len() - 1;
        let fr = self.ts.frames[ci];
        let FrameFn::Lua(cl) = fr.func_obj else {
            return Ok(());
        };
        let Some(&i) = cl.proto.code.get(fr.pc.wrapping_sub(1)) else {
            return Ok(());
        };
        let res = self.ts.stack[self.ts.top - 1];
        self.ts.top -= 1;
        let Some(op) = OpCode::from_u8(get_op(i)) else {
            return Ok(());
        };
        use OpCode::*;
        match op {
            GetTabUp | GetTable | GetI | GetField | Self_ | AddI | AddK | SubK | MulK | ModK
            | PowK | DivK | IDivK | BAndK | BOrK | BXorK | ShrI | ShlI | Add | Sub | Mul | Mod
            | Pow | Div | IDiv | BAnd | BOr | BXor | Shl | Shr | Unm | BNot | Len => {
                self.ts.stack[fr.base + get_a(i) as usize] = res;
            }
            Concat => {
                // The metamethod ran at the end of the run: put its result in place
                // of the pair and concatenate what is left (PUC's finishOp).
                let top = self.ts.top;
                let first = fr.base + get_a(i) as usize;
                self.ts.stack[top - 2] = res;
                self.ts.top = top - 1;
                let total = top - 1 - first;
                if total > 1 {
                    self.concat(total, fr.base)?;
                }
            }
            // The next instruction is the jump: skip it if the test failed.
            Eq | Lt | Le | EqK | EqI | LtI | LeI | GtI | GeI if res.truthy() != get_k(i) => {
                self.ts.frames[ci].pc += 1;
            }
            _ => {}
        }
        Ok(())
    }

    /// A native function asked to yield from inside the interpreter.
    fn yield_from_interp(&mut self) -> LResult<bool> {
        if self.ts.nny > 0 {
            return Err(self.rt_error("attempt to yield across a C-call boundary"));
        }
        Ok(true)
    }

    /// FORPREP: check and convert the loop values; true to skip the loop.
    #[cold]
    #[inline(never)]
    fn for_prep(&mut self, ra: usize) -> LResult<bool> {
        let init = self.ts.stack[ra];
        let limit = self.ts.stack[ra + 1];
        let step = self.ts.stack[ra + 2];
        if let (Value::Int(init), Value::Int(step)) = (init, step) {
            if step == 0 {
                return Err(self.rt_error("'for' step is zero"));
            }
            self.ts.stack[ra + 3] = Value::Int(init);
            let lim = match crate::arith::to_number(&limit).unwrap_or(limit) {
                Value::Int(l) => l,
                Value::Float(f) => {
                    let mode = if step < 0 {
                        number::F2I::Ceil
                    } else {
                        number::F2I::Floor
                    };
                    match number::float_to_int(f, mode) {
                        Some(l) => l,
                        None => {
                            if f.is_nan() {
                                return Ok(true);
                            }
                            if f > 0.0 {
                                if step < 0 {
                                    return Ok(true);
                                }
                                i64::MAX
                            } else {
                                if step > 0 {
                                    return Ok(true);
                                }
                                i64::MIN
                            }
                        }
                    }
                }
                _ => return Err(self.for_error("limit", limit)),
            };
            if if step > 0 { init > lim } else { init < lim } {
                return Ok(true);
            }
            let count = if step > 0 {
                let c = (lim as u64).wrapping_sub(init as u64);
                if step != 1 {
                    c / step as u64
                } else {
                    c
                }
            } else {
                let c = (init as u64).wrapping_sub(lim as u64);
                c / ((-(step + 1)) as u64 + 1)
            };
            self.ts.stack[ra + 1] = Value::Int(count as i64);
            return Ok(false);
        }
        // Not both integers: a float loop; strings are converted (luaV_tonumber_).
        let num = |v: &Value| crate::arith::to_number(v).and_then(|n| n.as_float());
        let Some(flimit) = num(&limit) else {
            return Err(self.for_error("limit", limit));
        };
        let Some(fstep) = num(&step) else {
            return Err(self.for_error("step", step));
        };
        let Some(finit) = num(&init) else {
            return Err(self.for_error("initial", init));
        };
        if fstep == 0.0 {
            return Err(self.rt_error("'for' step is zero"));
        }
        if if fstep > 0.0 {
            flimit < finit
        } else {
            finit < flimit
        } {
            return Ok(true);
        }
        self.ts.stack[ra] = Value::Float(finit);
        self.ts.stack[ra + 1] = Value::Float(flimit);
        self.ts.stack[ra + 2] = Value::Float(fstep);
        self.ts.stack[ra + 3] = Value::Float(finit);
        Ok(false)
    }

    fn for_error(&mut self, what: &str, v: Value) -> LuaError {
        let t = self.type_name_mt(&v);
        let what = if what == "initial" {
            "initial value"
        } else {
            what
        };
        self.rt_error(&format!("bad 'for' {what} (number expected, got {t})"))
    }
}
