//! Coroutine switching (PUC's `lua_resume` / `lua_yield`).
//!
//! Resuming swaps the coroutine's `ExecState` into `vm.ts` and runs the interpreter
//! on it (a Rust recursion per nested resume, bounded by `MAX_C_DEPTH`). A yield is a
//! native function returning `YIELD`; the interpreter returns to `resume` with the
//! yielding frame left on the coroutine's frame stack, and the next resume finishes
//! that call with the resume arguments as its results.

use crate::error::{LResult, LuaError};
use crate::func::NativeFn;
use crate::gc::heap::{GcRef, ObjKind};
use crate::state::{Vm, MAX_C_DEPTH};
use crate::thread::{CoStatus, ExecState, FrameFn, Thread};
use crate::value::Value;

/// Outcome of a resume: how many values were pushed, and whether the coroutine
/// yielded (true) or returned (false).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resumed {
    pub nresults: usize,
    pub yielded: bool,
}

impl Vm {
    /// Create a coroutine running `f`.
    pub fn new_thread(&mut self, f: Value) -> GcRef<Thread> {
        let mut st = ExecState {
            stack: vec![Value::Nil; 48],
            ..Default::default()
        };
        st.stack[0] = f;
        st.top = 1;
        let t = self.heap.alloc(
            ObjKind::Thread,
            Thread {
                state: st,
                status: CoStatus::Suspended,
                started: false,
                error: None,
            },
            48 * 16,
        );
        self.threads.push(t);
        t
    }

    /// Resume `co` with the `nargs` values on top of the running stack (they are
    /// popped). The coroutine's results (yielded or returned values) are pushed on
    /// the running stack. On error the coroutine is dead and the error value is
    /// returned (its stack is kept for `debug.traceback`).
    pub fn resume(&mut self, co: GcRef<Thread>, nargs: usize) -> Result<Resumed, LuaError> {
        match co.status {
            CoStatus::Suspended => {}
            CoStatus::Dead => return Err(self.error_str("cannot resume dead coroutine")),
            _ => return Err(self.error_str("cannot resume non-suspended coroutine")),
        }
        if self.c_depth >= MAX_C_DEPTH {
            return Err(self.error_str("C stack overflow"));
        }
        let arg_start = self.ts.top - nargs;
        let prev = self.cur_thread;
        prev.get_mut().status = CoStatus::Normal;
        std::mem::swap(&mut self.ts, &mut prev.get_mut().state);
        std::mem::swap(&mut self.ts, &mut co.get_mut().state);
        self.cur_thread = co;
        co.get_mut().status = CoStatus::Running;
        self.c_depth += 1;

        let r = self.resume_inner(co, &prev.state.stack[arg_start..arg_start + nargs]);

        self.c_depth -= 1;
        let (result, range) = match r {
            Ok(true) => {
                // Yielded: the yield's arguments are the top values of its frame.
                let yf = self.ts.frames.last().expect("yield frame");
                co.get_mut().status = CoStatus::Suspended;
                let range = yf.base..self.ts.top;
                (
                    Ok(Resumed {
                        nresults: range.len(),
                        yielded: true,
                    }),
                    range,
                )
            }
            Ok(false) => {
                co.get_mut().status = CoStatus::Dead;
                let range = 0..self.ts.top;
                (
                    Ok(Resumed {
                        nresults: range.len(),
                        yielded: false,
                    }),
                    range,
                )
            }
            Err(e) => {
                co.get_mut().status = CoStatus::Dead;
                co.get_mut().error = Some(e.value);
                (Err(e), 0..0)
            }
        };
        std::mem::swap(&mut self.ts, &mut co.get_mut().state);
        std::mem::swap(&mut self.ts, &mut prev.get_mut().state);
        self.cur_thread = prev;
        prev.get_mut().status = CoStatus::Running;
        // Move the results from the coroutine's stack to ours (in place of the args).
        self.ts.top = arg_start;
        self.ensure_stack(arg_start + range.len() + crate::state::MIN_STACK)?;
        let n = range.len();
        self.ts.stack[arg_start..arg_start + n].copy_from_slice(&co.state.stack[range]);
        self.ts.top = arg_start + n;
        if result.as_ref().is_ok_and(|r| !r.yielded) {
            // Finished: release the coroutine's stack now.
            co.get_mut().state = ExecState::default();
        }
        result
    }

