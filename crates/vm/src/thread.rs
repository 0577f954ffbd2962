//! Threads (coroutines): each has its own value stack and call frames.
//!
//! The running thread's `ExecState` lives in `Vm::ts`; a suspended thread keeps its
//! own. Switching threads swaps the two (three `Vec` headers: no copying), so the
//! interpreter always works on `vm.ts` directly.

use crate::func::{LClosure, NClosure, UpVal};
use crate::gc::heap::GcRef;
use crate::value::Value;

/// What a frame is running.
#[derive(Clone, Copy, Debug)]
pub enum FrameFn {
    Lua(GcRef<LClosure>),
    Native(GcRef<NClosure>),
}

/// Frame flags.
pub mod flags {
    /// The frame was called with `pcall`: errors stop here, results get a `true` in
    /// front and go to `func - 1`.
    pub const PCALL: u8 = 1;
    /// Like PCALL for `xpcall`: results go to `func - 2`, the handler is at `func - 1`.
    pub const XPCALL: u8 = 2;
    /// The frame was entered by a tail call (for tracebacks).
    pub const TAIL: u8 = 4;
    /// The frame is the bottom of a coroutine (its return finishes the coroutine).
    pub const CO_BASE: u8 = 8;
    /// A metamethod called by an interrupted instruction of the Lua frame below:
    /// if the call is resumed after a yield, its result must finish that
    /// instruction (`Vm::finish_op`).
    pub const FINISH: u8 = 16;
    /// With PCALL/XPCALL: the protected native that asked for this call is still
    /// on the frame stack below (`xpcall(pcall, ...)`), so debug levels need no
    /// stand-in for it.
    pub const KEPT: u8 = 32;
}

/// One activation record.
#[derive(Clone, Copy, Debug)]
pub struct CallInfo {
    /// Stack slot holding the called function; results are moved here.
    pub func: usize,
    /// First register / argument.
    pub base: usize,
    /// End of the frame's registers (Lua) or of its guaranteed space (native).
    pub top: usize,
    /// Lua frames: index of the next instruction (saved when the frame is left).
    pub pc: usize,
    /// Results the caller wants (-1: all).
    pub nresults: i32,
    /// Vararg functions: number of extra arguments, stored below `base`.
    pub nextra: u32,
    pub flags: u8,
    pub func_obj: FrameFn,
}

/// Coroutine status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoStatus {
    /// Created or yielded: can be resumed.
    Suspended,
    Running,
    /// Resumed another coroutine.
    Normal,
    Dead,
}

/// The execution state of a thread.
#[derive(Default)]
pub struct ExecState {
    pub stack: Vec<Value>,
    pub frames: Vec<CallInfo>,
    /// Open upvalues, sorted by stack index (ascending).
    pub open_upvals: Vec<GcRef<UpVal>>,
    /// Stack indices of live to-be-closed variables (ascending).
    pub tbc: Vec<usize>,
    /// First free stack slot (meaningful at calls and in native frames).
    pub top: usize,
    /// Nested non-yieldable calls (native code calling back into Lua).
    pub nny: u32,
    /// Debug hook events enabled on this thread (`hooks::MASK_*`).
    pub hook_mask: u8,
    /// Count hook: instructions between events, and instructions left.
    pub hook_count: u32,
    pub hook_left: u32,
    /// Index of the last instruction the line hook saw (PUC's `L->oldpc`).
    pub hook_oldpc: usize,
}

pub struct Thread {
    pub(crate) state: ExecState,
    pub(crate) status: CoStatus,
    /// Whether the body function has started (first resume passes arguments to it).
    pub(crate) started: bool,
    /// The error that killed the coroutine (for `coroutine.close`).
    pub(crate) error: Option<crate::value::Value>,
}

impl Thread {
    pub fn status(&self) -> CoStatus {
        self.status
    }
}
