//! Function objects: runtime prototypes, Lua closures, native closures and upvalues.

use crate::error::LResult;
use crate::gc::heap::GcRef;
use crate::state::Vm;
use crate::value::Value;
use moonvm_bytecode::{Instruction, LocVar, UpvalDesc};
use std::cell::Cell;
use std::rc::Rc;

/// A prototype as the VM runs it: the compiler's `Proto` with its constants turned
/// into values (strings interned in this heap) and its children loaded too.
pub struct LuaProto {
    pub code: Box<[Instruction]>,
    pub k: Box<[Value]>,
    pub protos: Box<[GcRef<LuaProto>]>,
    pub upvals: Box<[UpvalDesc]>,
    pub num_params: u8,
    pub is_vararg: bool,
    pub max_stack: u8,
    pub line_info: Box<[u32]>,
    pub loc_vars: Box<[LocVar]>,
    pub source: Rc<str>,
    pub line_defined: u32,
    pub last_line_defined: u32,
}

impl LuaProto {
    /// Source line of instruction `pc` (0 if unknown).
    pub fn line_at(&self, pc: usize) -> u32 {
        self.line_info.get(pc).copied().unwrap_or(0)
    }

    /// Name of the `n`-th (1-based) local variable active at `pc`.
    pub fn local_name(&self, mut n: usize, pc: usize) -> Option<&str> {
        for v in self.loc_vars.iter() {
            if v.start_pc as usize > pc {
                break;
            }
            if pc < v.end_pc as usize {
                n -= 1;
                if n == 0 {
                    return Some(&v.name);
                }
            }
        }
        None
    }
}

/// A Lua function value.
pub struct LClosure {
    pub proto: GcRef<LuaProto>,
    pub upvals: Box<[GcRef<UpVal>]>,
}

/// The signature of a native function. Arguments are the stack slots of its frame
/// (`Vm::arg`); it pushes its results and returns how many it pushed (the topmost
/// ones). It may instead return `YIELD` (see `coroutine.yield`).
pub type NativeFn = fn(&mut Vm) -> LResult<usize>;

/// A native function value, with optional upvalues.
pub struct NClosure {
    pub f: NativeFn,
    pub name: &'static str,
    pub upvals: Box<[Value]>,
}

/// A variable captured by a closure. While open it points at a stack slot of its
/// thread; when the slot goes out of scope the value moves into `closed` and `v`
/// points there. Stack reallocation re-points open upvalues (`Vm::grow_stack`).
pub struct UpVal {
    pub(crate) v: Cell<*mut Value>,
    pub(crate) closed: Cell<Value>,
    /// Stack index while open.
    pub(crate) index: usize,
}

impl UpVal {
    #[inline(always)]
    pub fn get(&self) -> Value {
        // SAFETY: `v` points either at a live stack slot (open: the slot is below the
        // owning thread's top and re-pointed whenever that stack moves) or at `closed`.
        unsafe { *self.v.get() }
    }

    /// The slot the upvalue currently designates.
    #[inline(always)]
    pub fn slot(&self) -> *mut Value {
        self.v.get()
    }

    #[inline(always)]
    pub fn set(&self, val: Value) {
        // SAFETY: as in `get`.
        unsafe { *self.v.get() = val }
    }
}