    fn resume_inner(&mut self, co: GcRef<Thread>, args: &[Value]) -> LResult<bool> {
        let n = args.len();
        if !co.started {
            co.get_mut().started = true;
            // Stack: [f, args...]; results end up at slot 0.
            self.ts.top = 1;
            self.ensure_stack(1 + n + crate::state::MIN_STACK)?;
            for a in args {
                self.push(*a);
            }
            return self.start_call(0);
        }
        // Finish the pending yield call with the resume arguments as its results.
        let ci = self.ts.frames.len() - 1;
        let fl = self.ts.frames[ci].flags;
        self.ensure_stack(self.ts.top + n + crate::state::MIN_STACK)?;
        for a in args {
            self.push(*a);
        }
        self.postcall(ci, n);
        if self.ts.frames.is_empty() {
            // The body itself was the yielding native function.
            return Ok(false);
        }
        if fl & crate::thread::flags::FINISH != 0 {
            // `yield` was itself a metamethod of an interrupted instruction (its
            // frame wanted one result, which postcall left on top).
            self.finish_op()?;
        }
        self.continue_after_native()
    }

    /// Begin the coroutine body at slot 0.
    fn start_call(&mut self, func: usize) -> LResult<bool> {
        match self.precall(func, -1)? {
            crate::call::Called::Lua => self.execute(0),
            crate::call::Called::Native => Ok(false),
            crate::call::Called::Yield => Ok(true),
            crate::call::Called::Protected(kind) => {
                if self.protected_in_interp(kind)? {
                    self.execute(0)
                } else {
                    Ok(false)
                }
            }
        }
    }

    /// After the yield's frame is finished, continue the Lua frame below it. If that
    /// is itself a native frame (only possible for a body that is a native function),
    /// the coroutine is done.
    fn continue_after_native(&mut self) -> LResult<bool> {
        match self.ts.frames.last().map(|f| f.func_obj) {
            Some(FrameFn::Lua(_)) => self.execute(0),
            _ => Ok(false),
        }
    }

    /// `coroutine.close`: close the pending to-be-closed variables of a suspended or
    /// dead coroutine. Returns the error that killed it (or one raised by a
    /// `__close`), if any.
    pub fn close_thread(&mut self, co: GcRef<Thread>) -> Option<LuaError> {
        if co == self.cur_thread || co.status == CoStatus::Running || co.status == CoStatus::Normal
        {
            // Closing is already under way on this thread (a `__close` handler
            // reached it again) or it is active: nothing to do here.
            return None;
        }
        let prev = self.cur_thread;
        std::mem::swap(&mut self.ts, &mut prev.get_mut().state);
        std::mem::swap(&mut self.ts, &mut co.get_mut().state);
        self.cur_thread = co;
        let mut err = co.get_mut().error.take().map(LuaError::new);
        // While its handlers run the coroutine counts as running (not resumable,
        // not closable again).
        co.get_mut().status = CoStatus::Running;
        // Run __close handlers above the coroutine's frames.
        let e = self.unwind_to(0, 0, err.unwrap_or(LuaError::new(Value::Nil)));
        if err.is_some() || !e.value.is_nil() {
            err = Some(e);
        }
        self.ts.frames.clear();
        self.ts.top = 0;
        std::mem::swap(&mut self.ts, &mut co.get_mut().state);
        std::mem::swap(&mut self.ts, &mut prev.get_mut().state);
        self.cur_thread = prev;
        let c = co.get_mut();
        c.status = CoStatus::Dead;
        c.error = None;
        err
    }

    /// Whether the running code may yield.
    pub fn is_yieldable(&self) -> bool {
        self.cur_thread != self.main_thread && self.ts.nny == 0
    }

    /// Make a coroutine-wrapping native function (used by `coroutine.wrap`).
    pub fn new_native_with(&mut self, f: NativeFn, name: &'static str, up: Value) -> Value {
        Value::NFn(self.new_native(f, name, vec![up]))
    }
}
