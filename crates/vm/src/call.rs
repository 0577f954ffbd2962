//! Calls, returns, stack growth, upvalue closing and protected calls (PUC's `ldo.c`).
//!
//! Lua-to-Lua calls push a `CallInfo` and stay in the interpreter loop; only native
//! code calling back into Lua (`Vm::call`) recurses on the Rust stack, and that depth
//! is bounded by `MAX_C_DEPTH`.

use crate::error::{ErrorKind, LResult, LuaError};
use crate::func::{LClosure, NClosure, UpVal};
use crate::gc::heap::{GcRef, ObjKind};
use crate::state::{Vm, ERROR_STACK_EXTRA, MAX_C_DEPTH, MAX_STACK, MIN_STACK};
use crate::thread::{flags, CallInfo, FrameFn};
use crate::tm::Tm;
use crate::value::{copy_value, Value};
use std::cell::Cell;

/// A native function returns this instead of a result count to yield.
pub const YIELD: usize = usize::MAX;
/// `pcall` returns this: call the value in its first argument slot in protected
/// mode (the interpreter does it without recursing on the Rust stack).
pub const PCALL_REQ: usize = usize::MAX - 1;
/// `xpcall` returns this after swapping its arguments to `handler, f, args...`.
pub const XPCALL_REQ: usize = usize::MAX - 2;
/// A native returns this after placing a function and its arguments from its own
/// function slot up to the stack top (`Vm::tail_call_request`): that call replaces
/// the native's, without recursing on the Rust stack (so it may yield).
pub const TAILCALL_REQ: usize = usize::MAX - 3;

/// What `precall` did.
pub(crate) enum Called {
    /// A Lua frame was pushed; the interpreter should run it.
    Lua,
    /// A native function ran to completion; its results are in place.
    Native,
    /// A native function asked to yield.
    Yield,
    /// `pcall`/`xpcall` asked for a protected call (flag PCALL or XPCALL); the
    /// native frame is still on top.
    Protected(u8),
}

impl Vm {
    // ---- stack --------------------------------------------------------------------

