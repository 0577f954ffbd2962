//! The coroutine library (PUC's `lcorolib.c`). The switching itself is in
//! `moonvm_vm::coroutine`.

use moonvm_vm::call::YIELD;
use moonvm_vm::thread::{CoStatus, Thread};
use moonvm_vm::{GcRef, LResult, LuaError, Value, Vm};

pub fn open(vm: &mut Vm) {
    vm.register_lib(
        "coroutine",
        &[
            ("create", create),
            ("resume", resume),
            ("yield", yield_),
            ("status", status),
            ("wrap", wrap),
            ("isyieldable", isyieldable),
            ("running", running),
            ("close", close),
        ],
    );
}

fn check_co(vm: &mut Vm, n: usize) -> LResult<GcRef<Thread>> {
    match vm.arg(n) {
        Value::Thread(t) => Ok(t),
        _ => Err(vm.arg_type_error(n, "thread")),
    }
}

fn create(vm: &mut Vm) -> LResult<usize> {
    let f = vm.arg(1);
    if !f.is_function() {
        return Err(vm.arg_type_error(1, "function"));
    }
    let t = vm.new_thread(f);
    vm.ret1(Value::Thread(t))
}

/// Resume `co` with the arguments from `first_arg` on (the top of the stack) and
/// push its results: Ok(count) or the error.
fn do_resume(vm: &mut Vm, co: GcRef<Thread>, first_arg: usize) -> Result<usize, LuaError> {
    let nargs = vm.arg_count() + 1 - first_arg;
    if co == vm.cur_thread {
        return Err(vm.error_str("cannot resume non-suspended coroutine"));
    }
    vm.resume(co, nargs).map(|r| r.nresults)
}

fn resume(vm: &mut Vm) -> LResult<usize> {
    let co = check_co(vm, 1)?;
    match do_resume(vm, co, 2) {
        Ok(n) => {
            // Insert `true` before the n results.
            vm.push(Value::Nil);
            let t = vm.ts.top;
            vm.ts.stack.copy_within(t - 1 - n..t - 1, t - n);
            vm.ts.stack[t - 1 - n] = Value::Bool(true);
            Ok(n + 1)
        }
        Err(e) => vm.ret(&[Value::Bool(false), e.value]),
    }
}

fn yield_(vm: &mut Vm) -> LResult<usize> {
    if vm.cur_thread == vm.main_thread {
        return Err(vm.lib_error("attempt to yield from outside a coroutine"));
    }
    Ok(YIELD)
}

fn status_name(vm: &Vm, co: GcRef<Thread>) -> &'static str {
    if co == vm.cur_thread {
        return "running";
    }
    match co.status() {
        CoStatus::Suspended => "suspended",
        CoStatus::Running => "running",
        CoStatus::Normal => "normal",
        CoStatus::Dead => "dead",
    }
}

fn status(vm: &mut Vm) -> LResult<usize> {
    let co = check_co(vm, 1)?;
    let s = status_name(vm, co);
    let v = vm.str_value(s.as_bytes());
    vm.ret1(v)
}

fn wrap_aux(vm: &mut Vm) -> LResult<usize> {
    let f = vm.ts.stack[vm.ts.frames.last().expect("frame").func];
    let Value::NFn(nc) = f else {
        return Err(vm.lib_error("invalid wrap function"));
    };
    let Value::Thread(co) = nc.upvals[0] else {
        return Err(vm.lib_error("invalid wrap function"));
    };
    match do_resume(vm, co, 1) {
        Ok(n) => Ok(n),
        Err(e) => {
            let mut v = e.value;
            if co.status() == CoStatus::Dead {
                // Close its pending to-be-closed variables (errors there win).
                if let Some(e2) = vm.close_thread(co) {
                    v = e2.value;
                }
            }
            if let Value::Str(s) = v {
                if let Some(w) = vm.where_(1) {
                    let mut b = w.into_bytes();
                    b.extend_from_slice(s.as_bytes());
                    v = vm.str_value(&b);
                }
            }
            Err(LuaError::new(v))
        }
    }
}

fn wrap(vm: &mut Vm) -> LResult<usize> {
    let f = vm.arg(1);
    if !f.is_function() {
        return Err(vm.arg_type_error(1, "function"));
    }
    let t = vm.new_thread(f);
    // Keep the thread rooted while the closure is made.
    vm.push(Value::Thread(t));
    let w = vm.new_native_with(wrap_aux, "wrap", Value::Thread(t));
    vm.ret1(w)
}

fn isyieldable(vm: &mut Vm) -> LResult<usize> {
    let r = match vm.arg(1) {
        Value::Thread(t) if t != vm.cur_thread => {
            t.status() == CoStatus::Suspended || t.status() == CoStatus::Normal
        }
        Value::Thread(_) | Value::Nil => vm.is_yieldable(),
        _ => return Err(vm.arg_type_error(1, "coroutine")),
    };
    vm.ret1(Value::Bool(r))
}

fn running(vm: &mut Vm) -> LResult<usize> {
    let t = vm.cur_thread;
    let main = t == vm.main_thread;
    vm.ret(&[Value::Thread(t), Value::Bool(main)])
}

fn close(vm: &mut Vm) -> LResult<usize> {
    let co = check_co(vm, 1)?;
    match status_name(vm, co) {
        "suspended" | "dead" => match vm.close_thread(co) {
            None => vm.ret1(Value::Bool(true)),
            Some(e) => vm.ret(&[Value::Bool(false), e.value]),
        },
        s => Err(vm.lib_error(&format!("cannot close a {s} coroutine"))),
    }
}
