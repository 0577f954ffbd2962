//! Errors raised by Lua code or the VM. The error value is any Lua value.

use crate::value::Value;

/// A Lua error in flight. The value is kept reachable by whoever handles it (it is
/// stored on the stack before any code that could collect runs).
#[derive(Clone, Copy, Debug)]
pub struct LuaError {
    pub value: Value,
    /// Out-of-stack errors are reported without running more Lua code.
    pub kind: ErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Runtime,
    Syntax,
    Memory,
    ErrorInHandler,
    /// Not an error: a coroutine yield unwinding the Rust frames of metamethod calls
    /// made by the interpreter (they are finished by `Vm::finish_op` on resume).
    Yield,
    /// Not an error: the interpreter must resume in its other mode (hooks were
    /// turned on or off).
    Rerun,
}

pub type LResult<T> = Result<T, LuaError>;

impl LuaError {
    pub fn new(value: Value) -> LuaError {
        LuaError {
            value,
            kind: ErrorKind::Runtime,
        }
    }
}