    /// Make sure the stack has at least `needed` slots.
    #[inline(always)]
    pub fn ensure_stack(&mut self, needed: usize) -> LResult<()> {
        if needed > self.ts.stack.len() {
            self.grow_stack(needed)?;
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn grow_stack(&mut self, needed: usize) -> LResult<()> {
        let limit = if self.in_stack_overflow {
            MAX_STACK + ERROR_STACK_EXTRA
        } else {
            MAX_STACK
        };
        if needed > limit {
            if self.in_stack_overflow {
                return Err(LuaError {
                    value: Value::Nil,
                    kind: ErrorKind::ErrorInHandler,
                });
            }
            self.in_stack_overflow = true;
            let e = self.rt_error("stack overflow");
            return Err(e);
        }
        let new_len = (self.ts.stack.len() * 2).max(needed).min(limit);
        let old_ptr = self.ts.stack.as_ptr();
        self.ts.stack.resize(new_len, Value::Nil);
        if self.ts.stack.as_ptr() != old_ptr {
            let base = self.ts.stack.as_mut_ptr();
            for uv in self.ts.open_upvals.iter() {
                // SAFETY: open upvalues index live slots of this stack.
                uv.v.set(unsafe { base.add(uv.index) });
            }
        }
        Ok(())
    }

    /// Push a value on the stack top (native functions' results, arguments).
    #[inline]
    pub fn push(&mut self, v: Value) {
        if self.ts.top >= self.ts.stack.len() {
            let n = self.ts.top + 1;
            // Pushing past the limit is a host bug; still never write out of bounds.
            let _ = self.grow_stack(n.min(MAX_STACK + ERROR_STACK_EXTRA));
            if self.ts.top >= self.ts.stack.len() {
                return;
            }
        }
        self.ts.stack[self.ts.top] = v;
        self.ts.top += 1;
    }

    // ---- calls --------------------------------------------------------------------

    /// Start a call of the value at `func` with arguments up to `ts.top`.
    #[inline]
    pub(crate) fn precall(&mut self, func: usize, nresults: i32) -> LResult<Called> {
        match self.ts.stack[func] {
            Value::LFn(cl) => {
                self.push_lua_frame(func, cl, nresults)?;
                Ok(Called::Lua)
            }
            Value::NFn(nc) => self.call_native(func, nc, nresults),
            _ => {
                self.insert_call_tm(func)?;
                self.precall(func, nresults)
            }
        }
    }

    #[inline]
    pub(crate) fn push_lua_frame(
        &mut self,
        func: usize,
        cl: GcRef<LClosure>,
        nresults: i32,
    ) -> LResult<()> {
        let p = cl.proto;
        let nparams = p.num_params as usize;
        let mut nargs = self.ts.top - func - 1;
        let fsize = p.max_stack as usize;
        if !p.is_vararg {
            self.ensure_stack(func + 1 + fsize)?;
            // Missing parameters are nil.
            while nargs < nparams {
                self.ts.stack[func + 1 + nargs] = Value::Nil;
                nargs += 1;
            }
            self.ts.frames.push(CallInfo {
                func,
                base: func + 1,
                top: func + 1 + fsize,
                pc: 0,
                nresults,
                nextra: 0,
                flags: 0,
                func_obj: FrameFn::Lua(cl),
            });
        } else {
            // Varargs stay where they are; the fixed parameters are copied above them
            // and the frame's registers start there.
            self.ensure_stack(func + 1 + nargs.max(nparams) + fsize)?;
            while nargs < nparams {
                self.ts.stack[func + 1 + nargs] = Value::Nil;
                nargs += 1;
            }
            let nextra = nargs - nparams;
            let base = func + 1 + nargs;
            for i in 0..nparams {
                self.ts.stack[base + i] = self.ts.stack[func + 1 + i];
                self.ts.stack[func + 1 + i] = Value::Nil;
            }
            self.ts.frames.push(CallInfo {
                func,
                base,
                top: base + fsize,
                pc: 0,
                nresults,
                nextra: nextra as u32,
                flags: 0,
                func_obj: FrameFn::Lua(cl),
            });
        }
        Ok(())
    }

    /// Run a native function whose arguments are `func+1 .. ts.top`.
    pub(crate) fn call_native(
        &mut self,
        func: usize,
        nc: GcRef<NClosure>,
        nresults: i32,
    ) -> LResult<Called> {
        self.call_native_flags(func, nc, nresults, 0)
    }

    /// `call_native` with frame flags (PCALL/XPCALL for a native run by `pcall`).
    pub(crate) fn call_native_flags(
        &mut self,
        func: usize,
        nc: GcRef<NClosure>,
        nresults: i32,
        frame_flags: u8,
    ) -> LResult<Called> {
        self.ensure_stack(self.ts.top + MIN_STACK)?;
        self.ts.frames.push(CallInfo {
            func,
            base: func + 1,
            top: self.ts.top + MIN_STACK,
            pc: 0,
            nresults,
            nextra: 0,
            flags: frame_flags,
            func_obj: FrameFn::Native(nc),
        });
        if self.ts.hook_mask != 0 {
            let ci = self.ts.frames.len() - 1;
            self.hook_call(ci)?;
        }
        let n = (nc.f)(self)?;
        if self.ts.hook_mask != 0 && n < TAILCALL_REQ {
            self.hook_return()?;
        }
        if n == TAILCALL_REQ {
            self.ts.frames.pop();
            if frame_flags == 0 {
                return self.precall(func, nresults);
            }
            // Keep the pcall flags on whatever replaces this frame.
            return match self.ts.stack[func] {
                Value::LFn(cl) => {
                    self.push_lua_frame(func, cl, nresults)?;
                    self.ts.frames.last_mut().expect("frame").flags |= frame_flags;
                    Ok(Called::Lua)
                }
                Value::NFn(nc) => self.call_native_flags(func, nc, nresults, frame_flags),
                _ => {
                    self.insert_call_tm(func)?;
                    match self.ts.stack[func] {
                        Value::LFn(cl) => {
                            self.push_lua_frame(func, cl, nresults)?;
                            self.ts.frames.last_mut().expect("frame").flags |= frame_flags;
                            Ok(Called::Lua)
                        }
                        Value::NFn(nc) => self.call_native_flags(func, nc, nresults, frame_flags),
                        _ => Err(self.call_error(func)),
                    }
                }
            };
        }
        if n >= XPCALL_REQ {
            return Ok(match n {
                YIELD => Called::Yield,
                PCALL_REQ => Called::Protected(flags::PCALL),
                _ => Called::Protected(flags::XPCALL),
            });
        }
        let ci = self.ts.frames.len() - 1;
        self.postcall(ci, n);
        Ok(Called::Native)
    }

    /// For natives: arrange for `f(args)` to be called in place of the running native
    /// function (its results become the native's); return the value this gives.
    pub fn tail_call_request(&mut self, f: Value, args: &[Value]) -> LResult<usize> {
        let func = self.ts.frames.last().map(|c| c.func).unwrap_or(0);
        self.ensure_stack(func + 1 + args.len() + MIN_STACK)?;
        self.ts.stack[func] = f;
        for (i, a) in args.iter().enumerate() {
            self.ts.stack[func + 1 + i] = *a;
        }
        self.ts.top = func + 1 + args.len();
        Ok(TAILCALL_REQ)
    }

    /// The value at `func` is not a function: call its `__call` metamethod with the
    /// original value as first argument.
    #[cold]
    pub(crate) fn insert_call_tm(&mut self, func: usize) -> LResult<()> {
        let v = self.ts.stack[func];
        let tm = self.get_tm(&v, Tm::Call);
        if tm.is_nil() {
            return Err(self.call_error(func));
        }
        self.ensure_stack(self.ts.top + 1)?;
        let top = self.ts.top;
        self.ts.stack.copy_within(func..top, func + 1);
        self.ts.top += 1;
        self.ts.stack[func] = tm;
        Ok(())
    }

    /// Finish frame `ci` whose `n` results are the topmost values: move them to the
    /// function's slot (or the pcall's), adjust to the wanted count, pop the frame.
    #[inline]
    pub(crate) fn postcall(&mut self, ci: usize, n: usize) {
        let frame = &self.ts.frames[ci];
        let (wanted, func, fl) = (frame.nresults, frame.func, frame.flags);
        if fl & (flags::PCALL | flags::XPCALL) != 0 {
            self.postcall_protected(ci, n);
            return;
        }
        let src = self.ts.top - n;
        let len = self.ts.stack.len();
        let sp = self.ts.stack.as_mut_ptr();
        let w = if wanted < 0 { n } else { wanted as usize };
        let m = n.min(w);
        assert!(
            func + w <= len && src + n <= len,
            "results out of the stack"
        );
        // SAFETY: both ranges were just checked against the stack length; results
        // move down (func < src), so a forward copy is correct.
        unsafe {
            for i in 0..m {
                copy_value(sp.add(func + i), sp.add(src + i));
            }
            for i in m..w {
                *sp.add(func + i) = Value::Nil;
            }
        }
        self.ts.top = func + w;
        self.ts.frames.truncate(ci);
    }

    /// `postcall` for a frame run by `pcall`/`xpcall`: `true` goes before the results,
    /// at the pcall's own slot.
    #[cold]
    fn postcall_protected(&mut self, ci: usize, n: usize) {
        let frame = self.ts.frames[ci];
        let wanted = frame.nresults;
        let mut dest = frame.func
            - if frame.flags & flags::PCALL != 0 {
                1
            } else {
                2
            };
        let src = self.ts.top - n;
        let mut n = n;
        self.ts.stack[dest] = Value::Bool(true);
        dest += 1;
        if wanted == 1 {
            n = 0; // only the `true`
        }
        // Results go right after the `true`.
        let wanted_after = if wanted < 0 { -1 } else { (wanted - 1).max(0) };
        self.move_results(dest, src, n, wanted_after);
        if wanted < 0 {
            self.ts.top = dest + n;
        } else {
            self.ts.top = dest - 1 + wanted as usize;
        }
        self.ts.frames.truncate(ci);
    }

    fn move_results(&mut self, dest: usize, src: usize, n: usize, wanted: i32) {
        let count = if wanted < 0 {
            n
        } else {
            n.min(wanted as usize)
        };
        for i in 0..count {
            self.ts.stack[dest + i] = self.ts.stack[src + i];
        }
        if wanted > 0 {
            for i in count..wanted as usize {
                self.ts.stack[dest + i] = Value::Nil;
            }
        }
    }

    /// Call the value at `func` with the arguments above it (up to `ts.top`), from
    /// native code. Results are left at `func..` (all of them if `nresults` is -1)
    /// and `ts.top` is just after them.
    pub fn call(&mut self, func: usize, nresults: i32) -> LResult<()> {
        if self.c_depth >= MAX_C_DEPTH {
            return Err(self.c_stack_overflow());
        }
        self.c_depth += 1;
        self.ts.nny += 1;
        let r = self.call_inner(func, nresults);
        self.ts.nny -= 1;
        self.c_depth -= 1;
        r
    }

    fn call_inner(&mut self, func: usize, nresults: i32) -> LResult<()> {
        match self.precall(func, nresults)? {
            Called::Lua => {
                let entry = self.ts.frames.len() - 1;
                self.execute(entry).map(|_| ())
            }
            Called::Native => Ok(()),
            Called::Yield => Err(self.rt_error("attempt to yield across a C-call boundary")),
            Called::Protected(kind) => {
                self.protected_from_native(kind);
                Ok(())
            }
        }
    }

    /// Finish a `pcall`/`xpcall` request by running the call with a Rust-level catch.
    /// Used when the request came from native code (no interpreter loop to return to)
    /// or when the called value is not a Lua function.
    pub(crate) fn protected_from_native(&mut self, kind: u8) {
        let nat = *self.ts.frames.last().expect("pcall frame");
        let ci = self.ts.frames.len() - 1;
        let dest = nat.func;
        let fslot = if kind == flags::PCALL {
            dest + 1
        } else {
            dest + 2
        };
        let handler = if kind == flags::XPCALL {
            Some(self.ts.stack[dest + 1])
        } else {
            None
        };
        let n = match self.pcall(fslot, -1, handler) {
            Ok(()) => {
                let n = self.ts.top - fslot;
                self.ts.stack[fslot - 1] = Value::Bool(true);
                self.ts.top = fslot + n;
                n + 1
            }
            Err(e) => {
                self.ts.stack[fslot - 1] = Value::Bool(false);
                self.ts.stack[fslot] = e.value;
                self.ts.top = fslot + 1;
                2
            }
        };
        // Results are the top n values; finish the pcall native's frame normally.
        let _ = self.ensure_stack(self.ts.top + 1);
        self.postcall(ci, n);
    }

    /// The interpreter's side of a `pcall`/`xpcall` request: a Lua function is run in
    /// a frame flagged PCALL/XPCALL in place of the native's frame, so yields across
    /// it work and no Rust recursion happens. Returns true if a Lua frame was pushed.
    pub(crate) fn protected_in_interp(&mut self, kind: u8) -> LResult<bool> {
        let nat = *self.ts.frames.last().expect("pcall frame");
        let fslot = if kind == flags::PCALL {
            nat.func + 1
        } else {
            nat.func + 2
        };
        if self.ts.frames.len() >= crate::state::MAX_STACK / 4 {
            return Err(self.rt_error("stack overflow"));
        }
        // The requesting native is itself protected (`xpcall(pcall, ...)`): its frame
        // stays, below the call it asked for, and is finished by the interpreter
        // when that call is done. Otherwise the call takes its place.
        let keep = nat.flags & (flags::PCALL | flags::XPCALL) != 0;
        let nresults = if keep { -1 } else { nat.nresults };
        match self.ts.stack[fslot] {
            Value::LFn(cl) => {
                if !keep {
                    self.ts.frames.pop();
                }
                self.push_lua_frame(fslot, cl, nresults)?;
                self.ts.frames.last_mut().expect("frame").flags |=
                    if keep { kind | flags::KEPT } else { kind };
                Ok(true)
            }
            Value::NFn(nc) if !keep => {
                // A native run by pcall gets the flagged frame itself, so it may yield
                // (`pcall(coroutine.yield, x)`) and its errors stop at that frame.
                self.ts.frames.pop();
                match self.call_native_flags(fslot, nc, nresults, kind)? {
                    Called::Yield => {
                        if self.ts.nny > 0 {
                            return Err(self.rt_error("attempt to yield across a C-call boundary"));
                        }
                        Err(LuaError {
                            value: Value::Nil,
                            kind: ErrorKind::Yield,
                        })
                    }
                    Called::Protected(k2) => self.protected_in_interp(k2),
                    Called::Lua => Ok(true),
                    Called::Native => Ok(false),
                }
            }
            _ => {
                self.protected_from_native(kind);
                Ok(false)
            }
        }
    }

    #[cold]
    fn c_stack_overflow(&mut self) -> LuaError {
        if self.c_depth >= MAX_C_DEPTH + 10 {
            return LuaError {
                value: Value::Nil,
                kind: ErrorKind::ErrorInHandler,
            };
        }
        self.rt_error("C stack overflow")
    }

    /// Call a metamethod and return its first result. Called from an instruction of
    /// a running Lua frame, the call may yield: the yield unwinds the Rust frames with
    /// an `ErrorKind::Yield` error and, on resume, `finish_op` completes the
    /// interrupted instruction with the metamethod's result. From native code it is a
    /// plain `call_value`.
    pub fn call_tm(&mut self, f: Value, args: &[Value]) -> LResult<Value> {
        self.call_tm_with(f, args, false)
    }

    /// `call_tm` for `__concat`: the metamethod is placed at the current top (the end
    /// of the concatenation run), where `finish_op` expects its result.
    pub fn call_tm_concat(&mut self, f: Value, args: &[Value]) -> LResult<Value> {
        self.call_tm_with(f, args, true)
    }

    fn call_tm_with(&mut self, f: Value, args: &[Value], at_top: bool) -> LResult<Value> {
        if !matches!(
            self.ts.frames.last().map(|c| c.func_obj),
            Some(FrameFn::Lua(_))
        ) {
            return self.call_value(f, args);
        }
        let saved_top = self.ts.top;
        let func = if at_top {
            let func = self.ts.top;
            self.ensure_stack(func + args.len() + 1 + MIN_STACK)?;
            self.ts.stack[func] = f;
            self.ts.stack[func + 1..func + 1 + args.len()].copy_from_slice(args);
            self.ts.top = func + 1 + args.len();
            func
        } else {
            self.push_call(f, args)?
        };
        if self.c_depth >= MAX_C_DEPTH {
            return Err(self.c_stack_overflow());
        }
        self.c_depth += 1;
        let r = self.call_resumable(func);
        self.c_depth -= 1;
        r?;
        let r = self.ts.stack[func];
        self.ts.top = saved_top;
        Ok(r)
    }

    fn call_resumable(&mut self, func: usize) -> LResult<()> {
        let yield_err = LuaError {
            value: Value::Nil,
            kind: ErrorKind::Yield,
        };
        match self.precall(func, 1)? {
            Called::Lua => {
                let entry = self.ts.frames.len() - 1;
                self.ts.frames[entry].flags |= flags::FINISH;
                match self.execute(entry)? {
                    false => Ok(()),
                    true => Err(yield_err),
                }
            }
            Called::Native => Ok(()),
            Called::Yield => {
                if self.ts.nny > 0 {
                    return Err(self.rt_error("attempt to yield across a C-call boundary"));
                }
                self.ts.frames.last_mut().expect("yield frame").flags |= flags::FINISH;
                Err(yield_err)
            }
            Called::Protected(kind) => {
                self.protected_from_native(kind);
                Ok(())
            }
        }
    }

    /// The first stack slot free for a call made from Rust: above the registers of
    /// a running Lua frame (whose `ts.top` is not maintained), or the top of a native
    /// frame.
    #[inline]
    pub fn safe_top(&self) -> usize {
        match self.ts.frames.last() {
            Some(ci) if matches!(ci.func_obj, FrameFn::Lua(_)) => ci.top.max(self.ts.top),
            _ => self.ts.top,
        }
    }

    /// Place `f` and `args` at the first free slot (`safe_top`) and set the top
    /// after them; returns the function's slot.
    fn push_call(&mut self, f: Value, args: &[Value]) -> LResult<usize> {
        let func = self.safe_top();
        self.ensure_stack(func + args.len() + 1 + MIN_STACK)?;
        self.ts.stack[func] = f;
        self.ts.stack[func + 1..func + 1 + args.len()].copy_from_slice(args);
        self.ts.top = func + 1 + args.len();
        Ok(func)
    }

    /// Call `f(args)` and return its first result (for metamethods).
    pub fn call_value(&mut self, f: Value, args: &[Value]) -> LResult<Value> {
        let saved_top = self.ts.top;
        let func = self.push_call(f, args)?;
        self.call(func, 1)?;
        let r = self.ts.stack[func];
        self.ts.top = saved_top;
        Ok(r)
    }

    /// Call the value at `func` in protected mode. On error the stack is unwound to
    /// `func` (upvalues closed, to-be-closed variables closed) and the error returned;
    /// the frames are as they were before the call.
    pub fn pcall(
        &mut self,
        func: usize,
        nresults: i32,
        handler: Option<Value>,
    ) -> Result<(), LuaError> {
        let saved_frames = self.ts.frames.len();
        let saved_c = self.c_depth;
        let saved_nny = self.ts.nny;
        match self.call(func, nresults) {
            Ok(()) => Ok(()),
            Err(e) => {
                let e = match handler {
                    Some(h) => self.call_handler(h, e),
                    None => e,
                };
                let e = self.unwind_to(saved_frames, func, e);
                self.c_depth = saved_c;
                self.ts.nny = saved_nny;
                Err(e)
            }
        }
    }

    /// Run an `xpcall` message handler on error `e` (stack still intact).
    pub(crate) fn call_handler(&mut self, h: Value, e: LuaError) -> LuaError {
        if e.kind == ErrorKind::ErrorInHandler {
            return self.error_in_handler();
        }
        let saved_top = self.ts.top;
        // Make room above everything live.
        let top = self
            .ts
            .frames
            .last()
            .map(|c| c.top)
            .unwrap_or(0)
            .max(self.ts.top);
        self.ts.top = top;
        let r = match self.call_value(h, &[e.value]) {
            Ok(v) => LuaError {
                value: v,
                kind: e.kind,
            },
            Err(_) => self.error_in_handler(),
        };
        self.ts.top = saved_top;
        r
    }

    fn error_in_handler(&mut self) -> LuaError {
        let v = self.str_value(b"error in error handling");
        LuaError {
            value: v,
            kind: ErrorKind::ErrorInHandler,
        }
    }

    /// Unwind after an error: close upvalues and to-be-closed variables down to
    /// stack level `level`, pop frames to `nframes`. Returns the final error (a
    /// `__close` that errors replaces it).
    pub(crate) fn unwind_to(&mut self, nframes: usize, level: usize, mut e: LuaError) -> LuaError {
        if e.kind == ErrorKind::ErrorInHandler && e.value.is_nil() {
            e = self.error_in_handler();
        }
        self.ts.frames.truncate(nframes);
        // Keep the error value rooted while closing handlers run.
        let err_slot = self.ts.stack.len().min(self.ts.top.max(level));
        self.in_stack_overflow = false;
        self.close_upvals(level);
        while let Some(&idx) = self.ts.tbc.last() {
            if idx < level {
                break;
            }
            self.ts.tbc.pop();
            let obj = self.ts.stack[idx];
            let top = err_slot.max(idx + 1);
            self.ts.top = top;
            let _ = self.ensure_stack(top + 4);
            self.ts.stack[top] = e.value;
            self.ts.top = top + 1;
            if let Err(e2) = self.call_close_method(obj, e.value, true) {
                e = e2;
            }
        }
        self.ts.top = level;
        e
    }

    // ---- upvalues and to-be-closed variables --------------------------------------

    /// Find or create the open upvalue for stack slot `idx`.
    pub(crate) fn find_upval(&mut self, idx: usize) -> GcRef<UpVal> {
        // Open upvalues are sorted by index; search from the top (recent locals).
        let list = &self.ts.open_upvals;
        let mut pos = list.len();
        while pos > 0 {
            let uv = list[pos - 1];
            if uv.index == idx {
                return uv;
            }
            if uv.index < idx {
                break;
            }
            pos -= 1;
        }
        let ptr = &mut self.ts.stack[idx] as *mut Value;
        let uv = self.heap.alloc(
            ObjKind::UpVal,
            UpVal {
                v: Cell::new(ptr),
                closed: Cell::new(Value::Nil),
                index: idx,
            },
            0,
        );
        self.ts.open_upvals.insert(pos, uv);
        uv
    }

    /// Close every open upvalue at stack index >= `level`.
    #[inline]
    pub(crate) fn close_upvals(&mut self, level: usize) {
        while let Some(&uv) = self.ts.open_upvals.last() {
            if uv.index < level {
                break;
            }
            self.ts.open_upvals.pop();
            uv.closed.set(self.ts.stack[uv.index]);
            uv.v.set(uv.closed.as_ptr());
        }
    }

    /// Register the variable in slot `idx` as to-be-closed (TBC instruction).
    pub(crate) fn new_tbc(&mut self, idx: usize) -> LResult<()> {
        let v = self.ts.stack[idx];
        if v.is_falsy() {
            return Ok(());
        }
        if self.get_tm(&v, Tm::Close).is_nil() {
            let name = self
                .local_var_name_at(idx)
                .unwrap_or_else(|| "?".to_string());
            return Err(self.rt_error(&format!("variable '{name}' got a non-closable value")));
        }
        self.ts.tbc.push(idx);
        Ok(())
    }

    /// Close upvalues and run `__close` for to-be-closed variables at slots >= `level`
    /// on a normal exit (CLOSE, RETURN with k).
    pub(crate) fn close_all(&mut self, level: usize) -> LResult<()> {
        self.close_upvals(level);
        while let Some(&idx) = self.ts.tbc.last() {
            if idx < level {
                break;
            }
            self.ts.tbc.pop();
            let obj = self.ts.stack[idx];
            self.call_close_method(obj, Value::Nil, false)?;
        }
        Ok(())
    }

    fn call_close_method(&mut self, obj: Value, err: Value, _unwinding: bool) -> LResult<()> {
        let tm = self.get_tm(&obj, Tm::Close);
        if tm.is_nil() {
            return Ok(());
        }
        // Call above everything the current frame uses.
        let top = self
            .ts
            .frames
            .last()
            .map(|c| c.top)
            .unwrap_or(0)
            .max(self.ts.top);
        let saved = self.ts.top;
        self.ts.top = top;
        let nframes = self.ts.frames.len();
        let r = self.call_value(tm, &[obj, err]).map(|_| ());
        // A failed call leaves its frames (for tracebacks); we carry on here.
        self.ts.frames.truncate(nframes);
        self.ts.top = saved;
        r
    }

    /// `call_value` for native code that handles the error itself and goes on: on
    /// error the frames and stack top are restored (upvalues of the failed call's
    /// frames are closed).
    pub fn try_call_value(&mut self, f: Value, args: &[Value]) -> LResult<Value> {
        let nframes = self.ts.frames.len();
        let top = self.ts.top;
        let level = self.safe_top();
        match self.call_value(f, args) {
            Ok(v) => Ok(v),
            Err(e) => {
                let e = self.unwind_to(nframes, level, e);
                self.ts.top = top;
                Err(e)
            }
        }
    }
}
