//! Debug hooks (`debug.sethook`): call, return, line and count events.
//!
//! The interpreter tests one flag per frame entry and, only when a hook is set,
//! calls `hook_instruction` before each instruction (PUC's `luaG_traceexec`).
//! The hook function itself is kept by the debug library in the registry table
//! `_HOOKKEY`, keyed by thread.

use crate::error::LResult;
use crate::gc::heap::GcRef;
use crate::state::Vm;
use crate::thread::{flags, FrameFn, Thread};
use crate::value::Value;

pub const MASK_CALL: u8 = 1;
pub const MASK_RET: u8 = 2;
pub const MASK_LINE: u8 = 4;
pub const MASK_COUNT: u8 = 8;

/// The registry field holding the hook functions (by thread).
pub const HOOK_KEY: &str = "_HOOKKEY";

impl Vm {
    /// Enable hook events for a thread (the function is stored by the caller).
    pub fn set_hook(&mut self, th: GcRef<Thread>, mask: u8, count: u32) {
        let st = if th == self.cur_thread {
            &mut self.ts
        } else {
            &mut th.get_mut().state
        };
        st.hook_mask = mask;
        st.hook_count = count;
        st.hook_left = count;
    }

    /// Call the running thread's hook for `event`.
    fn run_hook(&mut self, event: &str, line: Option<i64>) -> LResult<()> {
        if self.in_hook {
            return Ok(());
        }
        let key = self.new_str(HOOK_KEY.as_bytes());
        let Value::Table(t) = self.registry.get_str(key) else {
            return Ok(());
        };
        let f = self.raw_get(t, Value::Thread(self.cur_thread));
        if !f.is_function() {
            return Ok(());
        }
        let ev = self.str_value(event.as_bytes());
        let arg = line.map(Value::Int).unwrap_or(Value::Nil);
        self.in_hook = true;
        let r = self.call_value(f, &[ev, arg]);
        self.in_hook = false;
        r.map(|_| ())
    }

    /// Entering a function: the call hook, and the line hook starts afresh.
    #[cold]
    pub(crate) fn hook_call(&mut self, ci: usize) -> LResult<()> {
        self.ts.hook_oldpc = 0;
        if self.ts.hook_mask & MASK_CALL != 0 {
            let tail = self.ts.frames[ci].flags & flags::TAIL != 0;
            self.run_hook(if tail { "tail call" } else { "call" }, None)?;
        }
        Ok(())
    }

    /// Leaving the function in frame `ci`.
    #[cold]
    pub(crate) fn hook_return(&mut self) -> LResult<()> {
        if self.ts.hook_mask & MASK_RET != 0 {
            let top = self.ts.top;
            self.run_hook("return", None)?;
            self.ts.top = top;
        }
        Ok(())
    }

    /// Back in a Lua frame after a call returned: no line event for the same line.
    #[inline]
    pub(crate) fn hook_resume_frame(&mut self, pc: usize) {
        self.ts.hook_oldpc = pc.saturating_sub(1);
    }

    /// Before the instruction at `pc` of frame `ci`: count and line events.
    #[cold]
    pub(crate) fn hook_instruction(&mut self, ci: usize, pc: usize) -> LResult<()> {
        let mask = self.ts.hook_mask;
        if mask & MASK_COUNT != 0 && self.ts.hook_count > 0 {
            self.ts.hook_left = self.ts.hook_left.saturating_sub(1);
            if self.ts.hook_left == 0 {
                self.ts.hook_left = self.ts.hook_count;
                self.run_hook("count", None)?;
            }
        }
        if mask & MASK_LINE != 0 {
            let FrameFn::Lua(cl) = self.ts.frames[ci].func_obj else {
                return Ok(());
            };
            let p = cl.proto;
            let oldpc = if self.ts.hook_oldpc < p.code.len() {
                self.ts.hook_oldpc
            } else {
                0
            };
            if p.line_info.is_empty() {
                // Stripped code: no line information, no line events.
                self.ts.hook_oldpc = pc;
                return Ok(());
            }
            if pc <= oldpc || p.line_at(pc) != p.line_at(oldpc) {
                let line = p.line_at(pc) as i64;
                self.run_hook("line", Some(line))?;
            }
            self.ts.hook_oldpc = pc;
        }
        Ok(())
    }
}
